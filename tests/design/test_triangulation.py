"""Triangulation matrix and verdicts."""

from __future__ import annotations

from dataclasses import replace

from casestudy.design.triangulation import triangulation_matrix
from conftest import MINI_TEXTS


def test_verdicts(mini):
    f1, f2 = mini.findings
    contra = replace(f2.evidence[0], stance="contradicts")
    d = replace(mini, findings=(f1, replace(f2, evidence=(contra, f2.evidence[1]))))
    m = triangulation_matrix(d, d.resolve(texts=MINI_TEXTS))
    assert m[["finding", "interviews", "documentation", "contradicting", "verdict", "basis"]].values.tolist() == [
        ["f1", 1, 1, 0, "one origin", "published"], ["f2", 0, 1, 1, "divergent", "published"]]


def test_a_publication_never_corroborates_itself(mini):
    """The paper's sentences and texts written from it are one line; a researcher's own interviews are another."""
    res = mini.resolve(texts=MINI_TEXTS)
    m = triangulation_matrix(mini, res).set_index("finding")
    assert m.loc["f1", ["source_types", "independent_lines", "verdict"]].tolist() == [2, 1, "one origin"]
    own = res.assign(provenance=res["provenance"].where(res["source"] != "int_a", "empirical"))
    m = triangulation_matrix(mini, own).set_index("finding")
    assert m.loc["f1", ["independent_lines", "verdict"]].tolist() == [2, "convergent"]
    illustrative = res.assign(provenance=res["provenance"].where(res["source"] != "int_a", "illustrative"))
    assert triangulation_matrix(mini, illustrative).set_index("finding").loc["f1", "verdict"] == "one origin"
    synthetic = res.assign(provenance=res["provenance"].where(res["source"] != "int_a", "synthetic"))
    assert triangulation_matrix(mini, synthetic).set_index("finding").loc["f1", "independent_lines"] == 1


def test_broken_evidence_does_not_count(mini):
    m = triangulation_matrix(mini, mini.resolve(texts={"int_a": "x", "doc_a": "beta"}))
    assert m["verdict"].tolist() == ["single-source", "single-source"]


def test_pt_xyz_matrix(pt_xyz):
    m = triangulation_matrix(pt_xyz).set_index("finding")
    assert m.loc["f_intimacy_database_repricing", "verdict"] == "divergent"
    assert m.loc["f_profitability", ["verdict", "basis"]].tolist() == ["no evidence", "none"]
    assert m.loc["f_intimacy_on_site", ["interviews", "documentation", "verdict"]].tolist() == [5, 1, "one origin"]

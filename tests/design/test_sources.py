"""Sources of evidence."""

from __future__ import annotations

import pytest
import yaml

from casestudy import paths
from casestudy.design.sources import SOURCE_TYPES, Source
from casestudy.errors import DesignError


def test_six_types():
    assert len(SOURCE_TYPES) == 6


def test_errors():
    with pytest.raises(DesignError, match=r"^'id' must be an id starting with int_, obs_, doc_, pub_, syn_ "
                                          r"\(got 'memo_1'\)$"):
        Source("memo_1", "documentation", "x", "published")
    with pytest.raises(DesignError, match=r"^doc_a: 'file' must be a POSIX path \(relative to the design file, or "
                                          r"absolute\) \(got 'C:\\\\x'\)$"):
        Source("doc_a", "documentation", "x", "published", file="C:\\x", sha256="0" * 64)
    assert Source("doc_a", "documentation", "x", "published", file="/abs/x", sha256="0" * 64).file == "/abs/x"
    with pytest.raises(DesignError, match=r"^doc_a: 'provenance' must be one of published, empirical, illustrative, synthetic "
                                          r"\(got 'real'\)$"):
        Source("doc_a", "documentation", "x", "real")


def test_pt_xyz_inventory(pt_xyz):
    ids = [s.id for s in pt_xyz.sources]
    assert [i for i in ids if i.startswith("int_")] == [f"int_inf{k:02d}" for k in range(1, 10)]
    docs = yaml.safe_load((paths.corpus_dir() / "documents.yaml").read_text(encoding="utf-8"))["documents"]
    assert {(d["id"], d["source_type"]) for d in docs} == {
        (s.id, s.type) for s in pt_xyz.sources if s.id.startswith("doc_")}
    assert {s.provenance for s in pt_xyz.sources if s.id.startswith(("int_", "obs_"))} == {"illustrative"}
    assert pt_xyz.table_sources()["rival_tests"] == "pub_rival_tests"
    assert all(not s.file for s in pt_xyz.sources if s.id.startswith("doc_"))

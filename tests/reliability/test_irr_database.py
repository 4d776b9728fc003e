"""Reliability data from the real case study database of the illustrative PT. XYZ corpus."""

from __future__ import annotations

import warnings

import pytest

from casestudy import paths
from casestudy.pt_xyz import build_case_database
from casestudy.errors import ReliabilityError, ReliabilityWarning
from casestudy.reliability.result import assess_agreement
from casestudy.reliability.units import from_database
from casestudy.store import CaseDatabase, FixedClock

HAS_B = (paths.corpus_dir() / "codings" / "coder_b.csv").is_file()


def test_one_coder_only_is_one_clear_error(tmp_path):
    path = build_case_database(tmp_path / "a.sqlite", clock=FixedClock(), coders=("coder_a",))
    with CaseDatabase(path, clock=FixedClock(), backup=False) as db:
        with pytest.raises(ReliabilityError) as exc:
            from_database(db)
        assert str(exc.value) == "case study database: 'coders' must be at least two different coders (got ['coder_a'])"
        with pytest.raises(ReliabilityError) as exc:
            from_database(db, coders=["coder_a", "coder_b"])
        assert str(exc.value) == ("case study database: 'coders' must be coders of the database (coder_a) "
                                  "(got 'coder_b')")


@pytest.mark.skipif(not HAS_B, reason="coder B's independent coding (data/corpus/codings/coder_b.csv) not written yet")
def test_two_coders_on_the_corpus(tmp_path):
    path = build_case_database(tmp_path / "ab.sqlite", clock=FixedClock(), coders=("coder_a", "coder_b"))
    with CaseDatabase(path, clock=FixedClock(), backup=False) as db:
        data = from_database(db, unit="turn")
        texts = {s: db.source_text(s) for s in data.units["source_id"].unique()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReliabilityWarning)
        res = assess_agreement(data, n_boot=100)
    assert data.coders == ("coder_a", "coder_b")
    pooled = res.pooled()
    assert pooled["code"] == "(pooled)" and -1 <= pooled["krippendorff_alpha"] <= 1
    for row in res.disagreements.itertuples():
        assert texts[row.source_id][row.start:row.end] == row.text


@pytest.mark.skipif(not HAS_B, reason="coder B's independent coding (data/corpus/codings/coder_b.csv) not written yet")
def test_cli_on_the_database_excludes_the_consensus_by_default(tmp_path, capsys):
    from casestudy.cli import main

    path = build_case_database(tmp_path / "abc.sqlite", clock=FixedClock(), coders=("coder_a", "coder_b"),
                               include_consensus=(paths.corpus_dir() / "codings" / "consensus.csv").is_file())
    assert main(["irr", "--db", str(path), "--unit", "document", "--n-boot", "20"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == ("Intercoder reliability: 2 coders (coder_a, coder_b), unit = document, alpha at the nominal "
                        "level, 95% intervals (alpha: bootstrap over units)")
    pooled = next(line.split() for line in lines if line.split()[:1] == ["(pooled)"])
    assert pooled[1] == "564" and pooled[-1] == "reliable"
    assert captured.err.startswith("casestudy: warning: intercoder reliability: alpha below 0.667")

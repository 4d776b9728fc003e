"""The PT. XYZ illustrative project: deterministic rebuild, pseudonymised texts, consent, selectors."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from casestudy import paths
from casestudy.coding.coding_csv import read_codings_csv
from casestudy.pt_xyz import build_case_database, default_pseudonyms
from casestudy.store.resolvers import segment_lookup, source_texts
from casestudy.coding.pseudonyms import load_key
from casestudy.errors import CodingError, StoreError
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")
HAS_A = (paths.corpus_dir() / "codings" / "coder_a.csv").is_file()
CODERS = ("coder_a",) if HAS_A else ()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_case_database(tmp_path_factory.mktemp("pt") / "pt_xyz.sqlite", clock=CLOCK, coders=CODERS)


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_rebuild_is_identical(built: Path, tmp_path: Path) -> None:
    again = build_case_database(tmp_path / "again.sqlite", clock=CLOCK, coders=CODERS)
    assert dump(again) == dump(built)
    assert again.read_bytes() == built.read_bytes()


def test_sources_cases_and_no_name_from_the_key(built: Path) -> None:
    key = load_key(default_pseudonyms())
    with CaseDatabase(built, clock=CLOCK, backup=False) as db:
        s = db.sources()
        assert s["source_id"].tolist()[:9] == [f"int_inf{i:02d}" for i in range(1, 10)]
        assert set(s["source_id"]) >= {"obs_complaint", "obs_presentation", "obs_requirements"}
        assert set(s["provenance"]) == {"illustrative"}
        assert db.cases()["case_id"].tolist() == [f"inf{i:02d}" for i in range(1, 10)]
        for sid in s["source_id"]:
            assert key.find_names(db.source_text(sid)) == []
        assert all("pseudonymised" in n for n in s["normalisation"])
        assert key.find_names(db.turns()["gloss_en"].fillna("").str.cat(sep=" ")) == []


def test_selectors(built: Path) -> None:
    with CaseDatabase(built, clock=CLOCK, backup=False) as db:
        text = source_texts(db)
        assert text("int_inf03").startswith("Pewawancara: ")
        with pytest.raises(StoreError) as err:
            text("int_inf99")
        assert str(err.value) == "quote selector: 'source' must be a source of the case study database (got 'int_inf99')"
        if HAS_A:
            first = db.codings(coder="coder_a").iloc[0]
            seg = segment_lookup(db)(first["source_id"], first["code_id"], "coder_a", 1)
            assert seg.text == text(first["source_id"])[seg.start:seg.end]
            assert sorted(db.assignments()["coder_id"].unique()) == ["coder_a"]


def test_codings_csv_errors_name_file_and_line() -> None:
    texts = {"int_inf01": "INF01: kopi kopi"}
    header = "source,code,quote,occurrence,coder,memo\n"
    cases = [
        (header + "int_inf01,x,kopi,3,coder_a,\n",
         "a.csv, line 2: 'quote' must be text occurring at least 3 time(s) in source int_inf01 (found 2) (got 'kopi')"),
        (header + "int_inf01,x,kopi,1,coder_a,\nint_inf09,x,kopi,1,coder_a,\n",
         "a.csv, line 3: 'source' must be a source of the database (got 'int_inf09')"),
        (header + "int_inf01,x,kopi,first,coder_a,\n",
         "a.csv, line 2: 'occurrence' must be a positive integer (got 'first')"),
        ("source_id,code,quotes\n", "a.csv, line 1: 'columns' must be source, code and either start, end or quote "
                                    "(optional: occurrence, context, coder, status, origin, memo) "
                                    "(got ['source_id', 'code', 'quotes'])"),
    ]
    for data, message in cases:
        with pytest.raises(CodingError) as err:
            read_codings_csv(io.StringIO(data), texts, where="a.csv")
        assert str(err.value) == message
    ok = read_codings_csv(io.StringIO(header + 'int_inf01,x,"kopi",2,coder_a,"second"\n'), texts, where="a.csv")
    assert [(c.start, c.end, c.memo) for c in ok] == [(12, 16, "second")]
    legacy = "source_id,code_id,quote,occurrence,coder_id,note\n" + 'int_inf01,x,"kopi",2,coder_a,"second"\n'
    assert read_codings_csv(io.StringIO(legacy), texts, where="a.csv") == ok


def test_missing_consensus_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(paths.data_dir(), project / "data")
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    (project / "data" / "corpus" / "codings" / "consensus.csv").unlink()
    monkeypatch.setenv("CASESTUDY_PROJECT_ROOT", str(project))
    with pytest.raises(CodingError) as err:
        build_case_database(tmp_path / "x.sqlite", clock=CLOCK, coders=(), include_consensus=True)
    assert str(err.value) == ("data/corpus/codings/consensus.csv: 'path' must be an existing codings CSV "
                              "(got 'data/corpus/codings/consensus.csv')")
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.skipif(not (paths.corpus_dir() / "codings" / "consensus.csv").is_file(), reason="no consensus coding")
def test_all_codings_with_consensus(tmp_path: Path) -> None:
    path = build_case_database(tmp_path / "all.sqlite", clock=CLOCK, coders=("coder_a", "coder_b"),
                               include_consensus=True)
    with CaseDatabase(path, clock=CLOCK, backup=False) as db:
        c = db.codings()
        assert sorted(set(zip(c["coder_id"], c["origin"]))) == [
            ("coder_a", "manual"), ("coder_b", "manual"), ("consensus", "consensus")]
        assert sorted(db.assignments()["coder_id"].unique()) == ["coder_a", "coder_b", "consensus"]
        assert db.coders()["role"].tolist() == ["coder", "coder", "consensus"]

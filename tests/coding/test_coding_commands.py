"""Command line: import, codebook check, autocode, export, matrix; bad input exits 2 with one line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from casestudy import paths
from casestudy.cli import main

CORPUS = paths.corpus_dir()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQDM_DISABLE", "1")


def test_import_autocode_export_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite")
    files = sorted(str(p) for p in (CORPUS / "transcripts").glob("inf0[1-3].md"))
    status, out, _ = run(capsys, "transcripts", "import", *files, "--db", db, "--pseudonyms",
                         str(CORPUS / "pseudonyms_demo.yaml"), "--consent", str(CORPUS / "consent.csv"),
                         "--time", "2024-01-01T00:00:00+00:00")
    assert status == 0
    assert out == ("imported 3 transcript(s) into x.sqlite (event 1): added 3, unchanged 0, replaced 0 (codings "
                   "re-anchored 0, unanchored 0, merged into identical 0); new informants 3\n")
    status, out, _ = run(capsys, "autocode", "--db", db, "--codebook", str(paths.codebooks_dir() / "buttle_crm.yaml"),
                         "--time", "2024-01-01T00:00:00+00:00")
    assert status == 0 and out.startswith("stored ") and out.endswith("for 3 source(s) (status 'suggested', event 2)\n")
    csv = tmp_path / "out" / "codings.csv"
    status, out, _ = run(capsys, "codings", "export", "--db", db, "-o", str(csv))
    df = pd.read_csv(csv)
    assert list(df.columns) == ["source", "code", "start", "end", "quote", "occurrence", "context", "coder", "status",
                                "origin", "memo"]
    assert set(df["status"]) == {"suggested"} and out == f"wrote {len(df)} coding(s) to codings.csv\n"
    status, out, _ = run(capsys, "query", "matrix", "--db", db, "--by", "unit")
    assert status == 0


def test_codebook_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "codebook", "check", str(paths.codebooks_dir() / "buttle_crm.yaml"))
    assert status == 0 and out.startswith("data/codebooks/buttle_crm.yaml: codebook buttle_crm v1: ")
    bad = tmp_path / "bad.yaml"
    bad.write_text("codebook: {id: x, version: 1, title_en: X, title_id: X}\ncodes:\n"
                   "  - {id: a, label_en: A, label_id: A, parent: b}\n  - {id: b, label_en: B, label_id: B, parent: a}\n",
                   encoding="utf-8")
    status, out, err = run(capsys, "codebook", "check", str(bad))
    assert status == 2 and out == ""
    assert err == ("casestudy: error: bad.yaml, line 3, code 'a': 'parent' must be a code that is not its own "
                   "ancestor (no cycles) (got 'a -> b -> a')\n")


def test_import_bad_encoding_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.sqlite"
    good = tmp_path / "good.txt"
    good.write_text("INF01: Halo", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("INF01: Caf\xe9".encode("cp1252"))
    status, _, err = run(capsys, "transcripts", "import", str(good), str(bad), "--db", str(db), "--informant", "inf01",
                         "--language", "id")
    assert status == 2
    assert err == ("casestudy: error: bad.txt, byte 10: 'encoding' must be UTF-8 (with or without BOM) or named "
                   "with --encoding (got 'byte 0xe9')\n")
    assert not db.exists()


def test_language_is_declared_never_assumed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.sqlite"
    vtt = tmp_path / "int_c.vtt"
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Cara>Hello there.\n", encoding="utf-8")
    status, _, err = run(capsys, "transcripts", "import", str(vtt), "--db", str(db), "--informant", "cara")
    assert status == 2 and not db.exists()
    assert err == ("casestudy: error: int_c.vtt: 'language' must be declared in the front matter ('language: en') "
                   "or given with --language (got None)\n")
    own = tmp_path / "int_d.md"
    own.write_text("---\nlanguage: en\ninformant: ann\n---\nAnn: Hello.\n", encoding="utf-8")
    status, _, _ = run(capsys, "transcripts", "import", str(vtt), "--db", str(db), "--language", "en",
                       "--informant", "cara")
    assert status == 0
    status, _, _ = run(capsys, "transcripts", "import", str(own), "--db", str(db), "--language", "id")
    assert status == 0
    from casestudy.store import CaseDatabase, FixedClock

    with CaseDatabase(db, clock=FixedClock(), backup=False) as d:
        rows = d.sources().set_index("source_id")
    assert rows.loc["int_c", "language"] == "en" and rows.loc["int_d", "language"] == "en"
    assert set(rows["provenance"]) == {"empirical"}   # a researcher's own transcripts, unless a file says otherwise


def test_help_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["transcripts", "import"], ["codebook", "check"], ["autocode"], ["codings", "export"],
                 ["query", "matrix"]):
        assert main([*argv, "--help"]) == 0
        assert "usage: casestudy " + " ".join(argv) in capsys.readouterr().out

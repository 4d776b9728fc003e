"""Command line of coding by people: codings import/export, suggestions, memos, codes, events, undo, queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from casestudy import paths
from casestudy.cli import main

CORPUS = paths.corpus_dir()
TIME = ("--time", "2024-01-01T00:00:00+00:00")
CODEBOOK = str(paths.codebooks_dir() / "buttle_crm.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQDM_DISABLE", "1")


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "study.sqlite")
    files = [str(CORPUS / "transcripts" / f"inf0{i}.md") for i in (1, 2, 3)]
    status, _, err = run(capsys, "transcripts", "import", *files, "--db", path, "--pseudonyms",
                         str(CORPUS / "pseudonyms_demo.yaml"), "--consent", str(CORPUS / "consent.csv"), *TIME)
    assert status == 0, err
    return path


def _count(db: str, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def _text(db: str, source: str) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT text FROM sources WHERE id = ?", (source,)).fetchone()[0]
    finally:
        con.close()


def test_import_by_offsets_and_quotes_then_export_imports_back_unchanged(db: str, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    text = _text(db, "int_inf01")
    quote = "pembuatan aplikasi dan website"
    s = text.index(quote)
    by_offsets = tmp_path / "a.csv"
    by_offsets.write_text(f"source,code,start,end,memo\nint_inf01,portfolio_business_lines,{s},{s + len(quote)},"
                          "main line\n", encoding="utf-8")
    status, out, err = run(capsys, "codings", "import", str(by_offsets), "--db", db, "--coder", "coder_a",
                           "--codebook", CODEBOOK, *TIME)
    assert (status, err) == (0, "")
    assert out == "imported 1 coding(s) of coder_a from a.csv into study.sqlite (event 2): added 1, skipped duplicates 0\n"
    by_quote = tmp_path / "b.csv"
    by_quote.write_text(f'source,code,quote\nint_inf01,portfolio_business_lines,"{quote}"\n', encoding="utf-8")
    assert run(capsys, "codings", "import", str(by_quote), "--db", db, "--coder", "coder_b", *TIME)[0] == 0
    out1 = tmp_path / "out1.csv"
    assert run(capsys, "codings", "export", "--db", db, "-o", str(out1))[0] == 0
    other = tmp_path / "other.sqlite"
    files = [str(CORPUS / "transcripts" / f"inf0{i}.md") for i in (1, 2, 3)]
    run(capsys, "transcripts", "import", *files, "--db", str(other), "--pseudonyms",
        str(CORPUS / "pseudonyms_demo.yaml"), "--consent", str(CORPUS / "consent.csv"), *TIME)
    for coder in ("coder_a", "coder_b"):
        assert run(capsys, "codings", "import", str(out1), "--db", str(other), "--coder", coder,
                   "--codebook", CODEBOOK, *TIME)[0] == 2  # a file of two coders is not one coder's
    status, out, err = run(capsys, "codings", "import", str(out1), "--db", str(other), "--coder", "coder_a",
                           "--codebook", CODEBOOK, *TIME)
    assert err == ("casestudy: error: out1.csv, line 3: 'coder' must be empty or 'coder_a' (the coder given for "
                   "the file) (got 'coder_b')\n")
    single = tmp_path / "single.csv"
    assert run(capsys, "codings", "export", "--db", db, "--coder", "coder_a", "-o", str(single))[0] == 0
    assert run(capsys, "codings", "import", str(single), "--db", str(other), "--coder", "coder_a",
               "--codebook", CODEBOOK, *TIME)[0] == 0
    again = tmp_path / "again.csv"
    assert run(capsys, "codings", "export", "--db", str(other), "-o", str(again))[0] == 0
    assert again.read_bytes() == single.read_bytes()
    assert single.read_text(encoding="utf-8").splitlines()[0] == (
        "source,code,start,end,quote,occurrence,context,coder,status,origin,memo")


def test_ambiguous_or_missing_quote_lists_candidates_and_stores_nothing(db: str, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    text = _text(db, "int_inf01")
    word = "aplikasi"
    lines = sorted({text.count("\n", 0, i) + 1 for i in range(len(text)) if text.startswith(word, i)})
    assert len(lines) > 1
    bad = tmp_path / "bad.csv"
    bad.write_text("source,code,quote\nint_inf01,portfolio_business_lines,pembuatan aplikasi dan website\n"
                   f"int_inf01,portfolio_business_lines,{word}\n", encoding="utf-8")
    before = _count(db, "SELECT count(*) FROM codings")
    status, out, err = run(capsys, "codings", "import", str(bad), "--db", db, "--coder", "coder_a",
                           "--codebook", CODEBOOK, *TIME)
    assert status == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("casestudy: error: bad.csv, line 3: 'quote' must be text found once in source int_inf01, "
                          "or pinned by an occurrence or a context column (found ")
    assert f"occurrence 1 at text line {lines[0]}" in err and err.endswith(f"(got '{word}')\n")
    assert _count(db, "SELECT count(*) FROM codings") == before
    assert _count(db, "SELECT count(*) FROM coders") == 0  # nothing of the file stored, not even the coder
    bad.write_text("source,code,quote\nint_inf01,portfolio_business_lines,Pembuatan Aplikasi  dan website\n",
                   encoding="utf-8")
    status, _, err = run(capsys, "codings", "import", str(bad), "--db", db, "--coder", "coder_a",
                         "--codebook", CODEBOOK, *TIME)
    line = text.count("\n", 0, text.index("pembuatan aplikasi dan website")) + 1
    assert status == 2 and err == (
        "casestudy: error: bad.csv, line 2: 'quote' must be text of source int_inf01 (found with other case or "
        f"spacing at text line {line}) (got 'Pembuatan Aplikasi  dan website')\n")
    bad.write_text(f"source,code,quote,context\nint_inf01,portfolio_business_lines,{word},"
                   f"\"pembuatan {word} dan\"\n", encoding="utf-8")
    assert run(capsys, "codings", "import", str(bad), "--db", db, "--coder", "coder_a", "--codebook", CODEBOOK,
               *TIME)[0] == 0


def test_unknown_code_and_missing_db_are_one_line(db: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "c.csv"
    bad.write_text("source,code,start,end\nint_inf01,no_such_code,0,5\n", encoding="utf-8")
    status, _, err = run(capsys, "codings", "import", str(bad), "--db", db, "--coder", "coder_a", *TIME)
    assert (status, err) == (2, "casestudy: error: '--codebook' must be given: the database has no codebook yet "
                                "(got None)\n")
    status, _, err = run(capsys, "codings", "import", str(bad), "--db", db, "--coder", "coder_a", "--codebook",
                         CODEBOOK, *TIME)
    assert (status, err) == (2, "casestudy: error: c.csv, line 2: 'code' must be a codable code of codebook "
                                "version 1 (got 'no_such_code')\n")
    missing = tmp_path / "nope.sqlite"
    status, _, err = run(capsys, "codings", "import", str(bad), "--db", str(missing), "--coder", "coder_a")
    assert status == 2 and "'--db' must be an existing case study database" in err and not missing.exists()


def test_suggestions_memos_codes_undo_and_queries(db: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "autocode", "--db", db, "--codebook", CODEBOOK, *TIME)[0] == 0
    seed = tmp_path / "seed.csv"
    seed.write_text("source,code,quote\nint_inf01,portfolio_business_lines,pembuatan aplikasi dan website\n",
                    encoding="utf-8")
    assert run(capsys, "codings", "import", str(seed), "--db", db, "--coder", "coder_a", *TIME)[0] == 0
    status, out, _ = run(capsys, "suggestions", "list", "--db", db, "--coder", "coder_a", "--code",
                         "lifecycle_acquire")
    assert status == 0 and out.splitlines()[0].split() == ["id", "source", "start", "end", "line", "code", "rule",
                                                           "quote", "decision"]
    n = int(out.splitlines()[-1].split()[0])
    status, out, _ = run(capsys, "suggestions", "accept", "--db", db, "--coder", "coder_a", "--code",
                         "lifecycle_acquire", *TIME)
    assert status == 0 and out.startswith(f"accepted {n} suggestion(s) as coder_a (event 4)")
    assert _count(db, "SELECT count(*) FROM codings WHERE coder_id = 'coder_a' AND origin = 'auto'"
                      " AND status = 'accepted' AND suggestion_id IS NOT NULL") == n
    status, out, _ = run(capsys, "suggestions", "reject", "--db", db, "--coder", "coder_a", "--rule", "keyword",
                         "--source", "int_inf02", *TIME)
    assert status == 0 and out.startswith("rejected ")
    first = _count(db, "SELECT min(id) FROM codings WHERE coder_id = 'coder_a'")
    status, out, _ = run(capsys, "memos", "add", "--db", db, "--author", "coder_a", "--coding", str(first),
                         "first line of work", *TIME)
    assert (status, out) == (0, f"memo on coding {first} by coder_a (event 6)\n")
    status, out, _ = run(capsys, "codes", "rename", "lifecycle_acquire", "lifecycle_win", "--db", db, "--reason",
                         "plainer word", *TIME)
    assert status == 0 and out.startswith("codebook buttle_crm v2 (event 7): renamed lifecycle_acquire -> "
                                          "lifecycle_win; ")
    assert _count(db, "SELECT count(*) FROM codings WHERE code_id = 'lifecycle_win' AND codebook_version = 2") > 0
    status, _, err = run(capsys, "undo", "4", "--db", db, *TIME)
    assert (status, err) == (2, "casestudy: error: undo: 'EVENT' must be an event no later event depends on: "
                                "event 7 (revise_codebook by casestudy) works on its codings; undo event 7 first "
                                "(got 4)\n")
    status, out, _ = run(capsys, "undo", "7", "--db", db, *TIME)
    assert status == 0 and out.startswith("undid event 7 (event 8)")
    assert _count(db, "SELECT count(*) FROM codings WHERE code_id = 'lifecycle_win'") == 0
    status, out, _ = run(capsys, "events", "--db", db)
    assert "undone" in out.splitlines()[7]
    for verb in (["kwic", "aplikasi"], ["cooccurrence", "--by", "turn"], ["segments", "--coder", "coder_a"]):
        status, out, err = run(capsys, "query", *verb, "--db", db)
        assert status == 0 and err == "" and out
    out_csv = tmp_path / "kwic.csv"
    assert run(capsys, "query", "kwic", "aplikasi", "--db", db, "-o", str(out_csv))[0] == 0
    assert out_csv.read_text(encoding="utf-8").startswith("source_id,informant_id,turn,speaker,start,end,left,")


def test_codes_add_merge_move(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "seed.csv"
    seed.write_text("source,code,quote\nint_inf01,portfolio_business_lines,pembuatan aplikasi dan website\n"
                    "int_inf01,portfolio_pricing,pembuatan aplikasi dan website\n", encoding="utf-8")
    assert run(capsys, "codings", "import", str(seed), "--db", db, "--coder", "coder_a", "--codebook", CODEBOOK,
               *TIME)[0] == 0
    assert run(capsys, "codes", "add", "portfolio_bundles", "--label", "Bundles", "--parent", "portfolio", "--db",
               db, *TIME)[0] == 0
    status, out, _ = run(capsys, "codes", "merge", "portfolio_pricing", "--into", "portfolio_business_lines",
                         "--db", db, *TIME)
    assert status == 0 and "merged portfolio_pricing into portfolio_business_lines" in out
    assert _count(db, "SELECT count(*) FROM codings") == 1  # the two codings of one span became one
    assert run(capsys, "codes", "move", "portfolio_bundles", "--db", db, *TIME)[0] == 0
    status, out, _ = run(capsys, "codes", "list", "--db", db)
    assert "\nportfolio_bundles  Bundles" in out and out.startswith("codebook buttle_crm v4: ")
    status, _, err = run(capsys, "codes", "rename", "nope", "x", "--db", db, *TIME)
    assert (status, err) == (2, "casestudy: error: 'OLD' must be a code of codebook buttle_crm v4 (got 'nope')\n")


@pytest.mark.parametrize("argv", [["memos", "add", "hi", "--author", "a", "--project"], ["undo", "1"],
                                  ["codes", "add", "x", "--label", "X"], ["suggestions", "learn", "--coder", "a"]])
def test_writing_commands_never_turn_an_empty_file_into_a_database(tmp_path: Path, argv: list[str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    status, out, err = run(capsys, *argv, "--db", str(empty))
    assert (status, out) == (2, "") and err.startswith("casestudy: error: '--db' must be an existing case study "
                                                       "database (make one with casestudy transcripts import)")
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]

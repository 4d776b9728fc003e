"""Issue 12: the hostile-input trial, one test per finding (each failed before: traceback, silent drop or acceptance)."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest

from casestudy.cli import main
from casestudy.coding.coding_csv import read_codings_csv, write_codings_csv
from casestudy.coding.transcript_readers import read_transcript
from casestudy.crm.ledger import read_ledger
from casestudy.errors import LedgerError, TranscriptEncodingError, TranscriptError, ValidationError
from casestudy.safe_yaml import load_yaml

T = "--time=2024-01-01T00:00:00+00:00"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- transcripts ------------------------------------------------------------------------------------------
def test_control_characters_are_refused_with_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "t.md", "A: Halo.\n\nB: Ba\x00ik.\n")
    with pytest.raises(TranscriptError, match=r"t.md, line 3: 'text' must be free of control characters \(got 'U\+0000'\)"):
        read_transcript(p)


def test_utf16_without_bom_is_named(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes("A: Halo apa kabar semuanya.\n\nB: Baik sekali.\n".encode("utf-16-le"))
    with pytest.raises(TranscriptEncodingError, match="this looks like UTF-16 without a BOM: give --encoding "
                       "utf-16-le or utf-16-be"):
        read_transcript(p)


def test_unknown_encoding_is_one_error(tmp_path: Path) -> None:
    p = _write(tmp_path, "t.txt", "A: Halo.\n")
    with pytest.raises(TranscriptError, match=r"'encoding' must be a known text encoding"):
        read_transcript(p, encoding="nonsense-8")


@pytest.mark.parametrize("cues, message", [
    ("1\n00:00:01,000 --> 00:00:02,000\nA: satu\n\n2\n00:00:0x,000 --> 00:00:03,000\nB: dua\n",
     r"t.srt, line 6: 'timestamp' must be hh:mm:ss,mmm --> hh:mm:ss,mmm"),  # this cue used to vanish
    ("1\n00:00:01,000 --> 00:00:02,000\nA: satu\n\n2\n00:99:99,000 --> 00:00:03,000\nB: dua\n",
     r"t.srt, line 6: 'timestamp' must be"),
    ("1\n00:00:05,000 --> 00:00:02,000\nA: satu\n", r"t.srt, cue 1: 'cue' must be times in order"),
])
def test_srt_bad_timing_is_refused(tmp_path: Path, cues: str, message: str) -> None:
    with pytest.raises(TranscriptError, match=message):
        read_transcript(_write(tmp_path, "t.srt", cues))


def test_vtt_reversed_cues_and_impossible_bracket_timestamps(tmp_path: Path) -> None:
    vtt = "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nA: dua\n\n00:00:01.000 --> 00:00:02.000\nB: satu\n"
    with pytest.raises(TranscriptError, match=r"t.vtt, cue 2: 'cue' must be times in order"):
        read_transcript(_write(tmp_path, "t.vtt", vtt))
    with pytest.raises(TranscriptError, match=r"t.md, line 1: 'timestamp' must be hh:mm:ss with minutes"):
        read_transcript(_write(tmp_path, "t.md", "[99:99:99] A: Halo.\n"))


def test_docx_not_a_zip_empty_and_bomb(tmp_path: Path) -> None:
    bad = tmp_path / "a.docx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(TranscriptError, match=r"a.docx: 'file' must be a Word .docx document \(a zip archive\)"):
        read_transcript(bad)
    bad.write_bytes(b"")
    with pytest.raises(TranscriptError, match=r"a.docx: 'file' must be a Word .docx document"):
        read_transcript(bad)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document>" + b" " * 250_000_000 + b"</w:document>")
    start = time.perf_counter()
    with pytest.raises(TranscriptError, match=r"bomb.docx: 'file' must be a .docx that unpacks to at most 200 MB"):
        read_transcript(bomb)
    assert time.perf_counter() - start < 5  # refused before anything is unpacked


def test_docx_content_controls_are_kept(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    p = tmp_path / "c.docx"
    d = docx.Document()
    d.add_paragraph("A: Halo.")
    sdt = parse_xml('<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtContent>'
                    '<w:p><w:r><w:t>B: Dalam kontrol konten.</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    d.element.body.insert(1, sdt)
    d.save(p)
    t = read_transcript(p, language="id")
    assert [u.body for u in t.turns] == ["Halo.", "Dalam kontrol konten."]  # used to be dropped
    assert "docx_content_controls" in t.normalisation


def test_two_files_with_one_source_id_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = _write(tmp_path / "a", "int1.md", "A: satu.\n")
    two = _write(tmp_path / "b", "int1.md", "A: dua.\n")
    db = tmp_path / "x.sqlite"
    status, out, err = run(capsys, "transcripts", "import", str(one), str(two), "--db", str(db), "--informant", "a", "--language", "id", T)
    assert status == 2 and not db.exists()  # used to report "imported 2" and store one
    assert "'source id' must be different for every file" in err


@pytest.mark.parametrize("front, message", [
    ("informant: [a, b]\n", "'informant' must be a text value"),
    ("informants: inf01\n", "'informants' must be a list of informant ids"),
    ("date: 2024-02-30\n", "line 1: 'date' must be a real date (got '2024-02-30')"),
    ("a: 1\na: 2\n", "line 2: 'a' must be a key given once"),
    ("x: !!python/object:os.system x\n", "'yaml' must be plain YAML without tags"),
])
def test_front_matter_of_the_wrong_shape(tmp_path: Path, front: str, message: str) -> None:
    with pytest.raises(TranscriptError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_transcript(_write(tmp_path, "t.md", f"---\n{front}---\nA: Halo.\n"))


# -- YAML everywhere ----------------------------------------------------------------------------------------
def test_yaml_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    start = time.perf_counter()
    with pytest.raises(ValidationError, match=r"'yaml' must be YAML with at most 20 aliases"):
        load_yaml(bomb, "bomb.yaml")
    assert time.perf_counter() - start < 2  # used to take 20 s and end in MemoryError


def test_codebook_and_design_refuse_tags_and_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cb = _write(tmp_path, "cb.yaml", "codebook: {id: x, version: 1, title_en: X, title_id: X}\ncodes: []\n"
                "codes: []\n")
    status, _, err = run(capsys, "codebook", "check", str(cb))
    assert status == 2 and "cb.yaml, line 3: 'codes' must be given once" in err
    design = _write(tmp_path, "d.yaml", "title: !custom x\n")
    status, _, err = run(capsys, "design", "check", str(design))
    assert status == 2 and "'yaml' must be plain YAML without tags (got '!custom')" in err


# -- CSV out: spreadsheet formulas ----------------------------------------------------------------------------
def test_exported_csv_cells_cannot_start_a_formula() -> None:
    rows = [{"source": "s", "code": "c", "start": 0, "end": 22, "quote": "=HYPERLINK(\"http://x\")", "occurrence": 1,
             "context": "", "coder": "a", "status": "accepted", "origin": "manual", "memo": "@SUM(A1)"},
            {"source": "s", "code": "c", "start": 23, "end": 25, "quote": "+1", "occurrence": 1, "context": "",
             "coder": "a", "status": "accepted", "origin": "manual", "memo": "-2"}]
    buffer = io.StringIO()
    write_codings_csv(rows, buffer)
    cells = pd.read_csv(io.StringIO(buffer.getvalue()), dtype=str, keep_default_na=False)
    for column in ("quote", "memo"):
        assert all(not v.startswith(("=", "+", "-", "@")) for v in cells[column])
    text = "=HYPERLINK(\"http://x\") +1"
    back = read_codings_csv(io.StringIO(buffer.getvalue()), {"s": text}, where="c.csv", coder_id="a")
    assert [(c.start, c.end, c.memo) for c in back] == [(0, 22, "@SUM(A1)"), (23, 25, "-2")]  # imports back unchanged


# -- ledgers ------------------------------------------------------------------------------------------------
HEADER = ("order_id,customer_id,order_date,segment,business_line,region,contract_value,payment_period_days,referred,"
          "commission_rate,complaint,provenance\n")
ROW = "o1,c1,2019-03-04,B2G,software,sidoarjo,1000,30,false,0,false,synthetic\n"


@pytest.mark.parametrize("text, message", [
    ("", "x.csv, line 1: 'header' must be a first line naming the columns (got 'an empty file')"),
    (HEADER + "o1,c1\n", "x.csv, line 2: 'row' must be 12 fields (as the header) (got 2)"),
    (HEADER + ROW.replace(",30,", ",1e23,"), "'payment_period_days' must be a whole number of days from 0 to 3650"),
    (HEADER + ROW.replace(",1000,", ",1e308,"), "'contract_value' must be a positive number up to 1e+15"),
    (HEADER + ROW.replace("2019-03-04", "2099-03-04"), "'order_date' must be a date from 1990-01-01 to today"),
    (HEADER + 'o1,"c1,2019\n', "'csv' must be well-formed CSV"),
])
def test_bad_ledgers_are_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LedgerError) as err:
        read_ledger(_write(tmp_path, "x.csv", text))
    assert message in str(err.value)


def test_ledger_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes(HEADER.encode() + ROW.replace("c1", "c\xe9").encode("cp1252"))
    with pytest.raises(LedgerError, match=r"x.csv: 'encoding' must be UTF-8"):
        read_ledger(p)


# -- options ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv, message", [
    (["ledger", "generate", "--seed", "-1"], "'--seed' must be an integer from 0 to 4294967295 (got -1)"),
    (["codings", "export", "--db", "{db}", "-o", "{tmp}"], "'--output' must be a file name, not a folder"),
    (["report", "--db", "{db}", "--design", "{db}", "-o", "r.html", "--ledger-end", "notadate"],
     "'--ledger-end' must be a date YYYY-MM-DD (got 'notadate')"),
    (["transcripts", "import", "{db}", "--db", "{tmp}"], "'--db' must be a database file, not a folder"),
])
def test_options_are_checked_before_anything_happens(argv: list[str], message: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.sqlite"
    db.write_bytes(b"x" * 10)
    status, _, err = run(capsys, *[a.format(db=db, tmp=tmp_path) for a in argv])
    assert status == 2 and message in err, err


def test_huge_source_date_epoch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9" * 30)
    p = _write(tmp_path, "t.md", "A: Halo.\n")
    status, _, err = run(capsys, "transcripts", "import", str(p), "--db", str(tmp_path / "x.sqlite"), "--informant", "a",
                         "--language", "id")
    assert status == 2 and "'SOURCE_DATE_EPOCH' must be seconds since 1970 up to the year 9999" in err


def test_deep_codebooks_are_bounded_and_checked_in_linear_time() -> None:
    from casestudy.records.codebook import MAX_CODE_DEPTH, Code, Codebook
    from casestudy.errors import CodebookError

    deep = tuple(Code(f"c{i}", f"L{i}", f"L{i}", parent=f"c{i - 1}" if i else None) for i in range(5000))
    start = time.perf_counter()
    with pytest.raises(CodebookError, match=rf"code 'c{MAX_CODE_DEPTH}': 'parent' must be a code at most "
                       rf"{MAX_CODE_DEPTH} levels deep"):
        Codebook("x", 1, "X", "X", codes=deep)  # 5,000 levels used to take more than 180 s
    flat = tuple(Code(f"c{i}", f"L{i}", f"L{i}") for i in range(20_000))
    Codebook("x", 1, "X", "X", codes=flat)
    assert time.perf_counter() - start < 10

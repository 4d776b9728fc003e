"""Transcripts: canonical text, readers of every format, strict decoding, and the round trip through the database."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Coder
from casestudy.coding.queries import coding_export
from casestudy.records.segments import Coding
from casestudy.coding.transcript_readers import read_transcript
from casestudy.records.transcripts import Transcript
from casestudy.errors import TranscriptEncodingError, TranscriptError
from casestudy.store import CaseDatabase, FixedClock

MD = "---\nsource_id: int_inf03\ninformant: inf03\nunit: government_buyers\n---\n\n" \
     "[00:00:05] Pewawancara: Apa kabar?\n\n[00:00:09] INF03: Baik,\nterima kasih.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_markdown_with_front_matter_and_gloss(tmp_path: Path) -> None:
    p = write(tmp_path, "inf03.md", MD.encode())
    (tmp_path / "inf03.gloss.yaml").write_text("turns:\n  2: 'Fine, thank you.'\n", encoding="utf-8")
    t = read_transcript(p, language="id")
    assert t.text == "Pewawancara: Apa kabar?\n\nINF03: Baik, terima kasih."
    assert [(u.speaker, u.timestamp, u.gloss_en) for u in t.turns] == [
        ("Pewawancara", "00:00:05", None), ("INF03", "00:00:09", "Fine, thank you.")]
    assert (t.source_id, t.informant_id, t.meta("unit"), t.file_name) == ("int_inf03", "inf03", "government_buyers",
                                                                         "inf03.md")
    assert t.checksum.startswith("sha256:") and len(t.checksum) == 71


def test_bom_crlf_nfc_recorded(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + "INF01: Kafe\u0301 di Sidoarjo\r\n\r\nINF02: Ya".encode()
    t = read_transcript(write(tmp_path, "x.txt", data), language="id")
    assert t.text == "INF01: Kafé di Sidoarjo\n\nINF02: Ya"
    assert t.normalisation == ("bom_removed", "crlf_to_lf", "nfc")
    u16 = read_transcript(write(tmp_path, "y.txt", "INF01: Halo 🙂".encode("utf-16")), language="id")
    assert (u16.text, u16.normalisation) == ("INF01: Halo 🙂", ("decoded_utf-16_bom",))


@pytest.mark.parametrize("name, data, message", [
    ("bad.txt", "INF01: Caf\xe9".encode("cp1252"),
     "bad.txt, byte 10: 'encoding' must be UTF-8 (with or without BOM) or named with encoding= (got 'byte 0xe9')"),
])
def test_wrong_encoding(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(TranscriptEncodingError) as err:
        read_transcript(write(tmp_path, name, data), language="id")
    assert str(err.value) == message
    assert isinstance(err.value, UnicodeError)


@pytest.mark.parametrize("name, data, message", [
    ("empty.md", b"  \n\n", "empty.md: 'text' must be a non-empty transcript (got 'an empty file')"),
    ("speaker.md", b"INF01: Halo.\n\nIni tanpa pembicara.\n",
     "speaker.md, line 3: 'turn' must be a paragraph 'Speaker: text' with an optional [hh:mm:ss] "
     "(got 'Ini tanpa pembicara.')"),
    ("x.pdf", b"%PDF", "x.pdf: 'suffix' must be one of .txt, .md, .vtt, .srt, .docx (got '.pdf')"),
    ("fm.md", b"---\nsource_id: x\nINF01: Halo\n", "fm.md, line 1: 'front matter' must be closed by a line '---' "
                                                  "(got 'no closing line')"),
])
def test_bad_transcripts_one_clear_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(TranscriptError) as err:
        read_transcript(write(tmp_path, name, data), language="id")
    assert str(err.value) == message


def test_webvtt_voices_merge_consecutive_cues(tmp_path: Path) -> None:
    vtt = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Pewawancara>Halo\n\n"
           "00:00:02.000 --> 00:00:04.000\n<v INF05>Kopi 🙂\n\n00:00:04.000 --> 00:00:05.000\n<v INF05>enak.\n")
    t = read_transcript(write(tmp_path, "inf05.vtt", vtt.encode()), language="id")
    assert t.text == "Pewawancara: Halo\n\nINF05: Kopi 🙂 enak."
    assert [u.timestamp for u in t.turns] == ["00:00:01", "00:00:02"]


def test_srt_with_speaker_prefixes(tmp_path: Path) -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\nPewawancara: Halo\n\n2\n00:00:03,000 --> 00:00:04,500\nINF06: Paket\nsampai.\n"
    t = read_transcript(write(tmp_path, "inf06.srt", srt.encode()), language="id")
    assert t.text == "Pewawancara: Halo\n\nINF06: Paket sampai."
    with pytest.raises(TranscriptError) as err:
        read_transcript(write(tmp_path, "bad.srt", b"1\n00:00:01,000 --> 00:00:02,000\nno speaker\n"), language="id")
    assert str(err.value) == "bad.srt, cue 1: 'cue' must be a '<v Speaker>' voice or 'Speaker: text' (got 'no speaker')"


def test_docx_paragraphs_tables_and_tracked_insertions(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("Pewawancara: Apa yang dibeli?")
    p = d.add_paragraph("INF07: CCTV ")
    ins = OxmlElement("w:ins")
    for attr, value in (("w:id", "1"), ("w:author", "x"), ("w:date", "2024-01-01T00:00:00Z")):
        ins.set(qn(attr), value)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "rumah."
    run.append(text)
    ins.append(run)
    p._p.append(ins)
    table = d.add_table(rows=1, cols=3)
    for cell, value in zip(table.rows[0].cells, ("00:01:00", "Pewawancara", "Terima kasih.")):
        cell.text = value
    path = tmp_path / "inf07.docx"
    d.save(path)
    t = read_transcript(path, language="id")
    assert t.text == "Pewawancara: Apa yang dibeli?\n\nINF07: CCTV rumah.\n\nPewawancara: Terima kasih."
    assert t.turns[2].timestamp == "00:01:00"
    assert t.normalisation == ("docx_tracked_insertions_kept", "docx_table_rows")


def test_transcript_validation() -> None:
    with pytest.raises(TranscriptError) as err:
        Transcript.from_turns("int_inf01", [], language="id")
    assert str(err.value) == "int_inf01: 'turns' must be at least one speaker turn (got 0)"
    t = Transcript.from_turns("int_inf01", [("A", "x"), ("B", "y")], language="id")
    with pytest.raises(TranscriptError) as err:
        t.with_gloss({3: "z"})
    assert str(err.value) == "int_inf01: 'gloss turn' must be a turn number from 1 to 2 (got 3)"


# -- round trip: file -> canonical text -> database -> export, hypothesis ------------------------------------
ALPHABET = st.sampled_from(list("abc XYZ,.") + ["é", "e\u0301", "🙂", "👩‍💻", "ß", "İ", "\u00a0", "ñ", "n\u0303"])
BODY = st.lists(ALPHABET, min_size=1, max_size=30).map("".join).filter(lambda s: s.strip(" \u00a0") != "")
SPEAKER = st.sampled_from(["Pewawancara", "INF01", "Pengamat", "Ibu Ani"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=st.lists(st.tuples(SPEAKER, BODY), min_size=1, max_size=5), data=st.data())
def test_round_trip_file_to_database_to_export(tmp_path_factory: pytest.TempPathFactory,
                                               turns: list[tuple[str, str]], data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("rt")
    raw = "\r\n\r\n".join(f"{s}: {b}" for s, b in turns) + "\r\n"
    t = read_transcript(write(folder, "int_rt.txt", raw.encode("utf-8")), language="id")
    expected = "\n\n".join(f"{s}: {unicodedata.normalize('NFC', b.strip())}" for s, b in turns)
    assert t.text == expected
    start = data.draw(st.integers(0, len(t.text) - 1))
    end = data.draw(st.integers(start + 1, len(t.text)))
    with CaseDatabase(folder / "db.sqlite", clock=FixedClock()) as db:
        db.add_transcripts([t])
        db.add_codebook(Codebook("rt", 1, "RT", "RT", codes=(Code("x_code", "X", "X"),)))
        db.add_coders([Coder("coder_a")])
        db.add_codings([Coding("int_rt", start, end, "x_code", "coder_a")])
        assert db.source_text("int_rt") == expected
        out = coding_export(db, consented_only=False)
    assert out[["start", "end", "quote"]].values.tolist() == [[start, end, expected[start:end]]]


def test_bad_gloss_file_is_one_clear_error(tmp_path) -> None:
    (tmp_path / "t.md").write_text("A: halo\n\nB: ya\n", encoding="utf-8")
    (tmp_path / "t.gloss.yaml").write_text("turns: {1: 'hello'\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as err:
        read_transcript(tmp_path / "t.md", source_id="s")
    assert str(err.value) == "t.gloss.yaml, line 2: 'yaml' must be well-formed YAML (got \"expected ',' or '}', but got '<stream end>'\")"

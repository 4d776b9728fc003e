"""Issue 12: an informant without consent, one transcript in each format: no output carries any of it.

The database holds the PT. XYZ corpus plus five transcripts (txt, md, vtt, srt, docx) of an informant
whose consent is not recorded, with codings on them; inf03's consent is then set to ``refused``, so that
the design's own evidence items (which quote inf03) must be withheld from the report too. Every export
and the report are run, and none of the withheld text is found in what they wrote.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from casestudy import paths
from casestudy.cli import main
from casestudy.pt_xyz import build_case_database
from casestudy.store import CaseDatabase, FixedClock

T = "--time=2024-01-01T00:00:00+00:00"
MARKERS = {  # one sentence per format that must never reach an output
    "txt": "Kuda laut ungu menari di dermaga Kenjeran",
    "md": "Rahasia dapur kami adalah sambal terasi bakar",
    "vtt": "Gudang belakang dikunci setiap malam Jumat",
    "srt": "Nomor rekening lama sudah ditutup bulan lalu",
    "docx": "Anak saya sekolah di dekat alun-alun kota",
}


def _write_sources(folder: Path) -> list[Path]:
    out = []
    (folder / "s_txt.txt").write_text(f"Pewawancara: Apa kabar?\n\nNara: {MARKERS['txt']}.\n", encoding="utf-8")
    (folder / "s_md.md").write_text(f"---\nsource_id: s_md\n---\nPewawancara: Lalu?\n\nNara: {MARKERS['md']}.\n",
                                    encoding="utf-8")
    (folder / "s_vtt.vtt").write_text(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Pewawancara>Lalu?\n\n"
                                      f"00:00:03.000 --> 00:00:05.000\n<v Nara>{MARKERS['vtt']}.\n", encoding="utf-8")
    (folder / "s_srt.srt").write_text(f"1\n00:00:01,000 --> 00:00:02,000\nPewawancara: Lalu?\n\n2\n"
                                      f"00:00:03,000 --> 00:00:05,000\nNara: {MARKERS['srt']}.\n", encoding="utf-8")
    d = docx.Document()
    d.add_paragraph("Pewawancara: Lalu?")
    d.add_paragraph(f"Nara: {MARKERS['docx']}.")
    d.save(folder / "s_docx.docx")
    for suffix in MARKERS:
        out.append(folder / f"s_{suffix}.{suffix}")
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], list[str]]:
    tmp = tmp_path_factory.mktemp("leak")
    db = build_case_database(tmp / "case.sqlite", clock=FixedClock(), coders=("coder_a", "coder_b"))
    files = _write_sources(tmp)
    assert main(["transcripts", "import", *[str(f) for f in files[:1]], "--db", str(db), "--informant", "nara", "--language", "id",
                 "--speakers", "Pewawancara=interviewer,Nara=informant", T]) == 0
    for f in files[1:]:
        assert main(["transcripts", "import", str(f), "--db", str(db), "--informant", "nara", "--language", "id", T]) == 0
    with CaseDatabase(db, clock=FixedClock()) as d:  # inf03 refuses after the fact
        from casestudy.consent import ConsentRecord

        d.set_consent([ConsentRecord("inf03", "refused")])
        inf03 = [t for t in d.source_text("int_inf03").split("\n\n") if not t.startswith("Pewawancara")]
    key = str(paths.corpus_dir() / "pseudonyms_demo.yaml")
    # codings on the withheld sources (autocode suggestions over every source)
    assert main(["autocode", "--db", str(db), T]) == 0
    out = tmp / "out"
    assert main(["codings", "export", "--db", str(db), "-o", str(out / "codings.csv")]) == 0
    assert main(["codings", "export", "--db", str(db), "-o", str(out / "suggested.csv"), "--status", "suggested"]) == 0
    assert main(["qdpx", "export", "--db", str(db), "-o", str(out / "project.qdpx"), "--include-suggestions"]) == 0
    assert main(["report", "--db", str(db), "--design", str(paths.project_root() / "data/design/pt_xyz.yaml"),
                 "-o", str(out / "report.html"), "--n-boot", "20"]) == 0
    blobs: dict[str, bytes] = {}
    for f in sorted(out.rglob("*")):
        if f.suffix == ".qdpx":
            with zipfile.ZipFile(f) as z:
                blobs.update({f"{f.name}!{n}": z.read(n) for n in z.namelist()})
        elif f.is_file():
            blobs[f.name] = f.read_bytes()
    import io
    import contextlib

    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert main(["query", "matrix", "--db", str(db), "--by", "informant", "--coder", "coder_a"]) == 0
    blobs["query matrix"] = printed.getvalue().encode()
    del key
    return blobs, inf03


@pytest.mark.parametrize("fmt", sorted(MARKERS))
def test_no_text_of_the_withheld_informant_in_any_output(outputs: tuple[dict[str, bytes], list[str]],
                                                         fmt: str) -> None:
    blobs, _ = outputs
    marker = MARKERS[fmt]
    assert {name for name, data in blobs.items() if marker.encode() in data} == set()
    assert {name for name, data in blobs.items() if b"nara" in data.lower()} == set()


def test_refused_informant_and_design_evidence_are_withheld(outputs: tuple[dict[str, bytes], list[str]]) -> None:
    blobs, inf03 = outputs
    for turn in inf03:
        body = turn.split(": ", 1)[1]
        for sentence in (s for s in re.split(r"(?<=[.?!])\s+", body) if len(s) > 30):
            leaked = {n for n, d in blobs.items() if sentence.encode() in d or
                      sentence.replace("&", "&amp;").replace('"', "&quot;").encode() in d}
            assert leaked == set(), sentence
    assert b"Left out of this report: 6 source(s) without recorded consent" in blobs["report.html"]


def test_the_outputs_are_not_empty(outputs: tuple[dict[str, bytes], list[str]]) -> None:
    blobs, _ = outputs
    assert b"int_inf01" in blobs["codings.csv"] and b"int_inf01" in blobs["report.html"]
    assert any(n.startswith("project.qdpx!sources/") for n in blobs)

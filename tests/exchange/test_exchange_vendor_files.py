"""Files that real QDA programs wrote (tests/exchange/data/vendor/, origin and licence in its README):
each imports, its counts equal counts taken from its XML, each stored quote is the file's text at the
file's positions, and import then export gives back the same texts, code tree, colours, codings and memos."""

from __future__ import annotations

import hashlib
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from _exchange_helpers import CLOCK
from casestudy.cli import main
from casestudy.consent import ConsentRecord
from casestudy.exchange.mapping import project_from_database
from casestudy.exchange.model import Project, walk_codes
from casestudy.exchange.refi_export import qdpx_bytes
from casestudy.exchange.refi_import import import_qdpx
from casestudy.exchange.refi_read import read_qdc, read_qdpx
from casestudy.store import CaseDatabase

VENDOR = Path(__file__).parent / "data" / "vendor"
PROJECTS = sorted(VENDOR.glob("*/*.qdpx"))
CODEBOOKS = sorted(VENDOR.glob("*/*.qdc"))


def test_every_vendor_file_is_listed_with_its_checksum_origin_and_licence():
    rows = [line.split("\t") for line in (VENDOR / "INDEX.tsv").read_text().splitlines()[1:]]
    assert {r[0] for r in rows} == {p.relative_to(VENDOR).as_posix() for p in [*PROJECTS, *CODEBOOKS]}
    for name, sha, program, origin, licence in rows:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == sha, name
        assert program and origin and licence
    assert (VENDOR / "README.md").is_file()


def xml_counts(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("project.qde"))
    tags = Counter(etree.QName(e).localname for e in root.iter(etree.Element))
    return {"sources": tags["TextSource"], "codes": tags["Code"], "codings": tags["Coding"]}


def file_selections(path: Path) -> list[tuple[str, int, int, str]]:
    """(source text, start, end, code name) of every coding, read straight from the archive."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("project.qde"))
        names = {n.lower(): n for n in z.namelist()}
        codes = {e.get("guid").lower(): e.get("name") for e in root.iter("{*}Code")}
        out = []
        for src in root.iter("{*}TextSource"):
            member = src.get("plainTextPath").split("://")[-1]
            text = z.read(names[f"sources/{member}".lower()]).decode("utf-8-sig")
            for sel in src.iter("{*}PlainTextSelection"):
                for ref in sel.iter("{*}CodeRef"):
                    out.append((text, int(sel.get("startPosition")), int(sel.get("endPosition")),
                                codes[ref.get("targetGUID").lower()]))
    return out


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.name)
def test_vendor_project_imports_with_counts_and_quotes_of_the_file(path, tmp_path):
    with CaseDatabase(tmp_path / "v.sqlite", clock=CLOCK) as db:
        result = import_qdpx(path, db)
        stored = dict(result.stored)
        assert {k: stored[k] for k in ("sources", "codes", "codings")} == xml_counts(path)
        labels = dict(zip(db.codes()["code_id"], db.codes()["label_en"]))
        got = sorted((r.text, labels[r.code_id]) for r in db.codings().itertuples())
        want = sorted((text[s:e], code) for text, s, e, code in file_selections(path))
        assert got == want  # every stored quote is the file's text at the file's positions


def semantic(project: Project) -> dict[str, object]:
    """What must survive a round trip: texts, code tree with colours, codings, memos (by text)."""
    names = {c.guid: c.name for c, _ in walk_codes(project.codes)}
    return {
        "texts": sorted((s.name, s.text) for s in project.sources),
        "codes": sorted((c.name, p.name if p else None, c.color.lower() if c.color else None, c.codable,
                         c.description or "") for c, p in walk_codes(project.codes)),
        "codings": sorted((s.name, x.start, x.end, names[c.code_guid]) for s in project.sources
                          for x in s.selections for c in x.codings),
        "memos": sorted(n.text for n in project.notes if n.text.strip())
                 + sorted(x.description for s in project.sources for x in s.selections if x.description),
        "sources": sorted((s.guid, s.name, s.description) for s in project.sources),
        "name": project.name,
        "description": project.description,
    }


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.name)
def test_import_then_export_gives_the_same_project(path, tmp_path):
    before, _ = read_qdpx(path)
    with CaseDatabase(tmp_path / "v.sqlite", clock=CLOCK) as db:
        import_qdpx(path, db)
        # consent the file did not record, recorded by the researcher (casestudy consent set), for every
        # informant and every source without one
        sources = db.sources()
        db.set_consent([ConsentRecord(i, "recorded") for i in
                        [*db.cases()["case_id"], *sources.loc[sources["release"].notna(), "source_id"]]])
        project = project_from_database(db, origin="casestudy test")
    out = tmp_path / "again.qdpx"
    out.write_bytes(qdpx_bytes(project))  # valid against the XSD, or this raises
    after, _ = read_qdpx(out)
    a, b = semantic(before), semantic(after)
    if path.name == "qc_native.qdpx":  # the case description travels as a memo on the case
        b["memos"] = [m for m in b["memos"] if m != "Manager, 10 years"]  # type: ignore[union-attr]
    assert a == b


@pytest.mark.parametrize("path", CODEBOOKS, ids=lambda p: p.name)
def test_vendor_codebooks_import(path, tmp_path, capsys):
    book, _ = read_qdc(path)
    with open(path, "rb") as fh:
        n_codes = fh.read().count(b"<Code ")
    assert sum(1 for _ in walk_codes(book.codes)) == n_codes
    assert main(["qdc", "import", str(path), "-o", str(tmp_path / "cb.yaml")]) == 0
    assert f"{n_codes} codes" in capsys.readouterr().out


def test_known_deviations_are_named(tmp_path):
    notes = {p.name: " | ".join(read_qdpx(p)[1].notes) for p in PROJECTS}
    assert "creatingUserGUID '2d76b27b-9421-42d7-89b8-a08ce89c91fa' names no User" in notes["qc_native.qdpx"]
    assert "SourceRef '0d36a2ef-c5da-4384-9922-5a1e2d7e14c5' names no source" in notes["qc_native.qdpx"]
    assert "plainTextPath 'admin-1.txt' has no scheme (written so by the qc tool)" in notes["demo.qdpx"]
    assert notes["nvivo_project.qdpx"].count("; written so by NVivo for Mac") == 2
    assert notes["nvivo_project.qdpx"].count("rich-text copy") == 2
    qdc = {p.name: " | ".join(read_qdc(p)[1].notes) for p in CODEBOOKS}
    assert "namespace urn:QDA-XML:codebook:0:4 (written by ATLAS.ti 9)" in qdc["portableQDA_Atlasti.qdc"]
    assert "an empty <Sets/> (written by Taguette" in qdc["taguette_codebook.qdc"]


def test_dry_run_prints_what_would_come_in_and_changes_nothing(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    assert main(["qdpx", "import", str(VENDOR / "qualcoder" / "qc_native.qdpx"), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert not db.exists()
    assert out[0] == "dry run: nothing changed in d.sqlite; qc_native.qdpx would bring in:"
    assert out[1] == ("project 'qc_native.qda' from QualCoder 4.0 Beta: 2 sources, 1 cases, 6 codes, 2 coders, "
                      "6 codings, 3 memos")
    assert out[2].startswith("positions: code points (of 11 selection ends read differently")
    assert "case informant_1: 0 sources, consent not recorded in the file (withheld until recorded)" in out
    assert any(line.startswith("note: ") and "creatingUserGUID" in line for line in out)
    assert ("note: 2 source(s) with no informant and no case in the file, and no recorded release: "
            "wawancara_01_txt, catatan_lapangan_txt; withheld from exports and reports until recorded (record it "
            "with 'casestudy consent set ID --status recorded --db DB')") in out


def test_import_never_replaces_stored_sources_or_cases(tmp_path, capsys):
    db = tmp_path / "m.sqlite"
    path = str(VENDOR / "qualcoder" / "qc_native.qdpx")
    assert main(["qdpx", "import", path, "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["qdpx", "import", path, "--db", str(db)]) == 2
    assert capsys.readouterr().err == (
        "casestudy: error: --db: 'sources' must be new to the database (import never replaces a stored source; "
        "--merge adds the file's codings to stored sources with the same text) (got ['catatan_lapangan_txt', "
        "'wawancara_01_txt'])\n")
    assert main(["qdpx", "import", path, "--db", str(db), "--merge"]) == 0
    out = capsys.readouterr().out
    assert "note: source wawancara_01_txt: stored already with the same text; kept, the file's codings added" in out
    assert "note: case informant_1: stored already; kept as stored, consent and attributes unchanged" in out
    assert "note: codebook: the file's codes equal the stored codebook" in out

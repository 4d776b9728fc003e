"""Each known deviation of a real program, on a small file made in the test: tolerated with a note, or refused
when it carries codings; and what an import keeps (texts, GUIDs, names, memos, consent) comes back out."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from _exchange_helpers import CLOCK, zip_bytes
from casestudy.cli import main
from casestudy.errors import ExchangeError
from casestudy.consent import ConsentRecord
from casestudy.exchange.mapping import project_from_database
from casestudy.exchange.refi_export import qdpx_bytes
from casestudy.exchange.refi_import import import_qdpx
from casestudy.exchange.refi_read import read_qdc_bytes, read_qdpx
from casestudy.store import CaseDatabase

SRC = "5a5a5a5a-0000-4000-8000-000000000001"
USER = "0a0a0a0a-0000-4000-8000-000000000001"
CODE = "c0dec0de-0000-4000-8000-000000000001"
TEXT = "Pewawancara: Kenapa beli lagi?\r\n\r\nharga murah 😀 dan cepat\r\n"


def project(body: str = "", attrs: str = "", sources: str | None = None, text: str = TEXT) -> list[tuple[str, bytes]]:
    """A small project: one user, one code, one source (the text as given), ``body`` after the sources."""
    start = text.find("harga murah")
    sources = sources if sources is not None else (
        f'<Sources><TextSource guid="{SRC}" name="wawancara 1.txt" plainTextPath="internal://{SRC}.txt">'
        f'<Description>Rekaman di kantor</Description>'
        f'<PlainTextSelection guid="5e1e5e1e-0000-4000-8000-000000000001" startPosition="{start}" '
        f'endPosition="{start + 11}" creatingUser="{USER}"><Description>murah sekali</Description>'
        f'<Coding guid="c0d1c0d1-0000-4000-8000-000000000001" creatingUser="{USER}">'
        f'<CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection></TextSource></Sources>')
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Studi kecil" '
           f'origin="Tool 1" {attrs}><Users><User guid="{USER}" name="ana"/></Users>'
           f'<CodeBook><Codes><Code guid="{CODE}" name="Harga" isCodable="true" color="#FF0000">'
           f'<Description>Soal harga</Description></Code></Codes></CodeBook>{sources}{body}</Project>')
    return [("project.qde", qde.encode()), (f"sources/{SRC}.txt", text.encode())]


def write(tmp_path: Path, members: list[tuple[str, bytes]], name: str = "in.qdpx") -> Path:
    path = tmp_path / name
    path.write_bytes(zip_bytes(members))
    return path


def test_random_project_creating_user_is_dropped_with_a_note(tmp_path):
    path = write(tmp_path, project(attrs='creatingUserGUID="2d76b27b-9421-42d7-89b8-a08ce89c91fa"'))
    _, report = read_qdpx(path)
    assert report.notes == ("in.qdpx!project.qde, line 1: Project/@creatingUserGUID "
                            "'2d76b27b-9421-42d7-89b8-a08ce89c91fa' names no User (a known QualCoder deviation); "
                            "dropped",)


def test_dangling_case_source_ref_is_dropped_but_a_dangling_code_ref_is_refused(tmp_path):
    cases = ('<Cases><Case guid="ca5eca5e-0000-4000-8000-000000000001" name="Informan 1">'
             '<SourceRef targetGUID="0d36a2ef-c5da-4384-9922-5a1e2d7e14c5"/></Case></Cases>')
    members = project()
    qde = members[0][1].decode().replace("<Sources>", cases + "<Sources>")
    with CaseDatabase(tmp_path / "a.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, [("project.qde", qde.encode()), members[1]]), db)
        assert db.cases()["case_id"].tolist() == ["informan_1"]
    assert ("Case 'Informan 1' SourceRef '0d36a2ef-c5da-4384-9922-5a1e2d7e14c5' names no source (a known QualCoder "
            "deviation); dropped") in result.adjustments[0]
    bad = qde.replace(f'<CodeRef targetGUID="{CODE}"/>', '<CodeRef targetGUID="c0dec0de-0000-4000-8000-0000000000ff"/>')
    with pytest.raises(ExchangeError, match=r"'CodeRef/@targetGUID' must be the GUID of a Code in the document"):
        read_qdpx(write(tmp_path, [("project.qde", bad.encode()), members[1]], "bad.qdpx"))


def test_a_coding_user_naming_nobody_is_refused(tmp_path):
    members = project()
    qde = members[0][1].decode().replace(f'<Coding guid="c0d1c0d1-0000-4000-8000-000000000001" creatingUser="{USER}"',
                                         '<Coding guid="c0d1c0d1-0000-4000-8000-000000000001" '
                                         'creatingUser="0a0a0a0a-0000-4000-8000-0000000000ff"')
    with pytest.raises(ExchangeError, match=r"'Coding/@creatingUser' must be the GUID of a User in the document"):
        read_qdpx(write(tmp_path, [("project.qde", qde.encode()), members[1]]))


def test_empty_sets_and_the_old_codebook_namespace(tmp_path):
    taguette = (b'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette '
                b'1.5.2"><Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="interesting" isCodable="true"/>'
                b"</Codes><Sets/></CodeBook>")
    book, report = read_qdc_bytes(taguette, "t.qdc")
    assert [c.name for c in book.codes] == ["interesting"]
    assert report.notes == ("t.qdc: an empty <Sets/> (written by Taguette; the XSD requires at least one Set) "
                            "ignored",)
    atlas = taguette.replace(b"codebook:1.0", b"codebook:0:4").replace(b"<Sets/>", b"")
    book, report = read_qdc_bytes(atlas, "a.qdc")
    assert [c.name for c in book.codes] == ["interesting"]
    assert report.notes == ("a.qdc: namespace urn:QDA-XML:codebook:0:4 (written by ATLAS.ti 9) read as "
                            "urn:QDA-XML:codebook:1.0",)
    with pytest.raises(Exception, match="root element"):
        read_qdc_bytes(taguette.replace(b"codebook:1.0", b"codebook:9:9"), "x.qdc")


def test_empty_source_imports_as_empty_and_goes_back_out_empty(tmp_path):
    members = project(sources=f'<Sources><TextSource guid="{SRC}" name="kosong" '
                              f'plainTextPath="internal://{SRC}.txt"/></Sources>', text="\n")
    with CaseDatabase(tmp_path / "e.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, members), db)
        assert db.source_text("kosong") == "\n" and db.turns("kosong").empty
        db.set_consent([ConsentRecord("kosong", "recorded")])  # a source without informant: release recorded
        again = project_from_database(db)
    assert any("written so by NVivo for Mac for empty documents); imported as it is" in n
               for n in result.adjustments)
    assert [(s.guid, s.name, s.text) for s in again.sources] == [(SRC, "kosong", "\n")]


def test_bare_plain_text_path_is_read_from_sources(tmp_path):
    members = project()
    qde = members[0][1].decode().replace(f'plainTextPath="internal://{SRC}.txt"', 'plainTextPath="wawancara.txt"')
    with CaseDatabase(tmp_path / "b.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, [("project.qde", qde.encode()), ("sources/wawancara.txt", TEXT.encode())]),
                             db)
        assert db.source_text("wawancara_1_txt") == TEXT
    assert ("plainTextPath 'wawancara.txt' has no scheme (written so by the qc tool); read as "
            "internal://wawancara.txt") in result.adjustments[0]


def test_what_comes_in_goes_back_out_as_it_came(tmp_path):
    journal = (f'<Notes><Note guid="4a4a4a4a-0000-4000-8000-000000000001" name="Jurnal reflektif" creatingUser="{USER}" '
               'creationDateTime="2025-03-04T10:11:12Z"><PlainTextContent>Catatan hari pertama.</PlainTextContent>'
               '</Note></Notes>')
    path = write(tmp_path, project(journal))
    with CaseDatabase(tmp_path / "k.sqlite", clock=CLOCK) as db:
        import_qdpx(path, db)
        assert db.codings()[["text", "memo"]].values.tolist() == [["harga murah", "murah sekali"]]
        assert "refi_import" not in set(db.coders()["coder_id"])
        sources = db.sources()  # release of the sources without informant, recorded by the researcher
        db.set_consent([ConsentRecord(i, "recorded") for i in sources.loc[sources["release"].notna(), "source_id"]])
        out = tmp_path / "out.qdpx"
        out.write_bytes(qdpx_bytes(project_from_database(db, origin="casestudy test")))
    with zipfile.ZipFile(out) as z:
        assert z.read(f"sources/{SRC}.txt").decode() == TEXT  # CRLF, blank lines, no speaker: as it came
        qde = z.read("project.qde").decode()
    assert 'name="Studi kecil"' in qde  # the project's name
    assert f'<TextSource guid="{SRC}" name="wawancara 1.txt"' in qde
    assert "<Description>Rekaman di kantor</Description>" in qde
    assert "<Description>Soal harga</Description>" in qde and "Code id" not in qde and "Label (id)" not in qde
    assert "<Description>murah sekali</Description>" in qde  # the coding memo, as QualCoder and MAXQDA write it
    assert ('name="Jurnal reflektif"' in qde and 'creationDateTime="2025-03-04T10:11:12Z"' in qde)
    assert "refi_import" not in qde


def test_consent_not_in_the_file_is_withheld_and_said_so(tmp_path, capsys):
    cases = (f'<Cases><Case guid="ca5eca5e-0000-4000-8000-000000000001" name="Informan 1">'
             f'<SourceRef targetGUID="{SRC}"/></Case></Cases>')
    members = project()
    qde = members[0][1].decode().replace("<Sources>", cases + "<Sources>")
    db = tmp_path / "c.sqlite"
    assert main(["qdpx", "import", str(write(tmp_path, [("project.qde", qde.encode()), members[1]])), "--db",
                 str(db)]) == 0
    assert ("note: Case 'Informan 1': the file records no consent; stored as not recorded and withheld from exports "
            "and reports until recorded (record it with 'casestudy consent set ID --status recorded --db DB')") in capsys.readouterr().out
    assert main(["qdpx", "export", "--db", str(db), "-o", str(tmp_path / "o.qdpx")]) == 0
    err = capsys.readouterr().err
    assert "left out 1 case(s) whose consent is not recorded: informan_1 (record it with 'casestudy consent set')" in err


def test_a_stored_codebook_is_never_replaced_silently(tmp_path, capsys):
    db = tmp_path / "cb.sqlite"
    first = write(tmp_path, project())
    assert main(["qdpx", "import", str(first), "--db", str(db)]) == 0
    other = project()
    qde = other[0][1].decode().replace('name="Harga"', 'name="Harga jual"').replace(SRC, SRC[:-1] + "2")
    second = write(tmp_path, [("project.qde", qde.encode()), (f"sources/{SRC[:-1]}2.txt", other[1][1])], "two.qdpx")
    capsys.readouterr()
    assert main(["qdpx", "import", str(second), "--db", str(db)]) == 2
    assert capsys.readouterr().err == (
        "casestudy: error: --db: 'sources' must be new to the database (import never replaces a stored source; --merge "
        "adds the file's codings to stored sources with the same text) (got ['wawancara_1_txt'])\n")
    assert main(["qdpx", "import", str(second), "--db", str(db), "--merge"]) == 2
    assert capsys.readouterr().err == (
        "casestudy: error: --db: 'codebook' must be absent from the database, or equal to its codebook 'refi_import' "
        "version 1 (add --codebook-version next to store the file's 1 codes as version 2, or import into another --db) "
        "(got 'different codes')\n")
    assert main(["qdpx", "import", str(second), "--db", str(db), "--merge", "--codebook-version", "next"]) == 0
    out = capsys.readouterr().out
    assert "note: codebook: the file's 1 codes stored as codebook version 2 (the stored version 1 is kept)" in out
    with CaseDatabase(db, clock=CLOCK) as check:
        assert check.codebook_versions()["version"].tolist() == [1, 2]
        assert sorted(check.codings()["codebook_version"]) == [1, 2]
    assert main(["qdpx", "export", "--db", str(db), "-o", str(tmp_path / "v2.qdpx")]) == 0
    assert ("left out 1 accepted coding(s) of earlier codebook versions (the export holds codebook version 2; "
            "earlier versions stay in the database)") in capsys.readouterr().err


def test_a_selection_without_coding_but_with_a_description_becomes_a_memo_on_its_source(tmp_path):
    members = project()
    start = TEXT.index("cepat")
    comment = (f'<PlainTextSelection guid="5e1e5e1e-0000-4000-8000-000000000002" startPosition="{start}" '
               f'endPosition="{start + 5}" creatingUser="{USER}"><Description>Cepat menurut siapa?</Description>'
               "</PlainTextSelection></TextSource>")
    qde = members[0][1].decode().replace("</TextSource>", comment)
    with CaseDatabase(tmp_path / "m.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, [("project.qde", qde.encode()), members[1]]), db)
        memos = db.memos()[["target_kind", "target_id", "author", "text"]].values.tolist()
    assert memos == [["source", "wawancara_1_txt", "ana", f"[{start}:{start + 5}] 'cepat': Cepat menurut siapa?"]]
    assert any(n.startswith("1 selection(s) without a coding carry a Description") for n in result.adjustments)


def test_unclear_positions_are_refused_and_can_be_named_on_the_command_line(tmp_path, capsys):
    members = project()
    start = TEXT.index("cepat") + 1  # counted in UTF-16 code units: the emoji before it is two
    extra = (f'<PlainTextSelection guid="5e1e5e1e-0000-4000-8000-000000000003" startPosition="{start}" '
             f'endPosition="{start + 5}" creatingUser="{USER}"><Coding guid="c0d1c0d1-0000-4000-8000-000000000003" '
             f'creatingUser="{USER}"><CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection></TextSource>')
    path = write(tmp_path, [("project.qde", members[0][1].decode().replace("</TextSource>", extra).encode()),
                            members[1]])
    db = tmp_path / "p.sqlite"
    assert main(["qdpx", "import", str(path), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("casestudy: error: in.qdpx!project.qde: 'startPosition, endPosition' must be counted in one "
                          "clear unit") and "name it (--positions on the command line" in err
    assert not db.exists()
    assert main(["qdpx", "import", str(path), "--db", str(db), "--positions", "utf-16"]) == 0
    assert ("positions: UTF-16 code units (as declared by the user; converted to code points)"
            in capsys.readouterr().out)
    with CaseDatabase(db, clock=CLOCK) as check:
        assert sorted(check.codings()["text"]) == ["cepat", "harga murah"]

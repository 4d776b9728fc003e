"""Import: the hand-built example of the standard, external sources, and bad files that change nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from _exchange_helpers import CLOCK, minimal_members, zip_bytes
from casestudy.errors import ExchangeError, SchemaValidationError, UnsafeArchiveError
from casestudy.exchange.positions import unit_offsets
from casestudy.exchange.refi_import import import_qdpx
from casestudy.store import CaseDatabase

SRC = "5A5A5A5A-0000-4000-8000-000000000001"
TEXT_SOURCE_1 = 'name="Interview 4"\n                plainTextPath="internal://' + SRC + '.txt"'


def write(tmp_path: Path, members, name: str = "in.qdpx") -> Path:
    path = tmp_path / name
    path.write_bytes(zip_bytes(members))
    return path


def qde(replace: tuple[str, str] | None = None) -> bytes:
    text = minimal_members()[0][1].decode()
    if replace:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1])
    return text.encode()


def snapshot(db: CaseDatabase) -> list[pd.DataFrame]:
    return [db.sources(), db.cases(), db.case_attributes(), db.coders(), db.codes(), db.codings(), db.memos(),
            db.events(), db.assignments()]


def test_minimal_example_imports_with_every_element_accounted_for(tmp_path):
    with CaseDatabase(tmp_path / "new.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, minimal_members()), db)
        assert result.report.discarded == () and result.report.complete
        assert dict(result.report.read) == {
            "BooleanValue": 1, "Case": 1, "Cases": 1, "Code": 4, "CodeBook": 1, "CodeRef": 5, "Codes": 1,
            "Coding": 5, "Description": 5, "IntegerValue": 1, "Note": 3, "NoteRef": 3, "Notes": 1,
            "PlainTextContent": 4, "PlainTextSelection": 4, "Project": 1, "SourceRef": 1, "Sources": 1,
            "TextSource": 2, "TextValue": 1, "User": 2, "Users": 1, "Variable": 3, "VariableRef": 3,
            "VariableValue": 3, "Variables": 1}
        assert dict(result.stored) == {"sources": 2, "cases": 1, "codes": 4, "coders": 2, "codings": 5, "memos": 5}
        codings = db.codings()[["source_id", "code_id", "coder_id", "status", "origin", "text"]]
        assert codings.values.tolist() == [
            ["field_note", "product", "budi", "accepted", "import", "attendance app"],
            ["interview_4", "on_site_assistance", "ana", "accepted", "import", "came on site"],
            ["interview_4", "on_site_assistance", "budi", "accepted", "import", "came on site"],
            ["interview_4", "product", "budi", "accepted", "import", "fixed the app"],
            ["interview_4", "pricing", "ana", "accepted", "import", "Price was fair"]]
        # the text stays exactly as the file gives it (CRLF line ends included); turns are spans over it
        text = minimal_members()[1][1].decode()
        assert db.source_text("interview_4") == text and "\r\n" in text
        turns = db.turns("interview_4")
        assert [text[int(t.body_start):int(t.end)] for t in turns.itertuples()] == [
            "Why did you buy again?", "The staff came on site 😀 and fixed the app.", "Price was fair."]
        codes = db.codes()[["code_id", "parent_id", "codable", "colour"]].fillna("-").values.tolist()
        assert codes == [["customer_intimacy", "-", False, "#0072B2"], ["on_site_assistance", "customer_intimacy",
                         True, "#56B4E9"], ["pricing", "customer_intimacy", True, "#E69F00"],
                         ["product", "-", True, "-"]]
        assert db.coders().values.tolist() == [["ana", "Ana", "coder"], ["budi", "Budi", "coder"]]
        attrs = db.case_attributes().dropna()
        assert attrs.values.tolist() == [["informant_4", "repeat_buyer", "true"], ["informant_4", "segment", "B2G"],
                                         ["informant_4", "years_as_customer", "4"]]
        assert db.cases()["consent"].tolist() == ["unknown"]  # consent is never assumed
        assert db.case_sources().values.tolist() == [["informant_4", "interview_4"]]
        memos = db.memos()[["target_kind", "target_id", "author", "text"]].values.tolist()
        assert [
            ["code", "on_site_assistance", "ana", "Visits count only when staff travel to the customer."],
            ["coding", "3", "budi", "The app is the attendance app."],
            ["project", "project", "refi_import", "Two coders, one interview, one field note."]] == [
            m for m in memos if m[0] in ("code", "coding") or m[3].startswith("Two coders")]
        assert sorted(m[0] for m in memos) == ["case", "code", "coding", "project", "project"]  # the project Description is kept as it came, not as a memo
        assert len(db.events()) == 1  # one batch
        assert not any("canonical" in note for note in result.adjustments)


def test_upper_case_sources_folder_is_read(tmp_path):
    with CaseDatabase(tmp_path / "new.sqlite", clock=CLOCK) as db:
        import_qdpx(write(tmp_path, minimal_members("Sources")), db)
        assert len(db.codings()) == 5


def test_unsupported_elements_are_listed_not_silently_dropped(tmp_path):
    extra = ('<Sets><Set guid="5e75e75e-0000-4000-8000-000000000001" name="Buyers">'
             '<MemberSource targetGUID="5A5A5A5A-0000-4000-8000-000000000001"/></Set></Sets>')
    doc = qde(("  <Description>A minimal", extra + "\n  <Description>A minimal"))
    with CaseDatabase(tmp_path / "new.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, [("project.qde", doc), minimal_members()[1]]), db)
    assert result.report.discarded == (("MemberSource", 1), ("Set", 1), ("Sets", 1))


def bad_cases() -> dict[str, tuple[list[tuple[str, bytes]], type[Exception], str]]:
    good = minimal_members()
    return {
        "path traversal": ([*good, ("sources/../../evil.txt", b"x")], UnsafeArchiveError,
                           "in.qdpx: 'member name' must be a relative path without '..' components "
                           "(got 'sources/../../evil.txt')"),
        "absolute name": ([*good, ("/tmp/evil.txt", b"x")], UnsafeArchiveError,
                          "in.qdpx: 'member name' must be a relative path without a drive, colon or leading '/' "
                          "(got '/tmp/evil.txt')"),
        "decompression bomb": ([good[0], (good[1][0], b"A" * (16 * 1024 * 1024))], UnsafeArchiveError,
                               f"in.qdpx!{good[1][0]}: 'compression ratio' must be at most 200 (a decompression bomb "
                               "otherwise) (got 1028.6)"),
        "entity expansion": ([("project.qde", qde(("<Project ", '<!DOCTYPE Project [<!ENTITY a "aaaa"><!ENTITY b '
                                                   '"&a;&a;&a;&a;">]>\n<Project '))), good[1]], UnsafeArchiveError,
                             "in.qdpx!project.qde: 'DOCTYPE' must be absent; entity declarations are refused "
                             "(got '<!ENTITY a ...>')"),
        "external entity": ([("project.qde", qde(("<Project ", '<!DOCTYPE Project [<!ENTITY x SYSTEM '
                                                  '"file:///etc/hostname">]>\n<Project '))), good[1]],
                            UnsafeArchiveError,
                            "in.qdpx!project.qde: 'DOCTYPE' must be absent; external entities are refused "
                            "(got '<!ENTITY x SYSTEM \"file:///etc/hostname\">')"),
        "project.qde not XML": ([("project.qde", b"\x89PNG not xml"), good[1]], ExchangeError,
                                "in.qdpx!project.qde, line 1: 'document' must be well-formed XML "
                                "(got \"Start tag expected, '<' not found\")"),
        "no project.qde": ([good[1]], ExchangeError,
                           "in.qdpx: 'project.qde' must be exactly one .qde document at the top of the archive "
                           "(got [])"),
        "coding with a missing code": ([("project.qde", qde(('<CodeRef targetGUID="C0DEC0DE-0000-4000-8000-'
                                                             '000000000003"/>', '<CodeRef targetGUID="C0DEC0DE-0000-'
                                                             '4000-8000-0000000000FF"/>'))), good[1]],
                                       ExchangeError,
                                       "in.qdpx!project.qde, line 71: 'CodeRef/@targetGUID' must be the GUID of a "
                                       "Code in the document (got 'C0DEC0DE-0000-4000-8000-0000000000FF')"),
        "selection past the end": ([("project.qde", qde(('startPosition="108" endPosition="122"',
                                                         'startPosition="108" endPosition="999"'))), good[1]],
                                   ExchangeError,
                                   "in.qdpx!project.qde, TextSource 'Interview 4': 'endPosition' must be at most 123, "
                                   "the source's length in Unicode code points (got 999)"),
        "source not UTF-8": ([good[0], (good[1][0], "Q: café".encode("cp1252"))], ExchangeError,
                             f"in.qdpx!project.qde, TextSource 'Interview 4', internal://{SRC}.txt, byte 6: 'text' "
                             "must be UTF-8 as REFI-QDA requires (got b'\\xe9')"),
        "missing internal source": ([good[0]], ExchangeError,
                                    "in.qdpx!project.qde: 'plainTextPath' must be a file of the archive's sources/ "
                                    f"folder (got 'internal://{SRC}.txt')"),
        "invalid against the schema": ([("project.qde", qde((' isCodable="true" color="#E69F00"', ""))), good[1]],
                                       SchemaValidationError,
                                       "in.qdpx!project.qde, line 18: 'document' must be valid against "
                                       "Project-mrt2019.xsd (got \"Element 'Code': The attribute 'isCodable' is "
                                       "required but missing.\")"),
    }


@pytest.mark.parametrize("case", list(bad_cases()))
def test_bad_archives_give_one_clear_error_and_change_nothing(case, db, tmp_path):
    members, error, message = bad_cases()[case]
    path = write(tmp_path, members)
    before = snapshot(db)
    with pytest.raises(error) as exc:
        import_qdpx(path, db)
    assert str(exc.value) == message
    for a, b in zip(before, snapshot(db)):
        pd.testing.assert_frame_equal(a, b)


def test_truncated_archive(db, tmp_path):
    data = zip_bytes(minimal_members())
    path = tmp_path / "cut.qdpx"
    path.write_bytes(data[: len(data) - 30])
    before = snapshot(db)
    with pytest.raises(UnsafeArchiveError) as exc:
        import_qdpx(path, db)
    assert str(exc.value) == ("cut.qdpx: 'archive' must be a complete ZIP file (it may be truncated) "
                              "(got 'File is not a zip file')")
    for a, b in zip(before, snapshot(db)):
        pd.testing.assert_frame_equal(a, b)


def test_a_failure_inside_the_database_rolls_everything_back(db, tmp_path):
    # the minimal project's codebook clashes with nothing, but a source id the db holds with other text
    # and a code id of another codebook version: the codebook version 1 already exists with other codes
    before = snapshot(db)
    with pytest.raises(ExchangeError) as exc:
        import_qdpx(write(tmp_path, minimal_members()), db)
    assert str(exc.value) == (
        "--db: 'codebook' must be absent from the database, or equal to its codebook 'demo' version 1 (add "
        "--codebook-version next to store the file's 4 codes as version 2, or import into another --db) "
        "(got 'different codes')")
    for a, b in zip(before, snapshot(db)):
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize(("path", "inside"), [("relative:///interviews/a.txt", True),
                                              ("relative:///../outside.txt", False),
                                              ("absolute://{base}/interviews/a.txt", True),
                                              ("absolute:///etc/hostname", False)])
def test_external_sources_resolve_only_inside_the_base_folder(tmp_path, path, inside):
    base = tmp_path / "base"
    (base / "interviews").mkdir(parents=True)
    (base / "interviews" / "a.txt").write_text("A: isi luar.", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("A: rahasia.", encoding="utf-8")
    path = path.format(base=base.as_posix())
    doc = qde(('plainTextPath="internal://' + SRC + '.txt"', f'plainTextPath="{path}"'))
    doc = doc.replace(b'startPosition="108" endPosition="122"', b'startPosition="3" endPosition="6"')
    doc = doc.replace(b'startPosition="78" endPosition="91"', b'startPosition="3" endPosition="6"')
    doc = doc.replace(b'startPosition="59"\n                          endPosition="71"',
                      b'startPosition="3"\n                          endPosition="6"')
    archive = write(tmp_path, [("project.qde", doc)])
    with CaseDatabase(tmp_path / "new.sqlite", clock=CLOCK) as db:
        if inside:
            import_qdpx(archive, db, base_dir=base)
            assert db.source_text("interview_4") == "A: isi luar."
        else:
            with pytest.raises(ExchangeError) as exc:
                import_qdpx(archive, db, base_dir=base)
            assert str(exc.value) == (f"in.qdpx!project.qde: 'plainTextPath' must be a file inside the base folder "
                                      f"'base' (got {path!r})")
            assert db.sources().empty
        with pytest.raises(ExchangeError) as exc:
            import_qdpx(archive, db)
        assert str(exc.value).startswith("in.qdpx!project.qde: 'plainTextPath' must be internal:// unless a base "
                                         "folder is named for")


def test_other_source_kinds_and_empty_notes_are_accounted_for(tmp_path):
    pdf = ('<PDFSource guid="9d9d9d9d-0000-4000-8000-000000000001" name="Brochure" '
           'path="internal://9d9d9d9d-0000-4000-8000-000000000001.pdf"/>')
    doc = qde(("  </Sources>", f"    {pdf}\n  </Sources>"))
    doc = doc.replace(b"  </Notes>", b'    <Note guid="{407E407E-0000-4000-8000-0000000000EE}" name="empty"/>\n  </Notes>')
    with CaseDatabase(tmp_path / "new.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, [("project.qde", doc), minimal_members()[1]]), db)
        assert result.report.discarded == (("PDFSource", 1),)
        assert dict(result.report.read)["Note"] == 4
        assert dict(result.stored)["memos"] == 5  # the empty note stores nothing


def test_utf16_positions_are_converted_and_quotes_exact(tmp_path):
    good = minimal_members()
    text = good[1][1].decode()
    utf16 = unit_offsets(text, "utf-16")
    fixed = text.index("fixed the app")
    doc = qde(('startPosition="78" endPosition="91"', f'startPosition="{utf16[fixed]}" '
               f'endPosition="{utf16[fixed + 13]}"')).replace(b'startPosition="108" endPosition="122"',
                                                               b'startPosition="109" endPosition="123"')
    with CaseDatabase(tmp_path / "new.sqlite", clock=CLOCK) as db:
        result = import_qdpx(write(tmp_path, [("project.qde", doc), good[1]]), db)
        assert result.report.counting == ("UTF-16 code units (of 4 selection ends read differently, 4 land on a word "
                                          "boundary so, 2 as code points); converted to code points")
        quotes = set(db.codings(source_id="interview_4")["text"])
        assert {"fixed the app", "Price was fair"} <= quotes

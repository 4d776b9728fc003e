"""Export: validated before writing, deterministic, the documented mapping, consent and status filters."""

from __future__ import annotations

import io
import zipfile

import pytest

from _exchange_helpers import small_database
from casestudy import paths
from casestudy.coding.codebook_yaml import load_codebook
from casestudy.records.memos import Memo
from casestudy.errors import ExchangeError
from casestudy.exchange.mapping import SUGGESTED, codebook_codes, project_from_database
from casestudy.exchange.model import CodeBook, stable_guid, walk_codes
from casestudy.exchange.parsing import local_name, parse_xml
from casestudy.exchange.refi_export import ZIP_TIME, qdc_bytes, qde_bytes, qdpx_bytes, write_bytes


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_project_children_in_schema_order_and_counts(db):
    root = parse_xml(qde_bytes(project_from_database(db)), "p.qde")
    assert [local_name(c) for c in root] == ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes",
                                             "Description", "NoteRef"]
    count = {n: sum(1 for e in root.iter() if local_name(e) == n)
             for n in ("User", "Code", "Variable", "Case", "TextSource", "PlainTextSelection", "Coding", "Note")}
    # inf07 has no consent: left out; the suggestion is left out; memo authors are users
    assert count == {"User": 3, "Code": 3, "Variable": 3, "Case": 1, "TextSource": 2, "PlainTextSelection": 3,
                     "Coding": 3, "Note": 4}  # the coding memo is its selection's Description


def test_code_mapping_english_name_indonesian_and_definitions_in_description(db):
    project = project_from_database(db)
    codes = {c.name: c for c, _ in walk_codes(project.codes)}
    assert sorted(codes) == ["Acquire", "Lifecycle", "Product"]
    assert codes["Lifecycle"].codable is False and codes["Lifecycle"].color == "#123456"
    assert [c.name for c in codes["Lifecycle"].children] == ["Acquire"]
    assert codes["Acquire"].description == ('Code id: lifecycle_acquire\nLabel (id): Akuisisi\nDefinition (en): First\n'
                                            '  sale\nKeywords (id): ["dinas"]')
    assert codes["Acquire"].guid == stable_guid("code", "lifecycle_acquire")


def test_texts_are_utf8_members_named_by_guid(db):
    project = project_from_database(db)
    files = members(qdpx_bytes(project))
    source = next(s for s in project.sources if s.name == "int_inf01")
    assert list(files)[0] == "project.qde"
    assert files[f"sources/{source.guid}.txt"].decode("utf-8") == db.source_text("int_inf01")
    assert f'plainTextPath="internal://{source.guid}.txt"'.encode() in files["project.qde"]


def test_two_exports_are_byte_identical_with_fixed_times(db, tmp_path):
    first = qdpx_bytes(project_from_database(db))
    db.close()
    again = small_database(tmp_path / "again.sqlite")
    assert qdpx_bytes(project_from_database(again)) == first
    again.close()
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {ZIP_TIME}


def test_suggestions_only_when_asked(db):
    plain = project_from_database(db)
    with_suggestions = project_from_database(db, include_suggestions=True)
    names = [s.name for src in with_suggestions.sources for s in src.selections]
    assert SUGGESTED not in [s.name for src in plain.sources for s in src.selections]
    assert names.count(SUGGESTED) == 1


def test_invalid_export_writes_no_file(db, tmp_path):
    db.add_memos([Memo("project", "project", "coder_a", "bell \x07 in a memo")])
    target = tmp_path / "x.qdpx"
    with pytest.raises(ExchangeError) as exc:
        write_bytes(qdpx_bytes(project_from_database(db)), target)
    assert str(exc.value) == ("Note 'Memo on the project (2)', character 5: 'text' must be text without "
                              "control characters XML 1.0 cannot hold (got '\\x07')")
    assert not target.exists() and list(tmp_path.glob("*.qdpx*")) == []


def test_shipped_codebook_as_qdc():
    codebook = load_codebook(paths.codebooks_dir() / "buttle_crm.yaml")
    data = qdc_bytes(CodeBook(codebook_codes(codebook), "casestudy"))
    root = parse_xml(data, "buttle_crm.qdc")
    codes = [e for e in root.iter() if local_name(e) == "Code"]
    assert len(codes) == len(codebook.codes)
    folders = {e.get("name") for e in codes if e.get("isCodable") == "false"}
    assert {c.label_en for c in codebook.codes if not c.codable} == folders
    assert data == qdc_bytes(CodeBook(codebook_codes(codebook), "casestudy"))

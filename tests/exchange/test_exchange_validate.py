"""XSD validation against the shipped schemas, then the standard's semantic rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy.errors import ExchangeError, SchemaValidationError
from casestudy.exchange.parsing import parse_xml
from casestudy.exchange.validate import SCHEMA_DIR, check_semantics, validate_codebook, validate_project

U = "aaaaaaaa-0000-4000-8000-000000000001"
C = "c0dec0de-0000-4000-8000-000000000001"
F = "c0dec0de-0000-4000-8000-000000000002"
S = "5a5a5a5a-0000-4000-8000-000000000001"
V = "7a7a7a7a-0000-4000-8000-000000000001"


def project(sources: str = "", codes: str = "", extra: str = "") -> bytes:
    code_xml = codes or (f'<Code guid="{C}" name="Trust" isCodable="true"/>'
                         f'<Code guid="{F}" name="Folder" isCodable="false"/>')
    return f"""<Project xmlns="urn:QDA-XML:project:1.0" name="p">
<Users><User guid="{U}" name="Ana"/></Users>
<CodeBook><Codes>{code_xml}</Codes></CodeBook>
<Variables><Variable guid="{V}" name="years" typeOfVariable="Integer"/></Variables>
{extra}
<Sources>{sources}</Sources>
</Project>""".encode()


def source(selection: str, text: str = "Hello world") -> str:
    return f'<TextSource guid="{S}" name="s"><PlainTextContent>{text}</PlainTextContent>{selection}</TextSource>'


def coding(start: int, end: int, code: str = C, guid: str = "5e1e5e1e-0000-4000-8000-000000000001") -> str:
    return (f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}" creatingUser="{U}">'
            f'<Coding guid="c0d1c0d1-0000-4000-8000-{guid[-12:]}"><CodeRef targetGUID="{code}"/></Coding>'
            "</PlainTextSelection>")


def check(doc: bytes, texts: dict[str, str] | None = None) -> None:
    validate_project(parse_xml(doc, "p.qde"), "p.qde", texts)


def test_schemas_ship_inside_the_package_with_their_notice():
    names = sorted(p.name for p in Path(SCHEMA_DIR).iterdir())
    assert names == ["Codebook.xsd", "NOTICE.txt", "Project-mrt2019.xsd"]
    assert "MIT License" in (Path(SCHEMA_DIR) / "NOTICE.txt").read_text(encoding="utf-8")


def test_a_valid_project_passes():
    check(project(source(coding(0, 5))), {S: "Hello world"})


def test_schema_order_of_project_children_is_enforced():
    doc = project(source(coding(0, 5))).replace(b"<Users>", b"<Sources/><Users>", 1)
    with pytest.raises(SchemaValidationError) as exc:
        check(doc)
    assert str(exc.value) == ("p.qde, line 2: 'document' must be valid against Project-mrt2019.xsd (got \"Element "
                              "'Sources': Missing child element(s). Expected is one of ( TextSource, PictureSource,"
                              " PDFSource, AudioSource, VideoSource ).\")")


def test_code_needs_is_codable():
    doc = project(codes=f'<Code guid="{C}" name="Trust"/>')
    with pytest.raises(SchemaValidationError) as exc:
        check(doc)
    assert str(exc.value) == ("p.qde, line 3: 'document' must be valid against Project-mrt2019.xsd "
                              "(got \"Element 'Code': The attribute 'isCodable' is required but missing.\")")


def test_guid_pattern_is_enforced():
    doc = project(codes='<Code guid="not-a-guid" name="Trust" isCodable="true"/>')
    with pytest.raises(SchemaValidationError, match=r"^p.qde, line 3: 'document' must be valid against Project-mrt2019"
                       r".xsd \(got \"Element 'Code', attribute 'guid': \[facet 'pattern'\] The value 'not-a-guid'"):
        check(doc)


def test_duplicate_guids_are_refused():
    doc = project(source(coding(0, 5)),
                  codes=f'<Code guid="{C}" name="A" isCodable="true"/><Code guid="{C.upper()}" name="B" isCodable="true"/>')
    with pytest.raises(ExchangeError) as exc:
        check(doc)
    assert str(exc.value) == (f"p.qde, line 3: 'Code/@guid' must be unique in the document (a Code has it too) "
                              f"(got '{C.upper()}')")


def test_coding_pointing_at_a_missing_code():
    missing = "c0dec0de-0000-4000-8000-00000000dead"
    with pytest.raises(ExchangeError) as exc:
        check(project(source(coding(0, 5, code=missing))))
    assert str(exc.value) == (f"p.qde, line 6: 'CodeRef/@targetGUID' must be the GUID of a Code in the document "
                              f"(got '{missing}')")


def test_reference_to_the_wrong_kind_names_what_it_found():
    with pytest.raises(ExchangeError) as exc:
        check(project(source(coding(0, 5, code=U))))
    assert str(exc.value) == (f"p.qde, line 6: 'CodeRef/@targetGUID' must be the GUID of a Code in the document; "
                              f"it names a User (got '{U}')")


def test_coding_with_a_folder_code_is_refused():
    with pytest.raises(ExchangeError) as exc:
        check(project(source(coding(0, 5, code=F))))
    assert str(exc.value) == f"p.qde, line 6: 'CodeRef/@targetGUID' must be a code with isCodable='true' (got '{F}')"


def test_selection_past_the_end_of_its_source():
    with pytest.raises(ExchangeError) as exc:
        check(project(source(coding(6, 12))), {S: "Hello world"})
    assert str(exc.value) == ("p.qde, line 6: 'PlainTextSelection/@endPosition' must be at most 11, the length of "
                              "its source in Unicode code points (got 12)")


def test_empty_or_reversed_selection():
    with pytest.raises(ExchangeError) as exc:
        check(project(source(coding(5, 5))))
    assert str(exc.value) == ("p.qde, line 6: 'PlainTextSelection/@endPosition' must be greater than "
                              "startPosition 5 (got 5)")


def test_text_inline_and_in_a_file_is_refused():
    doc = project(f'<TextSource guid="{S}" name="s" plainTextPath="internal://{S}.txt">'
                  "<PlainTextContent>x</PlainTextContent></TextSource>")
    with pytest.raises(ExchangeError) as exc:
        check(doc)
    assert str(exc.value) == (f"p.qde, line 6: 'TextSource/@plainTextPath' must be absent when PlainTextContent is "
                              f"given (one or the other) (got 'internal://{S}.txt')")


def test_text_source_without_text_is_refused():
    with pytest.raises(ExchangeError) as exc:
        check(project(f'<TextSource guid="{S}" name="s"/>'))
    assert str(exc.value) == "p.qde, line 6: 'TextSource' must be given a PlainTextContent or a plainTextPath (got 's')"


def test_variable_value_of_the_wrong_type():
    case = (f'<Cases><Case guid="ca5eca5e-0000-4000-8000-000000000001" name="c"><VariableValue>'
            f'<VariableRef targetGUID="{V}"/><TextValue>four</TextValue></VariableValue></Case></Cases>')
    with pytest.raises(ExchangeError) as exc:
        check(project(source(coding(0, 5)), extra=case))
    assert str(exc.value) == ("p.qde, line 5: 'VariableValue' must be a IntegerValue, the type of variable 'years' "
                              "(got 'TextValue')")


def test_unknown_user_reference():
    doc = project(source(coding(0, 5))).replace(f'creatingUser="{U}"'.encode(),
                                                b'creatingUser="aaaaaaaa-0000-4000-8000-00000000beef"')
    with pytest.raises(ExchangeError, match=r"'PlainTextSelection/@creatingUser' must be the GUID of a User"):
        check(doc)


def test_codebook_root_and_wrong_root():
    book = (b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            b'<Code guid="11111111-1111-4111-8111-111111111111" name="A" isCodable="true"/></Codes></CodeBook>')
    validate_codebook(parse_xml(book, "c.qdc"), "c.qdc")
    with pytest.raises(SchemaValidationError) as exc:
        validate_codebook(parse_xml(b"<CodeBook/>", "c.qdc"), "c.qdc")
    assert str(exc.value) == "c.qdc: 'root element' must be CodeBook in urn:QDA-XML:codebook:1.0 (got 'CodeBook')"


def test_semantics_accept_braced_and_upper_case_guids():
    doc = project(source(coding(0, 5, code="{" + C.upper() + "}")))
    check_semantics(parse_xml(doc, "p.qde"), "p.qde", {S: "Hello world"})

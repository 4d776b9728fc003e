"""Validate REFI-QDA documents: the official XSD, then the standard's semantic rules.

Schema validity is necessary, not sufficient. After the XSD (shipped inside the
package, :data:`SCHEMA_DIR`), :func:`check_semantics` applies the rules the
schema cannot express: every GUID is unique and every reference resolves to an
element of the right kind; codings point at codable codes; a text source has its
text inline or in a file, not both; text selections lie inside their source,
counted in Unicode code points, end exclusive; a variable value has its
variable's type.

Examples
--------
>>> from casestudy.exchange.parsing import parse_xml
>>> doc = b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
... <Code guid="11111111-1111-4111-8111-111111111111" name="Trust" isCodable="true"/>
... </Codes></CodeBook>'''
>>> validate_codebook(parse_xml(doc, "x.qdc"), "x.qdc")
>>> validate_codebook(parse_xml(doc.replace(b' isCodable="true"', b""), "x.qdc"), "x.qdc")
Traceback (most recent call last):
...
casestudy.errors.SchemaValidationError: x.qdc, line 2: 'document' must be valid against Codebook.xsd (got "Element 'Code': The attribute 'isCodable' is required but missing.")
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lxml import etree

from casestudy.errors import ExchangeError, SchemaValidationError, expectation
from casestudy.exchange.parsing import local_name

__all__ = [
    "PROJECT_NS", "CODEBOOK_NS", "SCHEMA_DIR", "GUID_PATTERN", "schema", "normalise_guid",
    "validate_schema", "check_semantics", "validate_project", "validate_codebook",
]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
#: Folder of the XSD files shipped with the package (with their MIT notice).
SCHEMA_DIR = Path(str(resources.files("casestudy.exchange").joinpath("schemas")))
GUID_PATTERN = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")
_FILES = {PROJECT_NS: "Project-mrt2019.xsd", CODEBOOK_NS: "Codebook.xsd"}
_SOURCES = {"TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource"}
_SELECTIONS = {"PlainTextSelection", "PictureSelection", "PDFSelection", "AudioSelection", "VideoSelection",
               "TranscriptSelection"}
_VALUE_TYPES = {"TextValue": "Text", "BooleanValue": "Boolean", "IntegerValue": "Integer",
                "FloatValue": "Float", "DateValue": "Date", "DateTimeValue": "DateTime"}
# (element, attribute) -> kinds of element the GUID must name (None: any element).
_REFS: dict[tuple[str, str], set[str] | None] = {
    ("CodeRef", "targetGUID"): {"Code"}, ("MemberCode", "targetGUID"): {"Code"}, ("MemberCode", "guid"): {"Code"},
    ("NoteRef", "targetGUID"): {"Note"}, ("MemberNote", "targetGUID"): {"Note"},
    ("SourceRef", "targetGUID"): _SOURCES, ("MemberSource", "targetGUID"): _SOURCES,
    ("SelectionRef", "targetGUID"): _SELECTIONS, ("VariableRef", "targetGUID"): {"Variable"},
    ("Edge", "sourceVertex"): {"Vertex"}, ("Edge", "targetVertex"): {"Vertex"},
    ("Link", "originGUID"): None, ("Link", "targetGUID"): None,
    ("Vertex", "representedGUID"): None, ("Edge", "representedGUID"): None,
}
_USER_ATTRS = ("creatingUser", "modifyingUser", "creatingUserGUID", "modifyingUserGUID")


@lru_cache(maxsize=None)
def schema(namespace: str) -> etree.XMLSchema:
    """Return the compiled XSD for ``namespace`` (project or codebook), loaded from :data:`SCHEMA_DIR`."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / _FILES[namespace]), parser))


def normalise_guid(value: str) -> str:
    """Return a GUID in lower case without braces, as it is compared.

    Examples
    --------
    >>> normalise_guid("{0616FDDD-0703-4E92-952C-3DCFF3E8461F}")
    '0616fddd-0703-4e92-952c-3dcff3e8461f'
    """
    return value.strip().strip("{}").lower()


def validate_schema(root: etree._Element, where: str) -> None:
    """Validate ``root`` against the XSD of its namespace; raise on the first error.

    Raises
    ------
    SchemaValidationError
        If the root is not a REFI-QDA ``Project`` or ``CodeBook``, or the document is invalid.
    """
    namespace = etree.QName(root).namespace
    if namespace not in _FILES:
        raise SchemaValidationError(expectation(
            "root element", f"a Project in {PROJECT_NS} or a CodeBook in {CODEBOOK_NS}", root.tag, where))
    xsd = schema(namespace)
    if not xsd.validate(root):
        error = xsd.error_log[0]
        message = error.message.replace("{" + namespace + "}", "")
        place = f"{where}, line {error.line}" if error.line else where
        raise SchemaValidationError(expectation("document", f"valid against {_FILES[namespace]}", message, place))


def _place(where: str, element: etree._Element) -> str:
    return f"{where}, line {element.sourceline}" if element.sourceline else f"{where}, <{local_name(element)}>"


def check_semantics(root: etree._Element, where: str, texts: Mapping[str, str] | None = None) -> None:
    """Apply the standard's rules that the XSD cannot express; raise on the first violation.

    Parameters
    ----------
    root : lxml.etree._Element
        A schema-valid ``Project`` or ``CodeBook``.
    where : str
        Document name for messages.
    texts : mapping, optional
        Text of each text source by normalised GUID; selections of a source
        found here must lie inside it (code points, end exclusive).

    Raises
    ------
    ExchangeError
        Naming the element, attribute and what was expected.
    """
    texts = texts or {}
    kinds: dict[str, str] = {}
    for el in root.iter(etree.Element):
        guid = el.get("guid")
        if guid is None or local_name(el) == "MemberCode":
            continue
        key = normalise_guid(guid)
        if key in kinds:
            raise ExchangeError(expectation(
                f"{local_name(el)}/@guid", f"unique in the document (a {kinds[key]} has it too)", guid,
                _place(where, el)))
        kinds[key] = local_name(el)
    codable = {normalise_guid(c.get("guid", "")): c.get("isCodable") in ("true", "1")
               for c in root.iter(etree.Element) if local_name(c) == "Code"}
    variables = {normalise_guid(v.get("guid", "")): v for v in root.iter(etree.Element) if local_name(v) == "Variable"}
    for el in root.iter(etree.Element):
        name = local_name(el)
        for (tag, attr), allowed in _REFS.items():
            if tag == name and el.get(attr) is not None:
                _check_ref(el, attr, allowed, kinds, where)
        for attr in _USER_ATTRS:
            if el.get(attr) is not None:
                _check_ref(el, attr, {"User"}, kinds, where)
        if name == "Coding":
            ref = next((c for c in el if local_name(c) == "CodeRef"), None)
            if ref is not None and not codable.get(normalise_guid(ref.get("targetGUID", "")), True):
                raise ExchangeError(expectation(
                    "CodeRef/@targetGUID", "a code with isCodable='true'", ref.get("targetGUID"), _place(where, ref)))
        elif name in ("TextSource", "Transcript", "Representation", "TextDescription", "Note"):
            _check_text_source(el, where, require=name != "Note")
        elif name == "PlainTextSelection":
            _check_selection(el, where, texts)
        elif name == "VariableValue":
            _check_value(el, variables, where)


def _check_ref(el: etree._Element, attr: str, allowed: set[str] | None, kinds: dict[str, str], where: str) -> None:
    value = el.get(attr, "")
    kind = kinds.get(normalise_guid(value))
    if kind is None or (allowed is not None and kind not in allowed):
        target = " or ".join(sorted(allowed)) if allowed else "an element"
        found = f"; it names a {kind}" if kind else ""
        raise ExchangeError(expectation(
            f"{local_name(el)}/@{attr}", f"the GUID of a {target} in the document{found}", value, _place(where, el)))


def _check_text_source(el: etree._Element, where: str, require: bool) -> None:
    inline = any(local_name(c) == "PlainTextContent" for c in el)
    path = el.get("plainTextPath")
    if inline and path is not None:
        raise ExchangeError(expectation(
            f"{local_name(el)}/@plainTextPath", "absent when PlainTextContent is given (one or the other)", path,
            _place(where, el)))
    if require and not inline and path is None:
        raise ExchangeError(expectation(
            f"{local_name(el)}", "given a PlainTextContent or a plainTextPath", el.get("name"), _place(where, el)))


def _check_selection(el: etree._Element, where: str, texts: Mapping[str, str]) -> None:
    start, end = int(el.get("startPosition", "0")), int(el.get("endPosition", "0"))
    place = _place(where, el)
    if start < 0:
        raise ExchangeError(expectation("PlainTextSelection/@startPosition", "at least 0", start, place))
    if end <= start:
        raise ExchangeError(expectation(
            "PlainTextSelection/@endPosition", f"greater than startPosition {start}", end, place))
    parent = el.getparent()
    text = texts.get(normalise_guid(parent.get("guid", ""))) if parent is not None else None
    if text is not None and end > len(text):
        raise ExchangeError(expectation(
            "PlainTextSelection/@endPosition",
            f"at most {len(text)}, the length of its source in Unicode code points", end, place))


def _check_value(el: etree._Element, variables: Mapping[str, etree._Element], where: str) -> None:
    ref = next((c for c in el if local_name(c) == "VariableRef"), None)
    value = next((c for c in el if local_name(c) in _VALUE_TYPES), None)
    if ref is None or value is None:
        return
    variable = variables.get(normalise_guid(ref.get("targetGUID", "")))
    if variable is not None and variable.get("typeOfVariable") != _VALUE_TYPES[local_name(value)]:
        raise ExchangeError(expectation(
            "VariableValue", f"a {variable.get('typeOfVariable')}Value, the type of variable {variable.get('name')!r}",
            local_name(value), _place(where, el)))


def validate_project(root: etree._Element, where: str, texts: Mapping[str, str] | None = None) -> None:
    """Validate a ``Project`` document: schema, then semantics (see :func:`check_semantics`)."""
    if etree.QName(root).namespace != PROJECT_NS or local_name(root) != "Project":
        raise SchemaValidationError(expectation("root element", f"Project in {PROJECT_NS}", root.tag, where))
    validate_schema(root, where)
    check_semantics(root, where, texts)


def validate_codebook(root: etree._Element, where: str) -> None:
    """Validate a ``CodeBook`` document (``.qdc``): schema, then semantics."""
    if etree.QName(root).namespace != CODEBOOK_NS or local_name(root) != "CodeBook":
        raise SchemaValidationError(expectation("root element", f"CodeBook in {CODEBOOK_NS}", root.tag, where))
    validate_schema(root, where)
    check_semantics(root, where)

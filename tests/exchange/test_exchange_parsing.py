"""Hardened XML parsing: entities, DTDs, malformed and deep documents, text XML cannot hold."""

from __future__ import annotations

import pytest

from casestudy.errors import ExchangeError, UnsafeArchiveError
from casestudy.exchange.parsing import check_xml_text, parse_xml, to_bytes

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Description>&secret;</Description></Project>"""


def test_billion_laughs_is_refused():
    with pytest.raises(UnsafeArchiveError) as exc:
        parse_xml(BILLION_LAUGHS, "bomb.qdpx!project.qde")
    assert str(exc.value) == ("bomb.qdpx!project.qde: 'DOCTYPE' must be absent; entity declarations are refused "
                              "(got '<!ENTITY lol ...>')")


def test_external_entity_is_refused_and_never_read():
    with pytest.raises(UnsafeArchiveError) as exc:
        parse_xml(EXTERNAL, "xxe.qdpx!project.qde")
    assert str(exc.value) == ("xxe.qdpx!project.qde: 'DOCTYPE' must be absent; external entities are refused "
                              "(got '<!ENTITY secret SYSTEM \"file:///etc/passwd\">')")


def test_a_bare_doctype_is_refused():
    with pytest.raises(UnsafeArchiveError) as exc:
        parse_xml(b'<!DOCTYPE Project SYSTEM "http://example.org/x.dtd"><Project/>', "x.qde")
    assert str(exc.value) == ("x.qde: 'DOCTYPE' must be absent; DTDs are refused "
                              "(got '<!DOCTYPE Project SYSTEM \"http://example.org/x.dtd\"')")


def test_not_xml_names_line_and_problem():
    with pytest.raises(ExchangeError) as exc:
        parse_xml(b"PK\x03\x04 this is not xml", "x.qdpx!project.qde")
    assert str(exc.value) == ("x.qdpx!project.qde, line 1: 'document' must be well-formed XML "
                              "(got \"Start tag expected, '<' not found\")")


def test_empty_document():
    with pytest.raises(ExchangeError, match=r"^x.qde, line 1: 'document' must be well-formed XML \(got "):
        parse_xml(b"", "x.qde")


@pytest.mark.parametrize("depth", [129, 5000])
def test_deep_nesting_is_refused(depth):
    doc = b"<a>" * depth + b"</a>" * depth
    with pytest.raises(UnsafeArchiveError) as exc:
        parse_xml(doc, "deep.qde")
    assert str(exc.value).startswith("deep.qde") and "'nesting depth' must be at most 128 elements" in str(exc.value)


def test_nesting_at_the_bound_parses():
    doc = b"<a>" * 128 + b"</a>" * 128
    assert parse_xml(doc, "ok.qde").tag == "a"


def test_other_encodings_are_refused():
    doc = '<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\xe9</a>'.encode("latin-1")
    with pytest.raises(ExchangeError) as exc:
        parse_xml(doc, "x.qde")
    assert str(exc.value) == "x.qde: 'encoding' must be UTF-8, as REFI-QDA requires (got 'ISO-8859-1')"


def test_size_bound():
    with pytest.raises(UnsafeArchiveError) as exc:
        parse_xml(b"<a/>" + b" " * 100, "big.qde", max_bytes=50)
    assert str(exc.value) == "big.qde: 'size' must be at most 50 bytes (got 104)"


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1f", "\ud800", "\uffff"])
def test_control_characters_are_refused_on_export(char):
    with pytest.raises(ExchangeError) as exc:
        check_xml_text("PlainTextContent", f"ab{char}", "Note 'n'")
    assert str(exc.value) == (f"Note 'n', character 2: 'PlainTextContent' must be text without control characters "
                              f"XML 1.0 cannot hold (got {char!r})")


def test_tab_newline_and_carriage_return_survive_a_round_trip():
    from lxml import etree

    root = etree.Element("a", n="x\ty\nz\r")
    root.text = check_xml_text("t", "p\r\nq 😀", "w")
    back = parse_xml(to_bytes(root), "a.xml")
    assert (back.text, back.get("n")) == ("p\r\nq 😀", "x\ty\nz\r")

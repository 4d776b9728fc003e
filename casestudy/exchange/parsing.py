"""Hardened XML for REFI-QDA: parse untrusted documents safely, write only what parses back.

Untrusted ``project.qde`` and ``.qdc`` documents are parsed with lxml configured so
that nothing outside the document is ever read (``resolve_entities=False``,
``no_network=True``, ``load_dtd=False``, ``huge_tree=False``), and any document
type declaration is then refused outright: DTDs are where entity expansion
("billion laughs") and external entities (local files, URLs) live, and REFI-QDA
needs neither. Nesting depth is bounded (recursive walks of a 200,000-level
document would otherwise fail later with ``RecursionError``), and the document must
be UTF-8, as the standard requires.

On export, :func:`check_xml_text` refuses characters that XML 1.0 cannot carry
(``\\x00``, ``\\x0b``, lone surrogates...), which some writers emit and then cannot
read back.

Examples
--------
>>> root = parse_xml(b'<a xmlns="urn:x"><b>ok</b></a>', "demo.xml")
>>> local_name(root[0]), root[0].text
('b', 'ok')
>>> parse_xml(b'<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', "demo.xml")
Traceback (most recent call last):
...
casestudy.errors.UnsafeArchiveError: demo.xml: 'DOCTYPE' must be absent; entity declarations are refused (got '<!ENTITY e ...>')
>>> check_xml_text("Description", "bad\\x0bchar", "Code 'x'")
Traceback (most recent call last):
...
casestudy.errors.ExchangeError: Code 'x', character 3: 'Description' must be text without control characters XML 1.0 cannot hold (got '\\x0b')
"""

from __future__ import annotations

import re

from lxml import etree

from casestudy.errors import ExchangeError, UnsafeArchiveError, expectation

__all__ = ["MAX_DEPTH", "MAX_XML_BYTES", "parse_xml", "check_xml_text", "local_name", "to_bytes"]

#: Deepest element nesting accepted (REFI documents nest codes a few levels deep).
MAX_DEPTH = 128
#: Largest XML document accepted, in bytes (sources live outside it in ``sources/``).
MAX_XML_BYTES = 256 * 1024 * 1024

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_blank_text=False, collect_ids=False,
    )


def local_name(element: etree._Element) -> str:
    """Return an element's tag without its namespace (``'Code'`` for ``{urn:...}Code``)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _refuse_dtd(tree: etree._ElementTree, where: str) -> None:
    info = tree.docinfo
    dtd = info.internalDTD
    if dtd is None and not info.doctype and info.system_url is None:
        return
    entities = list(dtd.iterentities()) if dtd is not None else []
    external = [e for e in entities if e.system_url is not None]
    if external:
        e = external[0]
        raise UnsafeArchiveError(expectation(
            "DOCTYPE", "absent; external entities are refused", f'<!ENTITY {e.name} SYSTEM "{e.system_url}">', where))
    if entities:
        raise UnsafeArchiveError(expectation(
            "DOCTYPE", "absent; entity declarations are refused", f"<!ENTITY {entities[0].name} ...>", where))
    raise UnsafeArchiveError(expectation("DOCTYPE", "absent; DTDs are refused", info.doctype or "<!DOCTYPE>", where))


def _prolog_doctype(data: bytes) -> str | None:
    """Return the DOCTYPE declaration of the prolog (its first 80 characters), or None."""
    match = re.match(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*(<!DOCTYPE[^>\[]*)", data, re.S)
    return match.group(1)[:80].decode("utf-8", "replace").strip() if match else None


def _check_depth(root: etree._Element, where: str, max_depth: int) -> None:
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > max_depth:
            raise UnsafeArchiveError(expectation(
                "nesting depth", f"at most {max_depth} elements", f"deeper at <{local_name(element)}>", where))


def parse_xml(data: bytes, where: str, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse an untrusted XML document and return its root element.

    Parameters
    ----------
    data : bytes
        The document as read (UTF-8).
    where : str
        Its name for messages, e.g. ``"demo.qdpx!project.qde"``.
    max_depth : int
        Deepest nesting accepted.
    max_bytes : int
        Largest document accepted.

    Returns
    -------
    lxml.etree._Element
        The root element; comments and processing instructions are kept.

    Raises
    ------
    UnsafeArchiveError
        For a DTD, an entity declaration (internal or external), a document that
        is too large or nested too deeply.
    ExchangeError
        For a document that is not well-formed XML or not UTF-8.

    Examples
    --------
    >>> parse_xml(b"<a><b></a>", "x.qde")
    Traceback (most recent call last):
    ...
    casestudy.errors.ExchangeError: x.qde, line 1: 'document' must be well-formed XML (got 'Opening and ending tag mismatch: b line 1 and a')
    """
    if len(data) > max_bytes:
        raise UnsafeArchiveError(expectation("size", f"at most {max_bytes} bytes", len(data), where))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        place = f"{where}, line {line}" if line else where
        message = str(exc.msg if getattr(exc, "msg", None) else exc)
        message = re.sub(r", line \d+, column \d+$", "", message)
        if "Excessive depth" in message:
            raise UnsafeArchiveError(expectation(
                "nesting depth", f"at most {max_depth} elements", "deeper", place)) from None
        doctype = _prolog_doctype(data)
        if doctype:
            raise UnsafeArchiveError(expectation("DOCTYPE", "absent; DTDs are refused", doctype, where)) from None
        raise ExchangeError(expectation("document", "well-formed XML", message, place)) from None
    tree = root.getroottree()
    _refuse_dtd(tree, where)
    encoding = (tree.docinfo.encoding or "UTF-8").upper().replace("_", "-")
    if encoding not in ("UTF-8", "UTF8"):
        raise ExchangeError(expectation("encoding", "UTF-8, as REFI-QDA requires", tree.docinfo.encoding, where))
    _check_depth(root, where, max_depth)
    return root


def check_xml_text(field: str, value: str, where: str) -> str:
    """Return ``value`` if XML 1.0 can carry it, else raise :class:`ExchangeError`.

    Parameters
    ----------
    field : str
        The element or attribute the text is for.
    value : str
        The text.
    where : str
        The object it belongs to, for the message.

    Examples
    --------
    >>> len(check_xml_text("name", "Kafe\\u0301 \\U0001F600", "Code 'x'"))
    7
    """
    match = _NOT_XML.search(value)
    if match:
        raise ExchangeError(expectation(
            field, "text without control characters XML 1.0 cannot hold", match.group(),
            f"{where}, character {match.start()}"))
    return value


def to_bytes(root: etree._Element) -> bytes:
    """Serialise ``root`` as indented UTF-8 XML with a declaration; the same tree gives the same bytes.

    Examples
    --------
    >>> to_bytes(etree.Element("a")).decode()
    "<?xml version='1.0' encoding='UTF-8'?>\\n<a/>\\n"
    """
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

"""Known deviations of real QDA programs from REFI-QDA 1.5, tolerated on import with a note naming each.

The standard (and its XSD) is what casestudy writes; what it reads is what real
programs write. Each deviation below was seen in files those programs wrote
(``tests/exchange/data/vendor/``), is read by other REFI importers, and changes
nothing a quote depends on, so it is repaired in the parsed document *before*
validation, and reported:

=======================================  ===================================  ========================
deviation                                written by                           what import does
=======================================  ===================================  ========================
namespace ``urn:QDA-XML:codebook:0:4``   ATLAS.ti 9                           read as ``...:1.0``
(or ``project:0:4``)
an empty ``<Sets/>``                     Taguette 1.4.1 and 1.5.2             ignored
a user attribute naming no ``User``      QualCoder 4 (``creatingUserGUID``)   attribute dropped
(on the project, a source, a note...)
a case ``SourceRef`` naming no source    QualCoder 4                          reference dropped
a ``NoteRef`` naming no note             (defensive)                          reference dropped
=======================================  ===================================  ========================

References that carry codings stay strict: a ``CodeRef`` naming no code, a
``creatingUser`` of a selection or coding naming no user, a selection outside
its source are errors (:mod:`casestudy.exchange.validate`). Bare
``plainTextPath="file.txt"`` (the ``qc`` tool) and empty sources (NVivo for Mac)
are handled where texts are read (:mod:`casestudy.exchange.refi_read`).

Examples
--------
>>> from casestudy.exchange.parsing import parse_xml
>>> root = parse_xml(b'<CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes/><Sets/></CodeBook>', "a.qdc")
>>> root, notes = repair(root, "a.qdc")
>>> etree.QName(root).namespace, len(root)
('urn:QDA-XML:codebook:1.0', 1)
>>> for n in notes: print(n)
a.qdc: namespace urn:QDA-XML:codebook:0:4 (written by ATLAS.ti 9) read as urn:QDA-XML:codebook:1.0
a.qdc: an empty <Sets/> (written by Taguette; the XSD requires at least one Set) ignored
"""

from __future__ import annotations

from lxml import etree

from casestudy.exchange.parsing import local_name
from casestudy.exchange.validate import CODEBOOK_NS, PROJECT_NS, normalise_guid

__all__ = ["OLD_NAMESPACES", "repair", "drop_dangling"]

#: Namespaces of pre-1.0 drafts that programs still write, and what they are read as.
OLD_NAMESPACES = {"urn:QDA-XML:codebook:0:4": CODEBOOK_NS, "urn:QDA-XML:project:0:4": PROJECT_NS}
_METADATA_USERS = ("creatingUser", "modifyingUser", "creatingUserGUID", "modifyingUserGUID")
_STRICT = {"PlainTextSelection", "Coding"}  # their users say who coded


def _renamespace(root: etree._Element, new: str) -> etree._Element:
    """A copy of ``root`` with every element of the old namespace moved to ``new``."""
    old = etree.QName(root).namespace
    out = etree.Element(f"{{{new}}}{local_name(root)}", attrib=dict(root.attrib), nsmap={None: new})

    def copy(src: etree._Element, dst: etree._Element) -> None:
        dst.text = src.text
        for child in src:
            if not isinstance(child.tag, str):
                continue
            tag = f"{{{new}}}{local_name(child)}" if etree.QName(child).namespace == old else child.tag
            made = etree.SubElement(dst, tag, attrib=dict(child.attrib))
            made.sourceline = child.sourceline
            made.tail = child.tail
            copy(child, made)

    out.sourceline = root.sourceline
    copy(root, out)
    return out


def repair(root: etree._Element, where: str) -> tuple[etree._Element, list[str]]:
    """Repair the deviations that would fail the XSD (old namespace, empty ``Sets``); return the root and notes."""
    notes = []
    namespace = etree.QName(root).namespace
    if namespace in OLD_NAMESPACES:
        root = _renamespace(root, OLD_NAMESPACES[namespace])
        notes.append(f"{where}: namespace {namespace} (written by ATLAS.ti 9) read as {OLD_NAMESPACES[namespace]}")
    for sets in [e for e in root if isinstance(e.tag, str) and local_name(e) == "Sets"]:
        if not any(isinstance(c.tag, str) for c in sets):
            root.remove(sets)
            notes.append(f"{where}: an empty <Sets/> (written by Taguette; the XSD requires at least one Set) "
                         "ignored")
    return root, notes


def drop_dangling(root: etree._Element, where: str) -> list[str]:
    """Drop references in metadata that name nothing in the document; return one note per reference.

    Users of the project, sources, notes, cases and codes, case ``SourceRef`` and any ``NoteRef``
    are metadata; users of selections and codings, and every ``CodeRef``, are not, and are left
    for validation to refuse.
    """
    kinds = {normalise_guid(e.get("guid", "")): local_name(e) for e in root.iter(etree.Element) if e.get("guid")}
    notes = []
    for el in list(root.iter(etree.Element)):
        name = local_name(el)
        place = f"{where}, line {el.sourceline}" if el.sourceline else where
        if name not in _STRICT:
            for attr in _METADATA_USERS:
                value = el.get(attr)
                if value is not None and kinds.get(normalise_guid(value)) != "User":
                    del el.attrib[attr]
                    notes.append(f"{place}: {name}/@{attr} {value!r} names no User (a known QualCoder deviation); "
                                 "dropped")
        parent = el.getparent()
        target = el.get("targetGUID")
        if parent is None or target is None:
            continue
        if name == "SourceRef" and local_name(parent) == "Case" and normalise_guid(target) not in kinds:
            parent.remove(el)
            notes.append(f"{place}: Case {parent.get('name')!r} SourceRef {target!r} names no source (a known "
                         "QualCoder deviation); dropped")
        elif name == "NoteRef" and kinds.get(normalise_guid(target)) != "Note":
            parent.remove(el)
            notes.append(f"{place}: {local_name(parent)} NoteRef {target!r} names no Note; dropped")
    return notes

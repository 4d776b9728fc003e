"""Write REFI-QDA files: a codebook as ``.qdc``, a project as ``.qdpx``; validated, deterministic.

Every document is serialised, parsed back with the hardened parser and validated
against the shipped XSD and the standard's semantic rules
(:mod:`casestudy.exchange.validate`) *before* anything is written; a failure is an
error and no file appears. ``.qdpx`` archives hold ``project.qde`` then
``sources/<GUID>.txt`` (UTF-8: the texts of sources, and of notes written as files) in GUID order, every member with the same fixed
time stamp and permissions, so two exports of an unchanged project are
byte-identical. Files are replaced atomically.

Examples
--------
>>> import io, zipfile
>>> from casestudy.exchange.model import CodeBook, RefiCode, Project, TextSource, Selection, RefiCoding, stable_guid
>>> code = RefiCode(stable_guid("code", "trust"), "Trust")
>>> qdc_bytes(CodeBook((code,), origin="demo")).splitlines()[1].decode()
'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="demo">'
>>> sel = Selection(stable_guid("s", 1), 3, 8, codings=(RefiCoding(stable_guid("c", 1), code.guid),))
>>> src = TextSource(stable_guid("source", "a"), "A", "Hi: 😀 hello", selections=(sel,))
>>> data = qdpx_bytes(Project("Demo", codes=(code,), sources=(src,)))
>>> data == qdpx_bytes(Project("Demo", codes=(code,), sources=(src,)))
True
>>> zipfile.ZipFile(io.BytesIO(data)).namelist() == ["project.qde", f"sources/{src.guid}.txt"]
True
>>> bad = TextSource(src.guid, "A", "Hi\\x00", selections=())
>>> qdpx_bytes(Project("Demo", sources=(bad,)))
Traceback (most recent call last):
...
casestudy.errors.ExchangeError: TextSource 'A', character 2: 'text' must be text without control characters XML 1.0 cannot hold (got '\\x00')
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from casestudy.exchange.model import CodeBook, Project, RefiCode, TextSource
from casestudy.exchange.parsing import check_xml_text, parse_xml, to_bytes
from casestudy.exchange.validate import CODEBOOK_NS, PROJECT_NS, validate_codebook, validate_project

__all__ = ["ZIP_TIME", "PROJECT_MEMBER", "qdc_bytes", "qde_bytes", "qdpx_bytes",
           "source_member", "write_bytes"]

#: Time stamp of every ``.qdpx`` member (the earliest a ZIP can hold): exports are reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PROJECT_MEMBER = "project.qde"


def source_member(source: TextSource) -> str:
    """The archive member holding ``source``'s text: ``sources/<GUID>.txt``."""
    return f"sources/{source.guid}.txt"


class _Builder:
    def __init__(self, namespace: str) -> None:
        self.ns = namespace

    def el(self, parent: etree._Element | None, tag: str, where: str, **attrs: str | None) -> etree._Element:
        qname = f"{{{self.ns}}}{tag}"
        element = etree.Element(qname, nsmap={None: self.ns}) if parent is None else etree.SubElement(parent, qname)
        for key, value in attrs.items():
            if value is not None:
                element.set(key, check_xml_text(key, value, where))
        return element

    def text(self, parent: etree._Element, tag: str, value: str | None, where: str) -> None:
        if value is not None:
            self.el(parent, tag, where).text = check_xml_text(tag, value, where)

    def refs(self, parent: etree._Element, tag: str, guids: Iterable[str], where: str) -> None:
        for guid in guids:
            self.el(parent, tag, where, targetGUID=guid)

    def code(self, parent: etree._Element, code: RefiCode, with_notes: bool) -> None:
        where = f"Code {code.name!r}"
        el = self.el(parent, "Code", where, guid=code.guid, name=code.name,
                     isCodable="true" if code.codable else "false", color=code.color)
        self.text(el, "Description", code.description, where)
        if with_notes:
            self.refs(el, "NoteRef", code.note_guids, where)
        for child in code.children:
            self.code(el, child, with_notes)


def qdc_bytes(codebook: CodeBook) -> bytes:
    """Serialise and validate a ``.qdc`` codebook; return its bytes.

    Raises
    ------
    ExchangeError
        If a text cannot be held by XML or the document breaks the schema or the standard's rules.
    """
    b = _Builder(CODEBOOK_NS)
    root = b.el(None, "CodeBook", "CodeBook", origin=codebook.origin)
    codes = b.el(root, "Codes", "CodeBook")
    for code in codebook.codes:
        b.code(codes, code, with_notes=False)
    data = to_bytes(root)
    validate_codebook(parse_xml(data, "codebook.qdc"), "codebook.qdc")
    return data


def _project_tree(project: Project) -> etree._Element:
    b = _Builder(PROJECT_NS)
    root = b.el(None, "Project", "Project", name=project.name, origin=project.origin)
    if project.users:
        users = b.el(root, "Users", "Users")
        for u in project.users:
            b.el(users, "User", f"User {u.id!r}", guid=u.guid, name=u.name, id=u.id)
    if project.codes:
        codes = b.el(b.el(root, "CodeBook", "CodeBook"), "Codes", "CodeBook")
        for code in project.codes:
            b.code(codes, code, with_notes=True)
    if project.variables:
        variables = b.el(root, "Variables", "Variables")
        for v in project.variables:
            where = f"Variable {v.name!r}"
            b.text(b.el(variables, "Variable", where, guid=v.guid, name=v.name, typeOfVariable=v.type),
                   "Description", v.description, where)
    if project.cases:
        types = {v.guid: v.type for v in project.variables}
        cases = b.el(root, "Cases", "Cases")
        for c in project.cases:
            where = f"Case {c.name!r}"
            el = b.el(cases, "Case", where, guid=c.guid, name=c.name)
            b.text(el, "Description", c.description, where)
            for value in c.values:
                vv = b.el(el, "VariableValue", where)
                b.el(vv, "VariableRef", where, targetGUID=value.variable_guid)
                b.text(vv, f"{types.get(value.variable_guid, 'Text')}Value", value.value, where)
            b.refs(el, "SourceRef", c.source_guids, where)
    if project.sources:
        sources = b.el(root, "Sources", "Sources")
        for s in project.sources:
            where = f"TextSource {s.name!r}"
            check_xml_text("text", s.text, where)
            el = b.el(sources, "TextSource", where, guid=s.guid, name=s.name,
                      plainTextPath=f"internal://{s.guid}.txt")
            b.text(el, "Description", s.description, where)
            for sel in s.selections:
                sw = f"{where}, PlainTextSelection {sel.guid}"
                se = b.el(el, "PlainTextSelection", sw, guid=sel.guid, name=sel.name, startPosition=str(sel.start),
                          endPosition=str(sel.end), creatingUser=sel.user_guid)
                b.text(se, "Description", sel.description, sw)
                for coding in sel.codings:
                    ce = b.el(se, "Coding", sw, guid=coding.guid, creatingUser=coding.user_guid)
                    b.el(ce, "CodeRef", sw, targetGUID=coding.code_guid)
                    b.refs(ce, "NoteRef", coding.note_guids, sw)
                b.refs(se, "NoteRef", sel.note_guids, sw)
            b.refs(el, "NoteRef", s.note_guids, where)
    if project.notes:
        notes = b.el(root, "Notes", "Notes")
        for n in project.notes:
            where = f"Note {n.name!r}"
            if n.in_file:
                check_xml_text("text", n.text, where)
                b.el(notes, "Note", where, guid=n.guid, name=n.name, plainTextPath=f"internal://{n.guid}.txt",
                     creatingUser=n.user_guid, creationDateTime=n.created)
            else:
                b.text(b.el(notes, "Note", where, guid=n.guid, name=n.name, creatingUser=n.user_guid,
                            creationDateTime=n.created), "PlainTextContent", n.text, where)
    b.text(root, "Description", project.description, "Project")
    b.refs(root, "NoteRef", project.note_guids, "Project")
    return root


def qde_bytes(project: Project) -> bytes:
    """Serialise and validate ``project.qde`` for ``project``; return its bytes.

    Raises
    ------
    ExchangeError
        If a text cannot be held by XML or the document breaks the schema or the standard's rules.
    """
    data = to_bytes(_project_tree(project))
    texts = {s.guid: s.text for s in project.sources}
    validate_project(parse_xml(data, PROJECT_MEMBER), PROJECT_MEMBER, texts)
    return data


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def qdpx_bytes(project: Project) -> bytes:
    """Serialise, validate and zip a project; return the ``.qdpx`` bytes (byte-identical for the same project)."""
    qde = qde_bytes(project)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(_member(PROJECT_MEMBER), qde)
        files = [(source_member(s), s.text) for s in project.sources]
        files += [(f"sources/{n.guid}.txt", n.text) for n in project.notes if n.in_file]
        for member, text in sorted(files):
            zf.writestr(_member(member), text.encode("utf-8"))
    return buf.getvalue()


def write_bytes(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` to ``path`` atomically (a temporary file in the same folder, then a rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target

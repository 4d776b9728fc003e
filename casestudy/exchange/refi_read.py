"""Read untrusted ``.qdpx`` and ``.qdc`` files into the neutral model, accounting for every element.

The archive is opened with :class:`~casestudy.exchange.safe_archive.SafeArchive`,
the XML with :func:`~casestudy.exchange.parsing.parse_xml`; the document is then
validated against the shipped XSD, its text selections are checked to count code
points (:func:`~casestudy.exchange.positions.decide_counting`: converted when the file evidently
counts UTF-16 code units or bytes), known deviations of real programs repaired with a note
(:mod:`casestudy.exchange.deviations`), and the standard's
semantic rules applied, all before anything is built. Texts come inline
(``PlainTextContent``), from ``internal://`` members (``sources/`` or ``Sources/``),
or, for ``relative://`` and ``absolute://`` paths, from files inside a base folder
the user names, never from anywhere else. Every element of the document is
either read or listed in :attr:`ReadReport.discarded` (the standard asks importers
to say what they drop).

Examples
--------
>>> doc = b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="demo"><Codes>
... <Code guid="11111111-1111-4111-8111-111111111111" name="Trust" isCodable="true">
...   <Code guid="22222222-2222-4222-8222-222222222222" name="Sub" isCodable="true" color="#ABC"/></Code>
... </Codes></CodeBook>'''
>>> book, report = read_qdc_bytes(doc, "demo.qdc")
>>> [c.name for c in book.codes], book.codes[0].children[0].color, report.discarded
(['Trust'], '#ABC', ())
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from casestudy.errors import ExchangeError, SchemaValidationError, expectation
from casestudy.exchange.model import (
    CodeBook, Note, Project, RefiCase, RefiCode, RefiCoding, Selection, TextSource, User, Variable, VariableValue,
    stable_guid,
)
from casestudy.exchange.parsing import local_name, parse_xml
from casestudy.exchange.deviations import drop_dangling, repair
from casestudy.exchange.positions import CODE_POINTS, Counting, decide_counting
from casestudy.exchange.safe_archive import DEFAULT_LIMITS, ArchiveLimits, SafeArchive
from casestudy.exchange.validate import (
    CODEBOOK_NS, PROJECT_NS, check_semantics, normalise_guid, validate_schema,
)

__all__ = ["ReadReport", "read_qdpx", "read_qde_bytes", "read_qdc", "read_qdc_bytes", "decode_text"]

_VALUES = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


@dataclass(frozen=True)
class ReadReport:
    """What a read took from a file and what it left.

    Parameters
    ----------
    file : str
        The file read.
    read : tuple of (element, count)
        Elements read, by name.
    discarded : tuple of (element, count)
        Elements the case study database cannot hold (``PictureSource``, ``Link``, ``Set``...).
    notes : tuple of str
        Adjustments made and deviations tolerated (a byte order mark removed, an empty ``<Sets/>``...).
    counting : str
        How the file counts text positions, with the evidence (:mod:`casestudy.exchange.positions`).
    """

    file: str
    read: tuple[tuple[str, int], ...]
    discarded: tuple[tuple[str, int], ...]
    notes: tuple[str, ...] = ()
    counting: str = "code points (no text selections)"

    @property
    def complete(self) -> bool:
        """True when every element was read (none discarded)."""
        return not self.discarded


def decode_text(data: bytes, where: str) -> tuple[str, bool]:
    """Decode a plain-text source as strict UTF-8; return ``(text, bom_removed)``.

    Examples
    --------
    >>> decode_text("\\ufeffhalo".encode(), "a.txt")
    ('halo', True)
    >>> decode_text(b"caf\\xe9", "a.txt")
    Traceback (most recent call last):
    ...
    casestudy.errors.ExchangeError: a.txt, byte 3: 'text' must be UTF-8 as REFI-QDA requires (got b'\\xe9')
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(expectation("text", "UTF-8 as REFI-QDA requires", data[exc.start:exc.end],
                                        f"{where}, byte {exc.start}")) from None
    return (text[1:], True) if text.startswith("\ufeff") else (text, False)


@dataclass(frozen=True)
class _RawSource:
    """A text source whose selections may still count another unit than code points."""

    guid: str
    name: str
    text: str
    description: str | None
    selections: tuple[Selection, ...]
    note_guids: tuple[str, ...]


class _Reader:
    def __init__(self, where: str, load: Callable[[str], bytes], counting: str | None = None) -> None:
        self.where = where
        self.declared = counting
        self.load = load
        self.read: Counter[str] = Counter()
        self.notes: list[str] = []
        self.ours = False
        self.counting = Counting(CODE_POINTS, reason="no text selections")

    def mark(self, el: etree._Element) -> etree._Element:
        self.read[local_name(el)] += 1
        return el

    def kids(self, el: etree._Element, name: str) -> list[etree._Element]:
        return [c for c in el if isinstance(c.tag, str) and local_name(c) == name]

    def child_text(self, el: etree._Element, name: str) -> str | None:
        found = self.kids(el, name)
        return self.mark(found[0]).text or "" if found else None

    def refs(self, el: etree._Element, name: str) -> tuple[str, ...]:
        return tuple(normalise_guid(self.mark(r).get("targetGUID", "")) for r in self.kids(el, name))

    def guid(self, el: etree._Element, attr: str = "guid") -> str | None:
        value = el.get(attr)
        return normalise_guid(value) if value is not None else None

    def text_of(self, el: etree._Element) -> str:
        inline = self.kids(el, "PlainTextContent")
        if inline:
            return self.mark(inline[0]).text or ""
        path = el.get("plainTextPath", "")
        if not path:  # a Note may hold no text at all
            return ""
        where = f"{self.where}, {local_name(el)} {el.get('name')!r}"
        if "://" not in path:
            self.notes.append(f"{where}: plainTextPath {path!r} has no scheme (written so by the qc tool); read as "
                              f"internal://{path}")
            path = f"internal://{path}"
        text, bom = decode_text(self.load(path), f"{where}, {path}")
        if bom:
            self.notes.append(f"{where}: byte order mark removed")
        return text

    def code(self, el: etree._Element) -> RefiCode:
        self.mark(el)
        return RefiCode(self.guid(el) or "", el.get("name", ""), el.get("isCodable") in ("true", "1"), el.get("color"),
                    self.child_text(el, "Description"), tuple(self.code(c) for c in self.kids(el, "Code")),
                    self.refs(el, "NoteRef"))

    def codes(self, codes: etree._Element) -> tuple[RefiCode, ...]:
        self.mark(codes)
        return tuple(self.code(c) for c in self.kids(codes, "Code"))

    def selection(self, el: etree._Element, source_user: str | None) -> Selection:
        self.mark(el)
        user = self.guid(el, "creatingUser")
        codings = tuple(self.coding(c, user) for c in self.kids(el, "Coding"))
        return Selection(self.guid(el) or "", int(el.get("startPosition", "0")), int(el.get("endPosition", "0")),
                         el.get("name"), user, codings, self.refs(el, "NoteRef"), self.child_text(el, "Description"))

    def coding(self, el: etree._Element, user: str | None) -> RefiCoding:
        self.mark(el)
        ref = self.refs(el, "CodeRef")
        return RefiCoding(self.guid(el) or "", ref[0], self.guid(el, "creatingUser") or user, self.refs(el, "NoteRef"))

    def source(self, el: etree._Element) -> _RawSource:
        """The source with its selections as the file counts them (converted later, see :meth:`convert`)."""
        self.mark(el)
        text = self.text_of(el)
        name = el.get("name") or ""
        if not text.strip():
            blank = f"only {text!r}" if text else "no characters"
            self.notes.append(f"{self.where}, TextSource {name or el.get('guid')!r}: empty text ({blank}; written so "
                              "by NVivo for Mac for empty documents); imported as it is")
        if el.get("richTextPath"):
            self.notes.append(f"{self.where}, TextSource {name or el.get('guid')!r}: its rich-text copy "
                              f"{el.get('richTextPath')!r} not imported (the database holds the plain text, which "
                              "positions count)")
        selections = [self.selection(s, None) for s in self.kids(el, "PlainTextSelection")]
        for c in self.kids(el, "Coding"):  # a coding of the whole source
            coding = self.coding(c, self.guid(el, "creatingUser"))
            if text:
                selections.append(Selection(stable_guid("whole-source", coding.guid), 0, len(text), None,
                                            coding.user_guid, (coding,)))
        return _RawSource(self.guid(el) or "", name, text, self.child_text(el, "Description"),
                          tuple(selections), self.refs(el, "NoteRef"))

    def convert(self, raw: list[_RawSource]) -> tuple[list[TextSource], Counting]:
        """Decide the file's counting of positions from all its selections; return sources in code points."""
        counting = decide_counting([(s.text, [(x.start, x.end) for x in s.selections]) for s in raw],
                                   self.where, self.ours, [f"TextSource {s.name!r}" for s in raw], self.declared)
        out = []
        for s in raw:
            where = f"{self.where}, TextSource {s.name!r}"
            spans = counting.convert(s.text, [(x.start, x.end) for x in s.selections], where)
            sels = tuple(replace(x, start=a, end=b) for x, (a, b) in zip(s.selections, spans))
            out.append(TextSource(s.guid, s.name, s.text, s.description, sels, s.note_guids))
        return out, counting

    def case(self, el: etree._Element) -> RefiCase:
        self.mark(el)
        values = []
        for vv in self.kids(el, "VariableValue"):
            self.mark(vv)
            ref = self.refs(vv, "VariableRef")
            value = next((self.mark(v) for v in vv if isinstance(v.tag, str) and local_name(v) in _VALUES), None)
            if ref and value is not None:
                values.append(VariableValue(ref[0], value.text or ""))
        return RefiCase(self.guid(el) or "", el.get("name"), self.child_text(el, "Description"), tuple(values),
                    self.refs(el, "SourceRef"))

    def project(self, root: etree._Element) -> Project:
        self.mark(root)
        self.ours = (root.get("origin") or "").startswith("casestudy")
        users = []
        for holder in self.kids(root, "Users"):
            self.mark(holder)
            users += [User(self.guid(self.mark(u)) or "", u.get("name"), u.get("id")) for u in self.kids(holder, "User")]
        variables, cases, raw, notes = [], [], [], []
        for holder in self.kids(root, "Variables"):
            self.mark(holder)
            variables += [Variable(self.guid(self.mark(v)) or "", v.get("name", ""), v.get("typeOfVariable", "Text"),
                                   self.child_text(v, "Description")) for v in self.kids(holder, "Variable")]
        for holder in self.kids(root, "Cases"):
            self.mark(holder)
            cases += [self.case(c) for c in self.kids(holder, "Case")]
        for holder in self.kids(root, "Sources"):
            self.mark(holder)
            raw += [self.source(s) for s in self.kids(holder, "TextSource")]
        sources, self.counting = self.convert(raw)
        for holder in self.kids(root, "Notes"):
            self.mark(holder)
            for n in self.kids(holder, "Note"):
                self.mark(n)
                notes.append(Note(self.guid(n) or "", n.get("name"), self.text_of(n), self.guid(n, "creatingUser"),
                                  n.get("creationDateTime")))
        codes: tuple[RefiCode, ...] = ()
        for book in self.kids(root, "CodeBook"):
            self.mark(book)
            codes += tuple(c for holder in self.kids(book, "Codes") for c in self.codes(holder))
        return Project(root.get("name", ""), root.get("origin"), tuple(users), codes,
                       tuple(variables), tuple(cases), tuple(sources), tuple(notes),
                       self.child_text(root, "Description"), self.refs(root, "NoteRef"))

    def report(self, root: etree._Element) -> ReadReport:
        total = Counter(local_name(e) for e in root.iter(etree.Element))
        left = sorted((k, n - self.read[k]) for k, n in total.items() if n > self.read[k])
        return ReadReport(self.where, tuple(sorted(self.read.items())), tuple(left), tuple(self.notes),
                          self.counting.describe())


def _resolve_external(path: str, base_dir: str | os.PathLike[str] | None, where: str, limit: int) -> bytes:
    scheme, _, rest = path.partition("://")
    if base_dir is None:
        raise ExchangeError(expectation("plainTextPath", f"internal:// unless a base folder is named for {scheme}://"
                                        " sources (--base-dir)", path, where))
    base = Path(base_dir).resolve()
    candidate = (base / rest.lstrip("/")) if scheme == "relative" else Path("/" + rest.lstrip("/"))
    resolved = candidate.resolve()
    if not resolved.is_relative_to(base):
        raise ExchangeError(expectation("plainTextPath", f"a file inside the base folder {base.name!r}", path, where))
    if not resolved.is_file():
        raise ExchangeError(expectation("plainTextPath", "an existing file inside the base folder", path, where))
    if resolved.stat().st_size > limit:
        raise ExchangeError(expectation("plainTextPath", f"a file of at most {limit} bytes", path, where))
    return resolved.read_bytes()


def _loader(archive: SafeArchive | None, base_dir: str | os.PathLike[str] | None, where: str,
            limit: int) -> Callable[[str], bytes]:
    def load(path: str) -> bytes:
        scheme, sep, rest = path.partition("://")
        if sep and scheme == "internal" and archive is not None:
            if not rest or "/" in rest or "\\" in rest or rest in (".", ".."):
                raise ExchangeError(expectation("plainTextPath", "internal://<file name> (no folders)", path, where))
            member = archive.find(f"sources/{rest}")
            if member is None:
                raise ExchangeError(expectation("plainTextPath", "a file of the archive's sources/ folder", path,
                                                where))
            return archive.read(member)
        if sep and scheme in ("relative", "absolute"):
            return _resolve_external(path, base_dir, where, limit)
        raise ExchangeError(expectation("plainTextPath", "an internal://, relative:// or absolute:// path", path,
                                        where))
    return load


def read_qde_bytes(data: bytes, where: str, load: Callable[[str], bytes],
                   counting: str | None = None) -> tuple[Project, ReadReport]:
    """Read a ``project.qde`` document; ``load(path)`` returns the bytes of a ``plainTextPath``.

    ``counting`` names how the file counts positions when the user knows it (see
    :func:`~casestudy.exchange.positions.decide_counting`); by default it is decided from the evidence.
    """
    root, repaired = repair(parse_xml(data, where), where)
    if etree.QName(root).namespace != PROJECT_NS or local_name(root) != "Project":
        raise SchemaValidationError(expectation("root element", f"Project in {PROJECT_NS}", root.tag, where))
    validate_schema(root, where)
    reader = _Reader(where, load, counting)
    reader.notes += repaired + drop_dangling(root, where)
    project = reader.project(root)
    in_code_points = reader.counting.unit == CODE_POINTS
    check_semantics(root, where, {s.guid: s.text for s in project.sources} if in_code_points else None)
    return project, reader.report(root)


def read_qdpx(path: str | os.PathLike[str], base_dir: str | os.PathLike[str] | None = None,
              limits: ArchiveLimits = DEFAULT_LIMITS, counting: str | None = None) -> tuple[Project, ReadReport]:
    """Read a ``.qdpx`` file into the model.

    Parameters
    ----------
    path : path-like
        The archive.
    base_dir : path-like, optional
        The only folder from which ``relative://`` and ``absolute://`` sources may be read.
    limits : ArchiveLimits
        Bounds on the archive.
    counting : str, optional
        How the file counts positions, when known (``"UTF-16 code units"``...); default: decided from the
        evidence of its selections.

    Raises
    ------
    UnsafeArchiveError, ExchangeError, SchemaValidationError
        One clear error naming the member, element or attribute.
    """
    label = Path(path).name
    with SafeArchive(path, label, limits) as archive:
        qde = [n for n in archive.names if "/" not in n and n.lower().endswith(".qde")]
        if len(qde) != 1:
            raise ExchangeError(expectation("project.qde", "exactly one .qde document at the top of the archive",
                                            qde, label))
        where = f"{label}!{qde[0]}"
        return read_qde_bytes(archive.read(qde[0]), where, _loader(archive, base_dir, where, limits.max_member_bytes),
                              counting)


def read_qdc_bytes(data: bytes, where: str) -> tuple[CodeBook, ReadReport]:
    """Read a ``.qdc`` codebook document."""
    root, repaired = repair(parse_xml(data, where), where)
    if etree.QName(root).namespace != CODEBOOK_NS or local_name(root) != "CodeBook":
        raise SchemaValidationError(expectation("root element", f"CodeBook in {CODEBOOK_NS}", root.tag, where))
    validate_schema(root, where)
    check_semantics(root, where)
    reader = _Reader(where, _loader(None, None, where, 0))
    reader.notes += repaired
    reader.mark(root)
    book = CodeBook(tuple(c for holder in reader.kids(root, "Codes") for c in reader.codes(holder)), root.get("origin"))
    return book, reader.report(root)


def read_qdc(path: str | os.PathLike[str], max_bytes: int = 64 * 1024 * 1024) -> tuple[CodeBook, ReadReport]:
    """Read a ``.qdc`` file (at most ``max_bytes``) into the model."""
    p = Path(path)
    if p.stat().st_size > max_bytes:
        raise ExchangeError(expectation("size", f"at most {max_bytes} bytes", p.stat().st_size, p.name))
    return read_qdc_bytes(p.read_bytes(), p.name)

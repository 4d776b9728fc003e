"""A neutral, frozen in-memory model of a REFI-QDA project or codebook.

The model sits between the case study database and the XML: export maps the
database to it (:mod:`casestudy.exchange.mapping`) and writes it
(:mod:`casestudy.exchange.refi_export`); import reads a file into it
(:mod:`casestudy.exchange.refi_read`) and stores it
(:mod:`casestudy.exchange.refi_import`). Only the parts of REFI-QDA the case
study database can hold are modelled: users, the code tree, variables, cases,
plain-text sources with selections and codings, and notes.

GUIDs of exported objects are derived from their stable ids with
:func:`stable_guid` (``uuid5`` under the fixed :data:`GUID_NAMESPACE`), so the same
object gets the same GUID at every export. Structured details that REFI has no
element for travel in ``Description`` texts as ``Key: value`` lines
(:func:`format_fields`, :func:`parse_fields`), readable in any QDA tool.

Examples
--------
>>> stable_guid("code", "portfolio_pricing") == stable_guid("code", "portfolio_pricing")
True
>>> len(stable_guid("code", "x")), stable_guid("code", "x")[14]
(36, '5')
>>> text = format_fields([("Code id", "trust"), ("Definition (en)", "Line one\\nline two")])
>>> print(text)
Code id: trust
Definition (en): Line one
  line two
>>> parse_fields(text)
{'Code id': 'trust', 'Definition (en)': 'Line one\\nline two'}
>>> Selection("not-a-guid", 0, 3)
Traceback (most recent call last):
...
casestudy.errors.ExchangeError: Selection: 'guid' must be a GUID 8-4-4-4-12 in hexadecimal (got 'not-a-guid')
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from casestudy.deprecation import deprecated_names
from casestudy.errors import ExchangeError, expectation
from casestudy.validators import ID_PATTERN

__all__ = [
    "GUID_NAMESPACE", "VARIABLE_TYPES", "stable_guid", "slug", "derived_id", "Ids", "check_guid", "format_fields",
    "parse_fields", "User", "RefiCode", "Variable", "VariableValue", "RefiCase", "RefiCoding", "Selection",
    "TextSource", "Note", "Project", "CodeBook", "walk_codes",
]

#: ``Case``, ``Code`` and ``Coding`` are ``RefiCase``, ``RefiCode`` and ``RefiCoding`` (distinct from the
#: database's :class:`~casestudy.records.cases.CodingCase`, :class:`~casestudy.records.codebook.Code` and
#: :class:`~casestudy.records.segments.Coding`); the old names warn (``DeprecationWarning``) for one release.
__getattr__ = deprecated_names(__name__)

#: Fixed namespace of every GUID casestudy derives (never change it: GUIDs would change).
GUID_NAMESPACE = uuid.UUID("6c3f7a52-8b1e-5d2a-9f47-0e5c2b1d9a63")
VARIABLE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_FIELD = re.compile(r"^([A-Z][A-Za-z ()]*?): ?(.*)$")


def stable_guid(kind: str, *key: object) -> str:
    """Return the GUID of object ``kind`` with stable key ``key`` (``uuid5``, lower case).

    Examples
    --------
    >>> stable_guid("user", "coder_a")
    'c9b4547f-dc9f-54da-86dd-ca03e2cefc7d'
    """
    return str(uuid.uuid5(GUID_NAMESPACE, "\x1f".join([kind, *map(str, key)])))


def slug(name: str | None) -> str:
    """The id made from a name: ASCII, lower case, ``_`` between words, at most 60 characters.

    Examples
    --------
    >>> slug("Kepuasan/Pelanggan é"), slug("2022 x")
    ('kepuasan_pelanggan_e', '2022_x')
    """
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")[:60]


def derived_id(name: str | None, prefix: str = "code") -> str | None:
    """The id an import makes from a name when no other object took it first (None when it needs the GUID).

    Examples
    --------
    >>> derived_id("Harga murah"), derived_id("2022 x"), derived_id("😀")
    ('harga_murah', 'code_2022_x', None)
    """
    base = slug(name)
    if not base:
        return None
    return base if base[0].isalpha() else f"{prefix}_{base}"


class Ids:
    """Hands out unique ids: the preferred one when valid, else one made from a name (linear in the count).

    Import uses it to name objects of other tools; export uses it to know which ids an import
    would make again, and leaves those out of descriptions.
    """

    def __init__(self, prefix: str, pattern: re.Pattern[str] = ID_PATTERN) -> None:
        self.prefix, self.pattern = prefix, pattern
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def take(self, preferred: str | None, name: str | None, guid: str) -> str:
        if preferred and self.pattern.match(preferred) and preferred not in self.used:
            self.used.add(preferred)
            return preferred
        base = derived_id(name, self.prefix) or f"{self.prefix}_{guid[:8]}"
        out, n = base, self.next.get(base, 1)
        while out in self.used:
            n += 1
            out = f"{base}_{n}"
        self.next[base] = n
        self.used.add(out)
        return out



def check_guid(value: object, where: str, field: str = "guid") -> str:
    """Return ``value`` if it is a GUID ``8-4-4-4-12`` (no braces), else raise :class:`ExchangeError`."""
    if not isinstance(value, str) or not _GUID.match(value):
        raise ExchangeError(expectation(field, "a GUID 8-4-4-4-12 in hexadecimal", value, where))
    return value


def format_fields(fields: Iterable[tuple[str, str | None]]) -> str:
    """Format ``(key, value)`` pairs as ``Key: value`` lines; line breaks in values continue indented.

    Empty or None values are left out.
    """
    lines = []
    for key, value in fields:
        if value is None or value == "":
            continue
        first, *rest = str(value).split("\n")
        lines.append(f"{key}: {first}")
        lines.extend("  " + line for line in rest)
    return "\n".join(lines)


def parse_fields(text: str) -> dict[str, str]:
    """Parse text written by :func:`format_fields` (an empty dict when it is not such text)."""
    out: dict[str, str] = {}
    key = None
    for line in text.split("\n"):
        if line.startswith("  ") and key is not None:
            out[key] += "\n" + line[2:]
            continue
        match = _FIELD.match(line)
        if match is None or match.group(1) in out:
            return {}
        key = match.group(1)
        out[key] = match.group(2)
    return out


@dataclass(frozen=True)
class User:
    """A REFI ``User`` (a coder or memo author): ``guid``, ``name``, ``id``."""

    guid: str
    name: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        check_guid(self.guid, "User")


@dataclass(frozen=True)
class RefiCode:
    """A REFI ``Code`` with its children; ``codable`` False for folders."""

    guid: str
    name: str
    codable: bool = True
    color: str | None = None
    description: str | None = None
    children: tuple[RefiCode, ...] = ()
    note_guids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_guid(self.guid, "Code")
        if not isinstance(self.name, str) or not self.name:
            raise ExchangeError(expectation("name", "a non-empty string", self.name, f"Code {self.guid}"))


def walk_codes(codes: Iterable[RefiCode], parent: RefiCode | None = None) -> Iterator[tuple[RefiCode, RefiCode | None]]:
    """Yield ``(code, parent)`` depth first, parents before children, in document order."""
    for code in codes:
        yield code, parent
        yield from walk_codes(code.children, code)


@dataclass(frozen=True)
class Variable:
    """A REFI ``Variable``: a named attribute of cases, with its type."""

    guid: str
    name: str
    type: str = "Text"
    description: str | None = None

    def __post_init__(self) -> None:
        check_guid(self.guid, "Variable")
        if self.type not in VARIABLE_TYPES:
            raise ExchangeError(expectation("typeOfVariable", "one of " + ", ".join(VARIABLE_TYPES), self.type,
                                            f"Variable {self.name!r}"))


@dataclass(frozen=True)
class VariableValue:
    """A value of variable ``variable_guid``, in its lexical XML form (``true``, ``3``, ``text``)."""

    variable_guid: str
    value: str


@dataclass(frozen=True)
class RefiCase:
    """A REFI ``Case``: its variable values and the sources it owns."""

    guid: str
    name: str | None = None
    description: str | None = None
    values: tuple[VariableValue, ...] = ()
    source_guids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_guid(self.guid, "Case")


@dataclass(frozen=True)
class RefiCoding:
    """A REFI ``Coding`` of a selection with code ``code_guid`` by user ``user_guid``."""

    guid: str
    code_guid: str
    user_guid: str | None = None
    note_guids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_guid(self.guid, "Coding")


@dataclass(frozen=True)
class Selection:
    """A REFI ``PlainTextSelection``: code points ``[start, end)`` of its source, with codings.

    ``description`` is its ``Description`` (a coding memo in QualCoder and MAXQDA).
    """

    guid: str
    start: int
    end: int
    name: str | None = None
    user_guid: str | None = None
    codings: tuple[RefiCoding, ...] = ()
    note_guids: tuple[str, ...] = ()
    description: str | None = None

    def __post_init__(self) -> None:
        check_guid(self.guid, "Selection")
        if not (isinstance(self.start, int) and isinstance(self.end, int) and 0 <= self.start < self.end):
            raise ExchangeError(expectation("startPosition, endPosition", "integers with 0 <= start < end",
                                            (self.start, self.end), f"Selection {self.guid}"))


@dataclass(frozen=True)
class TextSource:
    """A REFI ``TextSource`` with its plain text (stored as ``sources/<guid>.txt`` on export)."""

    guid: str
    name: str
    text: str
    description: str | None = None
    selections: tuple[Selection, ...] = ()
    note_guids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_guid(self.guid, "TextSource")
        for s in self.selections:
            if s.end > len(self.text):
                raise ExchangeError(expectation(
                    "endPosition", f"at most {len(self.text)}, the length of the source in code points", s.end,
                    f"TextSource {self.name!r}, PlainTextSelection {s.guid}"))


@dataclass(frozen=True)
class Note:
    """A REFI ``Note`` (a memo): plain text; ``created`` its ``creationDateTime``.

    ``in_file``: the text is written as ``sources/<GUID>.txt`` (``plainTextPath``) rather than inline,
    as journals are (QualCoder imports a note as a journal only so).
    """

    guid: str
    name: str | None
    text: str
    user_guid: str | None = None
    created: str | None = None
    in_file: bool = False

    def __post_init__(self) -> None:
        check_guid(self.guid, "Note")


@dataclass(frozen=True)
class Project:
    """A REFI ``Project``: the children of ``Project`` this package reads and writes."""

    name: str
    origin: str | None = None
    users: tuple[User, ...] = ()
    codes: tuple[RefiCode, ...] = ()
    variables: tuple[Variable, ...] = ()
    cases: tuple[RefiCase, ...] = ()
    sources: tuple[TextSource, ...] = ()
    notes: tuple[Note, ...] = ()
    description: str | None = None
    note_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeBook:
    """A REFI ``CodeBook`` (a ``.qdc`` file): the code tree and its origin."""

    codes: tuple[RefiCode, ...]
    origin: str | None = None

"""The privacy check: every name of a pseudonym key, searched for in what the package wrote.

:func:`scan_paths` reads files and folders the way their readers would see the
text: an SQLite database table by table and column by column, a ``.qdpx`` (or any
zip: ``.docx``, ``.qdc`` archives) member by member, a notebook cell by cell
(sources and outputs, joined as a reader sees them, so a name split across two
JSON lines is still found), HTML and XML with their character references
resolved, any other file as UTF-8 text. Names are matched past case, accents,
spacing, line breaks and invisible characters, and past ``_`` and ``-`` (file
names, ids) (:mod:`casestudy.coding.name_matching`). Every hit names the file,
the place inside it and the line.

Examples
--------
>>> import tempfile, pathlib
>>> from casestudy.coding.pseudonyms import PseudonymKey
>>> key = PseudonymKey.from_dict({"entries": [{"real": "Budi Hartono", "token": "INF03"}]})
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "report.html").write_text("<p>Ok.</p>\\n<p>Pak BUDI\\nHARTONO &amp; co</p>", encoding="utf-8")
>>> [str(leak) for leak in scan_paths(key, [folder])]
['report.html, line 2: Budi Hartono']
"""

from __future__ import annotations

import html
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casestudy import paths

__all__ = ["Leak", "scan_paths", "scan_text", "scan_bytes", "refuse_leaks", "SKIPPED_SUFFIXES", "MAX_MEMBER_BYTES"]

#: Files not scanned: images hold no text a name could be in (figures draw text as paths).
SKIPPED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".pyc"})
#: Largest archive member read (bytes); a larger one is reported as not scanned, never skipped silently.
MAX_MEMBER_BYTES = 200_000_000
_SQLITE = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Leak:
    """One name of the key found in a file: ``where`` is the file (and the place in it), ``line`` 1-based."""

    where: str
    line: int
    name: str

    def __str__(self) -> str:
        return f"{self.where}, line {self.line}: {self.name}"


def scan_text(key: Any, text: str, where: str) -> list[Leak]:
    """The names of ``key`` in ``text`` (one :class:`Leak` per occurrence)."""
    return [Leak(where, text.count("\n", 0, start) + 1, name) for start, _, name in key.find_spans(text, True)]


def _notebook(key: Any, data: bytes, where: str) -> list[Leak]:
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return scan_text(key, data.decode("utf-8", errors="replace"), where)
    out = []
    for i, cell in enumerate(nb.get("cells", []) if isinstance(nb, dict) else [], start=1):
        parts = [_joined(cell.get("source"))]
        for o in cell.get("outputs", []) or []:
            parts.append(_joined(o.get("text")))
            for value in (o.get("data") or {}).values():
                parts.append(_joined(value) if not isinstance(value, dict) else json.dumps(value, ensure_ascii=False))
        text = html.unescape("\n".join(p for p in parts if p))
        out += scan_text(key, text, f"{where}, cell {i}")
    return out


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


def _database(key: Any, path: Path, where: str) -> list[Leak]:
    out = []
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            cursor = con.execute(f'SELECT rowid, * FROM "{table}"')
            columns = [d[0] for d in cursor.description][1:]
            for row in cursor:
                for column, value in zip(columns, row[1:]):
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", errors="replace")
                    if isinstance(value, str):
                        out += scan_text(key, value, f"{where}, table {table}, row {row[0]}, column {column}")
    finally:
        con.close()
    return out


def scan_bytes(key: Any, data: bytes, where: str, suffix: str = "") -> list[Leak]:
    """Scan the content of one file (or archive member) named ``where``."""
    if suffix in SKIPPED_SUFFIXES:
        return []
    if data[:4] == b"PK\x03\x04":
        out = []
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    name = f"{where}!{info.filename}"
                    if info.is_dir():
                        continue
                    if info.file_size > MAX_MEMBER_BYTES:
                        out.append(Leak(name, 0, f"(not scanned: {info.file_size:,} bytes)"))
                        continue
                    out += scan_bytes(key, z.read(info), name, Path(info.filename).suffix.lower())
            return out
        except (zipfile.BadZipFile, OSError, ValueError):
            pass
    if suffix == ".ipynb":
        return _notebook(key, data, where)
    text = data.decode("utf-8", errors="replace")
    if suffix in (".html", ".htm", ".xml", ".qde", ".qdc", ".svg", ".xhtml"):
        text = html.unescape(text)
    return scan_text(key, text, where)


def _files(paths_: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    for p in paths_:
        p = Path(p)
        if p.is_dir():
            yield from (f for f in sorted(p.rglob("*")) if f.is_file() and ".git" not in f.parts)
        else:
            yield p


def scan_paths(key: Any, paths_: Iterable[str | os.PathLike[str]]) -> list[Leak]:
    """Every occurrence of a name of ``key`` in the files and folders ``paths_`` (folders recursively).

    Raises
    ------
    FileNotFoundError
        (as :class:`casestudy.errors.DataFileNotFoundError`) for a path that does not exist.
    """
    from casestudy.errors import DataFileNotFoundError, expectation

    out: list[Leak] = []
    for f in _files(paths_):
        if not f.exists():
            raise DataFileNotFoundError(expectation("PATH", "an existing file or folder", str(f)))
        where = paths.display_path(f)
        with f.open("rb") as handle:
            head = handle.read(16)
        if head == _SQLITE:
            try:
                out += _database(key, f, where)
                continue
            except sqlite3.DatabaseError:
                pass
        out += scan_bytes(key, f.read_bytes(), where, f.suffix.lower())
    return out


def refuse_leaks(key: Any, data: bytes, where: str, suffix: str = "") -> None:
    """Raise if ``data`` (an output about to be written as ``where``) holds a name of ``key``.

    Raises
    ------
    PseudonymError
        ``'<where>' must be free of the names in the pseudonym key (got '<place>: <name>', ...)``;
        the caller then writes nothing.
    """
    from casestudy.errors import PseudonymError, expectation

    leaks = scan_bytes(key, data, where, suffix)
    if leaks:
        shown = "; ".join(str(x) for x in leaks[:3]) + (f"; and {len(leaks) - 3} more" if len(leaks) > 3 else "")
        raise PseudonymError(expectation(
            "output", f"free of the names in the pseudonym key {key.name} (nothing was written)", shown, where))

"""Codings as CSV: one schema for ``codings import`` and ``codings export`` (an export imports back unchanged).

Columns (:data:`CSV_COLUMNS`, in this order on export): ``source``, ``code``,
``start``, ``end`` (code points into the canonical text, end exclusive),
``quote`` (the coded text), ``occurrence`` (1-based, which occurrence of the quote),
``context`` (a few words around the quote, to pin down a quote that occurs more
than once), ``coder``, ``status``, ``origin``, ``memo``. On import ``source`` and
``code`` are required, with either ``start`` and ``end`` or ``quote``; every other
column is optional. When both offsets and a quote are given they must agree. A quote
found nowhere, or more than once with neither ``occurrence`` nor ``context``, is an
error that lists the candidates with the line of the text where each is. The
column names of earlier versions (``source_id``, ``code_id``, ``coder_id``,
``note``) are read as their new names.

Examples
--------
>>> import io
>>> texts = {"int_inf01": "Pewawancara: Halo.\\n\\nINF01: Kami mulai 2017. Kami mulai lagi."}
>>> rows = "source,code,quote\\nint_inf01,lifecycle_acquire,mulai 2017\\n"
>>> [(c.start, c.end, c.coder_id) for c in read_codings_csv(io.StringIO(rows), texts, where="a.csv", coder_id="coder_a")]
[(32, 42, 'coder_a')]
>>> read_codings_csv(io.StringIO(rows.replace("mulai 2017", "Kami mulai")), texts, where="a.csv", coder_id="coder_a")
Traceback (most recent call last):
...
casestudy.errors.CodingError: a.csv, line 2: 'quote' must be text found once in source int_inf01, or pinned by an occurrence or a context column (found 2 times: occurrence 1 at text line 3, occurrence 2 at text line 3) (got 'Kami mulai')
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from casestudy import paths
from casestudy.records.segments import Coding
from casestudy.coding.suggest import fold
from casestudy.coding.textfiles import read_utf8
from casestudy.csv_output import neutralise_cell, restore_formulas
from casestudy.errors import CodingError, expectation

__all__ = ["CSV_COLUMNS", "LEGACY_NAMES", "read_codings_csv", "load_codings_csv", "codings_rows",
           "write_codings_csv"]

CSV_COLUMNS = ("source", "code", "start", "end", "quote", "occurrence", "context", "coder", "status", "origin",
               "memo")
#: Column names of earlier versions, read as the current names.
LEGACY_NAMES = {"source_id": "source", "code_id": "code", "coder_id": "coder", "note": "memo"}


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _occurrences(text: str, quote: str) -> list[int]:
    out, pos = [], text.find(quote)
    while pos >= 0:
        out.append(pos)
        pos = text.find(quote, pos + 1)
    return out


def _near(text: str, quote: str) -> str:
    """Where a quote that is not in the text nearly is: same words ignoring case and spacing, or its first words."""
    low, want = fold(text), " ".join(fold(quote).split())
    lines = [i + 1 for i, line in enumerate(low.split("\n")) if want and want in " ".join(line.split())]
    if lines:
        return "found with other case or spacing at text line " + ", ".join(map(str, lines[:5]))
    head = " ".join(want.split()[:3])
    lines = [i + 1 for i, line in enumerate(low.split("\n")) if head and head in " ".join(line.split())]
    if lines:
        return f"its first words {head!r} are at text line " + ", ".join(map(str, lines[:5]))
    return "no candidate"


def _locate(text: str, sid: str, quote: str, occurrence: str, context: str, at: str) -> int:
    """Start of the quote pinned by ``occurrence`` or ``context`` (or found once); see the module docstring."""
    found = _occurrences(text, quote)
    if occurrence:
        if not occurrence.isdigit() or int(occurrence) < 1:
            raise CodingError(expectation("occurrence", "a positive integer", occurrence, at))
        if int(occurrence) > len(found):
            raise CodingError(expectation("quote", f"text occurring at least {occurrence} time(s) in source {sid} "
                                          f"(found {len(found)}{'' if found else '; ' + _near(text, quote)})",
                                          quote, at))
        return found[int(occurrence) - 1]
    if context:
        inside = context.find(quote)
        places = [p + inside for p in _occurrences(text, context)] if inside >= 0 else []
        if inside < 0 or len(places) != 1:
            why = ("a context that contains the quote" if inside < 0
                   else f"a context found once in source {sid} (found {len(places)} times)")
            raise CodingError(expectation("context", why, context, at))
        return places[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise CodingError(expectation("quote", f"text of source {sid} ({_near(text, quote)})", quote, at))
    where = ", ".join(f"occurrence {i} at text line {_line(text, p)}" for i, p in enumerate(found[:10], 1))
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    raise CodingError(expectation("quote", f"text found once in source {sid}, or pinned by an occurrence or a "
                                  f"context column (found {len(found)} times: {where}{more})", quote, at))


def _offsets(row: Mapping[str, str], text: str, sid: str, at: str) -> tuple[int, int]:
    start, end, quote = row.get("start", ""), row.get("end", ""), row.get("quote", "")
    if start or end:
        for name, value in (("start", start), ("end", end)):
            if not value.isdigit():
                raise CodingError(expectation(name, "a non-negative integer (a code-point offset)", value, at))
        s, e = int(start), int(end)
        if not s < e <= len(text):
            raise CodingError(expectation("end", f"greater than start {s} and at most the text's {len(text)} code "
                                          f"points", e, at))
        if quote and text[s:e] != quote:
            raise CodingError(expectation("quote", f"the text at {s}-{e} of source {sid} ({text[s:e]!r})", quote, at))
        return s, e
    if not quote:
        raise CodingError(expectation("quote", "given when start and end are not", quote, at))
    s = _locate(text, sid, quote, row.get("occurrence", ""), row.get("context", ""), at)
    return s, s + len(quote)


def read_codings_csv(stream: IO[str], texts: Mapping[str, str] | Callable[[str], str | None], *,
                     where: str = "codings", coder_id: str | None = None, status: str = "accepted",
                     origin: str = "manual", codebook_version: int = 1,
                     codes: Mapping[str, bool] | None = None) -> list[Coding]:
    """Resolve the rows of a codings CSV against canonical ``texts`` (mapping or callable).

    Parameters
    ----------
    stream : text stream
        CSV with the columns :data:`CSV_COLUMNS` (``source``, ``code`` and offsets or a quote required).
    texts : mapping or callable
        Source id -> canonical text (None for an unknown source).
    where : str
        File name for messages.
    coder_id : str, optional
        The coder of every row; a ``coder`` column, where filled, must agree. Without it
        every row needs a ``coder``.
    status, origin : str
        Defaults for rows without a ``status`` or ``origin``.
    codebook_version : int
        Given to every :class:`Coding`.
    codes : mapping of str to bool, optional
        Code id -> codable, to check each row's code with its line.

    Raises
    ------
    CodingError
        One error naming the file, the line and the column; nothing is returned.
    """
    get = texts if callable(texts) else texts.get
    reader = csv.DictReader(stream)
    names = [LEGACY_NAMES.get((n or "").strip(), (n or "").strip()) for n in (reader.fieldnames or [])]
    unknown = [n for n in names if n not in CSV_COLUMNS]
    if unknown or "source" not in names or "code" not in names or not (
            "quote" in names or {"start", "end"} <= set(names)):
        raise CodingError(expectation("columns", "source, code and either start, end or quote (optional: "
                                      "occurrence, context, coder, status, origin, memo)",
                                      reader.fieldnames, f"{where}, line 1"))
    if len(set(names)) != len(names):
        raise CodingError(expectation("columns", "each column once", reader.fieldnames, f"{where}, line 1"))
    reader.fieldnames = names
    out = []
    for raw in reader:
        at = f"{where}, line {reader.line_num}"
        if None in raw:
            raise CodingError(expectation("row", f"at most {len(names)} fields", len(names) + len(raw[None]), at))
        row = {k: restore_formulas(v or "") if k in ("quote", "context") else restore_formulas((v or "").strip())
               for k, v in raw.items()}
        sid = row["source"]
        text = get(sid)
        if text is None:
            raise CodingError(expectation("source", "a source of the database", sid, at))
        code = row["code"]
        if codes is not None and not codes.get(code, False):
            raise CodingError(expectation("code", f"a codable code of codebook version {codebook_version}"
                                          if code not in codes else "a codable code (not a folder)", code, at))
        who = row.get("coder", "")
        if coder_id and who and who != coder_id:
            raise CodingError(expectation("coder", f"empty or {coder_id!r} (the coder given for the file)", who, at))
        if not (coder_id or who):
            raise CodingError(expectation("coder", "filled when no coder is given for the whole file", who, at))
        start, end = _offsets(row, text, sid, at)
        try:
            out.append(Coding(sid, start, end, code, coder_id or who, row.get("status") or status,
                              row.get("origin") or origin, codebook_version, row.get("memo") or None))
        except CodingError as exc:
            raise CodingError(f"{at}: {exc}") from None
    return out


def load_codings_csv(path: str | os.PathLike[str], texts: Mapping[str, str] | Callable[[str], str | None],
                     **kwargs: Any) -> list[Coding]:
    """Read a codings CSV file (UTF-8); see :func:`read_codings_csv`."""
    where = paths.display_path(Path(path))
    data = read_utf8(path, CodingError, "codings CSV")
    return read_codings_csv(io.StringIO(data.replace("\r\n", "\n"), newline=""), texts, where=where, **kwargs)


def codings_rows(codings: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """Rows of :data:`CSV_COLUMNS` for codings (``source_id, start, end, code_id, coder_id, status, origin, memo``).

    ``occurrence`` is the quote's occurrence at its offsets, so that a row imports back
    to the same span from its quote alone.
    """
    out = []
    for c in codings:
        text, s, e = texts[c["source_id"]], int(c["start"]), int(c["end"])
        quote = text[s:e]
        occurrence = sum(1 for p in _occurrences(text[:e], quote) if p <= s)
        memo = c.get("memo")
        out.append({"source": c["source_id"], "code": c["code_id"], "start": s, "end": e, "quote": quote,
                    "occurrence": occurrence, "context": "", "coder": c["coder_id"], "status": c["status"],
                    "origin": c["origin"], "memo": memo if isinstance(memo, str) else ""})
    return out


def write_codings_csv(rows: Iterable[Mapping[str, Any]], stream: IO[str]) -> int:
    """Write rows of :func:`codings_rows` as CSV (``\\n`` line ends); return the number of rows.

    Text cells that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``...) are prefixed
    with ``'`` (OWASP; :mod:`casestudy.csv_output`); :func:`read_codings_csv` removes the prefix again.
    """
    writer = csv.DictWriter(stream, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in rows:
        writer.writerow({k: neutralise_cell(v) for k, v in r.items()})
        n += 1
    return n


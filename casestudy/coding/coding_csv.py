"""Codings as CSV: quote selectors in (``source_id,code_id,quote,occurrence,coder_id,note``), one row per coding out.

Quotes are exact substrings of the canonical (pseudonymised) text; ``occurrence``
is 1-based. A bad row is one error naming the file, its line and the field.

Examples
--------
>>> import io
>>> texts = {"int_inf01": "Pewawancara: Halo.\\n\\nINF01: Kami mulai 2017."}
>>> rows = "source_id,code_id,quote,occurrence,coder_id,note\\nint_inf01,lifecycle_acquire,mulai 2017,1,coder_a,\\n"
>>> [(c.start, c.end) for c in read_codings_csv(io.StringIO(rows), texts, where="a.csv")]
[(32, 42)]
>>> read_codings_csv(io.StringIO(rows.replace("mulai 2017", "mulai 2018")), texts, where="a.csv")
Traceback (most recent call last):
...
casestudy.errors.CodingError: a.csv, line 2: 'quote' must be text occurring at least 1 time(s) in source int_inf01 (got 'mulai 2018')
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from casestudy import paths
from casestudy.coding.segments import Coding
from casestudy.coding.textfiles import read_utf8
from casestudy.errors import CodingError, expectation

__all__ = ["CSV_COLUMNS", "read_codings_csv", "load_codings_csv"]

CSV_COLUMNS = ("source_id", "code_id", "quote", "occurrence", "coder_id", "note")


def read_codings_csv(stream: IO[str], texts: Mapping[str, str] | Callable[[str], str], *, where: str = "codings",
                     coder_id: str | None = None, status: str = "accepted", origin: str = "manual",
                     codebook_version: int = 1) -> list[Coding]:
    """Resolve the rows of a codings CSV against canonical ``texts`` (mapping or callable).

    Parameters
    ----------
    stream : text stream
        CSV with the columns :data:`CSV_COLUMNS`.
    texts : mapping or callable
        Source id -> canonical text.
    where : str
        File name for messages.
    coder_id : str, optional
        Overrides the ``coder_id`` column (e.g. ``consensus``).
    status, origin, codebook_version
        Given to every :class:`Coding`.

    Raises
    ------
    CodingError
        For a missing column, unknown source, bad occurrence or a quote not found.
    """
    get = texts if callable(texts) else texts.get
    reader = csv.DictReader(stream)
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CodingError(expectation("columns", ", ".join(CSV_COLUMNS), reader.fieldnames, f"{where}, line 1"))
    out = []
    for row in reader:
        at = f"{where}, line {reader.line_num}"
        sid = (row["source_id"] or "").strip()
        text = get(sid)
        if text is None:
            raise CodingError(expectation("source_id", "a source of the project", sid, at))
        occ = (row["occurrence"] or "1").strip()
        if not occ.isdigit() or int(occ) < 1:
            raise CodingError(expectation("occurrence", "a positive integer", occ, at))
        quote = row["quote"] or ""
        start, n = -1, 0
        while n < int(occ):
            start = text.find(quote, start + 1) if quote else -1
            if start < 0:
                raise CodingError(expectation("quote", f"text occurring at least {occ} time(s) in source {sid}",
                                              quote, at))
            n += 1
        try:
            out.append(Coding(sid, start, start + len(quote), (row["code_id"] or "").strip(),
                              coder_id or (row["coder_id"] or "").strip(), status, origin, codebook_version,
                              (row["note"] or "").strip() or None))
        except CodingError as exc:
            raise CodingError(f"{at}: {exc}") from None
    return out


def load_codings_csv(path: str | os.PathLike[str], texts: Mapping[str, str] | Callable[[str], str],
                     **kwargs: object) -> list[Coding]:
    """Read a codings CSV file (UTF-8); see :func:`read_codings_csv`."""
    where = paths.display_path(Path(path))
    data = read_utf8(path, CodingError, "codings CSV")
    return read_codings_csv(io.StringIO(data.replace("\r\n", "\n"), newline=""), texts, where=where,
                            **kwargs)  # type: ignore[arg-type]

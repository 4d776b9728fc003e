"""Writing CSV files that are safe to open in a spreadsheet, with their notices beside them.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel, LibreOffice and Google Sheets (CSV injection:
``=HYPERLINK(...)`` in a quote becomes a live link). Following the OWASP
guidance, every such text cell is prefixed with a single quote ``'``, which
spreadsheets show as text; :func:`restore_formulas` undoes it for a reader of
our own CSVs, so an export imports back unchanged. Numbers are never touched.

A notice about an output (for example that it includes material without
recorded consent) goes into a sidecar ``<file>.README``, never into the CSV,
where a first line would break every CSV reader.

Examples
--------
>>> import pandas as pd
>>> df = neutralise_formulas(pd.DataFrame({"text": ["=HYPERLINK(\\"x\\")", "@SUM(A1)", "ok", "-1"], "n": [1, -2, 3, 4]}))
>>> print(df["text"].tolist()[1:], df["n"].tolist())
["'@SUM(A1)", 'ok', "'-1"] [1, -2, 3, 4]
>>> restore_formulas("'=HYPERLINK(\\"x\\")"), restore_formulas("'quoted"), restore_formulas("plain")
('=HYPERLINK("x")', "'quoted", 'plain')
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

__all__ = ["FORMULA_STARTS", "neutralise_cell", "neutralise_formulas", "restore_formulas", "write_csv", "sidecar_path"]

#: Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """One cell: a text that starts like a formula gets a leading ``'``; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` whose text cells cannot start a spreadsheet formula (prefixed with ``'``)."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(neutralise_cell)
    return out


def restore_formulas(value: str) -> str:
    """Undo :func:`neutralise_formulas` for one cell read back from our CSV."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def sidecar_path(path: str | os.PathLike[str]) -> Path:
    """Where the notice of ``path`` goes: ``<path>.README``."""
    return Path(f"{path}.README")


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str], *, notice: str | None = None) -> Path:
    """Write ``df`` as UTF-8 CSV (``\\n`` line ends, no index, formulas neutralised); return the path.

    Parameters
    ----------
    notice : str, optional
        Written to the sidecar ``<path>.README``; without it, a stale sidecar is removed.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    neutralise_formulas(df).to_csv(p, index=False, lineterminator="\n")
    side = sidecar_path(p)
    if notice:
        side.write_text(f"{p.name}: {notice}\n", encoding="utf-8")
    else:
        side.unlink(missing_ok=True)
    return p

"""Reliability data as a long CSV: ``unit,coder,value``, one row per judgement.

A unit a coder did not judge has no row (or an empty ``value``): it is a missing
value, not a disagreement. Values are labels at the nominal level and numbers at
the ordinal, interval and ratio levels. A bad row is one error naming the file,
its line and the field.

Examples
--------
>>> import io
>>> csv_text = "unit,coder,value\\n1,a,yes\\n1,b,yes\\n2,a,no\\n2,b,yes\\n3,a,no\\n"
>>> read_reliability_table(io.StringIO(csv_text), where="irr.csv")
coder    a    b
unit
1      yes  yes
2       no  yes
3       no  NaN
>>> read_reliability_table(io.StringIO("unit,coder,value\\n1,a,2\\n1,b,high\\n"), where="irr.csv", level="interval")
Traceback (most recent call last):
...
casestudy.errors.ReliabilityError: irr.csv, line 3: 'value' must be a number at the interval level (got 'high')
"""

from __future__ import annotations

import csv
import math
from typing import IO

import pandas as pd

from casestudy.errors import ReliabilityError, expectation
from casestudy.reliability.statistics import LEVELS, _plain, check_matrix

__all__ = ["TABLE_COLUMNS", "read_reliability_table", "reliability_matrix"]

TABLE_COLUMNS = ("unit", "coder", "value")


def read_reliability_table(stream: IO[str], *, where: str = "reliability data", level: str = "nominal",
                           coders: list[str] | None = None) -> pd.DataFrame:
    """Read a long ``unit,coder,value`` CSV into a units x coders matrix (NaN where missing).

    Parameters
    ----------
    stream : text stream
    where : str
        File name for messages.
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
        Non-nominal levels need numeric values.
    coders : list of str, optional
        Keep only these coders (each must occur in the file).

    Returns
    -------
    pandas.DataFrame
        Units in first-seen order, coders sorted.

    Raises
    ------
    ReliabilityError
        Missing header columns, a row with the wrong number of fields, an empty unit or
        coder, a repeated (unit, coder), a non-numeric value at a numeric level, an
        unknown coder, fewer than two coders.
    """
    if level not in LEVELS:
        raise ReliabilityError(expectation("level", "one of " + ", ".join(LEVELS), level, where))
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != list(TABLE_COLUMNS):
        raise ReliabilityError(expectation("header", "unit,coder,value", ",".join(header or []), f"{where}, line 1"))
    rows: list[tuple[str, str, object]] = []
    seen: dict[tuple[str, str], int] = {}
    for fields in reader:
        line = reader.line_num
        at = f"{where}, line {line}"
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) != 3:
            raise ReliabilityError(expectation("fields", "3 fields (unit,coder,value)", len(fields), at))
        unit, coder, raw = (f.strip() for f in fields)
        if not unit:
            raise ReliabilityError(expectation("unit", "a non-empty unit id", unit, at))
        if not coder:
            raise ReliabilityError(expectation("coder", "a non-empty coder id", coder, at))
        if (unit, coder) in seen:
            raise ReliabilityError(expectation("(unit, coder)", f"unique (first on line {seen[unit, coder]})",
                                               (unit, coder), at))
        seen[unit, coder] = line
        if raw == "":
            continue
        value: object = raw
        if level != "nominal":
            try:
                value = float(raw)
            except ValueError:
                value = math.nan
            if math.isnan(value):  # type: ignore[arg-type]
                raise ReliabilityError(expectation("value", f"a number at the {level} level", raw, at))
        rows.append((unit, coder, value))
    if not rows:
        raise ReliabilityError(expectation("rows", "at least one value", 0, where))
    long = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    matrix = long.pivot(index="unit", columns="coder", values="value")
    units = list(dict.fromkeys(u for u, _ in seen))
    all_coders = sorted({c for _, c in seen})
    matrix = matrix.reindex(index=units, columns=all_coders)
    if coders is not None:
        for c in coders:
            if c not in all_coders:
                raise ReliabilityError(expectation("coders", "coders of the file (" + ", ".join(all_coders) + ")",
                                                   c, where))
        matrix = matrix[list(coders)]
    matrix.index.name, matrix.columns.name = "unit", "coder"
    return check_matrix(matrix, where)


def reliability_matrix(data: pd.DataFrame, unit: str = "unit", coder: str = "coder",
                       value: str = "value", where: str = "reliability data") -> pd.DataFrame:
    """Pivot long reliability data (one row per unit and coder) to units x coders.

    Parameters
    ----------
    data : pandas.DataFrame
        Columns ``unit``, ``coder``, ``value``; a missing row is a missing value.
    unit, coder, value : str
        Column names.
    where : str
        Name of the data for error messages.

    Returns
    -------
    pandas.DataFrame
        Index: units (in first-seen order); columns: coders (sorted); NaN where missing.

    Examples
    --------
    >>> long = pd.DataFrame({"unit": [1, 1, 2], "coder": ["b", "a", "a"], "value": ["x", "x", "y"]})
    >>> reliability_matrix(long)
    coder  a    b
    unit
    1      x    x
    2      y  NaN
    """
    missing = [c for c in (unit, coder, value) if c not in data.columns]
    if missing:
        raise ReliabilityError(expectation("columns", f"to include {unit}, {coder}, {value}",
                                           list(data.columns), where))
    dup = data.duplicated([unit, coder])
    if dup.any():
        row = data[dup].iloc[0]
        raise ReliabilityError(expectation(f"({unit}, {coder})", "unique: one value per unit and coder",
                                           (_plain(row[unit]), _plain(row[coder])), where))
    units = pd.unique(data[unit])
    wide = data.pivot(index=unit, columns=coder, values=value)
    wide = wide.reindex(index=units, columns=sorted(wide.columns, key=str))
    wide.index.name, wide.columns.name = unit, coder
    return wide

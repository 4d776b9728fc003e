"""Growth of a yearly series: year-on-year change and compound annual growth rate (CAGR).

Pure functions: a DataFrame in, a DataFrame or a number out.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"year": [2017, 2018, 2019], "orders": [10, 19, 27]})
>>> yoy_change(df)[["year", "change", "ratio"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
[{'year': 2017, 'change': nan, 'ratio': nan}, {'year': 2018, 'change': 9.0, 'ratio': 1.9},
 {'year': 2019, 'change': 8.0, 'ratio': 1.4210526315789473}]
>>> round(cagr(10, 31, 6), 4)
0.2075
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casestudy.errors import ValidationError, expectation

__all__ = ["yoy_change", "cagr", "growth_summary"]


def _check_series(df: pd.DataFrame, time: str, value: str) -> pd.DataFrame:
    for col in (time, value):
        if col not in df.columns:
            raise ValidationError(expectation("columns", f"to include {col!r}", list(df.columns)))
    out = df[[time, value]].sort_values(time, kind="stable").reset_index(drop=True)
    years = out[time].to_numpy()
    if len(years) < 2 or not np.all(np.diff(years) == 1):
        raise ValidationError(expectation(time, "consecutive years, at least two", years.tolist()))
    if (out[value] < 0).any():
        raise ValidationError(expectation(value, "non-negative counts", out[value].tolist()))
    return out


def yoy_change(df: pd.DataFrame, time: str = "year", value: str = "orders") -> pd.DataFrame:
    """Year-on-year change of a yearly series.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per year.
    time, value : str
        Column names of the year and the count.

    Returns
    -------
    pandas.DataFrame
        Columns ``time``, ``value``, ``change`` (absolute), ``ratio`` (this year
        over the previous: the paper's "x-fold") and ``pct_change`` (percent).
        The first year has no previous year and gets NaN.
    """
    out = _check_series(df, time, value)
    prev = out[value].shift(1).astype(float)
    out["change"] = out[value].astype(float) - prev
    out["ratio"] = out[value].astype(float) / prev
    out["pct_change"] = 100.0 * (out["ratio"] - 1.0)
    return out


def cagr(first: float, last: float, periods: int) -> float:
    """Compound annual growth rate ``(last / first) ** (1 / periods) - 1``.

    Parameters
    ----------
    first, last : float
        Values at the start and end (start must be positive).
    periods : int
        Number of yearly intervals (2017 to 2023 is 6).

    Examples
    --------
    >>> cagr(100, 121, 2)
    0.10000000000000009
    >>> cagr(0, 5, 2)
    Traceback (most recent call last):
    ...
    casestudy.errors.ValidationError: 'first' must be a positive number (got 0)
    """
    if not first > 0:
        raise ValidationError(expectation("first", "a positive number", first))
    if not (isinstance(periods, (int, np.integer)) and periods > 0):
        raise ValidationError(expectation("periods", "a positive integer", periods))
    return float((last / first) ** (1.0 / periods) - 1.0)


def growth_summary(df: pd.DataFrame, time: str = "year", value: str = "orders") -> pd.DataFrame:
    """One-row summary: first and last year, totals, number of intervals, CAGR, peak year.

    Examples
    --------
    >>> import pandas as pd
    >>> s = growth_summary(pd.DataFrame({"year": [2017, 2018, 2019], "orders": [10, 19, 27]}))
    >>> s[["first_year", "last_year", "intervals", "total"]].to_dict("records")
    [{'first_year': 2017, 'last_year': 2019, 'intervals': 2, 'total': 56}]
    """
    out = _check_series(df, time, value)
    first, last = out.iloc[0], out.iloc[-1]
    intervals = int(last[time] - first[time])
    peak = out.iloc[int(out[value].argmax())]  # position = label: _check_series resets the index
    return pd.DataFrame(
        [
            {
                "first_year": int(first[time]),
                "last_year": int(last[time]),
                "intervals": intervals,
                "first_value": int(first[value]),
                "last_value": int(last[value]),
                "total": int(out[value].sum()),
                "cagr": cagr(float(first[value]), float(last[value]), intervals),
                "peak_year": int(peak[time]),
                "peak_value": int(peak[value]),
            }
        ]
    )

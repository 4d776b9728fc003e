"""Customer portfolio analysis (Buttle stage 1) on an order ledger.

Segment and business-line shares over time, customer value (historic, net of
intermediary commission) and RFM scores. Every function takes the ledger, its
column names (:class:`~casestudy.crm.ledger.LedgerSchema`) and an explicit
analysis end date: orders after ``end`` are ignored and nothing reads the
clock. Results do not depend on the order of the ledger's rows.

Examples
--------
>>> import pandas as pd
>>> orders = pd.DataFrame({
...     "customer_id": ["a", "b", "a", "c"],
...     "order_date": pd.to_datetime(["2021-01-05", "2021-03-01", "2022-02-01", "2022-06-30"]),
...     "segment": ["B2G", "B2B", "B2G", "B2C"],
...     "contract_value": [100.0, 50.0, 200.0, 10.0],
...     "commission_rate": [0.1, 0.0, 0.0, 0.2]})
>>> shares_over_time(orders, "2022-12-31")[["period", "segment", "orders", "share"]].head(3)
   period segment  orders  share
0    2021     B2B       1    0.5
1    2021     B2C       0    0.0
2    2021     B2G       1    0.5
>>> rfm(orders, "2022-12-31", bins=3)[["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m"]]
  customer_id  recency_days  frequency  monetary  r  f  m
0           a           333          2     290.0  2  3  3
1           b           670          1      50.0  1  1  2
2           c           184          1       8.0  3  2  1
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from casestudy.crm.ledger import LEDGER, LedgerSchema
from casestudy.errors import LedgerError, expectation

__all__ = ["within", "customer_codes", "day_numbers", "shares_over_time", "customer_value", "rfm", "score_by_rank"]


def within(orders: pd.DataFrame, end: str | pd.Timestamp, schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """Return the orders placed on or before ``end`` (an explicit analysis end date)."""
    if end is None:
        raise LedgerError(expectation("end", "an explicit analysis end date", end))
    mask = (orders[schema.order_date] <= pd.Timestamp(end)).to_numpy()
    return orders if mask.all() else orders[mask]


def customer_codes(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return integer codes of ``ids`` numbered in ascending order of the id, and the sorted unique ids.

    A categorical column whose categories are already sorted is used as is
    (fast path for large ledgers); otherwise the ids are factorised and sorted.

    Examples
    --------
    >>> codes, uniques = customer_codes(pd.Series(["b", "a", "b"]))
    >>> codes.tolist(), uniques.tolist()
    ([1, 0, 1], ['a', 'b'])
    """
    if isinstance(ids.dtype, pd.CategoricalDtype) and ids.cat.categories.is_monotonic_increasing:
        codes = ids.cat.codes.to_numpy().astype(np.int64)
        used = np.bincount(codes, minlength=len(ids.cat.categories)) > 0
        if used.all():
            return codes, np.asarray(ids.cat.categories)
        remap = np.cumsum(used) - 1
        return remap[codes], np.asarray(ids.cat.categories)[used]
    codes, uniques = pd.factorize(ids, sort=True)
    return codes.astype(np.int64), np.asarray(uniques)


def day_numbers(dates: pd.Series, unit: str = "D") -> np.ndarray:
    """Dates as integer day (``unit="D"``) or calendar-month (``"M"``) numbers since 1970.

    Months are looked up from a small table of the days spanned, which is much
    faster than a per-row calendar conversion on large ledgers.

    Examples
    --------
    >>> day_numbers(pd.Series(pd.to_datetime(["1970-01-31", "1970-02-01"])), "M").tolist()
    [0, 1]
    """
    days = dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    if unit == "D" or len(days) == 0:
        return days
    lo, hi = int(days.min()), int(days.max())
    table = np.arange(lo, hi + 1).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return table[days - lo]


def score_by_rank(values: np.ndarray, bins: int, higher_is_better: bool = True) -> np.ndarray:
    """Score ``values`` 1..``bins`` by rank; ties are broken by position (pass values ordered by id).

    The item at 0-based position ``p`` of the ascending order (value, then
    position) scores ``floor(p * bins / n) + 1``, so each score holds
    ``n / bins`` items give or take one, and equal values never share a
    position: the tie-break is deterministic.

    Examples
    --------
    >>> score_by_rank(np.array([5, 1, 5, 3]), 2).tolist()
    [2, 1, 2, 1]
    >>> score_by_rank(np.array([5, 1, 5, 3]), 2, higher_is_better=False).tolist()
    [1, 2, 1, 2]
    """
    n = len(values)
    key = np.asarray(values) if higher_is_better else -np.asarray(values)
    order = np.argsort(key, kind="stable")  # stable: equal values keep their (id) order
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n)
    return (pos * bins // max(n, 1) + 1).astype(np.int64)


def shares_over_time(orders: pd.DataFrame, end: str | pd.Timestamp, by: str = "segment",
                     schema: LedgerSchema = LEDGER, freq: str = "year") -> pd.DataFrame:
    """Orders and share of orders per period for each value of ``by`` (segment or business line).

    Parameters
    ----------
    orders : pandas.DataFrame
    end : str or Timestamp
        Analysis end date.
    by : str
        Column to split by (``segment``, ``business_line``, ``region``...).
    schema : LedgerSchema
    freq : {'year', 'month'}

    Returns
    -------
    pandas.DataFrame
        Columns ``period, <by>, orders, share``; every value of ``by`` appears in
        every period between the first and the last order, with 0 where it had none.
    """
    o = within(orders, end, schema)
    if freq not in ("year", "month"):
        raise LedgerError(expectation("freq", "one of year, month", freq))
    dates = o[schema.order_date]
    period = dates.dt.year if freq == "year" else dates.dt.to_period("M").astype(str)
    counts = pd.crosstab(period.rename("period"), o[by].rename(by))
    if freq == "year" and len(counts):
        counts = counts.reindex(range(int(counts.index.min()), int(counts.index.max()) + 1), fill_value=0)
    counts = counts.reindex(sorted(counts.columns), axis=1)
    long = cast(pd.Series, counts.stack()).rename("orders").reset_index()  # one column level: a Series
    totals = long.groupby("period")["orders"].transform("sum")
    long["share"] = np.where(totals > 0, long["orders"] / totals.where(totals > 0, 1), np.nan)
    long["orders"] = long["orders"].astype("int64")
    return long.sort_values(["period", by], kind="mergesort").reset_index(drop=True)


def customer_value(orders: pd.DataFrame, end: str | pd.Timestamp, schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """Historic customer value, net of intermediary commission, per customer.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id, orders, gross_value, commission, net_value,
        first_order, last_order``, sorted by customer id; ``net_value`` is the sum
        of ``contract_value * (1 - commission_rate)``.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["x", "x"], "order_date": pd.to_datetime(["2020-01-01", "2021-01-01"]),
    ...                   "contract_value": [100.0, 50.0], "commission_rate": [0.2, 0.0]})
    >>> customer_value(o, "2021-12-31")[["orders", "gross_value", "commission", "net_value"]].iloc[0].tolist()
    [2.0, 150.0, 20.0, 130.0]
    """
    o = within(orders, end, schema)
    codes, ids = customer_codes(o[schema.customer_id])
    value = o[schema.contract_value].to_numpy(float)
    commission = value * o[schema.commission_rate].to_numpy(float)
    days = day_numbers(o[schema.order_date])
    k = len(ids)
    first = np.full(k, np.iinfo(np.int64).max)
    last = np.full(k, np.iinfo(np.int64).min)
    np.minimum.at(first, codes, days)
    np.maximum.at(last, codes, days)
    gross = np.bincount(codes, weights=value, minlength=k)
    comm = np.bincount(codes, weights=commission, minlength=k)
    return pd.DataFrame({
        "customer_id": ids,
        "orders": np.bincount(codes, minlength=k).astype(np.int64),
        "gross_value": gross,
        "commission": comm,
        "net_value": gross - comm,
        "first_order": first.astype("datetime64[D]").astype("datetime64[ns]"),
        "last_order": last.astype("datetime64[D]").astype("datetime64[ns]"),
    })


def rfm(orders: pd.DataFrame, end: str | pd.Timestamp, bins: int = 5, schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer, raw values beside their scores.

    Parameters
    ----------
    orders : pandas.DataFrame
    end : str or Timestamp
        Analysis end date; recency is counted in days from the last order to ``end``.
    bins : int
        Number of score levels (5 gives quintile scores 1..5).
    schema : LedgerSchema

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id, recency_days, frequency, monetary, r, f, m, rfm``
        sorted by customer id. ``monetary`` is historic value net of
        commission. Scores rank customers (:func:`score_by_rank`): higher is
        more recent, more frequent, more valuable; ties are broken by customer
        id (the lower id gets the lower position), so equal raw values may get
        neighbouring scores but the result never depends on row order.
    """
    if not isinstance(bins, int) or bins < 1:
        raise LedgerError(expectation("bins", "a positive integer", bins))
    cv = customer_value(orders, end, schema)
    stamp = np.datetime64(pd.Timestamp(end).date(), "D")
    recency = (stamp - cv["last_order"].to_numpy().astype("datetime64[D]")).astype(np.int64)
    out = pd.DataFrame({"customer_id": cv["customer_id"], "recency_days": recency,
                        "frequency": cv["orders"], "monetary": cv["net_value"]})
    out["r"] = score_by_rank(recency, bins, higher_is_better=False)
    out["f"] = score_by_rank(out["frequency"].to_numpy(), bins)
    out["m"] = score_by_rank(out["monetary"].to_numpy(), bins)
    out["rfm"] = out["r"] * 100 + out["f"] * 10 + out["m"] if bins < 10 else out["r"] * 10_000 + out["f"] * 100 + out["m"]
    return out

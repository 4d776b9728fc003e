"""Managing the customer lifecycle (Buttle stage 5) on an order ledger.

New, returning, retained and lost customers per year; retention and churn by
two named definitions; three repeat-purchase measures; a cohort retention
matrix whose unobservable cells are empty (NaN), never zero; complaint rates.

Definitions (``A_t``: customers with an order in year ``t``; ``N_t``: those whose
first order falls in ``t``):

* ``retention_strict`` = ``|A_{t-1} & A_t| / |A_{t-1}|``: of last year's buyers,
  the share who bought again this year. ``churn_strict`` = 1 - that.
* ``retention_textbook`` = ``(E - N) / S`` with ``S = |A_{t-1}|``, ``E = |A_t|``,
  ``N = |N_t|`` (the customer retention rate formula of marketing textbooks).
  ``E - N`` counts every returning buyer, including those reactivated after a
  gap year, so it can exceed the strict rate and even 1.
* Repeat purchase: ``repeat_customer_rate`` (customers with two or more
  orders / customers), ``repeat_order_share`` (orders after a customer's first
  / orders), ``orders_per_customer`` (orders / customers).

Examples
--------
>>> import pandas as pd
>>> o = pd.DataFrame({"customer_id": ["a", "b", "a", "c", "b"],
...                   "order_date": pd.to_datetime(["2020-02-01", "2020-05-01", "2021-03-01",
...                                                 "2021-04-01", "2022-01-10"]),
...                   "complaint": [True, False, False, True, True]})
>>> flows = customer_flows(o, "2022-12-31")
>>> print(flows[["year", "active", "new", "retained", "reactivated",
...              "retention_strict", "retention_textbook"]].to_string(index=False))
 year  active  new  retained  reactivated  retention_strict  retention_textbook
 2020       2    2         0            0               NaN                 NaN
 2021       2    1         1            0               0.5                 0.5
 2022       1    0         0            1               0.0                 0.5
>>> cohort_retention(o, "2021-12-31").retention
        0    1
cohort
2020  1.0  0.5
2021  1.0  NaN
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from casestudy.crm.ledger import LEDGER, LedgerSchema
from casestudy.crm.portfolio import customer_codes, day_numbers, within
from casestudy.errors import LedgerError, expectation
from casestudy.summary import SummaryTable

__all__ = ["customer_flows", "repeat_purchase", "CohortMatrix", "cohort_retention", "complaint_rates"]


def _years(o: pd.DataFrame, schema: LedgerSchema) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    codes, ids = customer_codes(o[schema.customer_id])
    years = o[schema.order_date].dt.year.to_numpy().astype(np.int64)
    return codes, ids, years


def customer_flows(orders: pd.DataFrame, end: str | pd.Timestamp, schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """New, returning, retained, reactivated and lost customers per year, with retention and churn.

    Parameters
    ----------
    orders : pandas.DataFrame
    end : str or Timestamp
        Analysis end date; its year is the last row (``complete`` is False when
        ``end`` falls before 31 December of that year).
    schema : LedgerSchema

    Returns
    -------
    pandas.DataFrame
        Columns ``year, active, new, returning, retained, reactivated, lost,
        retention_strict, churn_strict, retention_textbook, churn_textbook,
        complete``; rates are NaN in the first year (no previous year).
    """
    o = within(orders, end, schema)
    end_year = pd.Timestamp(end).year
    codes, ids, years = _years(o, schema)
    if len(o) == 0:
        raise LedgerError(expectation("orders", f"at least one order on or before {pd.Timestamp(end).date()}", 0))
    y0 = int(years.min())
    span = end_year - y0 + 1
    active = np.zeros((len(ids), span), dtype=bool)
    active[codes, years - y0] = True
    first = np.argmax(active, axis=1)
    rows = []
    for j in range(span):
        a = active[:, j]
        new = int((first == j).sum())
        n_active = int(a.sum())
        row: dict[str, object] = {"year": y0 + j, "active": n_active, "new": new, "returning": n_active - new}
        if j == 0:
            row.update(retained=0, reactivated=0, lost=0, retention_strict=np.nan, churn_strict=np.nan,
                       retention_textbook=np.nan, churn_textbook=np.nan)
        else:
            prev = active[:, j - 1]
            retained = int((prev & a).sum())
            s = int(prev.sum())
            strict = retained / s if s else np.nan
            textbook = (n_active - new) / s if s else np.nan
            row.update(retained=retained, reactivated=n_active - new - retained, lost=s - retained,
                       retention_strict=strict, churn_strict=1 - strict,
                       retention_textbook=textbook, churn_textbook=1 - textbook)
        row["complete"] = pd.Timestamp(year=y0 + j, month=12, day=31) <= pd.Timestamp(end)
        rows.append(row)
    return pd.DataFrame(rows)


def repeat_purchase(orders: pd.DataFrame, end: str | pd.Timestamp, schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """The three repeat-purchase measures up to ``end``, with their exact numerator and denominator.

    Examples
    --------
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                   "order_date": pd.to_datetime(["2020-01-01", "2021-01-01", "2021-06-01"])})
    >>> repeat_purchase(o, "2021-12-31")
                    measure  numerator  denominator     value
    0  repeat_customer_rate          1            2  0.500000
    1    repeat_order_share          1            3  0.333333
    2   orders_per_customer          3            2  1.500000
    """
    o = within(orders, end, schema)
    codes, ids = customer_codes(o[schema.customer_id])
    per = np.bincount(codes, minlength=len(ids))
    n_orders, n_customers = int(per.sum()), len(ids)
    rows = [("repeat_customer_rate", int((per >= 2).sum()), n_customers),
            ("repeat_order_share", n_orders - n_customers, n_orders),
            ("orders_per_customer", n_orders, n_customers)]
    df = pd.DataFrame(rows, columns=["measure", "numerator", "denominator"])
    df["value"] = df["numerator"] / df["denominator"].where(df["denominator"] > 0)
    return df


@dataclass(frozen=True)
class CohortMatrix:
    """Cohort retention: share of each first-purchase cohort buying again ``k`` periods later.

    Attributes
    ----------
    retention : pandas.DataFrame
        Index ``cohort`` (first-order period), columns ``k`` = 0, 1, ...;
        NaN where period ``cohort + k`` has not fully elapsed by the end date.
    active : pandas.DataFrame
        Customers of the cohort with an order in period ``cohort + k`` (NaN where unobservable).
    sizes : pandas.Series
        Customers per cohort.
    freq : str
        ``year`` or ``month``.
    """

    retention: pd.DataFrame
    active: pd.DataFrame
    sizes: pd.Series
    freq: str

    @property
    def summary(self) -> pd.DataFrame:
        """Wide table: ``cohort, customers`` then one column per ``k`` (NaN = not observable)."""
        wide = self.retention.copy()
        wide.columns = [f"k{k}" for k in wide.columns]
        wide.insert(0, "customers", self.sizes)
        return wide.reset_index()

    def __repr__(self) -> str:
        return f"CohortMatrix(freq={self.freq!r}, cohorts={len(self.sizes)}, periods={self.retention.shape[1]})"

    def _repr_html_(self) -> str:
        return SummaryTable(f"Cohort retention ({self.freq})", self.summary).to_html()


def cohort_retention(orders: pd.DataFrame, end: str | pd.Timestamp, freq: str = "year",
                     schema: LedgerSchema = LEDGER) -> CohortMatrix:
    """Cohort retention matrix by first-order period, unobservable cells empty (NaN), not zero.

    Parameters
    ----------
    orders : pandas.DataFrame
    end : str or Timestamp
        Analysis end date. A cell (cohort, k) is observable when period
        ``cohort + k`` ends on or before ``end``; a partly elapsed period is NaN.
    freq : {'year', 'month'}
    schema : LedgerSchema

    Returns
    -------
    CohortMatrix
    """
    if freq not in ("year", "month"):
        raise LedgerError(expectation("freq", "one of year, month", freq))
    o = within(orders, end, schema)
    codes, ids = customer_codes(o[schema.customer_id])
    stamp = pd.Timestamp(end)
    if freq == "year":
        per = o[schema.order_date].dt.year.to_numpy().astype(np.int64)
        last_full = stamp.year if (stamp.month, stamp.day) == (12, 31) else stamp.year - 1
    else:
        per = day_numbers(o[schema.order_date], "M")
        month = int(np.datetime64(stamp.date(), "M").astype(np.int64))
        last_full = month if (stamp + pd.Timedelta(days=1)).day == 1 else month - 1
    if len(o) == 0:
        raise LedgerError(expectation("orders", f"at least one order on or before {stamp.date()}", 0))
    p0 = int(per.min())
    span = max(int(per.max()), int(last_full)) - p0 + 1
    rel = per - p0
    k_cust = len(ids)
    first = np.full(k_cust, span, dtype=np.int64)
    np.minimum.at(first, codes, rel)
    key = codes * span + rel
    if k_cust * span <= 400_000_000:  # a bitmap of (customer, period) pairs dedupes without sorting
        seen = np.zeros(k_cust * span, dtype=bool)
        seen[key] = True
        cust, p = np.nonzero(seen.reshape(k_cust, span))
    else:  # pragma: no cover - very large ledgers
        cust, p = np.divmod(pd.unique(key), span)
    cohort = first[cust]
    counts = np.bincount(cohort * (span - 1) + p, minlength=span * span).reshape(span, span).astype(float)
    sizes = np.bincount(first, minlength=span)
    observable = (np.arange(span)[:, None] + np.arange(span)[None, :]) <= (last_full - p0)
    counts[~observable] = np.nan
    keep = sizes > 0
    labels = np.arange(span)[keep] + p0
    # PeriodIndex.from_ordinals (pandas 2.2) is missing from pandas-stubs.
    index = pd.Index(labels if freq == "year"
                     else pd.PeriodIndex.from_ordinals(labels, freq="M").astype(str),  # type: ignore[attr-defined]
                     name="cohort")
    ncol = int(max(1, last_full - p0 + 1)) if keep.any() else 1
    active = pd.DataFrame(counts[keep][:, :ncol], index=index, columns=pd.RangeIndex(ncol))
    active.columns.name = None
    retention = active.div(sizes[keep], axis=0)
    return CohortMatrix(retention=retention, active=active,
                        sizes=pd.Series(sizes[keep], index=index, name="customers"), freq=freq)


def complaint_rates(orders: pd.DataFrame, end: str | pd.Timestamp, schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """Orders, complaints and complaint rate per year (complaints / orders of that year).

    Examples
    --------
    >>> o = pd.DataFrame({"order_date": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-03-01"]),
    ...                   "complaint": [True, True, False]})
    >>> complaint_rates(o, "2023-12-31")
       year  orders  complaints      rate
    0  2023       3           2  0.666667
    """
    o = within(orders, end, schema)
    g = o.groupby(o[schema.order_date].dt.year.rename("year"))[schema.complaint]
    out = pd.DataFrame({"orders": g.size(), "complaints": g.sum().astype("int64")}).reset_index()
    out["rate"] = out["complaints"] / out["orders"]
    return out

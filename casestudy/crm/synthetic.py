"""A seeded synthetic order ledger that reproduces the paper's aggregates exactly.

Nothing here is PT. XYZ's data: every row carries ``provenance="synthetic"``.
The generator fixes what the paper publishes (Tabel 2's yearly totals, the
segment split under a stated reading, all 2023 orders from returning
customers, 20 complaints in 2023, reach years of the regions, commissions of
10-20% on referred orders) and draws everything else from the named
assumptions of :mod:`casestudy.crm.assumptions`. The same seed gives the same
ledger; :mod:`casestudy.crm.constraints` checks every published constraint.

Examples
--------
>>> syn = generate_ledger(20240101)
>>> syn
SyntheticLedger(reading='segments-of-100', seed=20240101, orders=158, customers=...)
>>> syn.orders.groupby(syn.orders["order_date"].dt.year).size().tolist()
[10, 19, 27, 16, 21, 34, 31]
>>> print(syn.summary().to_text())  # doctest: +ELLIPSIS
Synthetic ledger reading-segments-of-100_seed-20240101
  reading     segments-of-100
  seed        20240101
  orders      158
  customers   ...
  years       2017-2023
  provenance  synthetic
>>> generate_ledger(20240101).orders.equals(syn.orders)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import cast

import numpy as np
import pandas as pd

from casestudy.crm.assumptions import (
    ASSUMPTION_BY_ID,
    ASSUMPTIONS,
    Assumption,
    PublishedTargets,
    SegmentReading,
    reading as get_reading,
)
from casestudy.crm.ledger import BUSINESS_LINES, CUSTOMERS, LEDGER, validate_customers, validate_ledger
from casestudy.errors import LedgerError, expectation
from casestudy.provenance import SYNTHETIC
from casestudy.summary import Summary, SummaryTable

__all__ = ["SyntheticLedger", "generate_ledger", "INFORMANT_PINS"]

_A = ASSUMPTION_BY_ID
#: informant -> (segment, region, first year, business line of first order, lapsed, buys again in 2023)
INFORMANT_PINS: dict[str, tuple[str, str, int, str, bool, bool]] = {
    "inf02": ("B2G", "sidoarjo", 2017, "software", False, False),
    "inf07": ("B2C", "sidoarjo", 2018, "hardware", True, False),
    "inf04": ("B2G", "surabaya", 2019, "software", False, True),
    "inf05": ("B2B", "sidoarjo", 2019, "software", False, True),
    "inf06": ("B2B", "sidoarjo", 2019, "software", False, True),
    "inf03": ("B2G", "gresik", 2020, "software", False, False),
    "inf08": ("B2B", "sidoarjo", 2021, "software", True, False),
}
_INFORMANT_NAMES = {
    "inf02": "Government agency, Sidoarjo (first customer)",
    "inf03": "Government agency, Gresik (digital attendance app)",
    "inf04": "Government agency, Surabaya",
    "inf05": "Coffee shop (cashier app)",
    "inf06": "Post office branch (parcel tracking)",
    "inf07": "Household (CCTV and wireless)",
    "inf08": "Business customer",
}
_KIND = {"B2B": "business", "B2C": "household", "B2G": "government agency"}
_CONTRACT = {"B2B": "work agreement", "B2C": "quotation accepted in writing",
             "B2G": "terms of reference (KAK) and procurement contract"}
_OBSTACLES = {
    "B2B": ("changing requirements", "tight deadline", "none recorded"),
    "B2C": ("site access", "none recorded"),
    "B2G": ("staff unfamiliar with the application", "procurement schedule", "agency policy limits scope",
            "none recorded"),
}
_CONSIDERATIONS = ("accept at quoted price", "accept after re-pricing for workload", "refuse: outside capacity")


@dataclass(frozen=True)
class SyntheticLedger:
    """A generated ledger with its customer table, seed, reading and assumptions.

    Attributes
    ----------
    orders : pandas.DataFrame
        The ledger (:data:`casestudy.crm.ledger.LEDGER` columns), one row per order, by date.
    customers : pandas.DataFrame
        The customer table (:data:`casestudy.crm.ledger.CUSTOMERS` columns).
    seed : int
    reading : SegmentReading
    targets : PublishedTargets
    assumptions : tuple of Assumption
    """

    orders: pd.DataFrame = field(repr=False)
    customers: pd.DataFrame = field(repr=False)
    seed: int
    reading: SegmentReading = field(repr=False)
    targets: PublishedTargets = field(repr=False)
    assumptions: tuple[Assumption, ...] = field(repr=False, default=ASSUMPTIONS)

    @property
    def stem(self) -> str:
        """``reading-<id>_seed-<seed>``: the part of file names that says what this ledger is."""
        return f"reading-{self.reading.id}_seed-{self.seed}"

    def __repr__(self) -> str:
        return (f"SyntheticLedger(reading={self.reading.id!r}, seed={self.seed}, "
                f"orders={len(self.orders)}, customers={len(self.customers)})")

    def summary(self) -> Summary:
        """Reading, seed, numbers of orders and customers, years and provenance (:class:`~casestudy.summary.Summary`)."""
        years = self.orders[LEDGER.order_date].dt.year
        span = f"{years.min()}-{years.max()}" if len(years) else ""
        return Summary(f"Synthetic ledger {self.stem}", [
            ("reading", self.reading.id), ("seed", self.seed), ("orders", len(self.orders)),
            ("customers", len(self.customers)), ("years", span), ("provenance", SYNTHETIC)])

    def orders_by_year(self) -> pd.DataFrame:
        """Orders per year and segment (one row per year, ``total`` last): the table its HTML shows."""
        o = self.orders
        table = pd.crosstab(o[LEDGER.order_date].dt.year.rename("year"), o[LEDGER.segment])
        table["total"] = table.sum(axis=1)
        return table.reset_index().rename_axis(columns=None)

    def _repr_html_(self) -> str:
        return (self.summary().to_html()
                + SummaryTable("Orders per year and segment", self.orders_by_year(), SYNTHETIC).to_html())


def _dates(rng: np.random.Generator, targets: PublishedTargets) -> tuple[pd.DatetimeIndex, np.ndarray, list[str]]:
    dates, years, ids = [], [], []
    for year, n in targets.orders_per_year:
        start = pd.Timestamp(year=year, month=1, day=1)
        ndays = (pd.Timestamp(year=year + 1, month=1, day=1) - start).days
        offsets = np.sort(rng.integers(0, ndays, size=n))
        dates += [start + pd.Timedelta(days=int(d)) for d in offsets]
        years += [year] * n
        ids += [f"SYN-{year}-{k:03d}" for k in range(1, n + 1)]
    return pd.DatetimeIndex(dates), np.array(years), ids


def _pins(rng: np.random.Generator, years: np.ndarray, last_year: int,
          outside_year: int) -> dict[int, tuple[str, str]]:
    """Order position -> (tag, segment); tag is an informant id, 'inf0X+' for a repeat, or 'outside_java'."""
    taken: dict[int, tuple[str, str]] = {0: ("inf02", "B2G")}

    def pick(year: int) -> int:
        free = [i for i in np.flatnonzero(years == year) if int(i) not in taken]
        return int(rng.choice(free))

    for inf, (seg, _region, year, _line, _lapsed, _again) in INFORMANT_PINS.items():
        if inf != "inf02":
            taken[pick(year)] = (inf, seg)
    taken[pick(outside_year)] = ("outside_java", "B2G")
    for inf, (seg, *_rest, again) in INFORMANT_PINS.items():
        if again:
            taken[pick(last_year)] = (inf + "+", seg)
    return taken


def _segments(rng: np.random.Generator, n: int, blocks: tuple[tuple[int, int, int, int], ...],
              pins: dict[int, tuple[str, str]], where: str) -> np.ndarray:
    seg = np.empty(n, dtype=object)
    for start, stop, n_b2g, n_other in blocks:
        n_b2c = round(n_other / 3)
        quota = {"B2G": n_b2g, "B2B": n_other - n_b2c, "B2C": n_b2c}
        for i, (_tag, s) in pins.items():
            if start <= i < stop:
                seg[i] = s
                quota[s] -= 1
        if min(quota.values()) < 0:
            raise LedgerError(expectation("segment quota", "at least the pinned informant orders", quota, where))
        free = [i for i in range(start, stop) if i not in pins]
        pool = np.array(sum(([s] * quota[s] for s in ("B2B", "B2C", "B2G")), []), dtype=object)
        seg[free] = rng.permutation(pool)
    return seg


def _customers(rng: np.random.Generator, years: np.ndarray, seg: np.ndarray, pins: dict[int, tuple[str, str]],
               targets: PublishedTargets, where: str,
               a: Mapping[str, Assumption] = _A) -> tuple[list[str], list[dict[str, object]]]:
    p_return = float(a["return_probability"].value)  # type: ignore[arg-type]
    weights = a["region_weights"].value
    customers: list[dict[str, object]] = []
    by_inf: dict[str, int] = {}
    owner: list[str] = []
    for i, (year, s) in enumerate(zip(years, seg)):
        tag = pins.get(i, ("", ""))[0]
        if tag.endswith("+"):
            owner.append(customers[by_inf[tag[:-1]]]["customer_id"])  # type: ignore[arg-type]
            continue
        eligible = [c for c in customers if c["segment"] == s and c["informant_id"] not in ("inf07", "inf08")]
        new = bool(tag) or (year < targets.last_year and (not eligible or rng.random() >= p_return))
        if not new:
            if not eligible:
                raise LedgerError(expectation("returning customer", f"an earlier {s} customer", "none", where))
            owner.append(eligible[int(rng.integers(len(eligible)))]["customer_id"])  # type: ignore[arg-type]
            continue
        if tag in INFORMANT_PINS:
            region = INFORMANT_PINS[tag][1]
        elif tag == "outside_java":
            region = "outside_java"
        else:
            reached = [r for r, y0 in targets.reach if y0 <= year]
            w = np.array([cast("dict[str, float]", weights)[r] for r in reached], dtype=float)
            region = reached[int(rng.choice(len(reached), p=w / w.sum()))]
        cid = f"SYN-C{len(customers) + 1:03d}"
        inf = tag if tag in INFORMANT_PINS else ""
        if inf:
            by_inf[inf] = len(customers)
        customers.append({"customer_id": cid, "segment": s, "region": region, "first_order_year": int(year),
                          "informant_id": inf})
        owner.append(cid)
    return owner, customers


def _order_details(rng: np.random.Generator, df: pd.DataFrame, pins: dict[int, tuple[str, str]],
                   targets: PublishedTargets, a: Mapping[str, Assumption] = _A) -> pd.DataFrame:
    lines_w = a["business_line_weights"].value
    cv = a["contract_value"].value
    pay = a["payment_period_days"].value
    p_ref = float(a["referral"].value)  # type: ignore[arg-type]
    p_complaint = float(a["complaints"].value)  # type: ignore[arg-type]
    n = len(df)
    prior = df.groupby("customer_id").cumcount().to_numpy()
    line, value, days = [], [], []
    for i, s in enumerate(df["segment"]):
        tag = pins.get(i, ("", ""))[0]
        if tag in INFORMANT_PINS:
            line.append(INFORMANT_PINS[tag][3])
        else:
            line.append(BUSINESS_LINES[int(rng.choice(4, p=np.array(lines_w[s])))])  # type: ignore[index]
        raw = cv[s] * np.exp(cv["sigma"] * rng.standard_normal()) * (1 + cv["uplift"] * prior[i])  # type: ignore[index]
        value.append(max(100_000, int(round(raw / 100_000)) * 100_000))
        choices = pay[s]  # type: ignore[index]
        days.append(int(choices[int(rng.integers(len(choices)))]))
    referred = rng.random(n) < p_ref
    lo, hi = round(targets.commission_min * 100), round(targets.commission_max * 100)
    rate = np.where(referred, rng.integers(lo, hi + 1, size=n) / 100.0, 0.0)
    complaint = rng.random(n) < p_complaint
    last = np.flatnonzero(df["order_date"].dt.year.to_numpy() == targets.last_year)
    complaint[last] = False
    # at most one complaint per order: with fewer last-year orders than printed complaints (a changed Tabel 2),
    # every last-year order carries one and the constraint check reports the shortfall
    complaint[rng.choice(last, size=min(targets.complaints_2023, len(last)), replace=False)] = True
    return df.assign(business_line=line, contract_value=np.array(value, dtype=float), payment_period_days=days,
                     referred=referred, commission_rate=rate, complaint=complaint, provenance=SYNTHETIC)


def _customer_table(rng: np.random.Generator, customers: list[dict[str, object]], orders: pd.DataFrame) -> pd.DataFrame:
    rows = []
    grouped = orders.groupby("customer_id")
    complaints = grouped["complaint"].sum()
    counts = orders.groupby(["customer_id", "payment_period_days"]).size().rename("n").reset_index()
    period = counts.sort_values(["customer_id", "n", "payment_period_days"], ascending=[True, False, True],
                                kind="mergesort").groupby("customer_id")["payment_period_days"].first()  # the mode, least on ties
    for n, c in enumerate(customers, start=1):
        s, inf, cid = str(c["segment"]), str(c["informant_id"]), str(c["customer_id"])
        name = f"{_INFORMANT_NAMES[inf]} [{inf}]" if inf else f"Synthetic {_KIND[s]} {n:03d}"
        obstacle = ("staff with an average age over 45 struggled with the new app" if inf == "inf03"
                    else _OBSTACLES[s][int(rng.integers(len(_OBSTACLES[s])))])
        rows.append({"customer_id": cid, "name": name, "region": c["region"], "segment": s,
                     "first_order_year": c["first_order_year"], "contract_terms": _CONTRACT[s],
                     "payment_terms": f"{period[cid]} days", "complaints": int(complaints[cid]),
                     "obstacles": obstacle,
                     "considerations": _CONSIDERATIONS[int(rng.integers(len(_CONSIDERATIONS)))],
                     "informant_id": inf, "provenance": SYNTHETIC})
    return pd.DataFrame(rows, columns=list(CUSTOMERS.columns))


def generate_ledger(seed: int, reading: str = "segments-of-100", targets: PublishedTargets | None = None,
                    overrides: Mapping[str, object] | None = None) -> SyntheticLedger:
    """Generate the synthetic ledger and customer table for ``seed`` under a segment reading.

    Parameters
    ----------
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same ledger.
    reading : str
        Id of a :data:`casestudy.crm.assumptions.READINGS` entry.
    targets : PublishedTargets, optional
        The published aggregates; loaded from ``data/published`` when omitted.
    overrides : mapping, optional
        Assumption id -> value replacing that named assumption's value (a sensitivity
        analysis, :mod:`casestudy.crm.sensitivity`); the ledger records the values used.
        ``share_after_snapshot`` replaces the published share for the orders after the
        snapshot (segments-of-100 reading only).

    Returns
    -------
    SyntheticLedger

    Raises
    ------
    LedgerError
        Unknown reading, an override of no named assumption, or targets that the pinned
        informant orders cannot meet.
    """
    read: SegmentReading = get_reading(reading)
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(_A))
    if unknown:
        raise LedgerError(expectation("overrides", "ids of named assumptions", ", ".join(unknown)))
    used = tuple(replace(x, value=overrides[x.id]) if x.id in overrides else x for x in ASSUMPTIONS)
    a = {x.id: x for x in used}
    share_after = overrides.get("share_after_snapshot")
    targets = targets or PublishedTargets.from_published()
    where = f"synthetic ledger (reading {read.id}, seed {seed})"
    rng = np.random.default_rng(seed)
    dates, years, ids = _dates(rng, targets)
    pins = _pins(rng, years, targets.last_year, targets.reach_year("outside_java"))
    blocks = read.blocks(targets, share_after=None if share_after is None else float(share_after))  # type: ignore[arg-type]
    seg = _segments(rng, len(years), blocks, pins, where)
    owner, customers = _customers(rng, years, seg, pins, targets, where, a)
    region = {c["customer_id"]: c["region"] for c in customers}
    df = pd.DataFrame({"order_id": ids, "customer_id": owner, "order_date": dates, "segment": seg.astype(str),
                       "region": [region[o] for o in owner]})
    df = _order_details(rng, df, pins, targets, a)
    orders = validate_ledger(df.loc[:, list(LEDGER.columns)], where=where)
    table = validate_customers(_customer_table(rng, customers, orders), where=where)
    return SyntheticLedger(orders, table, int(seed), read, targets, used)

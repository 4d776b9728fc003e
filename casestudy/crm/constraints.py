"""Check that a ledger meets every constraint the paper's published numbers put on it.

:func:`check_constraints` returns one row per constraint (what is expected,
what the ledger has, whether it holds); :func:`validate_synthetic` raises one
:class:`~casestudy.errors.LedgerError` on the first that fails. The checks work
on any ledger with the package's columns, so a real ledger of the firm could be
held against the paper's numbers the same way.

Examples
--------
>>> from casestudy.crm.synthetic import generate_ledger
>>> syn = generate_ledger(20240101, "segments-share-of-158")
>>> table = check_constraints(syn.orders, syn.customers, syn.targets, syn.reading)
>>> bool(table["satisfied"].all()), len(table)
(True, 12)
>>> bad = syn.orders.assign(commission_rate=syn.orders["commission_rate"].where(~syn.orders["referred"], 0.25))
>>> validate_synthetic(bad, syn.customers, syn.targets, syn.reading, where="ledger.csv")
Traceback (most recent call last):
...
casestudy.errors.LedgerError: ledger.csv: 'commission_range' must be every referred order's commission in [0.10, 0.20] (got ...)
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from casestudy.crm.assumptions import PublishedTargets, SegmentReading
from casestudy.crm.synthetic import INFORMANT_PINS
from casestudy.errors import LedgerError, expectation
from casestudy.provenance import SYNTHETIC

__all__ = ["check_constraints", "validate_synthetic"]


def _row(cid: str, description: str, expected: object, observed: object) -> dict[str, object]:
    return {"constraint_id": cid, "description": description, "expected": str(expected),
            "observed": str(observed), "satisfied": str(expected) == str(observed)}


def check_constraints(orders: pd.DataFrame, customers: pd.DataFrame, targets: PublishedTargets,
                      reading: SegmentReading) -> pd.DataFrame:
    """Return one row per published constraint with the expected and observed values.

    Parameters
    ----------
    orders : pandas.DataFrame
        A validated ledger (package column names).
    customers : pandas.DataFrame
        A validated customer table.
    targets : PublishedTargets
        The published aggregates.
    reading : SegmentReading
        How the segment split is read.

    Returns
    -------
    pandas.DataFrame
        Columns ``constraint_id, description, expected, observed, satisfied``.
    """
    o = orders.sort_values(["order_date", "order_id"], kind="mergesort").reset_index(drop=True)
    year = o["order_date"].dt.year
    rows = []
    counts = year.value_counts().sort_index()
    rows.append(_row("yearly_totals", "orders per year equal Tabel 2", dict(targets.orders_per_year),
                     {int(k): int(v) for k, v in counts.items()}))
    for start, stop, n_b2g, n_other in reading.blocks(targets):
        block = o.iloc[start:stop]
        b2g = int((block["segment"] == "B2G").sum())
        rows.append(_row(f"segments_{start + 1}_{stop}", f"B2G and other orders among orders {start + 1}-{stop} "
                         f"by date ({reading.id})", (n_b2g, n_other), (b2g, len(block) - b2g)))
    first_year = o.groupby("customer_id")["order_date"].min().dt.year
    last = o[year == targets.last_year]
    new_last = int((first_year.reindex(last["customer_id"]).to_numpy() >= targets.last_year).sum())
    rows.append(_row("returning_last_year", f"orders of {targets.last_year} from customers new that year", 0, new_last))
    rows.append(_row("complaints_last_year", f"orders of {targets.last_year} with a complaint",
                     targets.complaints_2023, int(last["complaint"].sum())))
    reach = dict(targets.reach)
    first_region = o.groupby("region")["order_date"].min().dt.year
    rows.append(_row("region_reach_years", "first order year in each region equals the year the paper says it "
                     "was reached", reach, {r: int(first_region.get(r, 0)) for r in reach}))
    ref = o[o["referred"]]["commission_rate"]
    lo, hi = targets.commission_min, targets.commission_max
    outside = ref[(ref < lo - 1e-12) | (ref > hi + 1e-12)]
    rows.append(_row("commission_range", f"every referred order's commission in [{lo:.2f}, {hi:.2f}]", "[]",
                     sorted(set(outside.round(4).tolist()))))
    rows.append(_row("no_commission_unreferred", "orders not referred carry no commission", 0,
                     int((o.loc[~o["referred"], "commission_rate"] != 0).sum())))
    rows.append(_row("provenance", "every order and customer labelled synthetic", [SYNTHETIC],
                     sorted(set(o["provenance"]) | set(customers["provenance"]))))
    per_customer = o.groupby("customer_id").agg(n=("order_id", "size"), first=("order_date", "min"),
                                                segment=("segment", "nunique"), region=("region", "nunique"))
    rows.append(_row("one_segment_region", "each customer has one segment and one region", 0,
                     int(((per_customer["segment"] > 1) | (per_customer["region"] > 1)).sum())))
    rows.append(_row("customers_match_ledger", "customer table lists exactly the ledger's customers", True,
                     set(customers["customer_id"]) == set(per_customer.index)))
    inf = customers[customers["informant_id"] != ""].set_index("informant_id")
    found: dict[str, tuple[object, object, int, str] | None] = {}
    wanted = {}
    for key, (seg, region, y0, _line, lapsed, again) in INFORMANT_PINS.items():
        wanted[key] = (seg, region, y0, "once" if lapsed else ("repeat" if again else "any"))
        if key not in inf.index:
            found[key] = None
            continue
        cid = cast(str, inf.loc[key, "customer_id"])
        pc = cast(pd.Series, per_customer.loc[cid])  # one row: per_customer is indexed by customer
        n = int(pc["n"])
        kind = "once" if lapsed and n == 1 else ("repeat" if again and n >= 2 else ("any" if not lapsed and not again else f"{n} orders"))
        found[key] = (inf.loc[key, "segment"], inf.loc[key, "region"], int(pc["first"].year), kind)
    rows.append(_row("informant_customers", "customers of informants have their segment, region, first year and "
                     "repeat/lapsed pattern", wanted, found))
    first_customer = o.loc[0, "customer_id"]
    rows.append(_row("first_customer", "the first order of all comes from inf02", "inf02",
                     inf.index[inf["customer_id"] == first_customer].tolist()[0]
                     if (inf["customer_id"] == first_customer).any() else None))
    return pd.DataFrame(rows, columns=["constraint_id", "description", "expected", "observed", "satisfied"])


def validate_synthetic(orders: pd.DataFrame, customers: pd.DataFrame, targets: PublishedTargets,
                       reading: SegmentReading, where: str = "ledger") -> pd.DataFrame:
    """Raise :class:`LedgerError` on the first failed constraint; else return the constraint table."""
    table = check_constraints(orders, customers, targets, reading)
    failed = table[~table["satisfied"]]
    if not failed.empty:
        r = failed.iloc[0]
        raise LedgerError(expectation(r["constraint_id"], r["description"], r["observed"], where))
    return table

"""Ledger measures for each Buttle stage, for a joint display beside the coded interviews.

:func:`stage_measures` returns one row per (stage, measure) keyed by the
framework's stage ids (:data:`casestudy.framework.BUTTLE_2004`), so a report
can set each stage's coded interview evidence beside its numbers. The values
are only as real as the ledger: a synthetic ledger gives synthetic measures,
and the ``provenance`` column says so.

Examples
--------
>>> from casestudy.crm.synthetic import generate_ledger
>>> m = stage_measures(generate_ledger(20240101).orders, "2023-12-31")
>>> m["stage_id"].unique().tolist()
['portfolio', 'intimacy', 'network', 'value', 'lifecycle']
>>> m.set_index("measure").loc["complaint_rate_2023", "value"].round(4)
np.float64(0.6452)
"""

from __future__ import annotations

import pandas as pd

from casestudy.crm.ledger import LEDGER, LedgerSchema
from casestudy.crm.lifecycle import complaint_rates, customer_flows, repeat_purchase
from casestudy.crm.portfolio import customer_value, within
from casestudy.framework import BUTTLE_2004

__all__ = ["stage_measures"]


def stage_measures(orders: pd.DataFrame, end: str | pd.Timestamp, schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """Per-stage ledger measures up to ``end``.

    Returns
    -------
    pandas.DataFrame
        Columns ``stage_id, stage, measure, value, unit, definition, provenance``
        (provenance is the ledger's, e.g. ``synthetic``).
    """
    s = schema
    o = within(orders, end, s)
    year = pd.Timestamp(end).year
    last = o[o[s.order_date].dt.year == year]
    provenance = ",".join(sorted(set(o[s.provenance]))) if s.provenance in o else "unknown"
    flows = customer_flows(o, end, s).set_index("year")
    repeat = repeat_purchase(o, end, s).set_index("measure")["value"]
    cv = customer_value(o, end, s)
    per_customer = o.sort_values([s.order_date, s.order_id], kind="mergesort").groupby(s.customer_id)
    first_value = per_customer[s.contract_value].transform("first")
    later = o[per_customer.cumcount() > 0]
    rates = complaint_rates(o, end, s).set_index("year")
    rows = [
        ("portfolio", "b2g_share_of_orders", (o[s.segment] == "B2G").mean(), "share", "orders with segment B2G / orders"),
        ("portfolio", "business_lines_ordered", o[s.business_line].nunique(), "count", "distinct business lines ordered"),
        ("portfolio", "customers", o[s.customer_id].nunique(), "count", "distinct customers"),
        ("intimacy", "repeat_customer_rate", repeat["repeat_customer_rate"], "share", "customers with 2+ orders / customers"),
        ("intimacy", "orders_per_customer", repeat["orders_per_customer"], "orders", "orders / customers"),
        ("network", "referred_share_of_orders", o[s.referred].mean(), "share", "orders via an intermediary / orders"),
        ("network", "mean_commission_referred", o.loc[o[s.referred], s.commission_rate].mean(), "share",
         "mean commission rate of referred orders"),
        ("value", "median_net_customer_value", cv["net_value"].median(), "IDR", "median historic value net of commission"),
        ("value", "repeat_to_first_order_value", (later[s.contract_value] / first_value[later.index]).median(), "ratio",
         "median contract value of a later order / the customer's first order value"),
        ("lifecycle", f"new_customers_{year}", flows.loc[year, "new"], "count", f"customers whose first order is in {year}"),
        ("lifecycle", f"retention_strict_{year}", flows.loc[year, "retention_strict"], "share",
         f"buyers of {year - 1} who bought in {year} / buyers of {year - 1}"),
        ("lifecycle", f"retention_textbook_{year}", flows.loc[year, "retention_textbook"], "share",
         "(E - N) / S, customer retention rate formula"),
        ("lifecycle", f"complaint_rate_{year}", rates.loc[year, "rate"] if year in rates.index else float("nan"),
         "share", f"orders of {year} with a complaint / orders of {year} ({len(last)})"),
    ]
    names = {st.id: st.name_en for st in BUTTLE_2004.stages}
    df = pd.DataFrame(rows, columns=["stage_id", "measure", "value", "unit", "definition"])
    df["value"] = df["value"].astype(float)
    df.insert(1, "stage", df["stage_id"].map(names))
    df["provenance"] = provenance
    return df

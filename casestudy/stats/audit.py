"""An audit of every number the paper prints: each claim checked against the tables and each other.

In the manner of statcheck (recompute a reported statistic from its inputs)
and GRIM (can a reported share arise from a whole number of cases), each
:class:`Claim` holds the value as printed, where it stands, and a check that
recomputes what it should equal from the published tables. The audit reports
each claim as consistent, inconsistent or not checkable, with the arithmetic
in words. It never changes a published number: where two numbers conflict,
each reading is a separate claim (``reading``) and is judged on its own.

Examples
--------
>>> a = audit_claims()
>>> list(a.columns)
['claim_id', 'location', 'claim', 'printed_value', 'expected_value', 'consistent', 'explanation', 'reading', 'verdict']
>>> a.set_index("claim_id").loc["growth_factor_2023_vs_2022", ["expected_value", "verdict"]].tolist()
['0.91', 'inconsistent']
>>> a["verdict"].value_counts().sort_index().to_dict()
{'consistent': 15, 'inconsistent': 8, 'not checkable': 3}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from casestudy.errors import ValidationError
from casestudy.stats.rate_tests import compare_rates
from casestudy.validators import check_id, check_text

__all__ = ["AuditContext", "Claim", "CLAIMS", "audit_claims"]

Verdict = tuple[str, "bool | None", str]


@dataclass(frozen=True)
class AuditContext:
    """The published numbers a check may use: facts by id, Tabel 2 by year, reach year by region."""

    facts: dict[str, float]
    printed: dict[str, str]
    where: dict[str, str]
    orders: dict[int, int]
    reach: dict[str, int]

    def f(self, fact_id: str) -> float:
        """Value of a published fact."""
        return self.facts[fact_id]


@dataclass(frozen=True)
class Claim:
    """One checkable quantitative claim of the paper.

    Parameters
    ----------
    claim_id : str
    fact_id : str
        The published fact (``data/published/facts.csv``) whose printed form and
        location the claim shows; ``tabel2`` for a claim about Tabel 2.
    claim : str
        What the paper asserts, in English.
    check : callable
        ``AuditContext -> (expected_value, consistent or None, explanation)``.
    reading : str
        Which reading of a conflicting pair this claim takes ("" when there is one).
    """

    claim_id: str
    fact_id: str
    claim: str
    check: Callable[[AuditContext], Verdict] = field(repr=False)
    reading: str = ""

    def __post_init__(self) -> None:
        check_id("claim_id", self.claim_id, ValidationError, where="Claim")
        check_text("claim", self.claim, ValidationError, where=self.claim_id)


def _r(x: float, d: int = 2) -> str:
    return f"{x:.{d}f}"


def _total(c: AuditContext) -> int:
    return sum(c.orders.values())


def _sum_text(c: AuditContext) -> str:
    return " + ".join(str(v) for _, v in sorted(c.orders.items()))


def _grim_share(c: AuditContext) -> Verdict:
    share = c.f("b2g_transactions") / (c.f("b2g_transactions") + c.f("other_transactions"))
    n = _total(c)
    k = round(share * n)
    ok = round(k / n, 2) == round(share, 2)
    return (f"{k} of {n}", ok, f"69 / (69 + 31) = {share:.2f}; {share:.2f} x {n} = {share * n:.2f} orders, not a whole "
            f"number; the nearest whole count {k} gives {k}/{n} = {k / n:.4f}, which rounds to {k / n:.2f}: "
            f"{'possible' if ok else 'impossible'} as a rounded share (GRIM check).")


def _factor(c: AuditContext, year: int, base: int) -> Verdict:
    ratio = c.orders[year] / c.orders[base]
    printed = c.f("growth_factor_2023")
    ok = round(ratio, 1) == printed
    return (_r(ratio), ok, f"{year} over {base}: {c.orders[year]} / {c.orders[base]} = {ratio:.3f}, which rounds to "
            f"{ratio:.1f} ({'matches' if ok else 'does not match'} the printed {printed:g}); a {printed:g}-fold rise on "
            f"{c.orders[base]} would be {printed * c.orders[base]:g} orders.")


def _covid_mean(c: AuditContext) -> Verdict:
    pre = [c.orders[y] for y in c.orders if y < 2020]
    post = [c.orders[y] for y in c.orders if y >= 2020]
    a, b = sum(pre) / len(pre), sum(post) / len(post)
    p = compare_rates(sum(post), sum(pre), len(post), len(pre))["p_value"]
    return (f"{b:.2f} vs {a:.2f} per year", b > a, f"mean orders 2020-2023 = {sum(post)}/{len(post)} = {b:.2f} "
            f"against 2017-2019 = {sum(pre)}/{len(pre)} = {a:.2f}: higher (exact rate test p = {p:.3f}; a steady "
            "trend predicts a higher later mean too).")


CLAIMS: tuple[Claim, ...] = (
    Claim("segment_total_vs_tabel2", "b2g_transactions", "69 transactions with B2G and 31 with other customers "
          "are all the firm's transactions", lambda c: (
              str(_total(c)), _total(c) == c.f("b2g_transactions") + c.f("other_transactions"),
              f"69 + 31 = {c.f('b2g_transactions') + c.f('other_transactions'):g}; Tabel 2 sums {_sum_text(c)} = "
              f"{_total(c)}: read as all transactions the split misses {_total(c) - 100} orders."), "all-transactions"),
    Claim("segment_share_of_158", "b2g_transactions", "69 of every 100 transactions were B2G (a share of the 158 "
          "orders of Tabel 2)", _grim_share, "segments-share-of-158"),
    Claim("segment_subset_of_100", "b2g_transactions", "69 B2G and 31 other transactions form a subset of 100 "
          "orders", lambda c: ("100 <= 158", 100 <= _total(c),
                               f"100 <= {_total(c)}: a subset of 100 orders is possible; the paper does not say which "
                               "orders it is (the synthetic ledger states one: the first 100 by date)."),
          "segments-of-100"),
    Claim("growth_orders_2023", "growth_orders_2023", "2023 had 31 orders", lambda c: (
        str(c.orders[2023]), c.orders[2023] == c.f("growth_orders_2023"),
        f"Tabel 2 gives {c.orders[2023]} orders for 2023; printed {c.f('growth_orders_2023'):g}.")),
    Claim("growth_direction_2023", "growth_orders_2023", "Sales rose in 2023 over the previous year", lambda c: (
        f"{c.orders[2023] - c.orders[2022]:+d} orders", c.orders[2023] > c.orders[2022],
        f"Tabel 2: {c.orders[2023]} orders in 2023 against {c.orders[2022]} in 2022, a change of "
        f"{c.orders[2023] - c.orders[2022]}: a fall, not a rise.")),
    Claim("growth_factor_2023_vs_2022", "growth_factor_2023", "2023 sales were 1.5 times those of the previous "
          "year (2022)", lambda c: _factor(c, 2023, 2022), "previous year = 2022"),
    Claim("growth_factor_2023_vs_2021", "growth_factor_2023", "2023 sales were 1.5 times those of 2021",
          lambda c: _factor(c, 2023, 2021), "base year = 2021 (the only year that fits)"),
    Claim("growth_factor_2022_vs_2021", "growth_factor_2023", "the 1.5-fold rise describes 2022 over 2021",
          lambda c: _factor(c, 2022, 2021), "rise year = 2022"),
    Claim("complaint_base_2023", "complaint_base_transactions_2023", "there were 32 transactions in 2023", lambda c: (
        str(c.orders[2023]), c.orders[2023] == c.f("complaint_base_transactions_2023"),
        f"Tabel 2 gives {c.orders[2023]} orders for 2023; the complaint sentence prints "
        f"{c.f('complaint_base_transactions_2023'):g} (a difference of "
        f"{c.f('complaint_base_transactions_2023') - c.orders[2023]:g}).")),
    Claim("complaint_rate_2023_tabel2_base", "complaints_2023", "20 complaints were handled among 2023's orders",
          lambda c: (_r(c.f("complaints_2023") / c.orders[2023], 3), c.f("complaints_2023") <= c.orders[2023],
                     f"20 <= {c.orders[2023]}: possible with at most one complaint per order; rate 20 / "
                     f"{c.orders[2023]} = {c.f('complaints_2023') / c.orders[2023]:.3f}."), "base = Tabel 2 (31)"),
    Claim("complaint_rate_2023_printed_base", "complaints_2023", "20 complaints from 32 transactions in 2023",
          lambda c: (_r(c.f("complaints_2023") / c.f("complaint_base_transactions_2023"), 3),
                     c.f("complaints_2023") <= c.f("complaint_base_transactions_2023"),
                     f"20 <= 32; rate 20 / 32 = {c.f('complaints_2023') / c.f('complaint_base_transactions_2023'):.3f}"
                     " (the base itself conflicts with Tabel 2)."), "base = printed (32)"),
    Claim("founding_years_agree", "founding_year_alt", "the firm was founded in early 2017 and has stood since 2018",
          lambda c: (f"{c.f('founding_year'):g}", c.f("founding_year") == c.f("founding_year_alt"),
                     f"{c.printed['founding_year']!r} ({c.where['founding_year']}) gives {c.f('founding_year'):g}; "
                     f"{c.printed['founding_year_alt']!r} gives {c.f('founding_year_alt'):g}: the two disagree.")),
    Claim("founding_2017_vs_tabel2", "founding_year", "the firm was founded in early 2017", lambda c: (
        "orders from 2017", min(c.orders) >= c.f("founding_year") and min(c.reach.values()) >= c.f("founding_year"),
        f"Tabel 2 starts in {min(c.orders)} ({c.orders[min(c.orders)]} orders) and Sidoarjo was reached in "
        f"{c.reach.get('sidoarjo')}: both fit a founding in 2017."), "founding = 2017"),
    Claim("founding_2018_vs_tabel2", "founding_year_alt", "the firm has stood since 2018", lambda c: (
        "no orders before 2018", min(c.orders) >= c.f("founding_year_alt"),
        f"Tabel 2 lists {c.orders[min(c.orders)]} orders in {min(c.orders)}, before 2018: a firm founded in 2018 "
        "could not have them."), "founding = 2018"),
    Claim("commission_range", "commission_min", "intermediaries earn a 10-20% commission", lambda c: (
        "min <= max", c.f("commission_min") <= c.f("commission_max"),
        f"{c.f('commission_min'):.2f} <= {c.f('commission_max'):.2f}: a valid range.")),
    Claim("requirements_months", "requirements_months_min", "requirements are discussed for 1-3 months", lambda c: (
        "min <= max", c.f("requirements_months_min") <= c.f("requirements_months_max"),
        f"{c.f('requirements_months_min'):g} <= {c.f('requirements_months_max'):g}: a valid range.")),
    Claim("gresik_app_after_reach", "gresik_app_year", "a Gresik agency ordered an attendance app in 2020",
          lambda c: (f">= {c.reach['gresik']}", c.f("gresik_app_year") >= c.reach["gresik"],
                     f"app year {c.f('gresik_app_year'):g} >= year Gresik was reached {c.reach['gresik']}.")),
    Claim("reach_years_ordered", "tabel2", "the firm reached Sidoarjo (2017), Surabaya (2019), Gresik (2020) and "
          "beyond Java (2021)", lambda c: (
              "increasing, from the first order year", list(c.reach.values()) == sorted(c.reach.values())
              and min(c.reach.values()) == min(c.orders),
              " <= ".join(f"{r} {y}" for r, y in c.reach.items()) + f"; first reach year = first Tabel 2 year "
              f"{min(c.orders)}.")),
    Claim("key_respondents_cover_units", "key_respondents", "nine key respondents were interviewed", lambda c: (
        ">= 8", c.f("key_respondents") >= 8,
        "units the paper names: owner 1 + at least one government buyer + three customers who first bought in 2019 "
        f"+ two who did not buy again + at least one end user = 8 <= {c.f('key_respondents'):g}.")),
    Claim("three_customers_2019", "tabel2", "three customers first bought in 2019", lambda c: (
        "<= 27", 3 <= c.orders[2019], f"3 new customers <= {c.orders[2019]} orders in 2019.")),
    Claim("internet_use_increase", "internet_use_2022", "internet use rose from 39.90% (2018) to 66.48% (2022)",
          lambda c: (_r(c.f("internet_use_2022") - c.f("internet_use_2018")) + " points",
                     c.f("internet_use_2022") > c.f("internet_use_2018"),
                     f"{c.f('internet_use_2022'):.2f} - {c.f('internet_use_2018'):.2f} = "
                     f"{c.f('internet_use_2022') - c.f('internet_use_2018'):.2f} percentage points, a "
                     f"{c.f('internet_use_2022') / c.f('internet_use_2018'):.2f}-fold rise.")),
    Claim("covid_demand_2020", "tabel2", "Tabel 2 shows demand rose with COVID-19 (read: in 2020, against 2019)",
          lambda c: (f"{c.orders[2020] - c.orders[2019]:+d} orders", c.orders[2020] > c.orders[2019],
                     f"2020 had {c.orders[2020]} orders against {c.orders[2019]} in 2019: a fall."), "year 2020"),
    Claim("covid_demand_period", "tabel2", "Tabel 2 shows demand rose with COVID-19 (read: 2020-2023 against "
          "2017-2019)", _covid_mean, "period means"),
    Claim("all_2023_returning", "tabel2", "every 2023 transaction came from a returning customer", lambda c: (
        "", None, "Not checkable: no customer-level data are published; the claim is consistent with Tabel 2 "
        "(customers existed before 2023) but cannot be verified.")),
    Claim("competitors_sidoarjo", "competitors_max", "at most 10 such firms operate in Sidoarjo", lambda c: (
        "", None, "Not checkable from the paper: no source or list of firms is given.")),
    Claim("gresik_staff_age", "gresik_staff_mean_age_min", "the Gresik staff's average age exceeded 45", lambda c: (
        "", None, "Not checkable: no staff data are published.")),
)


def audit_claims(facts: pd.DataFrame | None = None, orders: pd.DataFrame | None = None,
                 reach: pd.DataFrame | None = None, claims: tuple[Claim, ...] = CLAIMS) -> pd.DataFrame:
    """Check every claim; return one row per claim (``reports/tables/published_claims_audit.csv``).

    Parameters
    ----------
    facts, orders, reach : pandas.DataFrame, optional
        Published facts, Tabel 2 and reach years; loaded from :mod:`casestudy.published` when omitted.
    claims : tuple of Claim

    Returns
    -------
    pandas.DataFrame
        ``claim_id, location, claim, printed_value, expected_value, consistent
        (True, False or empty), explanation, reading, verdict``.
    """
    if facts is None or orders is None or reach is None:
        from casestudy import published

        facts = published.facts() if facts is None else facts
        orders = published.orders_per_year() if orders is None else orders
        reach = published.geographic_reach() if reach is None else reach
    ctx = AuditContext(
        facts=dict(zip(facts["fact_id"], facts["value"].astype(float))),
        printed=dict(zip(facts["fact_id"], facts["printed"])) if "printed" in facts else {},
        where={k: f"{s}, {loc}" for k, s, loc in zip(facts["fact_id"], facts["section"], facts["location"])},
        orders={int(y): int(n) for y, n in zip(orders["year"], orders["orders"])},
        reach={str(r): int(y) for r, y in zip(reach["region"], reach["first_year"])},
    )
    tabel2_where = f"{orders['section'].iloc[0]}, {orders['location'].iloc[0]}" if "section" in orders else "Tabel 2"
    rows = []
    for cl in claims:
        expected, ok, explanation = cl.check(ctx)
        if cl.fact_id == "tabel2":
            where, printed = tabel2_where, "Tabel 2"
        else:
            where, printed = ctx.where[cl.fact_id], ctx.printed.get(cl.fact_id, f"{ctx.f(cl.fact_id):g}")
        verdict = "not checkable" if ok is None else ("consistent" if ok else "inconsistent")
        rows.append({"claim_id": cl.claim_id, "location": where, "claim": cl.claim, "printed_value": printed,
                     "expected_value": expected, "consistent": ok, "explanation": explanation,
                     "reading": cl.reading, "verdict": verdict})
    out = pd.DataFrame(rows)
    out["consistent"] = out["consistent"].astype("boolean")
    return out

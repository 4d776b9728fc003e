"""Exact tests comparing yearly order counts as Poisson rates, with the exact interval that matches them.

Conditional on the total ``n`` of two counts, the first is binomial with
probability ``pi = r e1 / (r e1 + e2)``, where ``r`` is the rate ratio (Przyborowski
and Wilenski 1940). The p-value is the central exact conditional test (twice the
smaller tail, capped at 1), and the interval is the Clopper-Pearson interval for
``pi`` mapped to the ratio: the interval inverts the same test, so a ratio lies
outside the 95% interval exactly when its test gives p < 0.05. (A score interval
beside an exact p-value, as before, could exclude a ratio its test did not reject.)
For ``value = 1`` and equal exposures the p-value equals statsmodels' ``test_poisson_2indep(...,
method="exact-cond")``, which a test checks.

Examples
--------
>>> r = compare_rates(31, 34, label="2023 vs 2022")
>>> round(r["ratio"], 4), round(r["p_value"], 4)
(0.9118, 0.8043)
>>> c = compare_rates(31, 34, value=1.5)
>>> round(c["p_value"], 4), round(c["ci_low"], 3), round(c["ci_high"], 3)
(0.0596, 0.542, 1.529)
"""

from __future__ import annotations

from typing import TypedDict

import pandas as pd
from scipy import stats

from casestudy.errors import ValidationError, expectation

__all__ = ["compare_rates", "RateComparison", "standard_rate_tests"]


class RateComparison(TypedDict):
    """What :func:`compare_rates` returns (a plain dict)."""

    test: str
    count1: int
    exposure1: float
    count2: int
    exposure2: float
    ratio: float
    ci_low: float
    ci_high: float
    null_ratio: float
    p_value: float
    method: str


def compare_rates(count1: int, count2: int, exposure1: float = 1.0, exposure2: float = 1.0,
                  value: float = 1.0, label: str = "") -> RateComparison:
    """Central exact conditional test of rate1 / rate2 = ``value`` with its Clopper-Pearson interval.

    Returns
    -------
    dict
        ``test, count1, exposure1, count2, exposure2, ratio, ci_low, ci_high,
        null_ratio, p_value, method``.
    """
    for name, c in (("count1", count1), ("count2", count2)):
        if int(c) != c or c < 0:
            raise ValidationError(expectation(name, "a whole non-negative count", c, label or "compare_rates"))
    x, n = int(count1), int(count1) + int(count2)
    scale = exposure2 / exposure1
    ratio = (x / exposure1) / (int(count2) / exposure2) if count2 else float("inf")
    if n == 0:
        p, lo, hi = 1.0, 0.0, float("inf")
    else:
        pi0 = value * exposure1 / (value * exposure1 + exposure2)
        p = min(1.0, 2 * min(float(stats.binom.cdf(x, n, pi0)), float(stats.binom.sf(x - 1, n, pi0))))
        ci = stats.binomtest(x, n).proportion_ci(0.95, method="exact")
        lo = ci.low / (1 - ci.low) * scale
        hi = ci.high / (1 - ci.high) * scale if ci.high < 1 else float("inf")
    return {"test": label, "count1": x, "exposure1": float(exposure1), "count2": int(count2),
            "exposure2": float(exposure2), "ratio": float(ratio), "ci_low": float(lo), "ci_high": float(hi),
            "null_ratio": float(value), "p_value": float(p),
            "method": "exact conditional (binomial), central; Clopper-Pearson interval"}


def standard_rate_tests(orders: pd.DataFrame, *, year: str = "year", count: str = "orders",
                        claimed_factor: float | None = None) -> pd.DataFrame:
    """The rate comparisons the case's claims call for, on a yearly series.

    Rows: each year against the previous one; 2020 against 2019; the COVID
    years and after (2020 on) against the years before (per-year rates);
    the last year against the first; and, when ``claimed_factor`` is given,
    the last year against the previous one with the claimed ratio as null.

    Examples
    --------
    >>> t = standard_rate_tests(pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]}), claimed_factor=1.5)
    >>> t["test"].tolist()[-3:]
    ['2020-2023 vs 2017-2019 (per year)', '2023 vs 2017', '2023 vs 2022 = 1.5-fold (claimed)']
    """
    s = orders.set_index(year)[count].sort_index()
    ys = s.index.tolist()
    rows = [compare_rates(int(s[b]), int(s[a]), label=f"{b} vs {a}") for a, b in zip(ys, ys[1:])]
    pre, post = s[s.index < 2020], s[s.index >= 2020]
    if len(pre) and len(post):
        rows.append(compare_rates(int(post.sum()), int(pre.sum()), len(post), len(pre),
                                  label=f"{post.index.min()}-{post.index.max()} vs {pre.index.min()}-{pre.index.max()} (per year)"))
    rows.append(compare_rates(int(s.iloc[-1]), int(s.iloc[0]), label=f"{ys[-1]} vs {ys[0]}"))
    if claimed_factor is not None:
        rows.append(compare_rates(int(s.iloc[-1]), int(s.iloc[-2]), value=claimed_factor,
                                  label=f"{ys[-1]} vs {ys[-2]} = {claimed_factor:g}-fold (claimed)"))
    return pd.DataFrame(rows)

"""Exact tests comparing yearly order counts as Poisson rates (statsmodels ``test_poisson_2indep``).

Conditional on the total of two counts, the first is binomial; the
``exact-cond`` method uses that exact distribution, which suits counts of
this size better than normal approximations. A ratio other than 1 can be
tested (``value``), e.g. the paper's "1.5-fold" claim.

Examples
--------
>>> r = compare_rates(31, 34, label="2023 vs 2022")
>>> round(r["ratio"], 4), round(r["p_value"], 4)
(0.9118, 0.8043)
>>> round(compare_rates(31, 34, value=1.5)["p_value"], 4)
0.0567
"""

from __future__ import annotations

import pandas as pd
from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

from casestudy.errors import ValidationError, expectation

__all__ = ["compare_rates", "standard_rate_tests"]


def compare_rates(count1: int, count2: int, exposure1: float = 1.0, exposure2: float = 1.0,
                  value: float = 1.0, label: str = "") -> dict[str, object]:
    """Exact conditional test of rate1 / rate2 = ``value`` with a score confidence interval.

    Returns
    -------
    dict
        ``test, count1, exposure1, count2, exposure2, ratio, ci_low, ci_high,
        null_ratio, p_value, method``.
    """
    for name, c in (("count1", count1), ("count2", count2)):
        if int(c) != c or c < 0:
            raise ValidationError(expectation(name, "a whole non-negative count", c, label or "compare_rates"))
    res = test_poisson_2indep(count1, exposure1, count2, exposure2, value=value, method="exact-cond")
    lo, hi = confint_poisson_2indep(count1, exposure1, count2, exposure2, method="score")
    return {"test": label, "count1": int(count1), "exposure1": float(exposure1), "count2": int(count2),
            "exposure2": float(exposure2), "ratio": float(res.ratio), "ci_low": float(lo), "ci_high": float(hi),
            "null_ratio": float(value), "p_value": float(res.pvalue), "method": "exact conditional (binomial)"}


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

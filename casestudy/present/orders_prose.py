"""Notebook 01's sentences about the orders, rendered from the computed results (never typed).

Every number and every direction word ("rise", "fall", "dip", "surge") in these
sentences is computed from the tables they describe, so replacing Tabel 2 changes
the text with the numbers (showyourwork's rule: every number in prose is written by
code). Each function takes the result objects notebook 01 already holds and returns
Markdown.

Examples
--------
>>> import pandas as pd
>>> from casestudy.stats.growth import yoy_change
>>> yoy_sentence(yoy_change(pd.DataFrame({"year": [2021, 2022, 2023], "orders": [20, 30, 25]})))
'`ratio` is this year\\'s orders over last year\\'s, the paper\\'s "x-fold" (*kali lipat*). Orders fell in 2023 only; 2023 (25 orders) is below 2022 (30).'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["yoy_sentence", "cagr_sentence", "rate_ratio_sentence", "lr_sentence", "break_sentence",
           "conclusions"]

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
                 10: "ten"}


def _f(v: Any) -> float:
    """A table cell as a float (the typed seam between pandas' cells and the sentences)."""
    return float(v)


def _i(v: Any) -> int:
    return int(v)


def _row(df: pd.DataFrame, key: Any) -> pd.Series:
    """One row of an indexed table as a Series."""
    row: Any = df.loc[key]
    return row if isinstance(row, pd.Series) else row.iloc[0]


def _n(k: int) -> str:
    return _NUMBER_WORDS.get(k, str(k))


def _years(years: list[int]) -> str:
    ys = [str(y) for y in years]
    return ys[0] if len(ys) == 1 else ", ".join(ys[:-1]) + " and " + ys[-1]


def _cmp(a: float, b: float) -> str:
    return "above" if a > b else "below" if a < b else "level with"


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def yoy_sentence(yoy: pd.DataFrame) -> str:
    """What the year-on-year table shows: the years orders fell, and the last year against the one before."""
    falls = [_i(y) for y, c in zip(yoy["year"], yoy["change"]) if _f(c) < 0]
    last, prev = yoy.iloc[-1], yoy.iloc[-2]
    fell = f"Orders fell in {_years(falls)}{' only' if len(falls) == 1 else ''}" if falls else "Orders never fell"
    return ("`ratio` is this year's orders over last year's, the paper's \"x-fold\" (*kali lipat*). "
            f"{fell}; {_i(last['year'])} ({_i(last['orders'])} orders) is "
            f"{_cmp(_f(last['orders']), _f(prev['orders']))} {_i(prev['year'])} ({_i(prev['orders'])}).")


def cagr_sentence(summary: pd.DataFrame, orders: pd.DataFrame) -> str:
    """The compound annual growth rate, with its intervals counted and its formula."""
    s = summary.iloc[0]
    first = _i(orders.loc[orders["year"] == s["first_year"], "orders"].iloc[0])
    last = _i(orders.loc[orders["year"] == s["last_year"], "orders"].iloc[0])
    k = _i(s["intervals"])
    return (f"From {_i(s['first_year'])} to {_i(s['last_year'])} there are **{_n(k)} yearly intervals**, so the "
            f"CAGR is $({last}/{first})^{{1/{k}}} - 1 = {100 * _f(s['cagr']):.1f}\\%$. Seven yearly points describe "
            "growth; on their own they cannot say *why* orders grew. Notebook 01's later sections (internal "
            "validity) and notebook 05 (rival explanations) take that question up.")


def rate_ratio_sentence(coefficients: pd.DataFrame) -> str:
    """The trend's yearly factor and the 2020 term's rate ratio, each with its 95% interval, in words."""
    c = coefficients.set_index(["model", "term"])
    t = _row(c, ("poisson_trend", "t"))
    cv = _row(c, ("poisson_trend_2020", "covid2020"))
    rr, lo, hi = _f(cv["rate_ratio"]), _f(cv["rr_ci_low"]), _f(cv["rr_ci_high"])
    t_rr, t_lo, t_hi = _f(t["rate_ratio"]), _f(t["rr_ci_low"]), _f(t["rr_ci_high"])
    includes = lo <= 1 <= hi
    word = "dip" if rr < 1 else "surge" if rr > 1 else "level"
    return (f"`rate_ratio` of `t` is the yearly growth factor on the trend ({t_rr:.2f}, i.e. "
            f"{100 * (t_rr - 1):+.0f}% a year), with its 95% interval beside it "
            f"({t_lo:.2f} to {t_hi:.2f}). The rate ratio of `covid2020` says 2020 had "
            f"{rr:.2f} times the orders the trend predicts (a {word}), with an interval from {lo:.2f} to {hi:.2f} "
            + ("that includes \"no difference\"." if includes else "that excludes \"no difference\"."))


def lr_sentence(lr_tests: pd.DataFrame, dispersion: pd.DataFrame, *, alpha: float = 0.05) -> str:
    """The likelihood-ratio tests and the dispersion checks, in words."""
    lr = lr_tests.set_index("question")
    d = dispersion.set_index("test")
    trend, y20 = _f(lr.at["trend", "p_value"]), _f(lr.at["2020 departure from trend (Poisson)", "p_value"])
    nb = _f(lr.at["overdispersion: NB vs Poisson (boundary)", "p_value"])
    ratio = _f(d.at["pearson_chi2_over_df", "statistic"])
    scores = [_f(d.at[k, "p_value"]) for k in ("dean_a", "ct_nb2")]
    df = int(str(d.at["pearson_chi2_over_df", "note"]).split(" on ")[1].split()[0])
    trend_text = (f"The trend is clear (LR {_p(trend)})." if trend < alpha else
                  f"No trend is shown (LR {_p(trend)}).")
    y20_text = (f"The 2020 departure from the trend is not distinguishable from chance ({_p(y20)})." if y20 >= alpha
                else f"The 2020 departure from the trend is larger than chance allows ({_p(y20)}).")
    found = [p for p in (*scores, nb) if p < alpha]
    disp = (f"The Pearson ratio of {ratio:.2f} " + ("hints at extra variation" if ratio > 1 else "shows no extra "
            "variation") + ", but " if not found else f"The Pearson ratio is {ratio:.2f}; ")
    disp += ("the score tests (Dean; Cameron-Trivedi) and the boundary LR test of NB against Poisson find none"
             if not found else f"{len(found)} of the three overdispersion tests find it")
    return f"{trend_text} {y20_text} {disp}: with {_n(df)} residual degrees of freedom they could hardly detect it."


def break_sentence(sens: pd.DataFrame, cagrs: dict[int, float], *, alpha: float = 0.05) -> str:
    """Which break years fit better than the trend alone (by 2 AIC points) and whether they survive Bonferroni."""
    main = sens[sens["series"] == sens["series"].iloc[0]] if "series" in sens else sens
    better = main[main["delta_aic"] <= -2]
    if better.empty:
        text = "No break year fits better than the trend alone by 2 AIC points"
    else:
        parts = [f"a {'rise' if _f(r.step_rate_ratio) > 1 else 'fall'} of level in {_i(r.break_year)}" + (
            " that survives" if _f(r.p_bonferroni) < alpha else " that does not survive")
            + f" the correction for trying {_n(len(main))} years (Bonferroni p = {_f(r.p_bonferroni):.2f})"
            for r in better.itertuples()]
        text = "The breaks that fit better than the trend alone by 2 AIC points: " + "; ".join(parts)
    rates = ", ".join(f"{100 * g:.0f}% a year from {y}" for y, g in cagrs.items())
    return f"{text}. The growth rate itself depends on the founding reading: {rates}."


def conclusions(orders: pd.DataFrame, exact: pd.DataFrame, rivals: pd.DataFrame, sens: pd.DataFrame,
                audit: pd.DataFrame, *, alpha: float = 0.05) -> str:
    """The closing bullets: what the yearly points can and cannot say, every number from the tables."""
    s = {_i(y): _i(n) for y, n in zip(orders["year"], orders["orders"])}
    y0, y1 = min(s), max(s)
    r = rivals.set_index(["rival_id", "test"])
    whole_p = _f(_row(r, ("chance", f"exact_{y1}_vs_{y0}"))["p_value"])
    trend = _f(_row(r, ("maturation", "lr_trend_poisson"))["estimate"])
    aic = _f(_row(r, ("internet_growth", "aic_internet_minus_trend_2018_2022"))["statistic"])
    factor = s[y1] / s[y0]
    years = sorted(s)
    falls = [y for y, prev in zip(years[1:], years[:-1]) if s[y] < s[prev]]
    grew = whole_p < alpha and factor > 1
    can = (f"* **They can** show growth: orders went from {s[y0]} in {y0} to {s[y1]} in {y1} ({factor:.1f}-fold, "
           f"exact {_p(whole_p)}), {100 * (trend - 1):+.0f}% a year on a log-linear trend"
           + (f", with {'a fall' if len(falls) == 1 else 'falls'} in {_years(falls)}." if falls else ".")
           if grew else f"* **They do not** show growth beyond chance: {s[y0]} orders in {y0} against {s[y1]} in "
           f"{y1} (exact {_p(whole_p)}).")
    up = sens[(sens["step_rate_ratio"] > 1) & (sens["p_value"] < alpha)]
    cannot = ("* **They cannot** attribute it. Maturation of a young firm, the national rise of internet use, a "
              "post-pandemic shift to digital services and CRM practised since founding all predict the same smooth "
              f"rise; the internet-use model and the plain trend differ by {abs(aic):.1f} in AIC. The paper names no "
              "year in which CRM began, so there is no before-and-after contrast to test, and the break-year search "
              + ("finds no upward step." if up.empty else
                 f"finds an upward step in {_years([_i(y) for y in up['break_year']])} (before correction)."))
    a = audit.set_index("claim_id")
    claim = exact.iloc[-1]
    null, lo, hi, p = (_f(claim[k]) for k in ("null_ratio", "ci_low", "ci_high", "p_value"))
    ratio_prev = s[y1] / s[y1 - 1]
    fits = [k for k in ("growth_factor_2023_vs_2021", "growth_factor_2022_vs_2021")
            if a.at[k, "verdict"] == "consistent"]
    fails = [c for c in ("segment_total_vs_tabel2", "complaint_base_2023", "founding_years_agree")
             if a.at[c, "verdict"] == "inconsistent"]
    audit_text = (f"* **Some readings of the paper fail their own check.** {y1} ({s[y1]} orders) was "
                  f"{_cmp(s[y1], s[y1 - 1])} {y1 - 1} ({s[y1 - 1]}): by arithmetic {s[y1]}/{s[y1 - 1]} = "
                  f"{ratio_prev:.2f}, {'not' if round(ratio_prev, 1) != null else 'matching'} the "
                  f"printed {null:g}-fold rise (exact test of a {null:g} ratio: "
                  f"{_p(p)}, exact 95% interval {lo:.2f} to {hi:.2f})"
                  + (f"; it matches {str(a.at[fits[0], 'explanation']).split(':')[0]}" if fits else "") + ". "
                  + " ".join(str(a.at[c, "explanation"]) for c in fails))
    need = ("* A causal claim would need order-level data with the date CRM practices began, a comparison group "
            "(other firms in Sidoarjo, or customers not reached by the practices), and the rivals above tested on "
            "that data. Notebook 02 shows the customer-level analyses on a synthetic ledger.")
    return "\n".join([can, cannot, audit_text, need])

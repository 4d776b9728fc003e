"""Count models of yearly orders: Poisson and negative-binomial GLMs, dispersion, LR and exact tests.

Seven yearly counts (Tabel 2) can carry a trend and perhaps one more term;
they cannot carry a causal story. The models here (statsmodels) ask narrow
questions: is there a log-linear trend; does 2020 (first COVID-19 year) fall
off it; is there extra-Poisson variation; where would a level shift fit best
(sensitivity over candidate break years, none of which is privileged by the
data). Every fit returns a :class:`CountModelFit` whose ``summary`` is a tidy
DataFrame. Warnings statsmodels raises while fitting (e.g. an NB dispersion
at its boundary) are caught and kept in ``fit.warnings`` so output stays
deterministic.

Examples
--------
>>> import pandas as pd
>>> data = design_frame(pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]}))
>>> fit = fit_count_model(data, "orders ~ t", "poisson", name="poisson_trend")
>>> fit
CountModelFit(name='poisson_trend', family='poisson', formula='orders ~ t', nobs=7, aic=46.51)
>>> round(fit.rate_ratio("t"), 4)
1.1501
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TypedDict, cast

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from casestudy.errors import ValidationError, expectation
from casestudy.stats.dispersion import dispersion_tests
from casestudy.summary import SummaryTable

__all__ = [
    "FAMILIES",
    "ALPHA_BOUNDARY",
    "CountModelFit",
    "OrdersModels",
    "design_frame",
    "fit_count_model",
    "lr_test",
    "LRTest",
    "dispersion_tests",
    "fit_orders_models",
    "break_year_sensitivity",
]

FAMILIES = ("poisson", "quasipoisson", "negbin")

#: Below this ML estimate the NB2 dispersion is taken to be on its boundary (0), where NB2 is Poisson.
ALPHA_BOUNDARY = 1e-6


def design_frame(orders: pd.DataFrame, year: str = "year", count: str = "orders",
                 break_years: tuple[int, ...] = (), origin: int | None = None) -> pd.DataFrame:
    """Build the model frame: ``year, orders, t, covid2020`` and a ``step_<b>`` column per break year.

    ``t`` counts years from ``origin`` (the first year by default);
    ``covid2020`` is 1 in 2020 only (a one-year departure from trend);
    ``step_<b>`` is 1 from year ``b`` on (a lasting level shift).

    Examples
    --------
    >>> design_frame(pd.DataFrame({"year": [2019, 2020, 2021], "orders": [1, 2, 3]}), break_years=(2021,))
       year  orders  t  covid2020  step_2021
    0  2019       1  0          0          0
    1  2020       2  1          1          0
    2  2021       3  2          0          1
    """
    for col in (year, count):
        if col not in orders.columns:
            raise ValidationError(expectation("columns", f"to include {col!r}", list(orders.columns), "orders"))
    y = orders[year].astype("int64").to_numpy()
    n = orders[count].to_numpy()
    if (n < 0).any() or (n != np.round(n)).any():
        raise ValidationError(expectation(count, "whole non-negative counts", n.tolist(), "orders"))
    df = pd.DataFrame({"year": y, "orders": n.astype("int64")}).sort_values("year", kind="mergesort")
    df["t"] = df["year"] - (int(df["year"].min()) if origin is None else origin)
    df["covid2020"] = (df["year"] == 2020).astype("int64")
    for b in break_years:
        df[f"step_{b}"] = (df["year"] >= b).astype("int64")
    return df.reset_index(drop=True)


@dataclass(frozen=True)
class CountModelFit:
    """One fitted count model: coefficients, fit statistics and any fitting warnings.

    Attributes
    ----------
    name, family, formula : str
    params : pandas.DataFrame
        ``term, estimate, std_error, z, p_value, ci_low, ci_high`` (log scale), ``rate_ratio``
        (``exp(estimate)``) and its 95% interval ``rr_ci_low, rr_ci_high``.
    llf, aic, deviance, pearson_chi2 : float
        ``llf`` and ``aic`` are NaN for quasi-Poisson (no likelihood).
    df_resid, nobs : int
    alpha : float
        Negative-binomial dispersion (NB2: Var = mu + alpha mu^2); NaN for Poisson.
    scale : float
        1 for Poisson and NB; Pearson chi2 / df for quasi-Poisson.
    fitted : tuple of float
    warnings : tuple of str
        Warnings raised by statsmodels while fitting, in order.
    """

    name: str
    family: str
    formula: str
    params: pd.DataFrame = field(repr=False)
    llf: float
    aic: float
    deviance: float
    pearson_chi2: float
    df_resid: int
    nobs: int
    alpha: float
    scale: float
    fitted: tuple[float, ...] = field(repr=False)
    warnings: tuple[str, ...] = ()

    @property
    def pearson_dispersion(self) -> float:
        """Pearson chi2 / residual df (about 1 under the model; > 1 suggests overdispersion)."""
        return self.pearson_chi2 / self.df_resid if self.df_resid else float("nan")

    @property
    def n_params(self) -> int:
        """Estimated parameters, counting NB's alpha."""
        return len(self.params) + (0 if np.isnan(self.alpha) else 1)

    def rate_ratio(self, term: str) -> float:
        """``exp(coefficient)`` of ``term``."""
        return float(cast(float, self.params.set_index("term").loc[term, "rate_ratio"]))

    @property
    def summary(self) -> pd.DataFrame:
        """One row per term with the model's fit statistics beside it."""
        df = self.params.copy()
        df.insert(0, "model", self.name)
        df.insert(1, "family", self.family)
        df.insert(2, "formula", self.formula)
        for key in ("nobs", "df_resid", "llf", "aic", "deviance", "pearson_chi2", "alpha", "scale"):
            df[key] = getattr(self, key)
        df["pearson_dispersion"] = self.pearson_dispersion
        df["warnings"] = "; ".join(self.warnings)
        return df

    def __repr__(self) -> str:
        return (f"CountModelFit(name={self.name!r}, family={self.family!r}, formula={self.formula!r}, "
                f"nobs={self.nobs}, aic={self.aic:.2f})")

    def _repr_html_(self) -> str:
        return SummaryTable(self.name, self.params,
                            f"({self.family}): {self.formula}, n = {self.nobs}, AIC = {self.aic:.3f}").to_html()


def _params(result: object, names: list[str]) -> pd.DataFrame:
    ci = np.asarray(result.conf_int())[: len(names)]  # type: ignore[attr-defined]
    est = np.asarray(result.params)[: len(names)]  # type: ignore[attr-defined]
    return pd.DataFrame({
        "term": names,
        "estimate": est,
        "std_error": np.asarray(result.bse)[: len(names)],  # type: ignore[attr-defined]
        "z": np.asarray(result.tvalues)[: len(names)],  # type: ignore[attr-defined]
        "p_value": np.asarray(result.pvalues)[: len(names)],  # type: ignore[attr-defined]
        "ci_low": ci[:, 0],
        "ci_high": ci[:, 1],
        "rate_ratio": np.exp(est),
        "rr_ci_low": np.exp(ci[:, 0]),
        "rr_ci_high": np.exp(ci[:, 1]),
    })


def fit_count_model(data: pd.DataFrame, formula: str, family: str = "poisson", name: str | None = None) -> CountModelFit:
    """Fit a Poisson, quasi-Poisson or negative-binomial (NB2, alpha by ML) model.

    Parameters
    ----------
    data : pandas.DataFrame
        A model frame, e.g. from :func:`design_frame`.
    formula : str
        Patsy formula, e.g. ``"orders ~ t + covid2020"``.
    family : {'poisson', 'quasipoisson', 'negbin'}
        ``quasipoisson`` scales standard errors by Pearson chi2 / df, as R's
        ``glm(family = quasipoisson)`` does.
    name : str, optional

    Returns
    -------
    CountModelFit
    """
    if family not in FAMILIES:
        raise ValidationError(expectation("family", "one of " + ", ".join(FAMILIES), family))
    caught: list[str] = []
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        if family == "negbin":
            res = smf.negativebinomial(formula, data).fit(disp=0, maxiter=500)
            alpha = float(res.params["alpha"])
            if alpha < ALPHA_BOUNDARY:
                return _negbin_at_boundary(data, formula, name)
            glm = smf.glm(formula, data, family=sm.families.NegativeBinomial(alpha=alpha)).fit()
            names = list(res.params.index[:-1])
            deviance, pearson, llf, aic = float(glm.deviance), float(glm.pearson_chi2), float(res.llf), float(res.aic)
            fitted, scale, df_resid = glm.fittedvalues, 1.0, int(round(res.df_resid)) - 1
        else:
            res = smf.glm(formula, data, family=sm.families.Poisson()).fit(
                scale="X2" if family == "quasipoisson" else None)
            alpha = float("nan")
            names = list(res.params.index)
            deviance, pearson, llf, aic = float(res.deviance), float(res.pearson_chi2), float(res.llf), float(res.aic)
            if family == "quasipoisson":  # no likelihood, as in R: logLik and AIC are NA
                llf = aic = float("nan")
            fitted, scale, df_resid = res.fittedvalues, float(res.scale), int(round(res.df_resid))
        caught = [f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in record]
    return CountModelFit(
        name=name or f"{family}: {formula}", family=family, formula=formula, params=_params(res, names),
        llf=llf, aic=aic, deviance=deviance, pearson_chi2=pearson, df_resid=df_resid, nobs=int(res.nobs),
        alpha=alpha, scale=scale, fitted=tuple(float(v) for v in fitted), warnings=tuple(dict.fromkeys(caught)),
    )


def _negbin_at_boundary(data: pd.DataFrame, formula: str, name: str | None) -> CountModelFit:
    """The NB2 fit whose dispersion's ML estimate lies on its boundary (alpha = 0): the Poisson fit.

    There NB2 is Poisson; the optimiser's last steps toward alpha = 0 fail to converge and leave
    estimates that differ from Poisson's in the fifth digit by numerical noise (machine- and
    thread-dependent), so the limit is reported exactly, with one more parameter in the AIC.
    """
    res = smf.glm(formula, data, family=sm.families.Poisson()).fit()
    names = list(res.params.index)
    llf = float(res.llf)
    return CountModelFit(
        name=name or f"negbin: {formula}", family="negbin", formula=formula, params=_params(res, names),
        llf=llf, aic=-2.0 * llf + 2.0 * (len(names) + 1), deviance=float(res.deviance),
        pearson_chi2=float(res.pearson_chi2), df_resid=int(round(res.df_resid)) - 1, nobs=int(res.nobs), alpha=0.0,
        scale=1.0, fitted=tuple(float(v) for v in res.fittedvalues),
        warnings=(f"alpha at its boundary (ML estimate below {ALPHA_BOUNDARY:g}): the NB2 fit is the Poisson fit",),
    )


#: What :func:`lr_test` returns (a plain dict).
LRTest = TypedDict("LRTest", {"test": str, "statistic": float, "df": int, "p_value": float})


def lr_test(restricted: CountModelFit, full: CountModelFit, boundary: bool = False) -> LRTest:
    """Likelihood-ratio test of nested fits.

    Parameters
    ----------
    restricted, full : CountModelFit
    boundary : bool
        The extra parameter sits on the boundary of its space under the null
        (Poisson inside NB, alpha = 0): the p-value is half the chi2 tail
        (a 50:50 mixture of chi2_0 and chi2_1).

    Returns
    -------
    dict
        ``test, statistic, df, p_value``.

    Examples
    --------
    >>> d = design_frame(pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]}))
    >>> r = lr_test(fit_count_model(d, "orders ~ 1"), fit_count_model(d, "orders ~ t"))
    >>> round(r["statistic"], 3), r["df"], f"{r['p_value']:.2e}"
    (12.072, 1, '5.12e-04')
    """
    stat = max(0.0, 2 * (full.llf - restricted.llf))
    df = full.n_params - restricted.n_params
    if df < 1:
        raise ValidationError(expectation("full", "a model with more parameters than the restricted one",
                                          full.name, "lr_test"))
    p = stats.chi2.sf(stat, df)
    return {"test": f"{restricted.name} vs {full.name}", "statistic": stat, "df": df,
            "p_value": 0.5 * p if boundary else p}


#: The models fitted to the yearly series: name -> (formula, family).
ORDERS_MODELS: dict[str, tuple[str, str]] = {
    "poisson_null": ("orders ~ 1", "poisson"),
    "poisson_trend": ("orders ~ t", "poisson"),
    "poisson_trend_2020": ("orders ~ t + covid2020", "poisson"),
    "quasipoisson_trend_2020": ("orders ~ t + covid2020", "quasipoisson"),
    "negbin_trend": ("orders ~ t", "negbin"),
    "negbin_trend_2020": ("orders ~ t + covid2020", "negbin"),
}


@dataclass(frozen=True)
class OrdersModels:
    """The standard set of count models of the yearly series, with their LR tests.

    Attributes
    ----------
    fits : dict of str to CountModelFit
    lr_tests : pandas.DataFrame
        ``question, test, statistic, df, p_value``.
    dispersion : pandas.DataFrame
        From :func:`dispersion_tests` on the Poisson trend model.
    series : str
        The years modelled, e.g. ``"2017-2023"``.
    """

    fits: dict[str, CountModelFit] = field(repr=False)
    lr_tests: pd.DataFrame = field(repr=False)
    dispersion: pd.DataFrame = field(repr=False)
    series: str

    @property
    def summary(self) -> pd.DataFrame:
        """Every model's coefficients with fit statistics (``reports/tables/orders_models.csv``)."""
        df = pd.concat([f.summary for f in self.fits.values()], ignore_index=True)
        df.insert(0, "series", self.series)
        return df

    def __repr__(self) -> str:
        return f"OrdersModels(series={self.series!r}, models={list(self.fits)})"

    def _repr_html_(self) -> str:
        return SummaryTable(f"Count models of {self.series}", self.summary).to_html()


def fit_orders_models(orders: pd.DataFrame, year: str = "year", count: str = "orders") -> OrdersModels:
    """Fit :data:`ORDERS_MODELS` to a yearly series and run the nested LR tests.

    Examples
    --------
    >>> m = fit_orders_models(pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]}))
    >>> m.lr_tests[["question", "df"]].values.tolist()[:2]
    [['trend', 1], ['2020 departure from trend (Poisson)', 1]]
    """
    data = design_frame(orders, year, count)
    fits = {k: fit_count_model(data, f, fam, name=k) for k, (f, fam) in ORDERS_MODELS.items()}
    tests = [
        ("trend", lr_test(fits["poisson_null"], fits["poisson_trend"])),
        ("2020 departure from trend (Poisson)", lr_test(fits["poisson_trend"], fits["poisson_trend_2020"])),
        ("2020 departure from trend (NB)", lr_test(fits["negbin_trend"], fits["negbin_trend_2020"])),
        ("overdispersion: NB vs Poisson (boundary)", lr_test(fits["poisson_trend"], fits["negbin_trend"], boundary=True)),
    ]
    lr = pd.DataFrame([{"question": q, **r} for q, r in tests])
    years = data["year"]
    return OrdersModels(fits, lr, dispersion_tests(data, "orders ~ t"), f"{years.min()}-{years.max()}")


def break_year_sensitivity(orders: pd.DataFrame, candidates: tuple[int, ...] | None = None,
                           year: str = "year", count: str = "orders") -> pd.DataFrame:
    """Fit ``orders ~ t + step_b`` for every candidate break year ``b`` and compare with the trend alone.

    Returns
    -------
    pandas.DataFrame
        ``break_year, step_rate_ratio, ci_low, ci_high, lr_statistic, p_value,
        p_bonferroni, quasi_p_value, aic, delta_aic`` (``p_bonferroni`` corrects for
        trying every candidate) (AIC minus the trend model's); a
        break year is a year from which orders stay above or below trend. With
        seven points several break years fit about equally well: the table
        shows how little the data single out any one.

    Examples
    --------
    >>> s = break_year_sensitivity(pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]}))
    >>> s["break_year"].tolist()
    [2018, 2019, 2020, 2021, 2022, 2023]
    """
    base = design_frame(orders, year, count)
    years = base["year"].tolist()
    cands = tuple(candidates) if candidates is not None else tuple(years[1:])
    data = design_frame(orders, year, count, break_years=cands)
    trend = fit_count_model(data, "orders ~ t", "poisson")
    rows = []
    for b in cands:
        full = fit_count_model(data, f"orders ~ t + step_{b}", "poisson")
        quasi = fit_count_model(data, f"orders ~ t + step_{b}", "quasipoisson")
        p = full.params.set_index("term").loc[f"step_{b}"]
        lr = lr_test(trend, full)
        rows.append({"break_year": b, "step_rate_ratio": p["rate_ratio"], "ci_low": float(np.exp(p["ci_low"])),
                     "ci_high": float(np.exp(p["ci_high"])), "lr_statistic": lr["statistic"], "p_value": lr["p_value"],
                     "quasi_p_value": float(cast(float, quasi.params.set_index("term").loc[f"step_{b}", "p_value"])),
                     "aic": full.aic, "delta_aic": full.aic - trend.aic})
    out = pd.DataFrame(rows)
    out.insert(6, "p_bonferroni", np.minimum(1.0, out["p_value"] * len(cands)))
    return out

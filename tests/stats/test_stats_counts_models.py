"""Count models: R-equivalent values on Dobson's worked example, the case's fits, LR tests, warnings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from casestudy.errors import ValidationError
from casestudy.stats.counts_models import (
    break_year_sensitivity,
    design_frame,
    dispersion_tests,
    fit_count_model,
    fit_orders_models,
    lr_test,
)
from casestudy.stats.rate_tests import compare_rates, standard_rate_tests

TABEL2 = pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]})


def test_poisson_matches_r_glm_example_dobson():
    # R: counts <- c(18,17,15,20,10,20,25,13,12); outcome <- gl(3,1,9); treatment <- gl(3,3)
    #    glm(counts ~ outcome + treatment, family = poisson())  (Dobson 1990, p. 93; R's ?glm)
    d = pd.DataFrame({"counts": [18, 17, 15, 20, 10, 20, 25, 13, 12],
                      "outcome": [str(i % 3 + 1) for i in range(9)],
                      "treatment": [str(i // 3 + 1) for i in range(9)]})
    fit = fit_count_model(d, "counts ~ C(outcome) + C(treatment)", "poisson")
    p = fit.params.set_index("term")
    assert p.loc["Intercept", "estimate"] == pytest.approx(3.044522, abs=1e-6)
    assert p.loc["C(outcome)[T.2]", "estimate"] == pytest.approx(-0.4542553, abs=1e-6)
    assert p.loc["C(outcome)[T.3]", "estimate"] == pytest.approx(-0.2929871, abs=1e-6)
    assert p.loc["C(treatment)[T.2]", "estimate"] == pytest.approx(0.0, abs=1e-8)
    assert p.loc["Intercept", "std_error"] == pytest.approx(0.1708987, abs=1e-6)
    assert p.loc["C(outcome)[T.2]", "std_error"] == pytest.approx(0.2021708, abs=1e-6)
    assert fit.deviance == pytest.approx(5.129141, abs=1e-5)  # "Residual deviance: 5.1291 on 4 df"
    assert fit.df_resid == 4
    assert fit.aic == pytest.approx(56.76132, abs=1e-4)  # "AIC: 56.761"


def test_case_poisson_trend_values():
    data = design_frame(TABEL2)
    fit = fit_count_model(data, "orders ~ t", "poisson")
    p = fit.params.set_index("term")
    assert p.loc["t", "estimate"] == pytest.approx(0.1398886, abs=1e-6)
    assert fit.pearson_chi2 == pytest.approx(8.410329, abs=1e-5)
    assert fit.pearson_dispersion == pytest.approx(8.410329 / 5, abs=1e-6)
    quasi = fit_count_model(data, "orders ~ t", "quasipoisson")
    # quasi-Poisson: same estimates, SEs scaled by sqrt(Pearson chi2 / df), no likelihood
    assert quasi.params["std_error"].to_numpy() == pytest.approx(p["std_error"].to_numpy() * np.sqrt(8.410329 / 5), rel=1e-6)
    assert np.isnan(quasi.aic) and np.isnan(quasi.llf)


def test_lr_tests_and_boundary_warning_are_reported():
    m = fit_orders_models(TABEL2)
    lr = m.lr_tests.set_index("question")
    assert lr.loc["trend", "statistic"] == pytest.approx(12.07245, abs=1e-4)
    assert lr.loc["2020 departure from trend (Poisson)", "p_value"] == pytest.approx(0.16667, abs=1e-4)
    assert lr.loc["overdispersion: NB vs Poisson (boundary)", "p_value"] > 0.4
    nb, poisson = m.fits["negbin_trend_2020"], m.fits["poisson_trend_2020"]
    assert nb.warnings == ("alpha at its boundary (ML estimate below 1e-06): the NB2 fit is the Poisson fit",)
    assert nb.alpha == 0.0 and nb.llf == poisson.llf and nb.aic == pytest.approx(poisson.aic + 2)
    assert nb.params["estimate"].tolist() == poisson.params["estimate"].tolist()  # exactly, on every machine
    assert set(m.summary["model"]) == set(m.fits)
    assert repr(m) .startswith("OrdersModels(series='2017-2023'")


def test_lr_test_rejects_non_nested_order():
    d = design_frame(TABEL2)
    with pytest.raises(ValidationError) as err:
        lr_test(fit_count_model(d, "orders ~ t", name="a"), fit_count_model(d, "orders ~ 1", name="b"))
    assert str(err.value) == "lr_test: 'full' must be a model with more parameters than the restricted one (got 'b')"


def test_dispersion_and_break_sensitivity():
    disp = dispersion_tests(design_frame(TABEL2), "orders ~ t").set_index("test")
    assert disp.loc["pearson_chi2_over_df", "statistic"] == pytest.approx(1.682066, abs=1e-5)
    s = break_year_sensitivity(TABEL2).set_index("break_year")
    assert s.loc[2020, "step_rate_ratio"] == pytest.approx(0.4925, abs=1e-4)
    assert s.loc[2020, "p_bonferroni"] == pytest.approx(6 * s.loc[2020, "p_value"])


def test_exact_rate_tests():
    r = compare_rates(31, 34)
    assert r["ratio"] == 31 / 34
    # conditional binomial: P(X <= 31 | n = 65, p = 1/2) two-sided
    from scipy.stats import binomtest
    assert r["p_value"] == pytest.approx(binomtest(31, 65, 0.5).pvalue, abs=1e-12)
    t = standard_rate_tests(TABEL2, claimed_factor=1.5).set_index("test")
    assert t.loc["2023 vs 2017", "p_value"] == pytest.approx(binomtest(31, 41, 0.5).pvalue, abs=1e-12)
    # the central test (twice the smaller tail) is the one the Clopper-Pearson interval inverts
    from scipy.stats import binom
    claim = t.loc["2023 vs 2022 = 1.5-fold (claimed)"]
    assert claim["p_value"] == pytest.approx(2 * binom.cdf(31, 65, 0.6), abs=1e-12)
    assert claim["ci_low"] <= 1.5 <= claim["ci_high"]  # p > 0.05, so the 95% interval holds 1.5
    ci = binomtest(31, 65).proportion_ci(0.95, method="exact")
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((ci.low / (1 - ci.low), ci.high / (1 - ci.high)))
    from statsmodels.stats.rates import test_poisson_2indep
    assert r["p_value"] == pytest.approx(test_poisson_2indep(31, 1, 34, 1, method="exact-cond").pvalue, abs=1e-12)


@pytest.mark.parametrize("c1,c2,e1,e2", [(31, 34, 1, 1), (5, 30, 1, 1), (0, 7, 1, 1), (101, 56, 4, 3), (12, 3, 2, 5)])
def test_exact_interval_and_test_agree(c1, c2, e1, e2):
    """A ratio lies outside the exact 95% interval exactly when its exact test gives p < 0.05."""
    r = compare_rates(c1, c2, e1, e2)
    for k in (0.999, 1.001):
        for bound in (r["ci_low"], r["ci_high"]):
            if 0 < bound < float("inf"):
                inside = r["ci_low"] <= bound * k <= r["ci_high"]
                assert (compare_rates(c1, c2, e1, e2, value=bound * k)["p_value"] >= 0.05) == inside
    with pytest.raises(ValidationError) as err:
        compare_rates(2.5, 3, label="x")
    assert str(err.value) == "x: 'count1' must be a whole non-negative count (got 2.5)"


def test_bad_inputs():
    with pytest.raises(ValidationError) as err:
        design_frame(pd.DataFrame({"year": [2017], "n": [1]}))
    assert str(err.value) == "orders: 'columns' must be to include 'orders' (got ['year', 'n'])"
    with pytest.raises(ValidationError) as err:
        fit_count_model(design_frame(TABEL2), "orders ~ t", "gamma")
    assert str(err.value) == "'family' must be one of poisson, quasipoisson, negbin (got 'gamma')"

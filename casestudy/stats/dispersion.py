"""Overdispersion of a Poisson fit to a short count series: ratios and score tests.

With a handful of yearly counts these tests have little power; each row says so. Used by
:func:`casestudy.stats.counts_models.fit_orders_models` (``OrdersModels.dispersion``).

Examples
--------
>>> import pandas as pd
>>> from casestudy.stats.counts_models import design_frame
>>> d = design_frame(pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]}))
>>> dispersion_tests(d, "orders ~ t")["test"].tolist()
['pearson_chi2_over_df', 'deviance_over_df', 'dean_a', 'ct_nb2']
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.discrete.diagnostic import PoissonDiagnostic

__all__ = ["dispersion_tests"]


def dispersion_tests(data: pd.DataFrame, formula: str) -> pd.DataFrame:
    """Overdispersion checks of a Poisson fit: Pearson and deviance ratios, Dean and Cameron-Trivedi tests.

    Returns
    -------
    pandas.DataFrame
        ``test, statistic, p_value, note``; with a handful of points these
        tests have little power, which the note says.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = smf.glm(formula, data, family=sm.families.Poisson()).fit()
        diag = PoissonDiagnostic(res).test_dispersion()
    df = int(round(res.df_resid))
    rows = [("pearson_chi2_over_df", res.pearson_chi2 / df, stats.chi2.sf(res.pearson_chi2, df),
             f"Pearson chi2 {res.pearson_chi2:.3f} on {df} df"),
            ("deviance_over_df", res.deviance / df, stats.chi2.sf(res.deviance, df),
             f"deviance {res.deviance:.3f} on {df} df")]
    for method, s, p in zip(diag.method, np.atleast_1d(diag.statistic), np.atleast_1d(diag.pvalue)):
        if method in ("Dean A", "CT nb2"):
            rows.append((method.lower().replace(" ", "_"), float(s), float(p), f"score test, {len(data)} points"))
    return pd.DataFrame(rows, columns=["test", "statistic", "p_value", "note"])

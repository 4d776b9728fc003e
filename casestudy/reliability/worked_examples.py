"""Published worked examples of agreement statistics, as reliability data with their published values.

They check the package's statistics against numbers their authors printed
(tests assert them to the published precision) and make good teaching data.

- Krippendorff, K. (2011). *Computing Krippendorff's alpha-reliability*. Annenberg
  School for Communication, University of Pennsylvania: the binary example (two
  observers, ten units) and the example with four observers, twelve units, values
  1..5 and missing data.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
  *Psychological Bulletin*, 76(5), 378-382: 30 patients, 6 psychiatrists, 5
  diagnoses (the raw ratings as reconstructed in R's ``irr::diagnoses``).
- Cohen's kappa of a 2x2 table (31, 12, 4, 58) with its large-sample standard error and
  95% interval, the worked example of D. G. Bonett's R package ``statpsych``
  (``ci.kappa``), which implements the standard error of Fleiss, Levin & Paik (2003),
  *Statistical Methods for Rates and Proportions*, 3rd ed.; and the SAS ``PROC FREQ``
  agreement example (kappa 0.4842, ASE 0.1380), asserted in the tests.

Examples
--------
>>> krippendorff_2011_missing().shape
(12, 4)
>>> PUBLISHED["krippendorff_2011_missing"]["interval"]
0.849
>>> fleiss_1971().shape
(30, 6)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["PUBLISHED", "krippendorff_2011_binary", "krippendorff_2011_missing", "fleiss_1971",
           "bonett_ci_kappa_2x2"]

#: Published values, at the precision their sources print.
PUBLISHED: dict[str, dict[str, float]] = {
    "krippendorff_2011_binary": {"nominal": 0.095},
    "krippendorff_2011_missing": {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797},
    "fleiss_1971": {"fleiss_kappa": 0.430},
    "bonett_ci_kappa_2x2": {"kappa": 0.6757, "se": 0.0734, "ci_low": 0.5317, "ci_high": 0.8196},
}


def krippendorff_2011_binary() -> pd.DataFrame:
    """Two observers, ten units, binary values (Krippendorff 2011, section A); alpha = 0.095."""
    return pd.DataFrame({"A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]},
                        index=pd.RangeIndex(1, 11, name="unit"))


def krippendorff_2011_missing() -> pd.DataFrame:
    """Four observers, twelve units, values 1..5, missing data (Krippendorff 2011, section C)."""
    nan = np.nan
    return pd.DataFrame({"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
                         "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
                         "C": [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
                         "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]},
                        index=pd.RangeIndex(1, 13, name="unit"))


_FLEISS = """444444 222555 233335 555555 222444 113333 333355 113334 114444 555555
144444 124444 222333 144444 224445 333335 111455 111112 224444 133555
555555 244444 224555 114444 144445 222224 111155 224444 133333 555555"""


def fleiss_1971() -> pd.DataFrame:
    """Thirty patients rated by six psychiatrists into five diagnoses (1..5); Fleiss' kappa = 0.430.

    Diagnoses: 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other.
    Fleiss prints only the counts per category; raters are interchangeable.
    """
    rows = [[int(ch) for ch in word] for word in _FLEISS.split()]
    return pd.DataFrame(rows, columns=[f"rater{i}" for i in range(1, 7)],
                        index=pd.RangeIndex(1, 31, name="patient"))


def bonett_ci_kappa_2x2() -> pd.DataFrame:
    """Two raters, 105 objects, binary ratings (cells 31, 12, 4, 58); kappa 0.6757, SE 0.0734 (statpsych)."""
    cells = [(0, 0)] * 31 + [(0, 1)] * 12 + [(1, 0)] * 4 + [(1, 1)] * 58
    return pd.DataFrame(cells, columns=["y", "x"], index=pd.RangeIndex(1, 106, name="object"))

"""Published worked examples, asserted to the precision their sources print."""

from __future__ import annotations

import pytest

from casestudy.reliability import worked_examples as pub
from casestudy.reliability import statistics as st


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_2011_four_observers_twelve_units(level):
    value = st.krippendorff_alpha(pub.krippendorff_2011_missing(), level)
    assert round(value, 3) == pub.PUBLISHED["krippendorff_2011_missing"][level]


def test_krippendorff_2011_binary_two_observers():
    assert round(st.krippendorff_alpha(pub.krippendorff_2011_binary()), 3) == 0.095


def test_krippendorff_2011_missing_values_are_not_disagreements():
    # unit 12 has one value only: it cannot be paired, so the pairable units are 11
    assert len(st.pairable_units(pub.krippendorff_2011_missing())) == 11


def test_fleiss_1971_thirty_patients_six_psychiatrists():
    assert round(st.fleiss_kappa(pub.fleiss_1971()), 3) == 0.430
    # the printed category proportions p_j of Fleiss (1971): 0.144, 0.144, 0.167, 0.306, 0.239
    shares = pub.fleiss_1971().stack().value_counts(normalize=True).sort_index().round(3).tolist()
    assert shares == [0.144, 0.144, 0.167, 0.306, 0.239]


def test_statpsych_ci_kappa_example_cohen_kappa_with_standard_error():
    est = st.cohen_kappa(pub.bonett_ci_kappa_2x2())
    published = pub.PUBLISHED["bonett_ci_kappa_2x2"]
    assert round(est.kappa, 4) == published["kappa"]
    assert round(est.se, 4) == published["se"]
    assert (round(est.ci_low, 4), round(est.ci_high, 4)) == (published["ci_low"], published["ci_high"])
    assert est.n_units == 105 and est.reason is None


def test_cohen_kappa_sas_three_categories():
    # SAS PROC FREQ agreement example (also statsmodels' reference): kappa 0.4842, ASE 0.1380, CI 0.2137-0.7547
    table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
    pairs = [(i, j) for i in range(3) for j in range(3) for _ in range(table[i][j])]
    import pandas as pd

    est = st.cohen_kappa(pd.DataFrame(pairs, columns=["r1", "r2"]))
    assert [round(v, 4) for v in (est.kappa, est.se, est.ci_low, est.ci_high)] == [0.4842, 0.1380, 0.2137, 0.7547]

"""Statistics on reliability data: clear errors and explicit undefined results for bad data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from casestudy.errors import ReliabilityError
from casestudy.reliability import statistics as st
from casestudy.reliability.table import reliability_matrix

NAN = float("nan")


def test_one_coder_only_is_one_clear_error():
    with pytest.raises(ReliabilityError) as exc:
        st.krippendorff_alpha(pd.DataFrame({"a": [1, 0, 1]}))
    assert str(exc.value) == "reliability data: 'coders' must be at least two coders (got ['a'])"


def test_no_units_is_one_clear_error():
    with pytest.raises(ReliabilityError) as exc:
        st.percent_agreement(pd.DataFrame({"a": [], "b": []}))
    assert str(exc.value) == "reliability data: 'units' must be at least one unit (got 0)"


def test_no_variation_is_explicitly_undefined():
    m = pd.DataFrame({"a": ["x", "x", "x"], "b": ["x", "x", "x"]})
    assert st.undefined_reason(m) == "no variation: every value is 'x', so chance agreement is undefined"
    assert math.isnan(st.krippendorff_alpha(m))
    assert math.isnan(st.fleiss_kappa(m))
    est = st.cohen_kappa(m)
    assert math.isnan(est.kappa) and est.reason == "no variation: every value is 'x', so chance agreement is undefined"
    assert st.percent_agreement(m) == 1.0  # raw agreement stays defined
    assert all(math.isnan(v) for v in st.bootstrap_alpha_ci(m, n_boot=10))


def test_coder_who_judged_nothing_gives_a_reason_not_a_crash():
    m = pd.DataFrame({"a": [1.0, 0.0, 1.0], "b": [NAN, NAN, NAN]})
    assert st.undefined_reason(m) == "fewer than two coders judged any unit (only ['a'])"
    assert math.isnan(st.krippendorff_alpha(m))
    assert math.isnan(st.percent_agreement(m))
    assert st.cohen_kappa(m).reason == "no unit was judged by both coders"


def test_coder_who_coded_nothing_agrees_only_by_chance():
    # b was assigned every unit and applied the code nowhere: absent everywhere
    m = pd.DataFrame({"a": [1.0, 0.0, 1.0, 0.0, 0.0, 0.0], "b": [0.0] * 6})
    assert st.cohen_kappa(m).kappa == 0.0
    assert round(st.krippendorff_alpha(m), 3) == -0.1
    assert round(st.percent_agreement(m), 3) == 0.667


def test_level_must_be_known():
    with pytest.raises(ReliabilityError) as exc:
        st.krippendorff_alpha(pd.DataFrame({"a": [1, 2], "b": [1, 2]}), "circular")
    assert str(exc.value) == ("krippendorff_alpha: 'level' must be one of nominal, ordinal, interval, ratio "
                              "(got 'circular')")


def test_non_numeric_values_at_interval_level():
    with pytest.raises(ReliabilityError) as exc:
        st.krippendorff_alpha(pd.DataFrame({"a": ["1", "2"], "b": ["1", "high"]}), "interval")
    assert str(exc.value) == "krippendorff_alpha: 'value' must be a number at the interval level (got 'high')"


def test_string_categories_at_nominal_level_equal_integer_codes():
    labels = pd.DataFrame({"a": ["p", "q", "p", "r"], "b": ["p", "q", "q", "r"]})
    ints = labels.replace({"p": 0, "q": 1, "r": 2}).astype(float)
    assert st.krippendorff_alpha(labels) == pytest.approx(st.krippendorff_alpha(ints), abs=1e-12)
    assert st.cohen_kappa(labels).kappa == pytest.approx(st.cohen_kappa(ints).kappa, abs=1e-12)


def test_cohen_kappa_needs_exactly_two_coders():
    with pytest.raises(ReliabilityError) as exc:
        st.cohen_kappa(pd.DataFrame({"a": [1, 0], "b": [1, 0], "c": [0, 0]}))
    assert str(exc.value) == "cohen_kappa: 'coders' must be exactly two coders for Cohen's kappa (got ['a', 'b', 'c'])"


def test_reliability_matrix_rejects_two_values_for_one_unit_and_coder():
    long = pd.DataFrame({"unit": [1, 1], "coder": ["a", "a"], "value": [1, 2]})
    with pytest.raises(ReliabilityError) as exc:
        reliability_matrix(long, where="x.csv")
    assert str(exc.value) == "x.csv: '(unit, coder)' must be unique: one value per unit and coder (got (1, 'a'))"


def test_bootstrap_is_seeded_and_cluster_bootstrap_differs():
    rng = np.random.default_rng(5)
    a = rng.integers(0, 2, 60).astype(float)
    b = np.where(rng.random(60) < 0.8, a, 1 - a)
    m = pd.DataFrame({"a": a, "b": b})
    first = st.bootstrap_alpha_ci(m, n_boot=300, seed=3)
    assert first == st.bootstrap_alpha_ci(m, n_boot=300, seed=3)
    assert first != st.bootstrap_alpha_ci(m, n_boot=300, seed=4)
    alpha = st.krippendorff_alpha(m)
    assert first[0] < alpha < first[1]
    groups = np.repeat(np.arange(20), 3)
    clustered = st.bootstrap_alpha_ci(m, n_boot=300, seed=3, groups=groups)
    assert clustered[0] < alpha < clustered[1] and clustered != first


def test_bootstrap_rejects_bad_arguments():
    m = pd.DataFrame({"a": [1, 0], "b": [1, 1]})
    with pytest.raises(ReliabilityError) as exc:
        st.bootstrap_alpha_ci(m, n_boot=0)
    assert str(exc.value) == "bootstrap_alpha_ci: 'n_boot' must be a positive integer (got 0)"
    with pytest.raises(ReliabilityError) as exc:
        st.bootstrap_alpha_ci(m, groups=[1])
    assert str(exc.value) == "bootstrap_alpha_ci: 'groups' must be one label per row (2) (got 1)"


def test_percent_agreement_three_coders_counts_pairs():
    # unit 1: all agree (3/3 pairs); unit 2: one pair of three agrees; unit 3: two coders only, agree
    m = pd.DataFrame({"a": [1, 1, 0], "b": [1, 1, 0], "c": [1, 2, NAN]})
    assert st.percent_agreement(m) == pytest.approx((1 + 1 / 3 + 1) / 3)

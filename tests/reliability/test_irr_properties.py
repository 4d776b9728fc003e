"""Property tests: agreement statistics do not depend on coder or unit order, and are 1 for identical coders."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as s

from casestudy.reliability import statistics as st

values = s.lists(s.integers(0, 3), min_size=2, max_size=30)


def _varied(v: list[int]) -> bool:
    return len(set(v)) > 1


@settings(max_examples=60, deadline=None, derandomize=True)
@given(values)
def test_identical_coders_agree_perfectly(v):
    m = pd.DataFrame({"a": v, "b": v, "c": v})
    assert st.percent_agreement(m) == 1.0
    if _varied(v):
        assert st.krippendorff_alpha(m) == 1.0
        assert math.isclose(st.cohen_kappa(m[["a", "b"]]).kappa, 1.0)
        assert math.isclose(st.fleiss_kappa(m), 1.0)
    else:
        assert math.isnan(st.krippendorff_alpha(m)) and st.undefined_reason(m).startswith("no variation")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(s.lists(s.tuples(s.integers(0, 2), s.integers(0, 2) | s.none()), min_size=2, max_size=30))
def test_swapping_coders_changes_nothing(pairs):
    m = pd.DataFrame([(a, np.nan if b is None else b) for a, b in pairs], columns=["a", "b"], dtype=float)
    swapped = m[["b", "a"]]
    for f in (st.percent_agreement, st.krippendorff_alpha):
        x, y = f(m), f(swapped)
        assert (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, abs_tol=1e-12)
    k1, k2 = st.cohen_kappa(m), st.cohen_kappa(swapped)
    assert (math.isnan(k1.kappa) and math.isnan(k2.kappa)) or math.isclose(k1.kappa, k2.kappa, abs_tol=1e-12)
    assert (math.isnan(k1.se) and math.isnan(k2.se)) or math.isclose(k1.se, k2.se, abs_tol=1e-12)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(s.lists(s.tuples(s.integers(0, 2), s.integers(0, 2), s.integers(0, 2)), min_size=2, max_size=30),
       s.randoms(use_true_random=False))
def test_permuting_units_changes_nothing(rows, rnd):
    m = pd.DataFrame(rows, columns=["a", "b", "c"], dtype=float)
    order = list(range(len(m)))
    rnd.shuffle(order)
    p = m.iloc[order]
    for f in (st.percent_agreement, st.krippendorff_alpha, st.fleiss_kappa):
        x, y = f(m), f(p)
        assert (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, abs_tol=1e-12)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(s.lists(s.integers(0, 1), min_size=1, max_size=30))
def test_a_coder_who_codes_nothing_gives_a_clear_result(v):
    # b applied the code nowhere (all 0); c was not assigned at all (all missing)
    m = pd.DataFrame({"a": v, "b": [0] * len(v), "c": [np.nan] * len(v)}, dtype=float)
    alpha = st.krippendorff_alpha(m)
    if any(v):
        assert alpha <= 0.0 + 1e-12 and st.undefined_reason(m) is None
    else:
        assert math.isnan(alpha)
        assert st.undefined_reason(m) == "no variation: every value is 0.0, so chance agreement is undefined"
    only_missing = pd.DataFrame({"a": v, "c": [np.nan] * len(v)}, dtype=float)
    assert st.undefined_reason(only_missing) == "fewer than two coders judged any unit (only ['a'])"

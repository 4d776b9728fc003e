"""Readings and warnings: Krippendorff's thresholds and agreement too good to be true."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from casestudy.errors import ReliabilityWarning
from casestudy.reliability import thresholds as th


@pytest.mark.parametrize("alpha, pooled, expected", [
    (0.800, False, "reliable"), (0.7999, False, "tentative"), (0.667, False, "tentative"),
    (0.6669, False, "unreliable"), (-0.2, False, "unreliable"), (float("nan"), False, "undefined"),
    (0.96, False, "reliable"), (0.96, True, "suspiciously high"), (0.95, True, "reliable"),
])
def test_reading(alpha, pooled, expected):
    assert th.reading(alpha, pooled=pooled) == expected


def test_warnings_name_codes_and_values():
    s = pd.DataFrame({"code": ["a", "b", "c"], "n_units": [10, 10, 10], "krippendorff_alpha": [0.7, 0.72, 0.9],
                      "reading": ["tentative", "tentative", "reliable"]})
    with pytest.warns(ReliabilityWarning) as caught:
        messages = th.warn_thresholds(s, "turns")
    assert messages == ["turns: alpha between 0.667 and 0.800 (tentative conclusions only): a (0.700), b (0.720)"]
    assert [str(w.message) for w in caught] == messages


def test_no_warning_when_all_reliable():
    s = pd.DataFrame({"code": ["a"], "n_units": [10], "krippendorff_alpha": [0.9], "reading": ["reliable"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert th.warn_thresholds(s) == []


def test_identical_spans_flags_copied_codings():
    a = pd.DataFrame({"source_id": ["s"] * 4, "start": [0, 10, 20, 30], "end": [5, 15, 25, 35],
                      "code_id": ["x", "y", "x", "z"], "coder_id": ["a"] * 4})
    b = a.assign(coder_id="b")
    b.loc[3, "end"] = 36
    out = th.identical_spans(pd.concat([a, b]), ("a", "b"))
    assert out.values.tolist() == [["a", 4, 3, 0.75], ["b", 4, 3, 0.75]]
    assert (out["share_identical"] > th.IDENTICAL_SPAN_SHARE).all()

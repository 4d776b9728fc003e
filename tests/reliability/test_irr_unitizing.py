"""Krippendorff's unitizing alpha: his published worked example, hand-computable cases and invariants."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from casestudy.errors import ReliabilityError
from casestudy.reliability.unitizing import krippendorff_2004_example, sections, unitizing_alpha


def _codings(rows):
    return pd.DataFrame(rows, columns=["coder_id", "code_id", "start", "end"]).assign(source_id="s")


def test_krippendorff_2004_worked_example():
    # Krippendorff (2004), Quality & Quantity 38: 787-800, Figure 2 and appendix (Content Analysis, 2nd ed., p. 254):
    # uDo_c = .0144, uDe_c = .0532, u-alpha_c = .7286; value k: uDo = 0, uDe = .0490, u-alpha_k = 1.
    res = unitizing_alpha(krippendorff_2004_example(), continuum=[("fig2", 150, 450)]).summary.set_index("code")
    assert res.loc["c", "observed"] == pytest.approx(0.0144, abs=5e-5)
    assert res.loc["c", "expected"] == pytest.approx(0.0532, abs=5e-5)
    assert res.loc["c", "u_alpha"] == pytest.approx(0.7286, abs=5e-5)
    assert res.loc["k", "observed"] == 0 and res.loc["k", "expected"] == pytest.approx(0.0490, abs=5e-5)
    assert res.loc["k", "u_alpha"] == 1.0
    # the observed disagreement by hand: (5^2 + 5^2) + (15^2 + 25^2) + 20^2 = 1300, over m(m-1)/2 L^2 = 90000
    assert res.loc["c", "observed"] == pytest.approx(1300 / 90000, abs=1e-12)
    pooled = res.loc["(pooled)"]
    assert pooled["u_alpha"] == pytest.approx(1 - pooled["observed"] / pooled["expected"])


def test_identical_codings_agree_perfectly_and_one_coder_alone_is_far_below():
    same = _codings([("a", "x", 10, 20), ("b", "x", 10, 20), ("a", "x", 40, 45), ("b", "x", 40, 45)])
    assert unitizing_alpha(same, [("s", 0, 100)]).by_code()["x"] == 1.0
    alone = _codings([("a", "x", 10, 20), ("a", "x", 40, 45), ("b", "y", 70, 80)])
    res = unitizing_alpha(alone, [("s", 0, 100)], codes=["x"]).by_code()
    assert res["x"] < 0


def test_hand_computed_small_case():
    # L = 20; a codes [0, 5) and [10, 12), b codes [0, 5). Observed: a's [10, 12) lies in b's gap [5, 20): 2^2 = 4,
    # doubled, over m(m-1) L^2 = 800 -> 0.01. Expected: N_c = 3 coded sections (lengths 5, 5, 2), gaps 5, 8 (a), 15 (b).
    # l = 5: (N_c-1)(2*125 - 3*25 + 5)/3 = 120, plus 25 * [(5-5+1) + (8-5+1) + (15-5+1)] = 400 -> 520, twice;
    # l = 2: 2 * (16 - 12 + 2)/3 = 4, plus 4 * [(5-2+1) + (8-2+1) + (15-2+1)] = 100 -> 104.
    # uDe = 2/L * (2 * 520 + 104) / (mL(mL-1) - sum l(l-1)) = 0.1 * 1144 / (1560 - 42)
    expected = 0.1 * 1144 / 1518
    res = unitizing_alpha(_codings([("a", "x", 0, 5), ("b", "x", 0, 5), ("a", "x", 10, 12)]),
                          [("s", 0, 20)]).summary.iloc[0]
    assert res["observed"] == pytest.approx(0.01)
    assert res["expected"] == pytest.approx(expected)
    assert res["u_alpha"] == pytest.approx(1 - 0.01 / expected)


def test_invariants_shift_order_and_overlapping_spans():
    base = _codings([("a", "x", 3, 9), ("b", "x", 4, 9), ("a", "x", 30, 40), ("b", "x", 32, 38)])
    alpha = unitizing_alpha(base, [("s", 0, 60)]).by_code()["x"]
    shifted = base.assign(start=base["start"] + 100, end=base["end"] + 100)
    assert unitizing_alpha(shifted, [("s", 100, 160)]).by_code()["x"] == pytest.approx(alpha)
    assert unitizing_alpha(base.iloc[::-1], [("s", 0, 60)]).by_code()["x"] == pytest.approx(alpha)
    swapped = base.assign(coder_id=base["coder_id"].map({"a": "b", "b": "a"}))
    assert unitizing_alpha(swapped, [("s", 0, 60)]).by_code()["x"] == pytest.approx(alpha)
    # a coder's overlapping spans of one code are one coded stretch
    split = pd.concat([base, _codings([("a", "x", 5, 8)])], ignore_index=True)
    assert unitizing_alpha(split, [("s", 0, 60)]).by_code()["x"] == pytest.approx(alpha)
    # two sources laid end to end = one continuum of both lengths
    two = pd.concat([base, base.assign(source_id="t")], ignore_index=True)
    res = unitizing_alpha(two, [("s", 0, 60), ("t", 0, 60)])
    assert res.length == 120 and -1 <= res.by_code()["x"] <= 1


def test_codings_outside_the_continuum_do_not_count():
    c = _codings([("a", "x", 0, 10), ("b", "x", 0, 10), ("a", "x", 50, 55)])
    inside = unitizing_alpha(c, [("s", 0, 40)]).by_code()["x"]
    assert inside == 1.0


def test_sections_and_undefined_code():
    assert sections([(5, 10), (0, 3)], 12) == [(0, 3, 1), (3, 2, 0), (5, 5, 1), (10, 2, 0)]
    res = unitizing_alpha(_codings([("a", "x", 0, 5), ("b", "x", 0, 5)]), [("s", 0, 20)], codes=["x", "never"])
    row = res.summary.set_index("code").loc["never"]
    assert math.isnan(row["u_alpha"]) and row["note"] == "no coder applied the code"


def test_errors_name_the_field():
    with pytest.raises(ReliabilityError) as exc:
        unitizing_alpha(_codings([("a", "x", 0, 5)]), [("s", 0, 20)])
    assert str(exc.value) == "unitizing alpha: 'coders' must be at least two different coders (got ['a'])"
    with pytest.raises(ReliabilityError) as exc:
        unitizing_alpha(pd.DataFrame({"start": [1]}), [("s", 0, 20)])
    assert str(exc.value).startswith("unitizing alpha: 'codings columns' must be to include source_id")

"""The result object: summary columns, pooled row, disagreement listing, reprs, warnings."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest

from casestudy.errors import ReliabilityError, ReliabilityWarning
from casestudy.reliability import result as rs
from casestudy.reliability import units as un
from casestudy.reliability.worked_examples import krippendorff_2011_binary

from _irr_corpus import CODINGS, TEXT, TURNS  # noqa: E402  (shared toy corpus)

SUMMARY = ["code", "unit", "n_units", "n_coders", "percent_agreement", "cohen_kappa", "fleiss_kappa",
           "krippendorff_alpha", "ci_low", "ci_high"]


def _assess(unit="sentence", **kw):
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit=unit)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReliabilityWarning)
        return rs.assess_agreement(data, n_boot=200, seed=7, **kw)


def test_summary_has_the_contract_columns_and_a_pooled_row():
    res = _assess()
    assert list(res.summary.columns[:10]) == SUMMARY
    assert res.summary["code"].tolist() == ["price", "satisfaction", "service", "(pooled)"]
    price = res.summary.iloc[0]
    assert price["n_units"] == 4 and price["n_coders"] == 2 and price["percent_agreement"] == 1.0
    assert price["krippendorff_alpha"] == 1.0 and price["cohen_kappa"] == 1.0 and math.isnan(price["fleiss_kappa"])
    pooled = res.pooled()
    assert pooled["n_units"] == 12 and round(pooled["percent_agreement"], 3) == 0.833


def test_disagreement_listing_names_unit_text_and_each_coders_codes():
    res = _assess()
    d = res.disagreements
    assert list(d.columns) == ["source_id", "unit_id", "start", "end", "text", "codes_a", "codes_b", "differing"]
    assert d[["unit_id", "text", "codes_a", "codes_b", "differing"]].values.tolist() == [
        ["1.2", "Layanan cepat.", "service", "", "service"],
        ["2.2", "Beli lagi.", "satisfaction", "", "satisfaction"],
    ]


def test_character_disagreements_are_merged_into_spans_without_bootstrap():
    res = _assess(unit="character")
    d = res.disagreements
    assert d["text"].tolist()[:1] == ["Harga kami "]
    assert (d["end"] - d["start"]).sum() == d["text"].str.len().sum()
    assert res.summary["ci_low"].isna().all()
    assert res.summary.iloc[0]["note"] == "no bootstrap interval: characters are not independent units"


def test_threshold_warnings_are_issued_and_the_statistic_still_reported():
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="sentence")
    with pytest.warns(ReliabilityWarning) as caught:
        res = rs.assess_agreement(data, n_boot=50)
    messages = [str(w.message) for w in caught]
    assert messages[0] == ("intercoder reliability: alpha below 0.667 (do not rely on these codes): "
                           "satisfaction (0.533), service (0.000), (pooled) (0.574)")
    assert round(res.summary.set_index("code").loc["service", "krippendorff_alpha"], 3) == 0.0


def test_too_good_to_be_true_is_reported():
    m = pd.concat([krippendorff_2011_binary()[["A"]].assign(B=lambda d: d["A"])] * 20, ignore_index=True)
    with pytest.warns(ReliabilityWarning) as caught:
        res = rs.assess_matrix(m, n_boot=50)
    assert res.summary.loc[0, "reading"] == "suspiciously high"
    assert str(caught[0].message) == (
        "reliability data: (all) alpha = 1.000 over 200 units is above 0.95: agreement this high between "
        "independent coders of interview text is rare; check that the coding was independent "
        "(no coder saw another's codings)")


def test_repr_and_html_are_readable():
    res = _assess()
    text = repr(res)
    assert text.splitlines()[0] == ("ReliabilityResult: 2 coders (a, b), unit=sentence, level=nominal, "
                                    "2 disagreements")
    assert "0x" not in text and "(pooled)" in text
    html = res._repr_html_()
    assert html.startswith("<p><b>Intercoder reliability</b> 2 coders (a, b)") and "<table" in html


def test_undefined_code_has_a_note_not_a_crash():
    m = pd.DataFrame({"a": [0.0, 0.0], "b": [0.0, float("nan")]})
    res = rs.assess_matrix(m, warn=False)
    row = res.summary.iloc[0]
    assert row["reading"] == "undefined" and math.isnan(row["krippendorff_alpha"])
    assert row["note"] == "no variation: every value is 0.0, so chance agreement is undefined"


def test_result_validates_its_summary():
    with pytest.raises(ReliabilityError) as exc:
        rs.ReliabilityResult(pd.DataFrame({"code": []}), pd.DataFrame(), "turn", "nominal", ("a", "b"))
    assert str(exc.value).startswith("ReliabilityResult: 'summary columns' must be to include code, unit")


def test_three_coders_use_fleiss_kappa():
    m = pd.DataFrame({"a": [1, 0, 1, 0, 1], "b": [1, 0, 1, 1, 1], "c": [1, 0, 0, 0, 1]})
    res = rs.assess_matrix(m, n_boot=50, warn=False)
    row = res.summary.iloc[0]
    assert math.isnan(row["cohen_kappa"]) and round(row["fleiss_kappa"], 3) == 0.444


def test_a_coder_who_codes_nothing_gives_a_clear_result():
    assigned = pd.DataFrame({"coder_id": ["a", "c"], "source_id": ["s", "s"]})
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="sentence", coders=["a", "c"],
                               assignments=assigned)
    res = rs.assess_agreement(data, n_boot=50, warn=False)
    assert res.summary["krippendorff_alpha"].max() <= 0 and (res.summary["cohen_kappa"] == 0).all()
    assert set(res.summary["reading_point"]) == {"unreliable"}
    assert set(res.summary["reading"]) == {"too little material"}
    assert res.disagreements["codes_c"].eq("").all()


def test_a_coder_with_no_assignment_gives_undefined_with_reason():
    assigned = pd.DataFrame({"coder_id": ["a"], "source_id": ["s"]})
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="turn", coders=["a", "c"], assignments=assigned,
                               known_coders=["a", "c"])
    res = rs.assess_agreement(data, n_boot=50, warn=False)
    assert set(res.summary["reading"]) == {"undefined"} and res.summary["krippendorff_alpha"].isna().all()
    assert set(res.summary["note"]) == {"fewer than two coders judged any unit (only ['a'])"}
    assert res.disagreements.empty

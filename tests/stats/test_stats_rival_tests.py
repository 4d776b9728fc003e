"""The rival-tests table follows the contract of docs/architecture.md and reads its numbers honestly."""

from __future__ import annotations

import pandas as pd
import pytest

from casestudy import published
from casestudy.crm.synthetic import generate_ledger
from casestudy.stats.rival_tests import COLUMNS, RIVAL_IDS, rival_tests


def test_contract_columns_and_rivals():
    t = rival_tests()
    assert list(t.columns) == COLUMNS == ["rival_id", "test", "statistic", "estimate", "p_value", "reading",
                                          "provenance"]
    assert list(dict.fromkeys(t["rival_id"])) == list(RIVAL_IDS)
    assert not t.duplicated(["rival_id", "test"]).any()
    assert set(t["provenance"]) == {"published"}
    assert t["reading"].str.len().gt(40).all()


def test_key_values():
    t = rival_tests().set_index(["rival_id", "test"])
    assert t.loc[("covid_demand_shock", "lr_2020_term_poisson"), "estimate"] == pytest.approx(0.7047, abs=1e-4)
    assert t.loc[("maturation", "lr_trend_poisson"), "statistic"] == pytest.approx(12.0725, abs=1e-4)
    assert t.loc[("chance", "exact_2023_vs_2022"), "p_value"] == pytest.approx(0.8043, abs=1e-4)
    assert "CAGR over 6 intervals 20.8%" in t.loc[("maturation", "lr_trend_poisson"), "reading"]
    assert "CAGR over 5 intervals 10.3%" in t.loc[("maturation", "lr_trend_poisson_from_2018"), "reading"]


def test_synthetic_rows_are_labelled():
    ledgers = [generate_ledger(s).orders for s in (1, 2)]
    t = rival_tests(ledgers=ledgers)
    syn = t[t["provenance"] == "synthetic"]
    assert syn["test"].tolist() == ["synthetic_share_outside_sidoarjo_2023"]
    assert "not PT. XYZ" in syn["reading"].iloc[0]


def test_inputs_can_be_given_explicitly():
    a = rival_tests(published.orders_per_year(), published.facts(), published.geographic_reach())
    pd.testing.assert_frame_equal(a, rival_tests())

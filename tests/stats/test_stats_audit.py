"""The audit of the paper's numbers: verdicts, arithmetic, conflicting readings kept apart."""

from __future__ import annotations

import pandas as pd

from casestudy import published
from casestudy.stats.audit import CLAIMS, audit_claims


def test_every_claim_has_location_and_verdict():
    a = audit_claims()
    assert len(a) == len(CLAIMS) == a["claim_id"].nunique()
    assert a["location"].str.len().gt(0).all()
    assert set(a["verdict"]) == {"consistent", "inconsistent", "not checkable"}
    assert a.loc[a["verdict"] == "not checkable", "consistent"].isna().all()


def test_known_conflicts_are_inconsistent_with_arithmetic():
    a = audit_claims().set_index("claim_id")
    assert a.loc["segment_total_vs_tabel2", "explanation"] == (
        "69 + 31 = 100; Tabel 2 sums 10 + 19 + 27 + 16 + 21 + 34 + 31 = 158: read as all transactions the split "
        "misses 58 orders.")
    assert a.loc["growth_factor_2023_vs_2022", "explanation"] == (
        "2023 over 2022: 31 / 34 = 0.912, which rounds to 0.9 (does not match the printed 1.5); a 1.5-fold rise on "
        "34 would be 51 orders.")
    assert a.loc["growth_factor_2023_vs_2022", "printed_value"] == "1,5 kali lipat"
    assert not a.loc["complaint_base_2023", "consistent"]
    assert not a.loc["founding_years_agree", "consistent"]
    assert not a.loc["founding_2018_vs_tabel2", "consistent"]
    assert a.loc["founding_2017_vs_tabel2", "consistent"]


def test_conflicting_readings_are_separate_rows():
    a = audit_claims().set_index("claim_id")
    assert a.loc["segment_share_of_158", ["expected_value", "verdict"]].tolist() == ["109 of 158", "consistent"]
    assert a.loc["complaint_rate_2023_tabel2_base", "expected_value"] == "0.645"
    assert a.loc["complaint_rate_2023_printed_base", "expected_value"] == "0.625"
    assert a.loc["growth_factor_2023_vs_2021", "verdict"] == "consistent"


def test_audit_follows_the_data_and_never_fixes_it():
    orders = published.orders_per_year()
    facts = published.facts()
    before = facts.copy()
    changed = orders.assign(orders=orders["orders"].where(orders["year"] != 2023, 32))
    a = audit_claims(facts, changed, published.geographic_reach()).set_index("claim_id")
    assert a.loc["complaint_base_2023", "verdict"] == "consistent"
    pd.testing.assert_frame_equal(facts, before)

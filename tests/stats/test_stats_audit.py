"""The audit of the paper's numbers: verdicts, arithmetic, conflicting readings kept apart."""

from __future__ import annotations

import pandas as pd

from casestudy import published
from casestudy.stats.audit import AUDIT_VERDICTS, audit_claims, audit_conflicts
from casestudy.stats.paper_claims import CLAIMS


def test_every_claim_has_location_and_verdict():
    a = audit_claims()
    assert len(a) == len(CLAIMS) == a["claim_id"].nunique()
    assert a["location"].str.len().gt(0).all()
    assert set(a["verdict"]) == set(AUDIT_VERDICTS)
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
    assert a.loc["segment_share_of_158", ["expected_value", "verdict"]].tolist() == ["109 of 158", "cannot fail"]
    assert a.loc["segment_share_of_158", "explanation"].endswith(
        "This check cannot fail: with 158 orders (at least 100) every share printed to two decimals arises from some "
        "whole count, so GRIM cannot detect an error here.")
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


def test_one_row_per_distinct_conflict():
    a = audit_claims()
    c = audit_conflicts(a).set_index("conflict")
    assert c["readings"].sum() == len(a)
    inconsistent = c[c["verdict"] == "inconsistent"]
    assert list(inconsistent.index) == [
        "segments_vs_tabel2", "growth_2023", "complaint_base_2023", "founding_year", "covid_demand",
        "scope_beyond_one_firm", "profitability_shown", "internal_validity_ensured", "informant_review_done",
        "observation_participant"]
    assert (inconsistent["kind"] == "claim").sum() == 5
    assert set(c.loc[c["verdict"] == "cannot fail"].index) == {"commission_range", "requirements_months",
                                                               "internet_use_increase"}
    assert c.loc["growth_2023", "explanation"].endswith(
        "Other readings: direction only: inconsistent; base year = 2021: consistent; rise year = 2022: inconsistent.")


def test_claims_cite_where_they_are_printed():
    a = audit_claims().set_index("claim_id")
    assert a.loc["reach_years_ordered", "location"].endswith("Siklus Hidup Pelanggan, paragraph on new customers")
    assert a.loc["three_customers_2019", "location"].startswith("IV Hasil dan Diskusi: Menciptakan Nilai")
    assert a.loc["all_2023_returning", "location"].endswith("Siklus Hidup Pelanggan, paragraph on retention")
    assert a.loc["observation_participant", "printed_value"].startswith("observasi partisipatif pasif")


def test_when_2023_falls_below_the_printed_32():
    """Below 32 the base conflict stays; below 20 the 20 complaints outnumber the orders."""
    orders = published.orders_per_year()
    facts, reach = published.facts(), published.geographic_reach()
    for n, base, rate in ((32, "consistent", "consistent"), (25, "inconsistent", "consistent"),
                          (15, "inconsistent", "inconsistent")):
        changed = orders.assign(orders=orders["orders"].where(orders["year"] != 2023, n))
        a = audit_claims(facts, changed, reach).set_index("claim_id")
        assert (a.loc["complaint_base_2023", "verdict"], a.loc["complaint_rate_2023_tabel2_base", "verdict"]) == (
            base, rate)
    assert a.loc["complaint_base_2023", "explanation"] == (
        "Tabel 2 gives 15 orders for 2023; the complaint sentence prints 32 transactions (17 more than Tabel 2).")
    assert a.loc["complaint_rate_2023_tabel2_base", "explanation"] == (
        "20 > 15: more complaints than Tabel 2 lists orders for 2023, impossible at one complaint per order.")
    assert a.loc["growth_direction_2023", "explanation"] == (
        "Tabel 2: 15 orders in 2023 against 34 in 2022, a change of -19: a fall, not the rise printed.")

"""The PT. XYZ design against the real illustrative corpus, coder A's coding and the published tables."""

from __future__ import annotations

import pytest

from casestudy import published
from casestudy.design.validity import assess_validity


@pytest.fixture(scope="module")
def resolution(pt_xyz, tmp_path_factory):
    project = pytest.importorskip("casestudy.pt_xyz")
    from casestudy.store import CaseDatabase, FixedClock
    from casestudy.store.resolvers import segment_lookup, source_texts

    path = project.build_case_database(tmp_path_factory.mktemp("db") / "pt_xyz.sqlite", clock=FixedClock())
    with CaseDatabase(path, clock=FixedClock()) as db:
        texts = source_texts(db)
        canon = {s.id: texts(s.id) for s in pt_xyz.sources if s.id.startswith(("int_", "obs_"))}
        res = pt_xyz.resolve(texts=texts, tables=published.tables(), segments=segment_lookup(db))
    return res, canon


@pytest.fixture(scope="module")
def tables():
    rivals = pytest.importorskip("casestudy.stats.rival_tests")
    return {**published.tables(), "rival_tests": rivals.rival_tests()}


def test_every_quote_and_segment_resolves_in_the_canonical_text(resolution):
    res, canon = resolution
    text_items = res[res["kind"].isin(["quote", "segment"])]
    assert len(text_items) == 45
    assert text_items["status"].eq("resolved").all(), text_items[text_items["status"] != "resolved"]
    for r in text_items.itertuples():
        assert canon[r.source][r.start:r.end] == r.text


def test_published_table_items_resolve_to_printed_values(resolution):
    res, _ = resolution
    pub = res[(res["kind"] == "table") & res["source"].str.startswith("pub_")].set_index("evidence_id")
    assert pub["status"].eq("resolved").all()
    assert pub.loc["ev_portfolio_segments_printed", "value"] == 69
    assert pub.loc["ev_acquisition_reach_printed", "value"] == 2021


def test_rival_verdicts_are_computed_from_the_rules(pt_xyz, tables):
    d = pt_xyz.decide(tables)
    assert {r.id: r.verdict for r in d.rivals} == {
        "r_chance": "rejected", "r_covid_demand": "not_rejected", "r_internet_growth": "not_rejected",
        "r_geographic_expansion": "not_rejected", "r_maturation": "not_rejected", "r_procurement_cycles": "untested",
        "r_switching_costs": "untested", "r_investigator_bias": "untested"}
    assert d.rivals[0].reasoning.endswith("[whole_period_rise_beyond_chance: estimate = 3.1 (needs > 1), "
                                          "p_value = 0.00145 (needs < 0.05)]")
    rules = pt_xyz.decisions(tables).rules.set_index("rule_id")
    assert rules.loc["dip_2020", "values"] == "estimate = 0.705 (needs < 1), p_value = 0.167 (needs < 0.05)"
    assert d.propositions[0].pattern_outcome == "pattern not confirmed"
    assert d.propositions[0].pattern_reading.startswith(
        "rivals not ruled out: r_covid_demand (not rejected), r_internet_growth (not rejected), r_maturation "
        "(not rejected); rivals the data cannot reject, left standing: r_geographic_expansion (not rejected)")


def test_scorecard(pt_xyz, resolution, tables):
    res, _ = resolution
    a = assess_validity(pt_xyz.decide(tables), res)
    assert {r.tactic.id: r.status for r in a.results} == {
        "multiple_sources": "partial (on illustrative+published evidence; not met on published evidence)",
        "chain_of_evidence": "partial", "informant_review": "not met",
        "pattern_matching": "met (declared by this reproduction; not applied by the study)",
        "explanation_building": "met (declared by this reproduction; not applied by the study)",
        "rival_explanations": "partial",
        "logic_models": "met (declared by this reproduction; not applied by the study)", "theory": "partial",
        "replication_logic": "not applicable",
        "protocol": "met (on illustrative evidence; not met on published evidence)",
        "database": "partial (on illustrative evidence; not met on published evidence)"}
    assert a.result("rival_explanations").offending == ("r_procurement_cycles", "r_switching_costs",
                                                        "r_investigator_bias")
    assert a.result("pattern_matching").reason.startswith(
        "each predicted pattern is tested by declared rules: p_crm_sales: pattern not confirmed (rivals not ruled out")
    assert {r.tactic.id: r.state for r in a.results if r.tactic.test == "internal validity"} == {
        "pattern_matching": "not applied by the study", "explanation_building": "not applied by the study",
        "rival_explanations": "applied", "logic_models": "not applied by the study"}
    assert a.result("chain_of_evidence").offending == ("f_profitability",)
    assert a.status("informant_review") == "not met"
    assert a.status("multiple_sources") == ("partial (on illustrative+published evidence; "
                                            "not met on published evidence)")
    assert a.result("multiple_sources").offending == ("f_network_partners", "f_profitability")
    assert a.status("replication_logic") == "not applicable"
    assert a.result("theory").reason.endswith("not analytically to the theory (Yin 2009, p. 43)")

"""The PT. XYZ design against the real illustrative corpus, coder A's coding and the published tables."""

from __future__ import annotations

import pytest

from casestudy import published
from casestudy.design.validity import assess


@pytest.fixture(scope="module")
def resolution(pt_xyz, tmp_path_factory):
    project = pytest.importorskip("casestudy.coding.project")
    from casestudy.store import CaseDatabase, FixedClock

    path = project.build_case_database(tmp_path_factory.mktemp("db") / "pt_xyz.sqlite", clock=FixedClock())
    with CaseDatabase(path, clock=FixedClock()) as db:
        texts = project.source_texts(db)
        canon = {s.id: texts(s.id) for s in pt_xyz.sources if s.id.startswith(("int_", "obs_"))}
        res = pt_xyz.resolve(texts=texts, tables=published.tables(), segments=project.segment_lookup(db))
    rivals = pytest.importorskip("casestudy.stats.rivals")
    with_rivals = pt_xyz.resolve(tables={"rival_tests": rivals.rival_tests()})
    table_rows = with_rivals["source"] == "pub_rival_tests"
    res.loc[table_rows.to_numpy(), :] = with_rivals[table_rows].to_numpy()
    return res, canon


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
    assert pub.loc["ev_rival_covid_dip_printed", "value"] == 16
    assert pub.loc["ev_acquisition_reach_printed", "value"] == 2021


def test_rival_test_rows_resolve(resolution):
    res, _ = resolution
    rows = res[res["source"] == "pub_rival_tests"].set_index("evidence_id")
    assert len(rows) == 8 and rows["status"].eq("resolved").all()
    assert round(rows.loc["ev_rival_chance_whole_period", "value"], 4) == 0.0015
    assert round(rows.loc["ev_rival_covid_2020_term", "value"], 2) == 0.70


def test_scorecard(pt_xyz, resolution):
    res, _ = resolution
    a = assess(pt_xyz, res)
    assert {r.tactic.id: r.status for r in a.results} == {
        "multiple_sources": "partial (on illustrative+published evidence; not met on published evidence)",
        "chain_of_evidence": "partial", "informant_review": "not met", "pattern_matching": "met",
        "explanation_building": "met", "rival_explanations": "partial", "logic_models": "met", "theory": "partial",
        "replication_logic": "not applicable",
        "protocol": "met (on illustrative evidence; not met on published evidence)",
        "database": "partial (on illustrative evidence; not met on published evidence)"}
    assert a.result("rival_explanations").offending == ("r_procurement_cycles", "r_investigator_bias")
    assert a.result("chain_of_evidence").offending == ("f_profitability",)
    assert a.status("informant_review") == "not met"
    assert a.status("multiple_sources") == ("partial (on illustrative+published evidence; "
                                            "not met on published evidence)")
    assert a.result("multiple_sources").offending == ("f_network_partners", "f_profitability")
    assert a.status("replication_logic") == "not applicable"
    assert a.result("theory").reason.endswith("not analytically to the theory (Yin 2009, p. 43)")

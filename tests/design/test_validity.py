"""The scorecard is computed from the design's data and drops the right tactic when the data change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casestudy.design.components import Purpose
from casestudy.design.validity import TACTICS, assess_validity, is_causal
from conftest import MINI_TABLES, MINI_TEXTS


def _status(design, texts=MINI_TEXTS, tables=MINI_TABLES):
    design = design.decide(tables)
    return assess_validity(design, design.resolve(texts=texts, tables=tables))


def test_baseline_statuses(mini):
    a = _status(mini)
    assert {r.tactic.id: r.status for r in a.results} == {
        "multiple_sources": "met", "chain_of_evidence": "met", "informant_review": "met",
        "pattern_matching": "met", "explanation_building": "not met", "rival_explanations": "partial",
        "logic_models": "not met", "theory": "partial", "replication_logic": "not applicable",
        "protocol": "met", "database": "not met",
    }
    assert a.result("theory").offending == ("portfolio", "network", "lifecycle")
    assert a.result("explanation_building").reason == (
        "not among the design's analytic techniques (declared: pattern_matching)")


def test_removing_a_source_drops_multiple_sources_and_rivals(mini):
    a = _status(mini.drop_source("doc_a"))
    ms = a.result("multiple_sources")
    assert (ms.status, ms.offending) == ("not met", ("f1", "f2"))
    assert ms.reason == ("0 of 2 findings rest on two or more source types; below two: f1 (single-source); "
                         "f2 (single-source)")
    rv = a.result("rival_explanations")
    assert (rv.status, rv.reason, rv.offending) == (
        "partial", "1 of 2 rivals weighed against evidence; untested: r2", ("r2",))
    # r1 is decided by a rule on a published table, so removing the document leaves its verdict standing
    assert a.result("pattern_matching").state == "pattern confirmed"
    gone = _status(mini.drop_source("pub_t"))
    assert gone.result("pattern_matching").reason == "p1: no decision rule tests its predicted pattern"
    assert gone.result("rival_explanations").offending == ("r1", "r2")


def test_breaking_a_quote_drops_the_chain(mini):
    texts = {"int_a": "I1: gamma only", "doc_a": "beta delta"}
    ch = _status(mini, texts).result("chain_of_evidence")
    assert ch.status == "partial"
    assert ch.reason == ("2 gaps: e1: quote 'alpha' occurs 0 times in int_a (occurrence 1 asked); "
                         "e6: quote 'alpha' occurs 0 times in int_a (occurrence 1 asked)")
    assert ch.offending == ("e1", "e6")


def test_unlinking_a_finding_drops_the_chain(mini):
    f2 = replace(mini.findings[1], bears_on=())
    ch = _status(replace(mini, findings=(mini.findings[0], f2))).result("chain_of_evidence")
    assert (ch.status, ch.reason, ch.offending) == (
        "partial", "1 gap: f2: bears on no study question or proposition", ("f2",))


def test_untested_rival_drops_rival_explanations(mini):
    r2 = replace(mini.rivals[1], evidence=(), verdict="untested")
    rv = _status(replace(mini, rivals=(mini.rivals[0], r2))).result("rival_explanations")
    assert (rv.status, rv.reason, rv.offending) == (
        "partial", "1 of 2 rivals weighed against evidence; untested: r2", ("r2",))


def test_only_real_life_rivals_is_partial(mini):
    rv = _status(replace(mini, rivals=mini.rivals[:1])).result("rival_explanations")
    assert (rv.status, rv.reason) == ("partial", "1 of 1 rivals weighed against evidence; no craft rival considered")


def test_illustrative_evidence_never_reads_as_met_on_real_evidence(mini):
    src = (replace(mini.sources[0], provenance="illustrative"), *mini.sources[1:])
    ms = _status(replace(mini, sources=src)).result("multiple_sources")
    assert ms.status == "met (on illustrative+published evidence; not met on published evidence)"
    assert (ms.status_all_evidence, ms.status_on_published, ms.basis) == ("met", "not met", "illustrative+published")
    assert ms.reason.endswith("On published evidence alone: 0 of 2 findings rest on two or more source types; "
                              "below two: f1 (single-source); f2 (single-source)")


def test_missing_review_records_is_not_met(mini):
    review = replace(mini.review, records=(), records_note="None published.")
    r = _status(replace(mini, review=review)).result("informant_review")
    assert (r.status, r.reason) == ("not met", "planned () but no review records: None published.")


def test_internal_validity_not_applicable_to_descriptive_study(mini):
    d = replace(mini, purpose=Purpose(("descriptive",)),
                propositions=(replace(mini.propositions[0], causal=False),))
    a = _status(d)
    internal = [r for r in a.results if r.tactic.test == "internal validity"]
    assert {r.status for r in internal} == {"not applicable"}
    assert internal[0].reason == "internal validity is for causal studies; this one is descriptive (Yin 2009, pp. 42-43)"


def test_declared_exploratory_but_causal(pt_xyz):
    causal, why = is_causal(pt_xyz)
    assert causal
    assert why == ("the study declares itself exploratory/descriptive, but proposition(s) p_crm_sales claim a cause "
                   "and question(s) q_why ask why: internal validity applies (Yin 2009, pp. 42-43)")


def test_result_object(mini):
    a = _status(mini)
    assert list(a.summary.columns[:5]) == ["test", "tactic", "phase", "status", "reason"]
    assert len(a.summary) == len(TACTICS) == 11
    assert repr(a).splitlines()[0] == "ValidityAssessment of mini (Yin 2009, Figure 2.3, p. 41)"
    assert "<td>use case study protocol</td>" in a._repr_html_()
    assert a.counts()["met (all evidence)"] == 5
    assert list(a.summary["state"]) == [
        "applied", "applied", "applied", "pattern confirmed", "not applied by the study", "applied",
        "not applied by the study", "applied", "not applicable", "applied", "not applied by the study"]


@pytest.mark.parametrize("tactic,phase", [("informant_review", "composition"), ("theory", "research design"),
                                          ("pattern_matching", "data analysis"), ("database", "data collection")])
def test_phases_follow_yin(tactic, phase):
    assert next(t for t in TACTICS if t.id == tactic).phase == phase

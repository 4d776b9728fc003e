"""Rival explanations in Yin's taxonomy."""

from __future__ import annotations

import pytest

from casestudy.design.evidence import EvidenceItem, QuoteSelector
from casestudy.design.rivals import RIVAL_KINDS, Rival
from casestudy.errors import DesignError

SUP = EvidenceItem("e1", QuoteSelector("int_a", "x"))


def test_taxonomy():
    assert [k for k, v in RIVAL_KINDS.items() if v.category == "craft"] == [
        "null_hypothesis", "threats_to_validity", "investigator_bias"]
    assert len(RIVAL_KINDS) == 9


def test_verdict_must_match_evidence():
    with pytest.raises(DesignError, match=r"^r1: 'verdict' must be backed by evidence that contradicts the rival to "
                                          r"be rejected \(got 'rejected'\)$"):
        Rival("r1", "direct", "t", "d", "rejected", "r", evidence=(SUP,))
    assert Rival("r1", "direct", "t", "d", "supported", "r", evidence=(SUP,)).is_tested
    with pytest.raises(DesignError, match=r"^r1: 'threat' must be empty unless kind is threats_to_validity "
                                          r"\(got 'history'\)$"):
        Rival("r1", "direct", "t", "d", "untested", "r", threat="history")


def test_pt_xyz_rivals(pt_xyz):
    kinds = {r.id: (r.kind, r.verdict) for r in pt_xyz.rivals}
    assert kinds["r_covid_demand"] == ("super_rival", "")  # decided by its rules and the data, never typed
    assert kinds["r_internet_growth"][0] == "societal"
    assert kinds["r_maturation"][0] == "threats_to_validity"
    assert kinds["r_investigator_bias"] == ("investigator_bias", "untested")
    assert {r.category for r in pt_xyz.rivals} == {"craft", "real_life"}

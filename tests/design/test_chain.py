"""The chain of evidence: both directions, and its gaps."""

from __future__ import annotations

from casestudy.design.chain import ChainOfEvidence
from conftest import MINI_TEXTS


def test_down_from_a_finding_reaches_its_quotes_and_protocol_question(mini):
    chain = ChainOfEvidence(mini, mini.resolve(texts=MINI_TEXTS))
    down = chain.down("f1")
    assert down[["node", "kind", "distance"]].values.tolist() == [
        ["e1", "evidence", 1], ["e2", "evidence", 1], ["doc_a", "source", 2], ["int_a", "source", 2],
        ["pq1", "protocol_question", 3]]
    assert chain.quotes("f1")[["evidence_id", "status", "text"]].values.tolist() == [
        ["e1", "resolved", "alpha"], ["e2", "resolved", "beta"]]


def test_up_from_a_quote_reaches_the_question(mini):
    chain = ChainOfEvidence(mini)
    up = chain.up("e1")
    assert up[["node", "kind"]].values.tolist() == [["f1", "finding"], ["p1", "proposition"], ["q1", "question"]]


def test_unresolved_evidence_is_reported_unchecked(mini):
    probs = ChainOfEvidence(mini).problems()
    assert set(probs["severity"]) == {"unchecked"}
    assert probs.iloc[0].tolist() == ["e1", "evidence", "unchecked", "no canonical texts supplied"]


def test_unknown_node(mini):
    import pytest
    from casestudy.errors import DesignError
    with pytest.raises(DesignError, match=r"^mini: 'node' must be a node of the chain of evidence \(got 'f9'\)$"):
        ChainOfEvidence(mini).down("f9")


def test_pt_xyz_chain_reports_the_profitability_gap(pt_xyz):
    probs = ChainOfEvidence(pt_xyz).problems()
    row = probs[probs["node"] == "f_profitability"].iloc[0]
    assert row["severity"] == "dangling"
    assert row["problem"].startswith("has no evidence: The paper publishes no revenue, cost or profit figure")

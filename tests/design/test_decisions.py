"""Decision rules: verdicts and pattern outcomes are functions of the declared rules and the data."""

from __future__ import annotations

import pandas as pd
import pytest

from casestudy.design.decisions import DecisionRule, rules_checksum
from casestudy.design.designfile import loads_design, refresh_checksums
from casestudy.errors import DataIntegrityError, DesignError
from conftest import MINI_TABLES


def _t(p):
    return {"t": pd.DataFrame({"test": ["x"], "p_value": [p]})}


def test_verdict_follows_the_data(mini):
    assert mini.rivals[0].verdict == ""
    low, high = mini.decide(_t(0.01)), mini.decide(_t(0.2))
    assert (low.rivals[0].verdict, high.rivals[0].verdict) == ("rejected", "not_rejected")
    assert low.rivals[0].reasoning == "The test rejects it. [r1_test: p_value = 0.01 (needs < 0.05)]"
    assert high.rivals[0].reasoning == "The test does not reject it. [no rule holds: r1_test: p_value = 0.2 (needs < 0.05)]"
    assert (low.propositions[0].pattern_outcome, high.propositions[0].pattern_outcome) == (
        "pattern confirmed", "pattern not confirmed")
    assert high.propositions[0].pattern_reading == "rivals not ruled out: r1 (not rejected)"
    assert mini.rivals[1] == low.rivals[1]  # a typed 'untested' stays


def test_missing_row_leaves_the_rival_untested(mini):
    d = mini.decide({"t": pd.DataFrame({"test": ["y"], "p_value": [0.01]})})
    assert d.rivals[0].verdict == "untested"
    assert d.rivals[0].reasoning == "The rules cannot be evaluated (r1_test: 0 rows of t match test=x (expected one))."
    rules = mini.decisions({}).rules
    assert rules.loc[0, "problem"] == "table t is not available"


@pytest.mark.parametrize("when,message", [
    ((("p_value", "<= 1"),), "'when.p_value' must be a condition the data can make true or false (got '<= 1')"),
    ((("p_value", "> 1"),), "'when.p_value' must be a condition the data can make true or false (got '> 1')"),
    ((("p_value", ">= 0"),), "'when.p_value' must be a condition the data can make true or false (got '>= 0')"),
    ((("estimate", "about 1"),), "'when.estimate' must be a comparison such as '< 0.05' (got 'about 1')"),
    ((), "'when' must be at least one condition on the row's statistics (got 'nothing')"),
])
def test_rules_that_cannot_depend_on_the_data_are_refused(when, message):
    with pytest.raises(DesignError) as err:
        DecisionRule("r", "t", (("test", "x"),), when, "m", "rejected")
    assert str(err.value) == "r: " + message


def test_frozen_rules_are_verified(mini_text, tmp_path):
    frozen = mini_text.replace("database:\n", "  rules: {timing: before_data, frozen_at: '2024-01-01T00:00:00+00:00', "
                                              "sha256: ''}\ndatabase:\n")
    text = refresh_checksums(frozen, name="mini.yaml", root=tmp_path)
    d = loads_design(text, name="mini.yaml", verify=True, root=tmp_path)
    assert d.protocol.rules.sha256 == rules_checksum(d)
    edited = text.replace('when: {p_value: "< 0.05"}', 'when: {p_value: "< 0.1"}')
    with pytest.raises(DataIntegrityError, match=r"^mini.yaml, line \d+: 'protocol.rules.sha256' must be the checksum "
                                                 r"of the decision rules, [0-9a-f]{64} \(the rules changed after they "
                                                 r"were frozen; run casestudy design checksums and record why\)"):
        loads_design(edited, name="mini.yaml", verify=True, root=tmp_path)
    assert loads_design(mini_text, name="mini.yaml", verify=True, root=tmp_path).protocol.rules is None  # not frozen


def test_pt_xyz_rules_are_post_hoc_and_frozen(pt_xyz):
    f = pt_xyz.protocol.rules
    assert (f.timing, f.sha256) == ("post_hoc", rules_checksum(pt_xyz))
    assert all(r.verdict == "untested" for r in pt_xyz.rivals if not r.rules)


def test_protocol_shows_the_rules(pt_xyz):
    from casestudy.design.protocol import render_markdown
    md = render_markdown(pt_xyz)
    assert "## Decision rules" in md
    assert "written post hoc, after the data they decide on were known" in md
    assert "| r_chance | whole_period_rise_beyond_chance | rival_tests: rival_id=chance, test=exact_2023_vs_2017 |" in md


def test_mini_tables_fixture_decides(mini):
    assert mini.decide(MINI_TABLES).rivals[0].verdict == "rejected"

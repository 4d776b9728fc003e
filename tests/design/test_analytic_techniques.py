"""Order as a rule of the analytic techniques: logic models and explanation building follow the framework.

Metamorphic: reversing a logic model, a ``builds_on`` link to a later stage, or a cycle of links
takes the tactic from "met" and the reason names the step or finding; the design in order stays met.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from casestudy.design.analytic_techniques import explanation_building, explanation_order, logic_model_order
from casestudy.design.components import AnalyticTechnique
from casestudy.design.validity import assess_validity
from casestudy.errors import DesignError
from conftest import MINI_TABLES, MINI_TEXTS


def _result(design, tactic):
    design = design.decide(MINI_TABLES)
    return assess_validity(design, design.resolve(texts=MINI_TEXTS, tables=MINI_TABLES)).result(tactic)


@pytest.fixture
def ordered(mini):
    """The small design with explanation building and a logic model intimacy -> value, both in order."""
    logic = (*mini.logic, AnalyticTechnique("explanation_building", "Link them."),
             AnalyticTechnique("logic_models", "Chain them."))
    return replace(mini, logic=logic, propositions=(replace(mini.propositions[0], logic_model=("intimacy", "value")),))


def test_in_order_design_is_met(ordered):
    lm = _result(ordered, "logic_models")
    assert (lm.status, lm.reason, lm.offending) == ("met", "2 of 2 steps of the logic model have evidence", ())
    eb = _result(ordered, "explanation_building")
    assert (eb.status, eb.reason, eb.offending) == ("met", "an explanation links 2 findings", ())
    assert logic_model_order(ordered) == () and explanation_order(ordered) == ()


def test_reversed_logic_model_is_not_met(ordered):
    p = replace(ordered.propositions[0], logic_model=("value", "intimacy"))
    lm = _result(replace(ordered, propositions=(p,)), "logic_models")
    assert (lm.status, lm.offending) == ("partial", ("intimacy",))
    assert lm.reason == ("2 of 2 steps of the logic model have evidence; out of Buttle 2004's order: "
                         "p1: step intimacy comes after value")


def test_builds_on_a_later_stage_is_not_met(ordered):
    f1 = replace(ordered.findings[0], stage="lifecycle")
    eb = _result(replace(ordered, findings=(f1, ordered.findings[1])), "explanation_building")
    assert (eb.status, eb.offending) == ("partial", ("f2",))
    assert eb.reason == "an explanation links 2 findings; out of order: f2 (value) builds on f1 of a later stage (lifecycle)"


def test_a_cycle_is_refused_by_the_design_and_not_met_if_it_slips_through(ordered):
    f1 = replace(ordered.findings[0], stage="value", builds_on=("f2",))  # same stage: only the cycle is wrong
    with pytest.raises(DesignError) as e:
        replace(ordered, findings=(f1, ordered.findings[1]))
    assert str(e.value) == "mini: 'findings[1].builds_on[0]' must be a link that makes no cycle (got 'f1 -> f2 -> f1')"
    cyclic = copy.copy(ordered)
    object.__setattr__(cyclic, "findings", (f1, ordered.findings[1]))  # past the design's own check
    res = ordered.resolve(texts=MINI_TEXTS, tables=MINI_TABLES)
    status, reason, offending, _ = explanation_building(cyclic, res, False)
    assert (status, offending) == ("not met", ("f1", "f2"))
    assert reason == "an explanation links 2 findings; out of order: builds_on links make a cycle: f1 -> f2 -> f1"


def test_parallel_dimensions_impose_no_order(ordered):
    fw = replace(ordered.framework, sequence=False)
    p = replace(ordered.propositions[0], logic_model=("value", "intimacy"))
    d = copy.copy(replace(ordered, propositions=(p,)))
    object.__setattr__(d, "framework_def", fw)
    assert logic_model_order(d) == ()
    assert _result(d, "logic_models").status == "met"


def test_pt_xyz_is_in_order(pt_xyz):
    assert logic_model_order(pt_xyz) == () and explanation_order(pt_xyz) == ()

"""Yin's components, purpose, techniques, criteria and theory."""

from __future__ import annotations

import pytest

from casestudy.design.components import (
    COMPONENT_NAMES, AnalyticTechnique, Criteria, Proposition, Purpose, StudyQuestion, Theory,
)
from casestudy.errors import DesignError


def test_edition_differences_are_data():
    assert COMPONENT_NAMES["2009"][2] == "units of analysis"
    assert COMPONENT_NAMES["2014"][2] == "the case"
    assert [n for n in COMPONENT_NAMES["2009"] if n not in COMPONENT_NAMES["2014"]] == ["units of analysis"]


def test_errors():
    with pytest.raises(DesignError, match=r"^p1: 'causal' must be true or false \(got 'yes'\)$"):
        Proposition("p1", "X", "because", causal="yes")  # type: ignore[arg-type]
    with pytest.raises(DesignError, match=r"^'declared' must be one of exploratory, descriptive, explanatory "
                                          r"\(got 'causal'\)$"):
        Purpose(("causal",))
    with pytest.raises(DesignError, match=r"^'technique' must be one of pattern_matching, explanation_building, "
                                          r"time_series_analysis, logic_models, cross_case_synthesis \(got 'coding'\)$"):
        AnalyticTechnique("coding", "x")
    with pytest.raises(DesignError, match=r"^'tests' must be unique \(got 'reliability'\)$"):
        Criteria(("reliability", "reliability"))
    with pytest.raises(DesignError, match=r"^buttle_2004: 'generalisation' must be one of analytic, "
                                          r"representativeness, none \(got 'statistical'\)$"):
        Theory("buttle_2004", "frames", "statistical")
    with pytest.raises(DesignError, match=r"^'id' must be a lower-case identifier"):
        StudyQuestion("Q1", "Why?", "why")


def test_purpose():
    assert Purpose(("explanatory",)).is_explanatory
    assert not Purpose(("exploratory", "descriptive")).is_explanatory

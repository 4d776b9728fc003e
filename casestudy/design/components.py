"""Yin's five components of a case study design, the study's purpose and its theory.

Yin (2009, 4th ed., *Case Study Research: Design and Methods*, ch. 2, pp. 27-35)
names five components: (1) a study's questions, (2) its propositions, (3) its
units of analysis, (4) the logic linking the data to the propositions and (5) the
criteria for interpreting the findings. The 5th edition (Yin 2014, ch. 2) renames
the third component "the case" and the fifth "criteria for interpreting a study's
findings"; Yin (2012, *Applications of Case Study Research*, 3rd ed., ch. 1), which
the PT. XYZ paper cites, follows the 2009 wording. The difference is kept as data
in :data:`COMPONENT_NAMES` (from :mod:`casestudy.design.yin_editions`, which also holds
the 2018 6th edition).

Analytic techniques are those of Yin (2009, ch. 5, pp. 136-161): pattern matching,
explanation building, time-series analysis, logic models and cross-case synthesis.
The study's purpose (exploratory, descriptive, explanatory) follows Yin (2009,
pp. 7-9); internal validity concerns explanatory (causal) studies only (pp. 42-43).

Examples
--------
>>> COMPONENT_NAMES["2009"][2], COMPONENT_NAMES["2014"][2]
('units of analysis', 'the case')
>>> q = StudyQuestion("q_why", "Why did sales increase?", form="why", source="Paper III")
>>> q.form
'why'
>>> StudyQuestion("q_when", "When?", form="when")
Traceback (most recent call last):
...
casestudy.errors.DesignError: q_when: 'form' must be one of how, why, what, who, where, how_many, how_much (got 'when')
>>> Purpose(("exploratory", "descriptive")).is_explanatory
False
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.design.yin_editions import COMPONENT_NAMES
from casestudy.design.decisions import DecisionRule
from casestudy.errors import DesignError, expectation
from casestudy.validators import check_id, check_one_of, check_text, check_unique

__all__ = [
    "COMPONENT_NAMES",
    "QUESTION_FORMS",
    "PURPOSES",
    "ANALYTIC_TECHNIQUES",
    "VALIDITY_TESTS",
    "DECLARERS",
    "GENERALISATION_KINDS",
    "StudyQuestion",
    "Proposition",
    "Purpose",
    "AnalyticTechnique",
    "Criteria",
    "Theory",
]

QUESTION_FORMS = ("how", "why", "what", "who", "where", "how_many", "how_much")
PURPOSES = ("exploratory", "descriptive", "explanatory")
ANALYTIC_TECHNIQUES = (
    "pattern_matching", "explanation_building", "time_series_analysis", "logic_models", "cross_case_synthesis",
)
#: Who declares an analytic technique: the published paper, the study itself (a researcher's own
#: design), or a reproduction that adds it.
DECLARERS = ("paper", "study", "reproduction")
VALIDITY_TESTS = ("construct_validity", "internal_validity", "external_validity", "reliability")
#: How a study generalises: to theory (Yin's analytic generalisation) or by claiming
#: the case represents a population (statistical-style, which Yin 2009, p. 43, rejects).
GENERALISATION_KINDS = ("analytic", "representativeness", "none")


@dataclass(frozen=True)
class StudyQuestion:
    """A study question and its form (Yin 2009, pp. 9-10: "how" and "why" favour case studies).

    Parameters
    ----------
    id : str
    text : str
        The question in English (a short cited data field).
    form : str
        One of :data:`QUESTION_FORMS`.
    original : str
        The question as printed, in the paper's language.
    source : str
        Where the paper states it.
    """

    id: str
    text: str
    form: str
    original: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_text("text", self.text, DesignError, where=self.id)
        check_one_of("form", self.form, QUESTION_FORMS, DesignError, where=self.id)


@dataclass(frozen=True)
class Proposition:
    """A proposition: what the study expects, why, and the pattern that would show it.

    Parameters
    ----------
    id : str
    text : str
    rationale : str
        Why the researcher expects it (Yin 2009, p. 28).
    predicted_pattern : str
        The observable pattern it predicts (for pattern matching, Yin 2009, pp. 136-141);
        empty when the study states none.
    causal : bool
        Whether it claims a cause (then internal validity applies).
    questions : tuple of str
        Ids of the study questions it answers.
    logic_model : tuple of str
        Ordered ids of framework stages the proposition's causal chain runs through
        (Yin 2009, pp. 149-156), empty when it states none.
    source : str
    pattern_rules : tuple of DecisionRule
        Conditions on named result rows that must all hold for the predicted pattern
        to be confirmed (:mod:`casestudy.design.decisions`).
    rule_out : tuple of str
        Ids of rivals that must be rejected for the pattern to be confirmed.
    pattern_outcome, pattern_reading : str
        ``pattern confirmed`` or ``pattern not confirmed`` and why; empty until
        :meth:`CaseStudyDesign.decide` computes them (never typed in a design file).
    """

    id: str
    text: str
    rationale: str
    predicted_pattern: str = ""
    causal: bool = False
    questions: tuple[str, ...] = ()
    logic_model: tuple[str, ...] = ()
    source: str = ""
    pattern_rules: tuple[DecisionRule, ...] = ()
    rule_out: tuple[str, ...] = ()
    pattern_outcome: str = ""
    pattern_reading: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_text("text", self.text, DesignError, where=self.id)
        check_text("rationale", self.rationale, DesignError, where=self.id)
        check_unique("pattern_rules[].id", (r.id for r in self.pattern_rules), DesignError, where=self.id)
        check_unique("rule_out", self.rule_out, DesignError, where=self.id)
        if (self.pattern_rules or self.rule_out) and not self.predicted_pattern:
            raise DesignError(expectation("predicted_pattern", "stated when pattern rules are declared", "", self.id))
        if not isinstance(self.causal, bool):
            raise DesignError(expectation("causal", "true or false", self.causal, self.id))
        check_unique("questions", self.questions, DesignError, where=self.id)


@dataclass(frozen=True)
class Purpose:
    """The purposes the study declares (Yin 2009, pp. 7-9), with where it says so.

    A declared purpose is kept as printed; :mod:`casestudy.design.validity` shows the
    consequence when it disagrees with the questions' form or a causal proposition.
    """

    declared: tuple[str, ...]
    source: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if not self.declared:
            raise DesignError(expectation("declared", "at least one of " + ", ".join(PURPOSES), self.declared))
        for p in self.declared:
            check_one_of("declared", p, PURPOSES, DesignError)
        check_unique("declared", self.declared, DesignError)

    @property
    def is_explanatory(self) -> bool:
        """Whether the study declares an explanatory (causal) purpose."""
        return "explanatory" in self.declared


@dataclass(frozen=True)
class AnalyticTechnique:
    """An analytic technique linking data to propositions, and who introduced it.

    Parameters
    ----------
    technique : str
        One of :data:`ANALYTIC_TECHNIQUES`.
    how : str
        How it is applied in this study.
    declared_by : {'paper', 'study', 'reproduction'}
        Whether the original study declares it or this reproduction adds it.
    """

    technique: str
    how: str
    declared_by: str = "paper"

    def __post_init__(self) -> None:
        check_one_of("technique", self.technique, ANALYTIC_TECHNIQUES, DesignError)
        check_text("how", self.how, DesignError, where=self.technique)
        check_one_of("declared_by", self.declared_by, DECLARERS, DesignError, where=self.technique)


@dataclass(frozen=True)
class Criteria:
    """Criteria for interpreting the findings: the validity tests the study claims.

    Parameters
    ----------
    tests : tuple of str
        Any of :data:`VALIDITY_TESTS` the study says it meets.
    logic : str
        The study's own statement of how data are linked to propositions.
    source : str
    """

    tests: tuple[str, ...]
    logic: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for t in self.tests:
            check_one_of("tests", t, VALIDITY_TESTS, DesignError)
        check_unique("tests", self.tests, DesignError)


@dataclass(frozen=True)
class Theory:
    """The theory a single case generalises to (Yin 2009, p. 43: analytic generalisation).

    Parameters
    ----------
    framework : str
        A shipped framework (``buttle_2004``, ``servqual_1988``), a framework YAML file (relative
        to the design file's folder) or ``none`` (:func:`casestudy.framework.load_framework`).
    role : str
        What the theory does in the study.
    generalisation : {'analytic', 'representativeness', 'none'}
        How the study generalises.
    statement : str
        The study's own generalising claim.
    source : str
    """

    framework: str
    role: str
    generalisation: str
    statement: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        check_text("framework", self.framework, DesignError)
        check_text("role", self.role, DesignError, where=self.framework)
        check_one_of("generalisation", self.generalisation, GENERALISATION_KINDS, DesignError, where=self.framework)

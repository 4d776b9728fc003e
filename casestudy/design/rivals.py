"""Rival explanations in Yin's taxonomy, with the evidence weighed and a verdict.

Yin (2009, 4th ed., ch. 5, the figure "Brief Descriptions of Different Kinds of
Rival Explanations", after Yin 2000, "Rival explanations as an alternative to
reforms as 'experiments'") separates *craft rivals* (null hypothesis, threats to
validity, investigator bias) from *real-life rivals* (direct, commingled,
implementation, rival theory, super rival, societal). Yin (2012, *Applications*,
ch. 1) treats addressing rivals as a main way to strengthen a case study's
internal validity (also Yin 2009, Figure 2.3, p. 41: "address rival explanations").

An evidence item attached to a rival ``supports`` or ``contradicts`` *the rival*.
A verdict is computed, never typed: a rival with decision ``rules``
(:class:`~casestudy.design.decisions.DecisionRule`) gets its verdict from them and
the data (:meth:`CaseStudyDesign.decide`); a design file may type only ``untested``,
for a rival no declared statistic can test. Python code that builds a rival by hand
may give another verdict, which must be one the evidence can carry: ``rejected``
needs contradicting evidence, ``supported`` supporting evidence, ``not rejected``
any evidence.

Examples
--------
>>> RIVAL_KINDS["super_rival"].category
'real_life'
>>> r = Rival("r_covid", "super_rival", "COVID-19 demand shock", "The pandemic moved demand online.",
...           verdict="untested", reasoning="No monthly data.")
>>> r.is_tested
False
>>> Rival("r_x", "direct", "t", "d", verdict="rejected", reasoning="r")
Traceback (most recent call last):
...
casestudy.errors.DesignError: r_x: 'verdict' must be untested when no evidence is weighed (got 'rejected')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from casestudy.deprecation import deprecated_names
from casestudy.design.decisions import DecisionRule
from casestudy.design.evidence import EvidenceItem
from casestudy.errors import DesignError, expectation
from casestudy.validators import check_id, check_one_of, check_text, check_unique

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["RivalKind", "RIVAL_KINDS", "RIVAL_CATEGORIES", "RIVAL_VERDICTS", "THREATS", "Rival", "rival_table"]

#: ``VERDICTS`` is ``RIVAL_VERDICTS`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)

RIVAL_CATEGORIES = ("craft", "real_life")
#: Verdicts on a rival explanation (what the weighed evidence and the decision rules conclude).
RIVAL_VERDICTS = ("rejected", "not_rejected", "supported", "untested")
#: Threats to validity (Campbell & Stanley's list, as Yin's craft rival names them).
THREATS = ("history", "maturation", "instability", "testing", "instrumentation", "regression",
           "selection", "mortality", "selection_maturation")


@dataclass(frozen=True)
class RivalKind:
    """A kind of rival explanation and Yin's one-line description of it (paraphrased)."""

    id: str
    category: str
    name: str
    description: str


RIVAL_KINDS: dict[str, RivalKind] = {k.id: k for k in (
    RivalKind("null_hypothesis", "craft", "Null hypothesis",
              "The observation is the result of chance circumstances only."),
    RivalKind("threats_to_validity", "craft", "Threats to validity",
              "History, maturation, instability, testing, instrumentation, regression, selection, "
              "mortality or selection-maturation interaction accounts for the observation."),
    RivalKind("investigator_bias", "craft", "Investigator bias",
              "The investigator's expectations or presence (reactivity) shaped the evidence."),
    RivalKind("direct", "real_life", "Direct rival (practice or policy)",
              "An intervention other than the target one accounts for the results."),
    RivalKind("commingled", "real_life", "Commingled rival",
              "Other interventions and the target intervention both contributed to the results."),
    RivalKind("implementation", "real_life", "Implementation rival",
              "The implementation process, not the substance of the intervention, accounts for the results."),
    RivalKind("rival_theory", "real_life", "Rival theory",
              "A theory other than the study's explains the results better."),
    RivalKind("super_rival", "real_life", "Super rival",
              "A force larger than, but including, the intervention accounts for the results."),
    RivalKind("societal", "real_life", "Societal rival",
              "Social trends, not any particular force or intervention, account for the results."),
)}


@dataclass(frozen=True)
class Rival:
    """A rival explanation of the study's outcome.

    Parameters
    ----------
    id : str
    kind : str
        A key of :data:`RIVAL_KINDS`.
    title, description : str
        The rival in a phrase, and what it claims.
    verdict : {'rejected', 'not_rejected', 'supported', 'untested'} or ''
        Empty until :meth:`CaseStudyDesign.decide` computes it from ``rules``.
    reasoning : str
        Why the evidence gives that verdict (or why it cannot be tested); computed
        with the verdict for a rival decided by rules.
    evidence : tuple of EvidenceItem
        Stances are relative to the rival.
    threat : str
        For ``threats_to_validity``: which threat (one of :data:`THREATS`).
    rivals : tuple of str
        Ids of the propositions it competes with.
    rules : tuple of DecisionRule
        The decision list: the first rule whose conditions hold gives the verdict.
    otherwise, otherwise_meaning : str
        The verdict when no rule holds, and what that means.
    """

    id: str
    kind: str
    title: str
    description: str
    verdict: str = ""
    reasoning: str = ""
    evidence: tuple[EvidenceItem, ...] = ()
    threat: str = ""
    rivals: tuple[str, ...] = ()
    rules: tuple[DecisionRule, ...] = ()
    otherwise: str = ""
    otherwise_meaning: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_one_of("kind", self.kind, tuple(RIVAL_KINDS), DesignError, where=self.id)
        check_text("title", self.title, DesignError, where=self.id)
        check_text("description", self.description, DesignError, where=self.id)
        check_unique("evidence[].id", (e.id for e in self.evidence), DesignError, where=self.id)
        if self.rules:
            self._check_rules()
            if self.verdict:
                check_one_of("verdict", self.verdict, RIVAL_VERDICTS, DesignError, where=self.id)
        else:
            if self.otherwise or self.otherwise_meaning:
                raise DesignError(expectation("otherwise", "empty unless rules decide the verdict", self.otherwise,
                                              self.id))
            check_one_of("verdict", self.verdict, RIVAL_VERDICTS, DesignError, where=self.id)
            check_text("reasoning", self.reasoning, DesignError, where=self.id)
        if self.threat:
            check_one_of("threat", self.threat, THREATS, DesignError, where=self.id)
            if self.kind != "threats_to_validity":
                raise DesignError(expectation("threat", "empty unless kind is threats_to_validity", self.threat, self.id))
        if self.rules:
            return
        stances = {e.stance for e in self.evidence}
        if not self.evidence and self.verdict != "untested":
            raise DesignError(expectation("verdict", "untested when no evidence is weighed", self.verdict, self.id))
        if self.verdict == "rejected" and "contradicts" not in stances:
            raise DesignError(expectation("verdict", "backed by evidence that contradicts the rival to be rejected",
                                          self.verdict, self.id))
        if self.verdict == "supported" and "supports" not in stances:
            raise DesignError(expectation("verdict", "backed by evidence that supports the rival to be supported",
                                          self.verdict, self.id))

    def _check_rules(self) -> None:
        check_unique("rules[].id", (r.id for r in self.rules), DesignError, where=self.id)
        for k, r in enumerate(self.rules):
            check_one_of(f"rules[{k}].then", r.then, RIVAL_VERDICTS, DesignError, where=self.id)
        check_one_of("otherwise", self.otherwise, RIVAL_VERDICTS, DesignError, where=self.id)
        check_text("otherwise_meaning", self.otherwise_meaning, DesignError, where=self.id)
        if all(r.then == self.otherwise for r in self.rules):
            raise DesignError(expectation("rules", f"rules whose verdicts can differ from otherwise ({self.otherwise}), "
                                          "so that the verdict can depend on the data",
                                          [r.then for r in self.rules], self.id))

    @property
    def decided_by_rules(self) -> bool:
        """Whether the verdict is computed from declared rules and the data."""
        return bool(self.rules)

    @property
    def category(self) -> str:
        """``craft`` or ``real_life``."""
        return RIVAL_KINDS[self.kind].category

    @property
    def is_tested(self) -> bool:
        """Whether any evidence has been weighed."""
        return self.verdict not in ("untested", "")


def rival_table(design: "CaseStudyDesign", resolution: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per rival: kind, category, verdict, the evidence weighed and what it rests on.

    Parameters
    ----------
    design : CaseStudyDesign
    resolution : pandas.DataFrame, optional
        Output of :meth:`CaseStudyDesign.resolve` (broken items are not counted).

    Returns
    -------
    pandas.DataFrame
        Columns rival_id, kind, category, title, verdict, decided_by (``rules`` when the
        verdict is computed from declared rules and the data, ``typed`` otherwise),
        supporting, contradicting, broken, basis, reasoning. A rival decided by rules
        rests on the provenance of the tables its rules read.

    Examples
    --------
    >>> from casestudy.design.designfile import load_design
    >>> t = rival_table(load_design("data/design/pt_xyz.yaml", verify=False))
    >>> t.set_index("rival_id").loc["r_investigator_bias", ["category", "verdict", "basis"]].tolist()
    ['craft', 'untested', 'none']
    """
    res = design.resolve() if resolution is None else resolution
    rows = []
    for r in design.rivals:
        ev = res[(res["owner_kind"] == "rival") & (res["owner"] == r.id)]
        ok = ev[ev["status"] != "broken"]
        provs = set(ok["provenance"])
        if r.rules:
            tsrc = design.table_sources()
            provs |= {design.source(tsrc[x.table]).provenance for x in r.rules if x.table in tsrc}
        basis = "+".join(sorted(provs)) or "none"
        rows.append({"rival_id": r.id, "kind": r.kind, "category": r.category, "title": r.title,
                     "verdict": r.verdict or "undecided", "decided_by": "rules" if r.rules else "typed",
                     "supporting": int((ok["stance"] == "supports").sum()),
                     "contradicting": int((ok["stance"] == "contradicts").sum()),
                     "broken": int((ev["status"] == "broken").sum()), "basis": basis,
                     "reasoning": " ".join(r.reasoning.split())})
    return pd.DataFrame(rows)

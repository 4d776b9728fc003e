"""Yin's four tests of design quality, each tactic's status computed from the design.

Yin (2009, 4th ed., Figure 2.3, p. 41; also Yin 2014, 5th ed., Figure 2.3) pairs
four tests with case study tactics and the research phase in which each is used.
:func:`assess_validity` computes every tactic's status (``met``, ``partial``, ``not met``,
``not applicable``) from the design's own data, with the reason and the offending
items. Each tactic is computed twice: on all evidence, and on the case's published
evidence only. When the two differ, ``status`` says so in words, e.g. ``"met (on
illustrative evidence; not met on published evidence)"``, so a tactic met only on
illustrative or synthetic material never reads as met on real evidence. The analytic
techniques (pattern matching, explanation building, rivals, logic models) are graded in
:mod:`casestudy.design.analytic_techniques`, with the framework's order as a rule.

Internal validity concerns explanatory (causal) studies only; it is not applicable
to a purely descriptive or exploratory study (Yin 2009, pp. 42-43). A study that
declares itself exploratory or descriptive but states a causal proposition is
assessed as causal, and the reason says why.

Examples
--------
>>> from casestudy.design.designfile import load_design
>>> a = assess_validity(load_design("data/design/pt_xyz.yaml", verify=False))
>>> a.status("replication_logic")
'not applicable'
>>> a.status("informant_review")
'not met'
>>> list(a.summary.columns[:5])
['test', 'tactic', 'phase', 'status', 'reason']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from casestudy.deprecation import deprecated_names
from casestudy.design import analytic_techniques as techniques
from casestudy.design.analytic_techniques import _findings_with_evidence, _grade, _technique, _usable
from casestudy.design.chain import ChainOfEvidence
from casestudy.design.triangulation import basis_of, triangulation_matrix
from casestudy.provenance import OWN_EVIDENCE, PUBLISHED
from casestudy.summary import SummaryTable

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["TACTICS", "STATUSES", "STATES", "Tactic", "TacticResult", "ValidityAssessment", "assess_validity", "is_causal"]

#: Old names kept for one release (``DeprecationWarning``).
__getattr__ = deprecated_names(__name__, {"assess": ("casestudy.design.validity", "assess_validity")})


STATUSES = ("met", "partial", "not met", "not applicable")
#: What the study did with a tactic, beside how completely (``STATUSES``): ``applied`` (met or partial on
#: the study's own evidence), ``pattern confirmed`` / ``pattern not confirmed`` (pattern matching: applied,
#: and what the declared rules found), ``not applied by the study`` (not met on the study's own evidence,
#: including techniques only this reproduction declared), ``not applicable``.
STATES = ("applied", "pattern confirmed", "pattern not confirmed", "not applied by the study", "not applicable")
_RANK = {"not applicable": 3, "met": 2, "partial": 1, "not met": 0}


@dataclass(frozen=True)
class Tactic:
    """A tactic of Yin's Figure 2.3 (2009, p. 41): its test, name and research phase."""

    id: str
    test: str
    name: str
    phase: str


TACTICS: tuple[Tactic, ...] = (
    Tactic("multiple_sources", "construct validity", "use multiple sources of evidence", "data collection"),
    Tactic("chain_of_evidence", "construct validity", "establish chain of evidence", "data collection"),
    Tactic("informant_review", "construct validity", "have key informants review draft case study report",
           "composition"),
    Tactic("pattern_matching", "internal validity", "do pattern matching", "data analysis"),
    Tactic("explanation_building", "internal validity", "do explanation building", "data analysis"),
    Tactic("rival_explanations", "internal validity", "address rival explanations", "data analysis"),
    Tactic("logic_models", "internal validity", "use logic models", "data analysis"),
    Tactic("theory", "external validity", "use theory in single-case studies", "research design"),
    Tactic("replication_logic", "external validity", "use replication logic in multiple-case studies",
           "research design"),
    Tactic("protocol", "reliability", "use case study protocol", "data collection"),
    Tactic("database", "reliability", "develop case study database", "data collection"),
)


@dataclass(frozen=True)
class TacticResult:
    """The computed status of one tactic (see the module docstring for ``status``)."""

    tactic: Tactic
    status: str
    status_all_evidence: str
    status_on_published: str
    basis: str
    reason: str
    offending: tuple[str, ...]
    state: str = "not applicable"


_Out = techniques.Graded  # status, reason, offending, basis


def is_causal(design: "CaseStudyDesign") -> tuple[bool, str]:
    """Whether the study makes a causal claim, and the sentence that says why.

    Examples
    --------
    >>> from casestudy.design.designfile import load_design
    >>> is_causal(load_design("data/design/pt_xyz.yaml", verify=False))[0]
    True
    """
    causal = [p.id for p in design.propositions if p.causal]
    why = [q.id for q in design.questions if q.form == "why"]
    declared = "/".join(design.purpose.declared)
    if design.purpose.is_explanatory:
        return True, "the study declares an explanatory purpose"
    if causal:
        return True, (f"the study declares itself {declared}, but proposition(s) {', '.join(causal)} claim a cause"
                      + (f" and question(s) {', '.join(why)} ask why" if why else "")
                      + ": internal validity applies (Yin 2009, pp. 42-43)")
    return False, f"internal validity is for causal studies; this one is {declared} (Yin 2009, pp. 42-43)"


def _multiple_sources(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> _Out:
    m = triangulation_matrix(d, _usable(res, real_only))
    bad = m[m["source_types"] < 2]
    reason = f"{len(m) - len(bad)} of {len(m)} findings rest on two or more source types"
    if len(bad):
        reason += "; below two: " + "; ".join(f"{r.finding} ({r.verdict})" for r in bad.itertuples())
    return _grade(len(bad), len(m)), reason, tuple(bad["finding"]), basis_of(_usable(res, real_only)["provenance"])


def _chain(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> _Out:
    probs = ChainOfEvidence(d, res).problems()
    rows = [f"{r.node}: {r.problem}" for r in probs.itertuples()]
    offending = list(probs["node"])
    if real_only:
        have = set(_usable(res, True).query("owner_kind == 'finding'")["owner"])
        for f in d.findings:
            if f.evidence and f.id not in have:
                rows.append(f"{f.id}: no published evidence")
                offending.append(f.id)
    n_all = len(d.findings)
    bad_findings = {o for o in offending if o in {f.id for f in d.findings}}
    status = "not met" if not n_all or len(bad_findings) >= n_all else ("met" if not rows else "partial")
    reason = "every link from question to protocol question holds" if not rows else (
        f"{len(rows)} gap{'s' if len(rows) != 1 else ''}: " + "; ".join(rows[:8]) + ("; ..." if len(rows) > 8 else ""))
    return status, reason, tuple(dict.fromkeys(offending)), basis_of(_usable(res, real_only)["provenance"])


def _review(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> _Out:
    r = d.review
    recs = [x for x in r.records if x.provenance in OWN_EVIDENCE or not real_only]
    basis = basis_of([x.provenance for x in recs])
    if not recs:
        why = (f"planned ({r.statement.strip()}) but no review records" if r.planned
               else "no key-informant review planned or recorded")
        return "not met", why + (f": {r.records_note.strip()}" if r.records_note else ""), (), basis
    done = {x.part for x in recs if x.outcome != "no_response"}
    bad = tuple(f.id for f in d.findings if f.id not in done)
    return _grade(len(bad), len(d.findings)), f"{len(d.findings) - len(bad)} of {len(d.findings)} findings reviewed", \
        bad, basis


def _theory(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> _Out:
    fw = d.framework
    if fw is None:
        return ("not met", "the design names no framework (theory.framework: none): the findings generalise to no "
                "stated theory", (), basis_of(_usable(res, real_only)["provenance"]))
    have = _findings_with_evidence(d, res, real_only)
    covered = {f.stage for f in d.findings if f.id in have}
    bad = tuple(s.id for s in fw.stages if s.id not in covered)
    parts = [f"{fw.edition} frames the study; {len(fw.stages) - len(bad)} of {len(fw.stages)} stages have "
             "findings with supporting evidence" + (" (missing " + ", ".join(bad) + ")" if bad else "")]
    status = _grade(len(bad), len(fw.stages))
    if d.theory.generalisation != "analytic":
        parts.append(f"the study generalises by {d.theory.generalisation} ({d.theory.statement.strip()}), "
                     "not analytically to the theory (Yin 2009, p. 43)")
        status = "partial" if status == "met" else status
    return status, "; ".join(parts), bad, basis_of(_usable(res, real_only)["provenance"])


def _replication(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> _Out:
    ok, note = _technique(d, "cross_case_synthesis")
    return ("met", "cross-case synthesis across the cases" + note, (), "none") if ok else \
        ("not met", "several cases but " + note, (), "none")


def _protocol(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> _Out:
    p = d.protocol
    if real_only and p.provenance not in OWN_EVIDENCE:
        return "not met", f"the study publishes no protocol; this one is {p.provenance}", ("protocol",), "none"
    bad = [f"missing {m}" for m in p.missing_sections()] + [f"{q.id} names no source" for q in p.questions
                                                            if not q.sources]
    reason = "overview, procedures, questions with sources and report outline present" if not bad else "; ".join(bad)
    if p.provenance != PUBLISHED:
        reason += f" ({p.provenance}: {p.note.strip()})" if p.note else f" ({p.provenance})"
    return ("met" if not bad else "partial"), reason, tuple(bad), p.provenance


def _database(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> _Out:
    db = d.database
    if real_only and db.provenance not in OWN_EVIDENCE:
        return "not met", f"the study publishes no case study database; this one is {db.provenance}", \
            ("database",), "none"
    bad = tuple(s.id for s in d.sources if not s.file)
    reason = (f"{len(d.sources) - len(bad)} of {len(d.sources)} sources are held as files with checksums"
              + ("; no file: " + ", ".join(bad) if bad else ""))
    return _grade(len(bad), len(d.sources)), reason, bad, db.provenance


_RULES: dict[str, Callable[["CaseStudyDesign", pd.DataFrame, bool], _Out]] = {
    "multiple_sources": _multiple_sources, "chain_of_evidence": _chain, "informant_review": _review,
    "pattern_matching": techniques.pattern_matching, "explanation_building": techniques.explanation_building,
    "rival_explanations": techniques.rival_explanations, "logic_models": techniques.logic_models, "theory": _theory, "replication_logic": _replication,
    "protocol": _protocol, "database": _database,
}


def _state(t: Tactic, design: "CaseStudyDesign", real: _Out) -> str:
    if real[0] not in ("met", "partial"):
        return "not applied by the study"
    if t.id == "pattern_matching":
        outcomes = {p.pattern_outcome for p in design.propositions if p.pattern_outcome}
        return "pattern not confirmed" if "pattern not confirmed" in outcomes or not outcomes else "pattern confirmed"
    return "applied"


def _combine(t: Tactic, design: "CaseStudyDesign", full: _Out, real: _Out) -> TacticResult:
    status, reason, offending, basis = full
    shown = status
    if status in ("met", "partial") and real[1].startswith("not applied by the study"):
        shown = f"{status} (declared by this reproduction; not applied by the study)"
        reason = f"{reason}. On the study's own terms: {real[1]}"
    elif status in ("met", "partial") and _RANK[real[0]] < _RANK[status]:
        shown = f"{status} (on {basis} evidence; {real[0]} on published evidence)"
        reason = f"{reason}. On published evidence alone: {real[1]}"
    return TacticResult(t, shown, status, real[0], basis, reason, offending, _state(t, design, real))


def assess_validity(design: "CaseStudyDesign", resolution: pd.DataFrame | None = None) -> "ValidityAssessment":
    """Assess the design against Yin's four tests.

    Parameters
    ----------
    design : CaseStudyDesign
    resolution : pandas.DataFrame, optional
        Output of :meth:`CaseStudyDesign.resolve`; without it evidence is unchecked.

    Returns
    -------
    ValidityAssessment
    """
    res = design.resolve() if resolution is None else resolution
    causal, why = is_causal(design)
    single = design.yin_type[0] == "single"
    results = []
    for t in TACTICS:
        if t.test == "internal validity" and not causal:
            results.append(TacticResult(t, "not applicable", "not applicable", "not applicable", "none", why, ()))
            continue
        if t.id == "replication_logic" and single:
            na = "a single-case design generalises through theory, not replication (Yin 2009, p. 41)"
            results.append(TacticResult(t, "not applicable", "not applicable", "not applicable", "none", na, ()))
            continue
        rule = _RULES[t.id]
        results.append(_combine(t, design, rule(design, res, False), rule(design, res, True)))
    return ValidityAssessment(design.id, tuple(results), why)


@dataclass(frozen=True)
class ValidityAssessment:
    """The scorecard: one :class:`TacticResult` per tactic, and why internal validity applies or not."""

    design_id: str
    results: tuple[TacticResult, ...]
    causal_note: str

    @property
    def summary(self) -> pd.DataFrame:
        """One row per tactic: test, tactic, phase, status, reason, and the detail columns."""
        rows = [{"test": r.tactic.test, "tactic": r.tactic.name, "phase": r.tactic.phase, "status": r.status,
                 "reason": r.reason, "tactic_id": r.tactic.id, "status_all_evidence": r.status_all_evidence,
                 "status_on_published": r.status_on_published, "state": r.state, "basis": r.basis,
                 "offending": ", ".join(r.offending)} for r in self.results]
        return pd.DataFrame(rows)

    def status(self, tactic_id: str) -> str:
        """The shown status of one tactic."""
        return self.result(tactic_id).status

    def result(self, tactic_id: str) -> TacticResult:
        """The result of one tactic."""
        return next(r for r in self.results if r.tactic.id == tactic_id)

    def counts(self) -> dict[str, int]:
        """How many tactics have each status on all evidence and on published evidence."""
        out: dict[str, int] = {}
        for r in self.results:
            out[f"{r.status_all_evidence} (all evidence)"] = out.get(f"{r.status_all_evidence} (all evidence)", 0) + 1
            out[f"{r.status_on_published} (published)"] = out.get(f"{r.status_on_published} (published)", 0) + 1
        return dict(sorted(out.items()))

    def __repr__(self) -> str:
        lines = [f"ValidityAssessment of {self.design_id} (Yin 2009, Figure 2.3, p. 41)"]
        for r in self.results:
            lines.append(f"  {r.tactic.test:<18} {r.tactic.name:<52} {r.status}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        frame = pd.DataFrame([(r.tactic.test, r.tactic.name, r.tactic.phase, r.status, r.reason) for r in self.results],
                             columns=["test", "tactic", "phase", "status", "reason"])
        return SummaryTable(f"Validity scorecard of {self.design_id}", frame,
                            f"(Yin 2009, Figure 2.3, p. 41). {self.causal_note}.").to_html()

"""Yin's analytic techniques graded from the design: pattern matching, explanation building, rivals, logic models.

Yin (2009, pp. 136-161) names the analytic techniques by which a case study
addresses internal validity. Each grader here returns ``(status, reason, offending,
basis)`` for one tactic of :mod:`casestudy.design.validity`, computed from the design's
data and the resolved evidence. Order is a declared rule, read from the framework
(:class:`~casestudy.framework.model.Framework`, stages in order) when its stages form a
sequence:

- a proposition's ``logic_model`` must run through the framework's stages in their order
  (Yin 2009, pp. 149-156): a step listed after a later stage breaks the chain;
- in explanation building (pp. 141-144) a finding builds only on findings of the same
  or an earlier stage, and the ``builds_on`` links make no cycle.

A step or link against the order is named in the reason and listed as offending, so the
tactic is not "met".

Examples
--------
>>> from casestudy.design.designfile import load_design
>>> d = load_design("data/design/pt_xyz.yaml", verify=False)
>>> logic_model_order(d)
()
>>> explanation_order(d)
()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from casestudy.design.decisions import DecisionRule
from casestudy.design.triangulation import basis_of
from casestudy.provenance import OWN_EVIDENCE

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["Graded", "logic_model_order", "explanation_order", "pattern_matching", "explanation_building",
           "rival_explanations", "logic_models"]

Graded = tuple[str, str, tuple[str, ...], str]  # status, reason, offending, basis


def _usable(res: pd.DataFrame, real_only: bool) -> pd.DataFrame:
    ok = res[res["status"] != "broken"]
    return ok[ok["provenance"].isin(OWN_EVIDENCE)] if real_only else ok


def _grade(n_bad: int, n_all: int) -> str:
    return "met" if n_bad == 0 and n_all else ("not met" if n_bad >= n_all else "partial")


def _technique(design: "CaseStudyDesign", name: str) -> tuple[bool, str]:
    for t in design.logic:
        if t.technique == name:
            return True, "" if t.declared_by != "reproduction" else " (technique declared by this reproduction, not the paper)"
    declared = ", ".join(t.technique for t in design.logic) or "none"
    return False, f"not among the design's analytic techniques (declared: {declared})"


def _findings_with_evidence(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> set[str]:
    u = _usable(res, real_only)
    return set(u[(u["owner_kind"] == "finding") & (u["stance"] == "supports")]["owner"])


def _rule_provenances(d: "CaseStudyDesign", rules: tuple[DecisionRule, ...]) -> set[str]:
    tsrc = d.table_sources()
    return {d.source(tsrc[x.table]).provenance for x in rules if x.table in tsrc}


def _reproduction_only(d: "CaseStudyDesign", name: str, real_only: bool) -> Graded | None:
    """On the study's own evidence, a technique the study did not declare is not applied by it."""
    declared = next((t for t in d.logic if t.technique == name), None)
    if real_only and declared is not None and declared.declared_by != "paper":
        return "not met", "not applied by the study (declared by this reproduction, not the study)", (), "none"
    return None


def _stage_rank(d: "CaseStudyDesign") -> dict[str, int]:
    """Position of each stage in the framework's sequence (empty when the stages form no sequence)."""
    fw = d.framework
    return {s: i for i, s in enumerate(fw.stage_ids())} if fw is not None and fw.sequence else {}


def logic_model_order(d: "CaseStudyDesign") -> tuple[tuple[str, str, str], ...]:
    """Steps of the propositions' logic models listed after a later stage of the framework.

    Parameters
    ----------
    d : CaseStudyDesign

    Returns
    -------
    tuple of (proposition, step, later stage listed before it)
        Empty when every logic model follows the framework's order, or when the
        framework's stages form no sequence.
    """
    rank = _stage_rank(d)
    out = []
    for p in d.propositions:
        latest = ""
        for s in p.logic_model:
            if s not in rank:
                continue
            if latest and rank[s] < rank[latest]:
                out.append((p.id, s, latest))
            elif not latest or rank[s] > rank[latest]:
                latest = s
    return tuple(out)


def explanation_order(d: "CaseStudyDesign") -> tuple[tuple[str, str], ...]:
    """``builds_on`` links against the framework's order or in a cycle, each with the reason.

    Parameters
    ----------
    d : CaseStudyDesign

    Returns
    -------
    tuple of (finding, problem)
        One row per finding that builds on a finding of a later stage, and per finding
        on a cycle of ``builds_on`` links; empty when the explanation is in order.
    """
    rank = _stage_rank(d)
    stage = {f.id: f.stage for f in d.findings}
    out = []
    for f in d.findings:
        for b in f.builds_on:
            if stage.get(f.id) in rank and stage.get(b) in rank and rank[stage[b]] > rank[stage[f.id]]:
                out.append((f.id, f"{f.id} ({stage[f.id]}) builds on {b} of a later stage ({stage[b]})"))
    g = nx.DiGraph()
    g.add_nodes_from(stage)
    g.add_edges_from((f.id, b) for f in d.findings for b in f.builds_on)
    try:
        loop = nx.find_cycle(g)
    except nx.NetworkXNoCycle:
        loop = []
    if loop:
        text = "builds_on links make a cycle: " + " -> ".join([loop[0][0], *(v for _, v in loop)])
        out += [(u, text) for u, _ in loop]
    return tuple(out)


def pattern_matching(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> Graded:
    """Pattern matching: each proposition's predicted pattern tested by declared rules (Yin 2009, pp. 136-141)."""
    ok, note = _technique(d, "pattern_matching")
    if not ok:
        return "not met", note, (), "none"
    own = _reproduction_only(d, "pattern_matching", real_only)
    if own is not None:
        return own
    bad, why, provs = [], [], set()
    for p in d.propositions:
        rules = p.pattern_rules + tuple(x for r in d.rivals if r.id in p.rule_out for x in r.rules)
        provs |= _rule_provenances(d, rules)
        if not p.predicted_pattern:
            bad.append(p.id)
            why.append(f"{p.id} predicts no pattern")
        elif not (p.pattern_rules or p.rule_out):
            bad.append(p.id)
            why.append(f"{p.id}: no decision rule tests its predicted pattern")
        elif not p.pattern_outcome:
            bad.append(p.id)
            why.append(f"{p.id}: its pattern rules were not applied to the data")
        elif real_only and not provs & set(OWN_EVIDENCE):
            bad.append(p.id)
            why.append(f"{p.id}: its pattern rules read no published table")
        else:
            why.append(f"{p.id}: {p.pattern_outcome} ({p.pattern_reading})")
    reason = ("each predicted pattern is tested by declared rules: " if not bad else "") + "; ".join(why) + note
    return _grade(len(bad), len(d.propositions)), reason, tuple(bad), basis_of(sorted(provs)) if provs else "none"


def explanation_building(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> Graded:
    """Explanation building: linked findings with evidence, in the framework's order, without cycles."""
    ok, note = _technique(d, "explanation_building")
    if not ok:
        return "not met", note, (), "none"
    own = _reproduction_only(d, "explanation_building", real_only)
    if own is not None:
        return own
    linked = [f.id for f in d.findings if f.builds_on or any(f.id in g.builds_on for g in d.findings)]
    if not linked:
        return "not met", "no finding builds on another: no explanation is built" + note, (), "none"
    have = _findings_with_evidence(d, res, real_only)
    missing = tuple(f for f in linked if f not in have)
    order = explanation_order(d)
    bad = tuple(dict.fromkeys(missing + tuple(f for f, _ in order)))
    reason = (f"an explanation links {len(linked)} findings" + (
        "; without usable evidence: " + ", ".join(missing) if missing else "")
        + ("; out of order: " + "; ".join(dict.fromkeys(w for _, w in order)) if order else "")) + note
    return _grade(len(bad), len(linked)), reason, bad, basis_of(_usable(res, real_only)["provenance"])


def rival_explanations(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> Graded:
    """Rival explanations: every rival weighed against evidence or decided by rules (Yin 2009, pp. 133-136)."""
    if not d.rivals:
        return "not met", "no rival explanation is considered", (), "none"
    u = _usable(res, real_only)
    weighed = set(u[u["owner_kind"] == "rival"]["owner"])
    ruled = {r.id for r in d.rivals if r.rules and (not real_only or set(OWN_EVIDENCE) & set(_rule_provenances(d, r.rules)))}
    weighed |= ruled
    bad = tuple(r.id for r in d.rivals if not r.is_tested or r.id not in weighed)
    parts = [f"{len(d.rivals) - len(bad)} of {len(d.rivals)} rivals weighed against evidence"]
    if bad:
        parts.append("untested: " + ", ".join(bad))
    cats = {r.category for r in d.rivals}
    missing = [c for c in ("craft", "real_life") if c not in cats]
    if missing:
        parts.append("no " + " or ".join(c.replace("_", "-") for c in missing) + " rival considered")
    supported = [r.id for r in d.rivals if r.verdict == "supported" and r.id not in bad]
    if supported:
        parts.append("supported by the evidence (they weaken the proposition): " + ", ".join(supported))
    status = _grade(len(bad), len(d.rivals))
    if status == "met" and missing:
        status = "partial"
    typed = [r.id for r in d.rivals if r.is_tested and not r.rules]
    if typed:
        parts.append("verdicts typed rather than decided by rules: " + ", ".join(typed))
    provs = list(u[u["owner_kind"] == "rival"]["provenance"]) + sorted(
        {p for r in d.rivals if r.id in ruled for p in _rule_provenances(d, r.rules)})
    return status, "; ".join(parts), bad, basis_of(provs)


def logic_models(d: "CaseStudyDesign", res: pd.DataFrame, real_only: bool) -> Graded:
    """Logic models: every step has evidence and the steps follow the framework's order (Yin 2009, pp. 149-156)."""
    ok, note = _technique(d, "logic_models")
    if not ok:
        return "not met", note, (), "none"
    own = _reproduction_only(d, "logic_models", real_only)
    if own is not None:
        return own
    models = [p for p in d.propositions if p.logic_model]
    if not models:
        return "not met", "no proposition states a logic model" + note, (), "none"
    have = _findings_with_evidence(d, res, real_only)
    covered = {f.stage for f in d.findings if f.id in have}
    steps = [s for p in models for s in p.logic_model]
    missing = tuple(dict.fromkeys(s for s in steps if s not in covered))
    order = logic_model_order(d)
    bad = tuple(dict.fromkeys(missing + tuple(s for _, s, _ in order)))
    fw = d.framework
    reason = (f"{len(set(steps)) - len(missing)} of {len(set(steps))} steps of the logic model have evidence"
              + (": missing " + ", ".join(missing) if missing else "")
              + (f"; out of {fw.title}'s order: " + "; ".join(f"{p}: step {s} comes after {later}"
                                                               for p, s, later in order)
                 if order and fw is not None else "") + note)
    return _grade(len(bad), len(set(steps))), reason, bad, basis_of(_usable(res, real_only)["provenance"])

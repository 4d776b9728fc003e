"""The case study design as one validated aggregate that knows its own type.

:class:`CaseStudyDesign` holds Yin's five components (questions, propositions,
the case and its units, the logic linking data to propositions, the criteria),
the purpose, the theory, the source inventory, findings with evidence, rival
explanations, key-informant review, the protocol and the database plan. On
construction it checks every reference (dangling ids, duplicate ids, cyclic
``builds_on`` links) and names the offending field by its path in the design
file, so :mod:`casestudy.design.designfile` can point at the line.

Its type in Yin's 2x2 matrix (Yin 2009, Figure 2.4, p. 46: single or multiple
cases x holistic or embedded) follows from its structure.

Examples
--------
>>> from casestudy.design.designfile import load_design
>>> d = load_design("data/design/pt_xyz.yaml", verify=False)
>>> d.yin_type
('single', 'embedded')
>>> d.yin_type_label
'Type 2: single-case, embedded'
>>> len(d.informants())
9
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
import pandas as pd

from casestudy.design.case import DesignCase, Informant
from casestudy.design.components import (
    COMPONENT_NAMES, AnalyticTechnique, Criteria, Proposition, Purpose, StudyQuestion, Theory,
)
from casestudy.design.decisions import Decisions, decide
from casestudy.design.evidence import EvidenceItem, Resolver, SegmentLookup, TableLookup, TableSelector, TextLookup
from casestudy.design.findings import Finding
from casestudy.design.protocol import DatabasePlan, Protocol
from casestudy.design.review import ReviewPlan
from casestudy.design.rivals import Rival
from casestudy.design.sources import Source
from casestudy.design.yin_editions import YIN_EDITIONS, YinEdition
from casestudy.errors import DesignError, FrameworkError, expectation
from casestudy.framework.framework_yaml import NO_FRAMEWORK, SHIPPED_FRAMEWORKS, is_framework_file, load_framework
from casestudy.framework.model import Framework
from casestudy.provenance import PROVENANCES, combine
from casestudy.validators import check_id, check_one_of, check_text
from casestudy.summary import Summary

__all__ = ["FRAMEWORKS", "YIN_TYPES", "CaseStudyDesign", "RESOLUTION_COLUMNS"]

#: What ``theory.framework`` may name besides a framework YAML file.
FRAMEWORKS: tuple[str, ...] = (*SHIPPED_FRAMEWORKS, NO_FRAMEWORK)
#: Yin (2009, Figure 2.4, p. 46): the four basic types of designs.
YIN_TYPES = {("single", "holistic"): 1, ("single", "embedded"): 2, ("multiple", "holistic"): 3,
             ("multiple", "embedded"): 4}
RESOLUTION_COLUMNS = ["owner_kind", "owner", "evidence_id", "kind", "stance", "source", "source_type",
                      "provenance", "status", "text", "value", "start", "end", "problem"]


@dataclass(frozen=True)
class CaseStudyDesign:
    """A whole case study design (see the module docstring)."""

    id: str
    title: str
    citation: str
    yin_edition: str
    purpose: Purpose
    questions: tuple[StudyQuestion, ...]
    propositions: tuple[Proposition, ...]
    cases: tuple[DesignCase, ...]
    logic: tuple[AnalyticTechnique, ...]
    criteria: Criteria
    theory: Theory
    sources: tuple[Source, ...]
    findings: tuple[Finding, ...]
    rivals: tuple[Rival, ...]
    review: ReviewPlan
    protocol: Protocol
    database: DatabasePlan
    #: The framework ``theory.framework`` names, resolved by the design file's reader (a YAML file's
    #: path is relative to the design file); shipped names resolve on their own. Not a key of the file.
    framework_def: Framework | None = field(default=None, compare=False, repr=False, metadata={"file": False})

    def summary(self) -> Summary:
        """Title, Yin's type, and counts of questions, sources, findings and rivals."""
        return Summary(f"Case study design {self.id}", [
            ("title", self.title), ("Yin edition", self.yin_edition), ("questions", len(self.questions)),
            ("propositions", len(self.propositions)), ("sources", len(self.sources)),
            ("findings", len(self.findings)), ("rivals", len(self.rivals))])

    def __repr__(self) -> str:
        return (f"<CaseStudyDesign {self.id}: {len(self.findings)} findings, {len(self.sources)} sources, "
                f"{len(self.rivals)} rivals>")

    def _repr_html_(self) -> str:
        return self.summary().to_html()

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_text("title", self.title, DesignError, where=self.id)
        self._resolve_framework()
        check_one_of("yin_edition", self.yin_edition, tuple(COMPONENT_NAMES), DesignError, where=self.id)
        if not self.cases:
            raise DesignError(expectation("cases", "at least one case", self.cases, self.id))
        self._check_unique_ids()
        self._check_references()
        self._check_acyclic()

    # -- validation ----------------------------------------------------------------------------
    def _resolve_framework(self) -> None:
        spec = self.theory.framework
        if self.framework_def is not None:
            if self.framework_def.id != spec and not is_framework_file(spec):
                raise DesignError(expectation("theory.framework", f"the framework given ({self.framework_def.id})",
                                              spec, self.id))
            return
        if spec == NO_FRAMEWORK:
            return
        expected = "one of " + ", ".join(FRAMEWORKS) + " or a framework .yaml file"
        if is_framework_file(spec):
            expected = "a framework file read by load_design (its path is relative to the design file)"
        try:
            fw = None if is_framework_file(spec) else load_framework(spec)
        except FrameworkError:
            fw = None
        if fw is None:
            raise DesignError(expectation("theory.framework", expected, spec, self.id))
        object.__setattr__(self, "framework_def", fw)

    def _all_ids(self) -> Iterator[tuple[str, str]]:
        groups: tuple[tuple[str, Sequence[Any]], ...] = (
            ("questions", self.questions), ("propositions", self.propositions), ("cases", self.cases),
            ("sources", self.sources), ("findings", self.findings), ("rivals", self.rivals))
        for name, objs in groups:
            for k, o in enumerate(objs):
                yield f"{name}[{k}].id", o.id
        for c, case in enumerate(self.cases):
            for k, u in enumerate(case.units):
                yield f"cases[{c}].units[{k}].id", u.id
            for k, i in enumerate(case.informants):
                yield f"cases[{c}].informants[{k}].id", i.id
        for path, _, item in self._evidence_paths():
            yield f"{path}.id", item.id
        for k, q in enumerate(self.protocol.questions):
            yield f"protocol.questions[{k}].id", q.id
        for k, r in enumerate(self.review.records):
            yield f"review.records[{k}].id", r.id

    def _evidence_paths(self) -> Iterator[tuple[str, str, EvidenceItem]]:
        for f, fi in enumerate(self.findings):
            for k, e in enumerate(fi.evidence):
                yield f"findings[{f}].evidence[{k}]", fi.id, e
        for r, ri in enumerate(self.rivals):
            for k, e in enumerate(ri.evidence):
                yield f"rivals[{r}].evidence[{k}]", ri.id, e

    def _check_unique_ids(self) -> None:
        seen: set[str] = set()
        for path, id_ in self._all_ids():
            if id_ in seen:
                raise DesignError(expectation(path, "unique in the design", id_, self.id))
            seen.add(id_)
        techniques = [t.technique for t in self.logic]
        for k, t in enumerate(techniques):
            if t in techniques[:k]:
                raise DesignError(expectation(f"logic[{k}].technique", "unique in the design", t, self.id))

    def _ref(self, path: str, value: str, allowed: set[str], what: str) -> None:
        if value not in allowed:
            raise DesignError(expectation(path, f"the id of {what}", value, self.id))

    def _check_references(self) -> None:
        qids = {q.id for q in self.questions}
        qp = qids | {p.id for p in self.propositions}
        pids = {p.id for p in self.propositions}
        fids = {f.id for f in self.findings}
        sids = {s.id for s in self.sources}
        units = {u.id for c in self.cases for u in c.units}
        infs = {i.id for c in self.cases for i in c.informants}
        fw = self.framework_def
        stages = set(fw.stage_ids()) if fw else set()
        known = set(fw.ids()) if fw else set()
        what = f"a stage of {fw.title}" if fw else "a stage (the design names no framework: leave it empty)"
        for k, p in enumerate(self.propositions):
            for j, q in enumerate(p.questions):
                self._ref(f"propositions[{k}].questions[{j}]", q, qids, "a study question")
            for j, s in enumerate(p.logic_model):
                self._ref(f"propositions[{k}].logic_model[{j}]", s, stages, what)
        for k, f in enumerate(self.findings):
            if f.stage or fw is not None:
                self._ref(f"findings[{k}].stage", f.stage, stages, what)
            for j, e in enumerate(f.framework_ids):
                self._ref(f"findings[{k}].framework_ids[{j}]", e, known,
                          f"an element of {fw.title}" if fw else "an element (the design names no framework)")
        for k, src in enumerate(self.sources):
            if src.informant:
                self._ref(f"sources[{k}].informant", src.informant, infs, "an informant of the case")
        tables = self.table_sources()
        for k, f in enumerate(self.findings):
            for j, b in enumerate(f.bears_on):
                self._ref(f"findings[{k}].bears_on[{j}]", b, qp, "a study question or proposition")
            for j, b in enumerate(f.builds_on):
                self._ref(f"findings[{k}].builds_on[{j}]", b, fids, "a finding")
        for path, _, item in self._evidence_paths():
            sel = item.selector
            if isinstance(sel, TableSelector):
                self._ref(f"{path}.table", sel.table, set(tables), "a table provided by a source")
            else:
                self._ref(f"{path}.source", sel.source, sids, "a registered source")
        rids = {r.id for r in self.rivals}
        for k, r in enumerate(self.rivals):
            for j, pid in enumerate(r.rivals):
                self._ref(f"rivals[{k}].rivals[{j}]", pid, pids, "a proposition")
            for j, rule in enumerate(r.rules):
                self._ref(f"rivals[{k}].rules[{j}].table", rule.table, set(tables), "a table provided by a source")
        for k, p in enumerate(self.propositions):
            for j, rule in enumerate(p.pattern_rules):
                self._ref(f"propositions[{k}].pattern_rules[{j}].table", rule.table, set(tables),
                          "a table provided by a source")
            for j, rid in enumerate(p.rule_out):
                self._ref(f"propositions[{k}].rule_out[{j}]", rid, rids, "a rival")
                r = next(x for x in self.rivals if x.id == rid)
                if not r.rules or "rejected" not in {x.then for x in r.rules} | {r.otherwise}:
                    raise DesignError(expectation(f"propositions[{k}].rule_out[{j}]", "a rival whose decision rules can "
                                                  "reject it (else the pattern could never be confirmed, whatever "
                                                  "the data)", rid, self.id))
        for k, pq in enumerate(self.protocol.questions):
            for j, s in enumerate(pq.sources):
                self._ref(f"protocol.questions[{k}].sources[{j}]", s, sids, "a registered source")
            for j, b in enumerate(pq.bears_on):
                self._ref(f"protocol.questions[{k}].bears_on[{j}]", b, qp, "a study question or proposition")
        for k, u in enumerate(self.review.reviewer_units):
            self._ref(f"review.reviewer_units[{k}]", u, units, "an embedded unit")
        for k, rec in enumerate(self.review.records):
            self._ref(f"review.records[{k}].informant", rec.informant, infs, "an informant of the case")
            self._ref(f"review.records[{k}].part", rec.part, fids, "a finding")

    def _check_acyclic(self) -> None:
        g = nx.DiGraph()
        g.add_nodes_from(f.id for f in self.findings)
        g.add_edges_from((f.id, b) for f in self.findings for b in f.builds_on)
        try:
            cycle = nx.find_cycle(g)
        except nx.NetworkXNoCycle:
            return
        loop = " -> ".join([cycle[0][0], *(v for _, v in cycle)])
        k = next(i for i, f in enumerate(self.findings) if f.id == cycle[-1][0])
        j = self.findings[k].builds_on.index(cycle[-1][1])
        raise DesignError(expectation(f"findings[{k}].builds_on[{j}]", "a link that makes no cycle", loop, self.id))

    # -- structure -----------------------------------------------------------------------------
    @property
    def yin_type(self) -> tuple[str, str]:
        """(``single`` or ``multiple``, ``holistic`` or ``embedded``), from the cases themselves."""
        n = "single" if len(self.cases) == 1 else "multiple"
        return n, "embedded" if any(c.is_embedded for c in self.cases) else "holistic"

    @property
    def yin_type_label(self) -> str:
        """E.g. ``'Type 2: single-case, embedded'`` (Yin 2009, Figure 2.4, p. 46)."""
        n, e = self.yin_type
        return f"Type {YIN_TYPES[(n, e)]}: {n}-case, {e}"

    @property
    def component_names(self) -> tuple[str, ...]:
        """The five components' names in the edition the design follows."""
        return COMPONENT_NAMES[self.yin_edition]

    @property
    def framework(self) -> Framework | None:
        """The theory's framework (None when the design names none)."""
        return self.framework_def

    @property
    def yin(self) -> YinEdition:
        """The edition of Yin's book the design follows."""
        return YIN_EDITIONS[self.yin_edition]

    def informants(self) -> tuple[Informant, ...]:
        """Every informant of every case."""
        return tuple(i for c in self.cases for i in c.informants)

    def source(self, source_id: str) -> Source:
        """Return the source ``source_id``."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise DesignError(expectation("source", "a registered source id", source_id, self.id))

    def table_sources(self) -> dict[str, str]:
        """Map each named result table to the source that provides it."""
        return {t: s.id for s in self.sources for t in s.tables}

    def evidence_items(self) -> Iterator[tuple[str, str, EvidenceItem]]:
        """Yield (``finding`` or ``rival``, owner id, item) for every evidence item."""
        for f in self.findings:
            for e in f.evidence:
                yield "finding", f.id, e
        for r in self.rivals:
            for e in r.evidence:
                yield "rival", r.id, e

    def source_of(self, item: EvidenceItem) -> str:
        """The source id an evidence item points into."""
        sel = item.selector
        return self.table_sources()[sel.table] if isinstance(sel, TableSelector) else sel.source

    # -- evidence ------------------------------------------------------------------------------
    def resolve(self, texts: TextLookup | None = None, tables: TableLookup | None = None,
                segments: SegmentLookup | None = None) -> pd.DataFrame:
        """Resolve every evidence item; one row per item (columns :data:`RESOLUTION_COLUMNS`).

        ``provenance`` is the weakest of the source's and the table row's ``provenance`` cell
        (:func:`casestudy.provenance.combine`: a rival test computed on synthetic data is synthetic).
        """
        resolver = Resolver(texts=texts, tables=tables, segments=segments)
        rows = []
        for kind, owner, item in self.evidence_items():
            src = self.source(self.source_of(item))
            r = resolver.resolve(item)
            prov = src.provenance
            if r.row_provenance in PROVENANCES:  # a table row computed from weaker data weakens the item
                prov = combine(prov, r.row_provenance)
            rows.append((kind, owner, item.id, item.kind, item.stance, src.id, src.type, prov, r.status,
                         r.text, r.value, r.start, r.end, r.problem))
        df = pd.DataFrame(rows, columns=RESOLUTION_COLUMNS)
        return df.astype({"start": "Int64", "end": "Int64", "value": object})

    def decide(self, tables: Mapping[str, pd.DataFrame]) -> "CaseStudyDesign":
        """Return the design with every rule-decided verdict and reading computed from ``tables``.

        Rivals with rules get ``verdict`` and ``reasoning``; propositions with pattern rules get
        ``pattern_outcome`` and ``pattern_reading``.

        See :func:`casestudy.design.decisions.decide`; :meth:`decisions` gives the rule-by-rule table
        and the patterns' outcomes.
        """
        out = decide(self, tables)
        rivals = tuple(replace(r, verdict=out.rivals[r.id][0], reasoning=out.rivals[r.id][1]) if r.id in out.rivals
                       else r for r in self.rivals)
        props = tuple(replace(p, pattern_outcome=out.patterns[p.id][0], pattern_reading=out.patterns[p.id][1])
                      if p.id in out.patterns else p for p in self.propositions)
        return replace(self, rivals=rivals, propositions=props)

    def decisions(self, tables: Mapping[str, pd.DataFrame]) -> Decisions:
        """The outcome of every decision rule on ``tables`` (:func:`casestudy.design.decisions.decide`)."""
        return decide(self, tables)

    def drop_source_type(self, source_type: str) -> "CaseStudyDesign":
        """Return the design without every source of one Yin type (see :meth:`drop_source`)."""
        design = self
        for s in self.sources:
            if s.type == source_type:
                design = design.drop_source(s.id)
        return design

    def drop_source(self, source_id: str) -> "CaseStudyDesign":
        """Return the design without a source and every evidence item and protocol link citing it."""
        self.source(source_id)
        keep = lambda e: self.source_of(e) != source_id  # noqa: E731
        findings = tuple(replace(f, evidence=tuple(filter(keep, f.evidence))) for f in self.findings)
        rivals = []
        tsrc = self.table_sources()
        for r in self.rivals:
            ev = tuple(filter(keep, r.evidence))
            if r.rules:
                rules = tuple(x for x in r.rules if tsrc.get(x.table) != source_id)
                if rules and any(x.then != r.otherwise for x in rules):
                    rivals.append(replace(r, evidence=ev, rules=rules))
                else:
                    rivals.append(replace(r, evidence=ev, rules=(), otherwise="", otherwise_meaning="",
                                          verdict="untested",
                                          reasoning=f"Its decision rules read {source_id}, now removed."))
                continue
            if ev == r.evidence:
                rivals.append(r)
            elif ev and (r.verdict != "rejected" or any(e.stance == "contradicts" for e in ev)) and (
                    r.verdict != "supported" or any(e.stance == "supports" for e in ev)):
                rivals.append(replace(r, evidence=ev))
            else:
                rivals.append(replace(r, evidence=ev, verdict="untested",
                                      reasoning=f"{r.reasoning} (Its evidence came from {source_id}, now removed.)"))
        pq = tuple(replace(q, sources=tuple(s for s in q.sources if s != source_id)) for q in self.protocol.questions)
        ruled = {r.id for r in rivals if r.rules}
        props = tuple(replace(p, pattern_rules=tuple(x for x in p.pattern_rules if tsrc.get(x.table) != source_id),
                              rule_out=tuple(x for x in p.rule_out if x in ruled)) for p in self.propositions)
        return replace(self, sources=tuple(s for s in self.sources if s.id != source_id), findings=findings,
                       rivals=tuple(rivals), propositions=props, protocol=replace(self.protocol, questions=pq))

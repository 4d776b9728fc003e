"""The case study protocol and the case study database plan (the reliability tactics).

Yin (2009, pp. 79-90; Figure 3.2, p. 81) lists the protocol's sections: an
overview of the project, data collection procedures, the case study questions and
a guide for the report. Protocol questions are posed at five levels (Yin 2009,
p. 87): (1) asked of specific interviewees, (2) asked of the individual case,
(3) asked of the findings across cases, (4) asked of the entire study, (5)
normative questions beyond the study. Each question names its likely sources.
Using a protocol and building a case study database are the two reliability
tactics of Figure 2.3 (p. 41). :func:`render_markdown` writes the protocol as
Markdown (pure: it returns a string).

Examples
--------
>>> q = ProtocolQuestion("pq_onsite", 2, "How did the firm support the Gresik agency?",
...                      sources=("int_inf03", "int_inf09"), bears_on=("q_how",))
>>> QUESTION_LEVELS[q.level]
'asked of the individual case'
>>> ProtocolQuestion("pq_x", 6, "x")
Traceback (most recent call last):
...
casestudy.errors.DesignError: pq_x: 'level' must be an integer from 1 to 5 (Yin 2009, p. 87) (got 6)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from casestudy.design.decisions import RuleFreeze
from casestudy.errors import DesignError, expectation
from casestudy.provenance import check as check_provenance
from casestudy.validators import check_id, check_text, check_unique
from casestudy.provenance import PUBLISHED

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["QUESTION_LEVELS", "ProtocolQuestion", "Procedure", "Protocol", "DatabasePlan", "render_markdown"]

QUESTION_LEVELS: dict[int, str] = {
    1: "asked of specific interviewees",
    2: "asked of the individual case",
    3: "asked of the findings across multiple cases",
    4: "asked of the entire study",
    5: "normative questions beyond the study",
}


@dataclass(frozen=True)
class ProtocolQuestion:
    """A protocol question: the investigator's reminder of what to collect, and from where."""

    id: str
    level: int
    text: str
    sources: tuple[str, ...] = ()
    bears_on: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        if isinstance(self.level, bool) or self.level not in QUESTION_LEVELS:
            raise DesignError(expectation("level", "an integer from 1 to 5 (Yin 2009, p. 87)", self.level, self.id))
        check_text("text", self.text, DesignError, where=self.id)
        check_unique("sources", self.sources, DesignError, where=self.id)


@dataclass(frozen=True)
class Procedure:
    """A data collection procedure (access, schedule, preparation, what to bring...)."""

    id: str
    title: str
    text: str

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_text("title", self.title, DesignError, where=self.id)
        check_text("text", self.text, DesignError, where=self.id)


@dataclass(frozen=True)
class Protocol:
    """The case study protocol.

    Parameters
    ----------
    overview : str
        Background, issues and readings (Yin's section A).
    procedures : tuple of Procedure
    questions : tuple of ProtocolQuestion
    report_outline : tuple of str
        Section headings of the planned report.
    provenance : {'published', 'illustrative', 'synthetic'}
        ``illustrative`` when the protocol is reconstructed rather than published.
    note : str
    rules : RuleFreeze, optional
        When the design's decision rules were frozen, their checksum, and whether they
        were declared before the data or post hoc.
    """

    overview: str
    procedures: tuple[Procedure, ...] = ()
    questions: tuple[ProtocolQuestion, ...] = ()
    report_outline: tuple[str, ...] = ()
    provenance: str = PUBLISHED
    note: str = ""
    rules: RuleFreeze | None = None

    def __post_init__(self) -> None:
        check_text("overview", self.overview, DesignError, where="protocol")
        check_unique("procedures[].id", (p.id for p in self.procedures), DesignError, where="protocol")
        check_unique("questions[].id", (q.id for q in self.questions), DesignError, where="protocol")
        check_provenance(self.provenance, error=DesignError, where="protocol")

    def missing_sections(self) -> tuple[str, ...]:
        """Sections of Yin's protocol that are empty."""
        parts = {"data collection procedures": self.procedures, "protocol questions": self.questions,
                 "report outline": self.report_outline}
        return tuple(k for k, v in parts.items() if not v)


@dataclass(frozen=True)
class DatabasePlan:
    """The case study database: where the evidence is kept apart from the report (Yin 2009, pp. 118-122)."""

    description: str
    location: str = ""
    provenance: str = PUBLISHED

    def __post_init__(self) -> None:
        check_text("description", self.description, DesignError, where="database")
        check_provenance(self.provenance, error=DesignError, where="database")


def _rules_markdown(design: "CaseStudyDesign") -> list[str]:
    rivals = [r for r in design.rivals if r.rules]
    props = [p for p in design.propositions if p.pattern_rules or p.rule_out]
    if not rivals and not props:
        return []
    out = ["## Decision rules", ""]
    f = design.protocol.rules
    if f is None:
        out += ["The rules are not frozen (no `protocol.rules`).", ""]
    else:
        when = ("declared before the data" if f.timing == "before_data"
                else "written post hoc, after the data they decide on were known")
        out += [f"Frozen {f.frozen_at}, {when}; SHA-256 `{f.sha256 or 'not computed'}`. {f.note}".rstrip(), ""]
    out += ["| owner | rule | row | when | outcome | meaning |", "|---|---|---|---|---|---|"]
    for p in props:
        for x in p.pattern_rules:
            out += [f"| {p.id} (pattern) | {x.id} | {x.table}: {', '.join(f'{c}={v}' for c, v in x.row)} | "
                    f"{', '.join(f'{c} {v}' for c, v in x.when)} | holds | {' '.join(x.meaning.split())} |"]
        if p.rule_out:
            out += [f"| {p.id} (pattern) | rule_out | - | - | rejected | {', '.join(p.rule_out)} must be rejected |"]
    for r in rivals:
        for x in r.rules:
            out += [f"| {r.id} | {x.id} | {x.table}: {', '.join(f'{c}={v}' for c, v in x.row)} | "
                    f"{', '.join(f'{c} {v}' for c, v in x.when)} | {x.then} | {' '.join(x.meaning.split())} |"]
        out += [f"| {r.id} | otherwise | - | no rule holds | {r.otherwise} | {' '.join(r.otherwise_meaning.split())} |"]
    return out + [""]


def render_markdown(design: "CaseStudyDesign") -> str:
    """Render the design's protocol as Markdown, with its design context.

    Parameters
    ----------
    design : CaseStudyDesign

    Returns
    -------
    str
        A Markdown document ending in a newline.

    Examples
    --------
    >>> from casestudy.design.designfile import load_design
    >>> md = render_markdown(load_design("data/design/pt_xyz.yaml", verify=False))
    >>> md.splitlines()[0]
    '# Case study protocol: CRM at PT. XYZ'
    """
    p = design.protocol
    src = {s.id: s for s in design.sources}
    out = [f"# Case study protocol: {design.title}", ""]
    if p.provenance != PUBLISHED:
        out += [f"> Provenance: **{p.provenance}**. {p.note}".rstrip(), ""]
    out += ["## A. Overview of the case study", "", p.overview.strip(), ""]
    out += ["### Study questions", ""]
    out += [f"- **{q.id}** ({q.form}): {q.text} *[{q.source}]*" for q in design.questions] + [""]
    out += ["### Propositions", ""]
    out += [f"- **{pr.id}**: {pr.text} Rationale: {pr.rationale}" for pr in design.propositions] + [""]
    out += ["### The case and its units of analysis", ""]
    for c in design.cases:
        out += [f"- **{c.name}**: {c.description.strip()}"]
        out += [f"  - {u.name} (`{u.id}`): {u.description}" for u in c.units]
    out += ["", "## B. Data collection procedures", ""]
    for proc in p.procedures:
        out += [f"### {proc.title}", "", proc.text.strip(), ""]
    out += ["### Sources of evidence", "", "| id | Yin type | provenance | description |", "|---|---|---|---|"]
    out += [f"| {s.id} | {s.type} | {s.provenance} | {s.description} |" for s in design.sources] + [""]
    out += ["## C. Protocol questions", ""]
    for level, label in QUESTION_LEVELS.items():
        qs = [q for q in p.questions if q.level == level]
        if not qs:
            continue
        out += [f"### Level {level}: {label}", ""]
        for q in qs:
            kinds = sorted({src[s].type for s in q.sources if s in src})
            where = ", ".join(q.sources) if q.sources else "no source named"
            bears = f" Bears on: {', '.join(q.bears_on)}." if q.bears_on else ""
            out += [f"- **{q.id}**: {q.text} Likely sources: {where} ({', '.join(kinds) or '-'}).{bears}"]
        out += [""]
    out += _rules_markdown(design)
    out += ["## D. Outline of the case study report", ""]
    out += [f"{i}. {h}" for i, h in enumerate(p.report_outline, 1)] + [""]
    return "\n".join(out).rstrip("\n") + "\n"

"""Report sections built from the case study design: design and protocol, findings, rivals.

Every element that other parts of the report link to gets a stable id:
``q-<question>``, ``p-<proposition>``, ``inf-<informant>``, ``src-<source>``,
``finding-<finding>``, ``rival-<rival>``, ``ev-<evidence item>``. Findings link
down to their evidence items and each item shows the text it resolves to with
its source, informant and offsets, then links back up to its finding and to
the questions and propositions the finding bears on; each question lists the
findings bearing on it. The triangulation matrix, validity scorecard and COREQ
sections are tables of results computed by :mod:`casestudy.design` and
:mod:`casestudy.present.coreq`.

Examples
--------
>>> from casestudy.design.designfile import load_design
>>> d = load_design("data/design/pt_xyz.yaml", verify=False)
>>> s = design_section(d)
>>> s.id, "illustrative" in s.provenance
('design', True)
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from casestudy.present.report import Section, anchor, deflist, df_table, link, paragraphs, slug, table
from casestudy.provenance import LABELS, PROVENANCES

__all__ = [
    "design_section",
    "findings_section",
    "rivals_section",
    "triangulation_section",
    "validity_section",
    "coreq_section",
    "upward_ids",
]


def _provs(design: Any) -> tuple[str, ...]:
    return tuple(sorted({s.provenance for s in design.sources} | {design.protocol.provenance}))


def _links(ids: Any, prefix: str, known: Any) -> dict[str, Any]:
    """A cell of ids, each linked to its anchor when it has one."""
    def one(i: str) -> Any:
        if i not in known:
            return i
        return link(i, "#" + (known[i] if isinstance(known, dict) else slug(prefix, i)))
    return {"label": "", "group": [one(i) for i in ids]}


def _up_link(design: Any, id_: str, up: dict[str, str]) -> dict[str, str]:
    kind = "question" if any(q.id == id_ for q in design.questions) else "proposition"
    return link(f"{kind} {id_}", "#" + up[id_])


def upward_ids(design: Any) -> dict[str, str]:
    """Anchor of each question and proposition id: ``{'q_why': 'q-q_why', 'p_crm_sales': 'p-p_crm_sales'}``."""
    out = {q.id: slug("q", q.id) for q in design.questions}
    out.update({p.id: slug("p", p.id) for p in design.propositions})
    return out


def _findings_on(design: Any, question_id: str) -> list[Any]:
    props = {p.id for p in design.propositions if question_id in p.questions}
    return [f for f in design.findings if question_id in f.bears_on or props & set(f.bears_on)]


def design_section(design: Any, figure_block: dict[str, Any] | None = None) -> Section:
    """Design and protocol: Yin's components, the case and informants, sources, protocol."""
    up = upward_ids(design)
    blocks: list[dict[str, Any]] = [
        paragraphs(f"{design.title}." + (f" Source study: {design.citation}" if design.citation else ""),
                   f"Design type (Yin {design.yin_edition}): {design.yin_type_label}. Declared purpose: "
                   f"{', '.join(design.purpose.declared)}. {design.purpose.note}"),
        {"kind": "subheading", "text": f"1. {design.component_names[0].capitalize()}", "id": "design-questions"},
        deflist([(f"{q.id} ({q.form})",
                  [anchor(q.text, up[q.id])] + ([f"As printed: {q.original}"] if q.original else [])
                  + [{"label": "Findings bearing on it", "group": [
                      link(f.title, "#" + slug("finding", f.id)) for f in _findings_on(design, q.id)]}])
                 for q in design.questions]),
        {"kind": "subheading", "text": f"2. {design.component_names[1].capitalize()}", "id": "design-propositions"},
        deflist([(p.id, [anchor(p.text, up[p.id])] + [f"Rationale: {p.rationale}"]
                  + ([f"Predicted pattern: {p.predicted_pattern}"] if p.predicted_pattern else [])
                  + [{"label": "Answers", "group": [link(q, "#" + up[q]) for q in p.questions if q in up]}])
                 for p in design.propositions]),
        {"kind": "subheading", "text": f"3. {design.component_names[2].capitalize()}", "id": "design-case"},
    ]
    for c in design.cases:
        blocks.append(paragraphs(f"{c.name}: {c.description}" + (f" Selection: {c.selection}" if c.selection else "")))
        units = {u.id: u for u in c.units}
        blocks.append(table(["informant", "embedded unit", "role"],
                            [[anchor(i.id, slug("inf", i.id)), units[i.unit].name if i.unit in units else i.unit,
                              i.role] for i in c.informants],
                            caption="Informants (pseudonyms)"))
    blocks += [
        {"kind": "subheading", "text": f"4. {design.component_names[3].capitalize()}", "id": "design-logic"},
        deflist([(t.technique.replace("_", " "), [t.how, f"Declared by: {t.declared_by}"]) for t in design.logic]),
        {"kind": "subheading", "text": f"5. {design.component_names[4].capitalize()}", "id": "design-criteria"},
        paragraphs(f"Validity tests claimed: {', '.join(t.replace('_', ' ') for t in design.criteria.tests)}. "
                   f"{design.criteria.logic}",
                   f"Theory: {design.framework.citation if design.framework else 'no framework named.'} "
                   f"{design.theory.role} Generalisation: "
                   f"{design.theory.generalisation}"
                   + (f" ({design.theory.statement})." if design.theory.statement else ".")),
    ]
    if figure_block:
        blocks.append(figure_block)
    blocks += [
        {"kind": "subheading", "text": "Sources of evidence", "id": "design-sources"},
        table(["source", "type", "provenance", "informant", "description"],
              [[anchor(s.id, slug("src", s.id)), s.type.replace("_", " "), s.provenance,
                link(s.informant, "#" + slug("inf", s.informant)) if s.informant else "", s.description]
               for s in design.sources]),
        {"kind": "subheading", "text": "Case study protocol", "id": "design-protocol"},
        paragraphs(design.protocol.overview, design.protocol.note),
        deflist([(p.title, p.text) for p in design.protocol.procedures]),
        table(["question", "level", "asks", "sources", "bears on"],
              [[q.id, str(q.level), q.text, _links(q.sources, "src", {s.id for s in design.sources}),
                _links(q.bears_on, "", up)] for q in design.protocol.questions],
              caption="Protocol questions (Yin's levels)"),
        paragraphs("Report outline: " + "; ".join(design.protocol.report_outline)),
    ]
    return Section("design", "Design and protocol", blocks, provenance=_provs(design))


def _table_text(sel: Any, value: Any) -> str:
    shown = f"{value:.4g}" if isinstance(value, float) else str(value)
    row = ", ".join(f"{k} = {v}" for k, v in sel.row)
    return f"{sel.table} [{row}] {sel.column} = {shown}"


def _evidence_entries(design: Any, owner_kind: str, owner_id: str, items: tuple[Any, ...],
                      resolution: pd.DataFrame | None, up_cells: list[dict[str, str]]) -> list[dict[str, Any]]:
    res: dict[str, Any] = {} if resolution is None else {  # rows of the resolution table
        cast(str, r.evidence_id): r for r in resolution[(resolution["owner"] == owner_id)].itertuples()}
    out = []
    for e in items:
        src = design.source(design.source_of(e))
        r = res.get(e.id)
        where: list[Any] = [f"evidence {e.id} ({e.kind})", link(src.id, "#" + slug("src", src.id))]
        if src.informant:
            where.append(link(f"informant {src.informant}", "#" + slug("inf", src.informant)))
        text, problem, prov = "", "", src.provenance
        if r is not None:
            prov = r.provenance
            if r.status == "resolved":
                text = _table_text(e.selector, r.value) if e.kind == "table" else str(r.text)
                if pd.notna(r.start):
                    where.append(f"characters {int(r.start)}-{int(r.end)} of the canonical text (end exclusive)")
            else:
                problem = f"{r.status}: {r.problem}"
        else:
            problem = "not resolved (no case study database or tables given)"
        if e.note:
            where.append(f"note: {e.note}")
        up = [link(f"{owner_kind} {owner_id}", "#" + slug(owner_kind, owner_id)), *up_cells]
        out.append({"id": slug("ev", e.id), "stance": e.stance, "provenance": prov, "text": text, "where": where,
                    "problem": problem, "up": up})
    return out


def findings_section(design: Any, resolution: pd.DataFrame | None, figure_block: dict[str, Any] | None = None) -> Section:
    """Findings by stage of the study's framework, each linked to its evidence and the quoted text, and back up."""
    up = upward_ids(design)
    stages = []
    fw = design.framework
    groups = [(s.id, f"{k}. {s.name_en}") for k, s in enumerate(fw.stages, start=1)] if fw else [("", "Findings")]
    for sid, heading in groups:
        items = []
        for f in (f for f in design.findings if f.stage == sid):
            bears = [_up_link(design, b, up) for b in f.bears_on if b in up]
            items.append({"id": slug("finding", f.id), "title": f"{f.title} ({f.id})", "statement": f.statement,
                          "bears_on": bears, "gap": f.gap,
                          "evidence": _evidence_entries(design, "finding", f.id, f.evidence, resolution, bears)})
        stages.append({"id": slug("stage", sid or "all"), "title": heading, "findings": items})
    blocks: list[dict[str, Any]] = []
    if figure_block:
        blocks.append(figure_block)
    blocks.append({"kind": "findings", "stages": stages})
    provs = tuple(sorted(set(resolution.loc[resolution["owner_kind"] == "finding", "provenance"]))) \
        if resolution is not None else _provs(design)
    title = f"Findings by {fw.title} stage" if fw else "Findings"
    return Section("findings", title, blocks, provenance=provs)


def rivals_section(design: Any, resolution: pd.DataFrame | None, rival_kinds: dict[str, Any]) -> Section:
    """Rival explanations (Yin's craft and real-life rivals), their verdicts and the evidence weighed."""
    up = upward_ids(design)
    rows = [[link(r.id, "#" + slug("rival", r.id)), r.title, rival_kinds[r.kind].name if r.kind in rival_kinds
             else r.kind, r.category.replace("_", "-"), (r.verdict or "undecided").replace("_", " "),
             "declared rules and the data" if r.rules else "none can test it (typed untested)"] for r in design.rivals]
    groups = []
    for cat in sorted({r.category for r in design.rivals}):
        items = []
        for r in (r for r in design.rivals if r.category == cat):
            against = [_up_link(design, x, up) for x in r.rivals if x in up]
            items.append({"id": slug("rival", r.id), "title": f"{r.title}: {r.verdict.replace('_', ' ')}",
                          "statement": f"{r.description} {r.reasoning}", "bears_on": against, "gap": "",
                          "bears_label": "Rival to",
                          "evidence": _evidence_entries(design, "rival", r.id, r.evidence, resolution, against)})
        groups.append({"id": slug("rivals", cat), "title": f"{cat.replace('_', '-').capitalize()} rivals",
                       "findings": items})
    provs = tuple(sorted(set(resolution.loc[resolution["owner_kind"] == "rival", "provenance"]))) \
        if resolution is not None else _provs(design)
    return Section("rivals", "Rival explanations and verdicts",
                   [table(["rival", "explanation", "kind", "category", "verdict", "decided by"], rows),
                    *[paragraphs(f"Predicted pattern of {p.id}: {p.pattern_outcome} ({p.pattern_reading}).")
                      for p in design.propositions if p.pattern_outcome],
                    {"kind": "findings",
                                                                                          "stages": groups}],
                   provenance=provs)


def triangulation_section(matrix: pd.DataFrame) -> Section:
    """The findings x source-type matrix with a verdict per finding (from ``triangulation_matrix``)."""
    cols = list(matrix.columns)
    rows = [[link(v, "#" + slug("finding", v)) if c == "finding" else str(v) for c, v in zip(cols, r)]
            for r in matrix.itertuples(index=False, name=None)]
    provs = {p for b in matrix["basis"] for p in str(b).split("+") if p in PROVENANCES}
    return Section("triangulation", "Triangulation matrix",
                   [paragraphs("Supporting evidence items per finding by Yin's source type; the verdict and the basis "
                               "(what kind of evidence was counted) come from casestudy.design.triangulation."),
                    table([c.replace("_", " ") for c in cols], rows)], provenance=tuple(sorted(provs)))


def validity_section(summary: pd.DataFrame, chain_problems: pd.DataFrame | None = None) -> Section:
    """Yin's four tests, tactic by tactic, with the computed status and reason; then the chain's open links."""
    cols = [c for c in ("test", "tactic", "phase", "status", "reason", "basis") if c in summary.columns]
    provs = {p for b in summary.get("basis", []) for p in str(b).split("+") if p in PROVENANCES}
    blocks = [df_table(summary, columns=cols, caption="Yin's tests and tactics (casestudy.design.validity)")]
    if chain_problems is not None:
        blocks.append(paragraphs(f"Chain of evidence (casestudy.design.chain): {len(chain_problems)} open links."
                                 if len(chain_problems) else "Chain of evidence: every link resolves."))
        if len(chain_problems):
            blocks.append(df_table(chain_problems, caption="Broken, dangling or unchecked links of the chain"))
    return Section("validity", "Validity scorecard", blocks, provenance=tuple(sorted(provs)))


def coreq_section(checklist: pd.DataFrame) -> Section:
    """The COREQ checklist: answered from the design, or open."""
    n_open = int((checklist["status"] == "open").sum())
    provs = {p for v in checklist["provenance"] for p in str(v).split("+") if p in LABELS}
    return Section("coreq", "COREQ checklist (Tong et al. 2007)",
                   [paragraphs(f"{len(checklist) - n_open} of {len(checklist)} items are answered from the design or "
                               f"the case study database; {n_open} are open: the design does not answer them."),
                    table(["item", "status", "answer", "basis", "provenance"],
                          [[{"lines": [f"{r.number}. {r.topic}", r.question]}, cast(str, r.status), cast(str, r.answer),
                            cast(str, r.basis), cast(str, r.provenance)]
                           for r in checklist.itertuples()],
                          caption="COREQ items; the question under each topic is COREQ's guide question")],
                   provenance=tuple(sorted(provs)))

"""The report of a researcher's own study, built from that study alone.

:func:`study_report_sections` lays out what a study made with ``casestudy init`` has,
and nothing else: its design and protocol (with Yin's components in the edition it
follows), the stage coverage of its own framework (when it names one), its findings
with their quotes, triangulation, rivals (when it has any), the validity scorecard,
intercoder reliability (when two or more people coded), and the COREQ checklist.
Orders, the audit, the ledger and the paper's figures belong to a study that
publishes an orders series (PT. XYZ, :mod:`casestudy.present.report_build`), never
to this one. Labels and notes state the study's own provenance, from its sources.

A study of a thousand interviews keeps a usable report: a table longer than
:data:`MAX_ROWS` rows (the sources, the informants) is collapsed under its caption,
lists of codes per stage are cut, and disagreements stay at the first few (``casestudy
irr --disagreements`` lists them all).

Examples
--------
>>> provenance_note({"empirical": 3})
'Every source of this study is its own: 3 empirical (collected for the study).'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from casestudy.present.report import Section, figure, link, paragraphs, slug, table
from casestudy.provenance import NOTES, OWN_EVIDENCE, PROVENANCES

__all__ = ["study_report_sections", "stage_coverage_section", "provenance_note", "MAX_ROWS"]

#: A table of a study report longer than this is collapsed (``<details>``): open to show.
MAX_ROWS = 40
_WORDS = {p: f"{p} ({NOTES[p]})" for p in PROVENANCES}


def provenance_note(counts: Mapping[str, int]) -> str:
    """One sentence on where the study's sources come from, in the study's own provenance words."""
    parts = [f"{n} {_WORDS.get(p, p)}" for p, n in sorted(counts.items()) if n]
    own = all(p in OWN_EVIDENCE for p in counts)
    head = "Every source of this study is its own" if own else "Sources of this study"
    return f"{head}: {', '.join(parts) or 'none registered yet'}."


def stage_coverage_section(design: Any, codebook: Any | None, frequencies: pd.DataFrame | None,
                           coder: str | None) -> Section | None:
    """Per stage of the study's framework: its findings, the codes referring to it and their codings.

    None when the design names no framework.
    """
    fw = design.framework
    if fw is None:
        return None
    counts = {} if frequencies is None else dict(zip(frequencies["code_id"], frequencies["n_codings"]))
    codes: dict[str, list[Any]] = {s.id: [] for s in fw.stages}
    for c in (codebook.codes if codebook is not None else ()):
        if c.framework_ref and c.codable:
            try:
                stage = fw.stage_of(c.framework_ref)
            except Exception:  # a reference outside the framework is the codebook check's business
                continue
            codes.setdefault(stage, []).append(c)
    rows = []
    for k, s in enumerate(fw.stages, start=1):
        found = [f for f in design.findings if f.stage == s.id]
        its = codes.get(s.id, [])
        rows.append([link(f"{k}. {s.label('en')}", "#" + slug("stage", s.id)), s.description,
                     {"label": "", "group": [link(f.title, "#" + slug("finding", f.id)) for f in found]}
                     if found else "no finding",
                     ", ".join(c.label("en") for c in its[:MAX_ROWS]) or "no code",
                     str(sum(int(counts.get(c.id, 0)) for c in its))])
    who = f" by {coder}" if coder else ""
    note = (f"{fw.title}: {len(fw.stages)} {'stages in order' if fw.sequence else 'dimensions'}. "
            f"{sum(1 for r in rows if r[2] != 'no finding')} of them are addressed by a finding. {fw.citation}")
    from casestudy.present.framework_diagram import draw_framework

    fig = draw_framework(fw)
    block = figure(fig, f"{fw.title}, drawn from the framework the study names ({design.theory.framework}).",
                   id_="fig-framework", dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return Section("coverage", f"Stage coverage ({fw.title})",
                   [paragraphs(note), block, table(["stage", "what it covers", "findings", "codes referring to it",
                                                    f"accepted codings{who}"], rows)],
                   provenance=_study_provenance(design))


def _study_provenance(design: Any) -> tuple[str, ...]:
    return tuple(sorted({s.provenance for s in design.sources} or {design.protocol.provenance}))


def study_report_sections(design: Any, dbr: Mapping[str, Any], resolution: pd.DataFrame) -> tuple[
        list[Section], list[str]]:
    """The sections and title notes of an own study's report (see the module docstring).

    Parameters
    ----------
    design : CaseStudyDesign
    dbr : mapping
        What :func:`casestudy.present.report_build.database_results` read from the database.
    resolution : DataFrame
        The design's evidence resolved against the database.
    """
    from casestudy.design.chain import ChainOfEvidence
    from casestudy.design.triangulation import triangulation_matrix
    from casestudy.design.validity import assess_validity
    from casestudy.present.coreq import coreq_checklist
    from casestudy.present.design_diagram import draw_case_study_stages
    from casestudy.present.report_analysis import reliability_section
    from casestudy.present.report_design import (
        coreq_section, design_section, findings_section, rivals_section, triangulation_section, validity_section,
    )
    from casestudy.present.reliability_plots import plot_reliability

    provs = _study_provenance(design)
    fig = draw_case_study_stages(design, "en")
    diagram = figure(fig, f"The case study design: Yin's five components ({design.yin.citation.split(',')[0]} "
                          f"{design.yin_edition}) with this study's questions, case, logic and criteria.",
                     id_="fig-design", dpi=110)
    sections: list[Section] = [design_section(design, diagram)]
    coverage = stage_coverage_section(design, dbr.get("codebook"), dbr.get("frequencies"), dbr.get("first_coder"))
    if coverage is not None:
        sections.append(coverage)
    if design.findings:
        sections.append(findings_section(design, resolution))
    if len(resolution):
        sections.append(triangulation_section(triangulation_matrix(design, resolution)))
    if design.rivals:
        from casestudy.design.rivals import RIVAL_KINDS

        kinds = RIVAL_KINDS if isinstance(RIVAL_KINDS, Mapping) else {k.id: k for k in RIVAL_KINDS}
        sections.append(rivals_section(design, resolution, kinds))
    validity = assess_validity(design, resolution)
    sections.append(validity_section(validity.summary, ChainOfEvidence(design, resolution).problems()))
    result = dbr.get("reliability")
    if result is not None:
        sections.append(reliability_section(result, fig=plot_reliability(result.summary), provenance=provs,
                                            reliability_table=dbr.get("reliability_table")))
    sections.append(coreq_section(coreq_checklist(design, coders=dbr["coders"], n_codes=dbr["n_codes"])))
    for section in sections:
        for b in section.blocks:
            if b.get("kind") == "table" and len(b["rows"]) > MAX_ROWS:
                b["collapsed"] = True
    counts: dict[str, int] = {}
    for s in design.sources:
        counts[s.provenance] = counts.get(s.provenance, 0) + 1
    notes = [provenance_note(counts),
             f"Built from the study's design file and case study database alone: {len(design.sources)} sources, "
             f"{len(design.findings)} findings, {dbr['n_codes']} codes, coders: {', '.join(dbr['coders']) or 'none'}."]
    return sections, notes

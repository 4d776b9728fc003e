"""Gambar 2: the case study stages, drawn from the case study design object.

The paper's Gambar 2 ("Tahapan Studi Kasus") sets Yin's five components
("case study stages") beside the study's own details ("framework details") and
the theory base. Here each row is one component, named as the design's Yin
edition names it, with the details read from the design (questions,
propositions, case and embedded units, analytic techniques, criteria); the
theory base comes from the design's Yin edition, its type and its theory.

Examples
--------
>>> from casestudy.design.designfile import load_design
>>> d = load_design("data/design/pt_xyz.yaml", verify=False)
>>> fig = draw_case_study_stages(d)
>>> texts = [t.get_text().replace("\\n", " ") for t in fig.axes[0].texts]
>>> "Why did sales increase at the ICT service company?" in " ".join(texts)
True
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from casestudy.errors import ReportError, expectation
from casestudy.present.boxes import Sheet, box_height, tint
from casestudy.present.style import PALETTE

__all__ = ["draw_case_study_stages", "component_details"]

_HEADS = {
    "en": ("Case study stages", "Framework details", "Theory base"),
    "id": ("Tahapan Studi Kasus", "Rincian Kerangka", "Dasar Teori"),
}
#: Indonesian names of Yin's components by position (the paper's section III headings).
_COMPONENTS_ID = ("Pertanyaan penelitian", "Proposisi", "Unit-unit analisis",
                  "Logika yang mengaitkan data dengan proposisi", "Kriteria untuk menginterpretasikan temuan")
_M = 0.08


def component_details(design: Any, language: str = "en") -> list[tuple[str, str]]:
    """(component name, details) for Yin's five components, read from ``design``.

    Examples
    --------
    >>> from casestudy.design.designfile import load_design
    >>> rows = component_details(load_design("data/design/pt_xyz.yaml", verify=False))
    >>> [name for name, _ in rows][:2]
    ['study questions', 'propositions']
    """
    if language not in _HEADS:
        raise ReportError(expectation("language", "one of en, id", language))
    questions = "\n".join((q.original or q.text) if language == "id" else q.text for q in design.questions)
    props = " ".join(p.text for p in design.propositions)
    units = "; ".join(
        f"{c.name}: " + ", ".join(u.name for u in c.units) for c in design.cases)
    techniques = ", ".join(t.technique.replace("_", " ") for t in design.logic)
    logic = f"{design.criteria.logic} ({techniques})" if design.criteria.logic else techniques
    criteria = ", ".join(t.replace("_", " ") for t in design.criteria.tests)
    names = design.component_names if language == "en" else _COMPONENTS_ID
    return list(zip(names, (questions, props, units, logic, criteria)))


def draw_case_study_stages(design: Any, language: str = "en") -> Figure:
    """Gambar 2: Yin's components (rows) with the design's details and the theory base.

    Parameters
    ----------
    design : casestudy.design.CaseStudyDesign
    language : {'en', 'id'}
        Headings and component names; details stay in the design's language.
    """
    rows = component_details(design, language)
    heads = _HEADS[language]
    sheet = Sheet()
    w1, w3, gap = 1.45, 1.35, 0.14
    w2 = sheet.width - 2 * _M - w1 - w3 - 2 * gap
    x1, x2 = _M, _M + w1 + gap
    x3 = x2 + w2 + gap
    for x, w, head in zip((x1, x2, x3), (w1, w2, w3), heads):
        sheet.text(x, _M, head, w, size=8.5, weight="bold", ha="center")
    y0 = y = _M + 0.3
    colour, detail = PALETTE[0], PALETTE[5]
    for i, (name, text) in enumerate(rows, start=1):
        title = f"{i}. {name[0].upper()}{name[1:]}"
        h = max(box_height(w1, title, size=7.5, bold=True), box_height(w2, text, size=6.8))
        sheet.box(x1, y, w1, title, size=7.5, bold=True, face=tint(colour, 0.75), edge=colour, min_h=h)
        sheet.box(x2, y, w2, text, size=6.8, face=tint(detail, 0.85), edge=detail, min_h=h, align="left")
        sheet.arrow((x1 + w1 + 0.01, y + h / 2), (x2 - 0.01, y + h / 2))
        y += h + 0.1
    fw = design.framework
    theory = (f"Yin ({design.yin_edition})\n{design.yin_type_label}\n\n" + (
        f"{fw.title}: {', '.join(s.label(language) for s in fw.stages)}" if fw else "No framework named"))
    sheet.box(x3, y0, w3, theory, size=6.8, face="#EEEEEE", edge="#777777", min_h=y - 0.1 - y0)
    sheet.line((x2 + w2 + 0.01, x3 - 0.01), (y0 + (y - y0) / 2, y0 + (y - y0) / 2), dashed=True)
    return sheet.finish()

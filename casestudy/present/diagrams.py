"""The paper's diagrams (Gambar 1, 3, 4, 5, 6) drawn from the framework objects.

Each function takes a :class:`~casestudy.framework.CRMFramework` (default:
:data:`~casestudy.framework.BUTTLE_2004`) and a language, and returns a
matplotlib figure at the paper's column width. Every label comes from the
framework's stages and elements, so a renamed stage
(:meth:`CRMFramework.with_stage_name`) shows its new name. The paper's images
are not in its text; these are reconstructions from its prose (captions in
:mod:`casestudy.present.captions`). Gambar 2 is drawn from the design, in
:mod:`casestudy.present.design_diagram`.

Examples
--------
>>> from casestudy.framework import BUTTLE_2004
>>> fig = draw_buttle_framework(framework=BUTTLE_2004, language="en")
>>> "2.\u00a0Customer intimacy" in [t.get_text().replace("\\n", " ") for t in fig.axes[0].texts]
True
>>> sorted(DIAGRAMS)
['gambar_1', 'gambar_3', 'gambar_4', 'gambar_5', 'gambar_6']
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure

from casestudy.errors import ReportError, expectation
from casestudy.framework import BUTTLE_2004, CRMFramework, LifecyclePhase, NetworkTie, Stage
from casestudy.present.boxes import Box, Sheet, box_height, common_size, tint
from casestudy.present.style import PALETTE

__all__ = [
    "draw_buttle_framework",
    "draw_business_network",
    "draw_value_aspects",
    "draw_customer_lifecycle",
    "draw_crm_ict",
    "stage_colour",
    "DIAGRAMS",
]

#: Structural words of the diagrams (not content: content comes from the framework).
_WORDS = {
    "en": {"stages": "Primary stages", "conditions": "Supporting conditions",
           "partners": "Dashed border: faces partners, not customers",
           "direct": "solid line: direct tie", "indirect": "dashed line: indirect tie", "firm": "The firm"},
    "id": {"stages": "Tahapan utama", "conditions": "Kondisi pendukung",
           "partners": "Garis putus-putus: menghadap mitra, bukan pelanggan",
           "direct": "garis penuh: hubungan langsung", "indirect": "garis putus-putus: hubungan tidak langsung",
           "firm": "Perusahaan"},
}
_M = 0.08  # outer margin, inches
_BODY = 7.5
_HEAD = 8.0
_SMALL = 6.8


def _words(language: str) -> dict[str, str]:
    if language not in _WORDS:
        raise ReportError(expectation("language", "one of en, id", language))
    return _WORDS[language]


def stage_colour(stage: Stage) -> str:
    """The house colour of a stage (by its order in the chain).

    Examples
    --------
    >>> stage_colour(BUTTLE_2004.stage("portfolio"))
    '#0072B2'
    """
    return PALETTE[(stage.order - 1) % len(PALETTE)]


def _stage_title(stage: Stage, language: str) -> str:
    # a no-break space keeps the number on the line of the first word
    return f"{stage.order}.\u00a0{stage.label(language)}"


def _columns(n: int, gap: float, width: float, left: float = _M) -> tuple[list[float], float]:
    w = (width - left - _M - gap * (n - 1)) / n
    return [left + i * (w + gap) for i in range(n)], w


def draw_buttle_framework(framework: CRMFramework = BUTTLE_2004, language: str = "en") -> Figure:
    """Gambar 1: Buttle's CRM value chain, five primary stages over the supporting conditions.

    Parameters
    ----------
    framework : CRMFramework
        The framework drawn.
    language : {'en', 'id'}
        Language of the labels.

    Returns
    -------
    matplotlib.figure.Figure
    """
    words = _words(language)
    sheet = Sheet()
    head = sheet.text(_M, _M, words["stages"], sheet.width - 2 * _M, size=_HEAD, weight="bold")
    xs, w = _columns(len(framework.stages), 0.2, sheet.width)
    titles = [_stage_title(s, language) for s in framework.stages]
    size = common_size(titles, w, _HEAD, "bold")
    h = max(box_height(w, t, size=size, bold=True) for t in titles)
    top = head.bottom + 0.08
    for x, s, t in zip(xs, framework.stages, titles):
        c = stage_colour(s)
        sheet.box(x, top, w, t, size=size, bold=True, face=tint(c, 0.78), edge=c, min_h=h,
                  dashed=s.faces == "partners", linewidth=1.2)
    for a, b in zip(xs, xs[1:]):
        sheet.arrow((a + w + 0.02, top + h / 2), (b - 0.02, top + h / 2))
    y = top + h + 0.18
    if any(s.faces == "partners" for s in framework.stages):
        y = sheet.text(_M, top + h + 0.05, words["partners"], sheet.width - 2 * _M, size=_SMALL,
                       style="italic", colour="#444444").bottom + 0.12
    cond = sheet.text(_M, y, words["conditions"], sheet.width - 2 * _M, size=_HEAD, weight="bold")
    cxs, cw = _columns(len(framework.supporting_conditions), 0.12, sheet.width)
    labels = [e.label(language) for e in framework.supporting_conditions]
    ch = max(box_height(cw, t, size=_BODY) for t in labels)
    for x, t in zip(cxs, labels):
        sheet.box(x, cond.bottom + 0.08, cw, t, size=_BODY, face="#EEEEEE", edge="#777777", min_h=ch)
    return sheet.finish()


def draw_business_network(framework: CRMFramework = BUTTLE_2004, language: str = "en", firm: str = "PT. XYZ") -> Figure:
    """Gambar 3: the firm's business network, direct ties left, indirect ties right.

    The column headings are the network stage's own elements (``network_direct_ties``
    and ``network_indirect_ties``) when it has them.

    Examples
    --------
    >>> fig = draw_business_network(language="id")
    >>> "Kompetitor" in [t.get_text() for t in fig.axes[0].texts]
    True
    """
    words = _words(language)
    sheet = Sheet()
    stage = framework.stage("network")
    heads = {e.id.removeprefix("network_").removesuffix("_ties"): e.label(language) for e in stage.elements}
    colour = stage_colour(stage)
    side_w, firm_w = 2.05, 1.35
    xs = {"direct": _M, "indirect": sheet.width - _M - side_w}
    ties = {k: [t for t in framework.network if t.kind == k] for k in xs}

    def tie_height(tie: NetworkTie) -> float:
        return box_height(side_w, ", ".join(tie.element.item_labels(language)), title=tie.element.label(language),
                          size=_SMALL, title_size=_BODY, pad=0.08)

    def tie_box(tie: NetworkTie, x: float, y: float) -> Box:
        return sheet.box(x, y, side_w, ", ".join(tie.element.item_labels(language)), title=tie.element.label(language),
                         size=_SMALL, title_size=_BODY, pad=0.08, face=tint(colour, 0.85 if tie.kind == "direct" else 0.93),
                         edge=colour, dashed=tie.kind == "indirect")

    totals = {k: sum(tie_height(t) for t in ts) + 0.1 * (len(ts) - 1) for k, ts in ties.items()}
    bottoms: dict[str, list[Box]] = {}
    for kind, x in xs.items():
        hb = sheet.text(x, _M, heads.get(kind, kind), side_w, size=_HEAD, weight="bold", ha="center")
        y = hb.bottom + 0.08 + (max(totals.values()) - totals[kind]) / 2
        boxes = []
        for tie in ties[kind]:
            b = tie_box(tie, x, y)
            boxes.append(b)
            y = b.bottom + 0.1
        bottoms[kind] = boxes
    all_boxes = [b for bs in bottoms.values() for b in bs]
    mid = (min(b.y for b in all_boxes) + max(b.bottom for b in all_boxes)) / 2
    fx = (sheet.width - firm_w) / 2
    fh = max(box_height(firm_w, firm, size=9, bold=True, pad=0.1), 0.6)
    fb = sheet.box(fx, mid - fh / 2, firm_w, firm, size=9, bold=True, pad=0.1, face=tint(colour, 0.6), edge=colour,
                   linewidth=1.4, min_h=fh)
    for kind, x_firm in (("direct", fb.x), ("indirect", fb.right)):
        boxes = bottoms.get(kind, [])
        for i, b in enumerate(boxes):  # spread the ends along the firm's side so arrowheads do not pile up
            y_firm = fb.y + fb.h * (i + 1) / (len(boxes) + 1)
            end = (b.right, b.cy) if kind == "direct" else (b.x, b.cy)
            sheet.arrow((x_firm, y_firm), end, colour=colour, dashed=kind == "indirect", both=True)
    legend = f"{words['direct']}; {words['indirect']}"
    sheet.text(_M, sheet.bottom + 0.1, legend, sheet.width - 2 * _M, size=_SMALL, style="italic", ha="center",
               colour="#444444")
    return sheet.finish()


def draw_value_aspects(framework: CRMFramework = BUTTLE_2004, language: str = "en",
                       enabled_aspect: str = "aspect_event") -> Figure:
    """Gambar 4: the thirteen aspects of customer value in their four factors.

    Within a factor holding ``enabled_aspect``, the other aspects point to it
    (the paper: spatial, monetary and temporal aspects enable the event aspect).

    Examples
    --------
    >>> fig = draw_value_aspects()
    >>> sum(t.get_text() == "Event" for t in fig.axes[0].texts)
    1
    """
    sheet = Sheet()
    by_id = {a.id: a for a in framework.value_aspects}
    colour = stage_colour(framework.stage("value"))
    xs, w = _columns(len(framework.value_factors), 0.12, sheet.width)
    titles = [f.element.label(language) for f in framework.value_factors]
    hh = max(box_height(w, t, size=_HEAD, bold=True) for t in titles)
    ah = max(box_height(w - 0.16, by_id[a].label(language), size=_BODY)
             for f in framework.value_factors for a in f.aspect_ids)
    for x, f, t in zip(xs, framework.value_factors, titles):
        head = sheet.box(x, _M, w, t, size=_HEAD, bold=True, face=tint(colour, 0.55), edge=colour, min_h=hh)
        y = head.bottom + 0.1
        enabling = [a for a in f.aspect_ids if a != enabled_aspect]
        for a in enabling:
            b = sheet.box(x + 0.08, y, w - 0.16, by_id[a].label(language), size=_BODY, face=tint(colour, 0.88),
                          edge=colour, min_h=ah)
            y = b.bottom + 0.07
        if enabled_aspect in f.aspect_ids:
            y += 0.2
            sheet.arrow((x + w / 2, y - 0.24), (x + w / 2, y - 0.01), colour=colour)
            sheet.box(x + 0.08, y, w - 0.16, by_id[enabled_aspect].label(language), size=_BODY, bold=True,
                      face=tint(colour, 0.7), edge=colour, min_h=ah, linewidth=1.3)
    return sheet.finish()


def draw_customer_lifecycle(framework: CRMFramework = BUTTLE_2004, language: str = "en") -> Figure:
    """Gambar 5: the customer lifecycle in the paper's names (new, care, develop), Buttle's beside.

    Examples
    --------
    >>> fig = draw_customer_lifecycle()
    >>> [t.get_text() for t in fig.axes[0].texts][:1]
    ['New customers']
    """
    sheet = Sheet()
    colour = stage_colour(framework.stage("lifecycle"))
    xs, w = _columns(len(framework.lifecycle), 0.35, sheet.width)

    def title(p: LifecyclePhase) -> str:
        return p.paper_name_en if language == "en" else p.paper_name_id

    def body(p: LifecyclePhase) -> str:
        items = "\n".join(f"• {i}" for i in p.element.item_labels(language))
        return f"({p.element.label(language)})\n{items}"

    h = max(box_height(w, body(p), title=title(p), size=_BODY, title_size=9) for p in framework.lifecycle)
    top = _M
    for x, p in zip(xs, framework.lifecycle):
        sheet.box(x, top, w, body(p), title=title(p), size=_BODY, title_size=9, face=tint(colour, 0.82),
                  edge=colour, min_h=h, linewidth=1.2)
    for a, b in zip(xs, xs[1:]):
        sheet.arrow((a + w + 0.03, top + h / 2), (b - 0.03, top + h / 2), colour=colour, width=1.2)
    if len(xs) >= 2:
        # the cycle: developed customers come back to be cared for (repeat purchase)
        sheet.arrow((xs[-1] + w / 2, top + h + 0.02), (xs[-2] + w / 2, top + h + 0.02), colour=colour, rad=-0.35,
                    width=1.2)
        sheet._grow(top + h + 0.45)
    return sheet.finish()


def draw_crm_ict(framework: CRMFramework = BUTTLE_2004, language: str = "en", per_row: int = 3) -> Figure:
    """Gambar 6: CRM at the ICT service company, each stage beside the sub-elements the paper uses.

    Examples
    --------
    >>> renamed = BUTTLE_2004.with_stage_name("network", "Business network")
    >>> fig = draw_crm_ict(renamed)
    >>> any("Business network" in t.get_text().replace("\\n", " ") for t in fig.axes[0].texts)
    True
    """
    words = _words(language)
    sheet = Sheet()
    stage_w, gap = 1.5, 0.08
    left = _M + stage_w + 0.22
    xs, cw = _columns(per_row, gap, sheet.width, left=left)
    y = _M
    prev: Box | None = None
    head_size = common_size([_stage_title(s, language) for s in framework.stages], stage_w, _HEAD, "bold")
    for s in framework.stages:
        c = stage_colour(s)
        chips = [(e.label(language), ", ".join(e.item_labels(language))) for e in s.elements]
        rows = [chips[i:i + per_row] for i in range(0, len(chips), per_row)] or [[]]
        row_h = [max((box_height(cw, body, title=t, size=_SMALL, title_size=_BODY) for t, body in r), default=0.3)
                 for r in rows]
        block = sum(row_h) + gap * (len(rows) - 1)
        title = _stage_title(s, language)
        block = max(block, box_height(stage_w, title, size=head_size, bold=True))
        sb = sheet.box(_M, y, stage_w, title, size=head_size, bold=True, face=tint(c, 0.7), edge=c, min_h=block,
                       dashed=s.faces == "partners", linewidth=1.2)
        ry = y
        for r, rh in zip(rows, row_h):
            for x, (t, body) in zip(xs, r):
                sheet.box(x, ry, cw, body, title=t, size=_SMALL, title_size=_BODY, face=tint(c, 0.9), edge=c,
                          min_h=rh, align="left")
            ry += rh + gap
        sheet.line((sb.right, left - 0.04), (sb.cy, sb.cy), colour=c)
        if prev is not None:
            sheet.arrow((prev.cx, prev.bottom + 0.01), (sb.cx, sb.y - 0.01))
        prev = sb
        y = max(sb.bottom, ry - gap) + 0.2
    if any(s.faces == "partners" for s in framework.stages):
        sheet.text(_M, y - 0.1, words["partners"], sheet.width - 2 * _M, size=_SMALL, style="italic",
                   colour="#444444")
    return sheet.finish()


#: The framework diagrams by paper figure id.
DIAGRAMS: dict[str, Callable[..., Figure]] = {
    "gambar_1": draw_buttle_framework,
    "gambar_3": draw_business_network,
    "gambar_4": draw_value_aspects,
    "gambar_5": draw_customer_lifecycle,
    "gambar_6": draw_crm_ict,
}

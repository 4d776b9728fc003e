"""Any study's framework as a figure: its stages in order (or side by side), their elements, conditions.

:func:`draw_framework` draws a :class:`casestudy.framework.model.Framework` (Buttle 2004,
SERVQUAL 1988, or a study's own YAML file): one box per stage with its elements below it,
arrows between stages when they form a sequence, and the supporting conditions, if any, in a
row underneath. Only the framework's own words are drawn, in the language asked for (its first
language when it has no name in that one).

Examples
--------
>>> from casestudy.framework.framework_yaml import load_framework
>>> fig = draw_framework(load_framework("servqual_1988"))
>>> bool(fig.get_size_inches()[0] > 0)
True
"""

from __future__ import annotations

from matplotlib.figure import Figure

from casestudy.framework.model import Framework
from casestudy.present.boxes import Sheet, box_height, common_size, tint
from casestudy.present.style import PALETTE

__all__ = ["draw_framework"]

_M, _HEAD, _BODY = 0.08, 8.0, 6.6


def _columns(n: int, gap: float, width: float) -> tuple[list[float], float]:
    w = (width - 2 * _M - gap * (n - 1)) / max(n, 1)
    return [_M + i * (w + gap) for i in range(n)], w


def draw_framework(framework: Framework, language: str = "en") -> Figure:
    """Draw ``framework``'s stages (with arrows when they form a sequence) and supporting conditions."""
    sheet = Sheet()
    head = sheet.text(_M, _M, f"{framework.title}: " + ("stages in order" if framework.sequence else "dimensions"),
                      sheet.width - 2 * _M, size=_HEAD, weight="bold")
    xs, w = _columns(len(framework.stages), 0.16 if framework.sequence else 0.08, sheet.width)
    titles = [s.label(language) for s in framework.stages]
    size = common_size(titles, w, _HEAD, "bold")
    h = max(box_height(w, t, size=size, bold=True) for t in titles)
    top = head.bottom + 0.08
    bottom = top + h
    for k, (x, s, t) in enumerate(zip(xs, framework.stages, titles)):
        colour = PALETTE[k % len(PALETTE)]
        sheet.box(x, top, w, t, size=size, bold=True, face=tint(colour, 0.78), edge=colour, min_h=h, linewidth=1.2)
        items = "\n".join(e.label(language) for e in s.elements)
        if items:
            box = sheet.box(x, top + h + 0.06, w, items, size=_BODY, face="#F6F6F6", edge=colour)
            bottom = max(bottom, box.bottom)
    if framework.sequence:
        for a, b in zip(xs, xs[1:]):
            sheet.arrow((a + w + 0.02, top + h / 2), (b - 0.02, top + h / 2))
    if framework.supporting_conditions:
        cond = sheet.text(_M, bottom + 0.14, "Supporting conditions", sheet.width - 2 * _M, size=_HEAD, weight="bold")
        cxs, cw = _columns(len(framework.supporting_conditions), 0.12, sheet.width)
        labels = [e.label(language) for e in framework.supporting_conditions]
        ch = max(box_height(cw, t, size=_BODY) for t in labels)
        for x, t in zip(cxs, labels):
            sheet.box(x, cond.bottom + 0.08, cw, t, size=_BODY, face="#EEEEEE", edge="#777777", min_h=ch)
    return sheet.finish()

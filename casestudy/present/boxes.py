"""Boxes and arrows sized from rendered text: the drawing primitive of the paper diagrams.

A :class:`Sheet` is a figure whose one axes maps data units to inches, with
``y`` growing downwards, so a diagram is laid out top to bottom in inches at
the paper's column width. Text is wrapped with :mod:`textwrap` to the width a
box allows *as rendered* (measured with the Agg renderer), and each box is as
tall as its wrapped text, so nothing is cut off or overlaps. The figure's
height is fixed only when the layout is finished (:meth:`Sheet.finish`).

Examples
--------
>>> sheet = Sheet(width=3.0)
>>> b = sheet.box(0.1, 0.1, 1.2, "Customer portfolio analysis", size=8)
>>> round(b.w, 2), b.h > 0.2
(1.2, True)
>>> wrap_to_width("Customer portfolio analysis", 0.8, size=8).count("\\n") >= 1
True
>>> fig = sheet.finish()
>>> float(round(fig.get_size_inches()[0], 2))
3.0
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text

from casestudy.present.layout import CONTAINER_ATTR
from casestudy.present.style import COLUMN_WIDTH_IN, apply_style

__all__ = ["Box", "Sheet", "box_height", "common_size", "fit_size", "measure", "wrap_to_width", "tint"]

_MEASURE_DPI = 300


@lru_cache(maxsize=1)
def _scratch() -> Figure:
    fig = Figure(figsize=(8, 8), dpi=_MEASURE_DPI)
    FigureCanvasAgg(fig)
    return fig


@lru_cache(maxsize=4096)
def measure(text: str, size: float = 8.0, weight: str = "normal", style: str = "normal") -> tuple[float, float]:
    """Return the rendered (width, height) of ``text`` in inches.

    Examples
    --------
    >>> w, h = measure("Care", size=8)
    >>> 0.1 < w < 0.5 and 0.05 < h < 0.3
    True
    """
    apply_style()
    fig = _scratch()
    t = Text(0, 0, text, fontsize=size, fontweight=weight, fontstyle=style, figure=fig)
    ext = t.get_window_extent(renderer=cast(FigureCanvasAgg, fig.canvas).get_renderer())
    return float(ext.width) / _MEASURE_DPI, float(ext.height) / _MEASURE_DPI


def wrap_to_width(text: str, width_in: float, size: float = 8.0, weight: str = "normal", style: str = "normal") -> str:
    """Wrap ``text`` with :func:`textwrap.fill` to the most characters per line that fit ``width_in`` inches.

    Existing line breaks are kept; words are split only when a single word is wider than the box.

    Examples
    --------
    >>> wrap_to_width("Managing the customer lifecycle", 1.0, size=8)
    'Managing the\\ncustomer lifecycle'
    """
    paragraphs = text.split("\n")
    longest = max(len(p) for p in paragraphs)
    for chars in range(max(longest, 1), 0, -1):
        wrapped = "\n".join(textwrap.fill(p, width=chars, break_on_hyphens=False) if p else "" for p in paragraphs)
        if measure(wrapped, size, weight, style)[0] <= width_in:
            return wrapped
    return "\n".join(textwrap.fill(p, width=1) for p in paragraphs)


def fit_size(text: str, width_in: float, size: float, weight: str = "normal", smallest: float = 5.5) -> float:
    """The largest font size, from ``size`` down in steps of 0.25 pt, at which every word fits ``width_in``.

    Boxes shrink their text rather than split a word across lines.

    Examples
    --------
    >>> fit_size("Pengembangan", 2.0, 8.0)
    8.0
    >>> fit_size("Pengembangan", 0.8, 8.0, "bold") < 8.0
    True
    """
    words = [w for w in re.split(r"[ \t\n]+", text) if w] or [text]  # a no-break space joins words
    current = size
    while current > smallest and max(measure(w, current, weight)[0] for w in words) > width_in:
        current -= 0.25
    return current


def common_size(texts: list[str], w: float, size: float, weight: str = "normal", pad: float = 0.06) -> float:
    """One font size for a row of boxes ``w`` inches wide: the smallest :func:`fit_size` among ``texts``.

    Examples
    --------
    >>> common_size(["Care", "Pengembangan"], 0.8, 8.0, "bold") == fit_size("Pengembangan", 0.8 - 0.16, 8.0, "bold")
    True
    """
    return min(fit_size(t, w - 2 * pad - _SAFETY, size, weight) for t in texts)


def tint(colour: str, amount: float = 0.8) -> str:
    """Mix a ``#rrggbb`` colour with white; ``amount`` 0 keeps it, 1 gives white.

    Examples
    --------
    >>> tint("#0072B2", 0.5)
    '#7fb8d8'
    """
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [int(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@dataclass(frozen=True)
class Box:
    """A drawn box in sheet inches (``y`` downwards): left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        """Lower edge."""
        return self.y + self.h

    @property
    def right(self) -> float:
        """Right edge."""
        return self.x + self.w

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return self.y + self.h / 2


_GAP = 0.04
_SAFETY = 0.04


def _box_parts(inner: float, s: str, title: str, size: float, title_size: float | None,
               bold: bool) -> tuple[list[tuple[str, float, str]], list[float], float]:
    inner -= _SAFETY  # renderers at other dpi hint glyphs a little wider: keep a margin
    parts: list[tuple[str, float, str]] = []
    if title:
        ts = fit_size(title, inner, title_size or size, "bold")
        parts.append((wrap_to_width(title, inner, ts, "bold"), ts, "bold"))
    if s:
        weight = "bold" if bold else "normal"
        bs = fit_size(s, inner, size, weight)
        parts.append((wrap_to_width(s, inner, bs, weight), bs, weight))
    heights = [measure(t, sz, wt)[1] for t, sz, wt in parts]
    return parts, heights, sum(heights) + _GAP * (len(parts) - 1)


def box_height(w: float, s: str, *, title: str = "", size: float = 8.0, title_size: float | None = None,
               pad: float = 0.06, bold: bool = False) -> float:
    """Height in inches that :meth:`Sheet.box` gives a box of width ``w`` with these texts.

    Examples
    --------
    >>> box_height(2.0, "One line", size=8) < box_height(0.6, "Now it needs three lines", size=8)
    True
    """
    return _box_parts(w - 2 * pad, s, title, size, title_size, bold)[2] + 2 * pad


class Sheet:
    """A figure laid out in inches from the top, at a fixed width (default: the paper's column).

    Parameters
    ----------
    width : float
        Figure width in inches; defaults to :data:`casestudy.present.style.COLUMN_WIDTH_IN`.
    """

    def __init__(self, width: float = COLUMN_WIDTH_IN) -> None:
        apply_style()
        self.width = width
        self.fig = Figure(figsize=(width, 1.0))
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax.set_axis_off()
        self.ax.set_xlim(0, width)
        self.bottom = 0.0

    def _grow(self, y: float) -> None:
        self.bottom = max(self.bottom, y)

    def text(self, x: float, y: float, s: str, width: float, *, size: float = 8.0, weight: str = "normal",
             style: str = "normal", ha: str = "left", colour: str = "#000000") -> Box:
        """Write ``s`` wrapped to ``width`` inches with its top at ``y``; return its box."""
        wrapped = wrap_to_width(s, width, size, weight, style)
        w, h = measure(wrapped, size, weight, style)
        anchor = {"left": x, "center": x + width / 2, "right": x + width}[ha]
        self.ax.text(anchor, y, wrapped, ha=ha, va="top", fontsize=size, fontweight=weight, fontstyle=style,
                     color=colour, multialignment=ha)
        self._grow(y + h)
        return Box(x, y, width, h)

    def box(self, x: float, y: float, w: float, s: str, *, title: str = "", size: float = 8.0,
            title_size: float | None = None, face: str = "#FFFFFF", edge: str = "#444444", pad: float = 0.06,
            dashed: bool = False, bold: bool = False, min_h: float = 0.0, align: str = "center",
            linewidth: float = 0.8) -> Box:
        """Draw a rounded box ``w`` inches wide at (``x``, ``y``), as tall as its wrapped text.

        Parameters
        ----------
        x, y, w : float
            Left, top and width in inches.
        s : str
            Body text (may be empty when ``title`` is given).
        title : str
            Optional bold heading above the body.
        size, title_size : float
            Font sizes in points.
        face, edge : str
            Fill and border colours.
        pad : float
            Inner padding in inches.
        dashed, bold : bool
            Dashed border; bold body text.
        min_h : float
            Minimum height (to align boxes of a row).
        align : {'center', 'left'}
            Horizontal alignment of the text.
        """
        parts, heights, content = _box_parts(w - 2 * pad, s, title, size, title_size, bold)
        gap = _GAP
        h = max(content + 2 * pad, min_h)
        patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.05", facecolor=face,
                               edgecolor=edge, linewidth=linewidth, linestyle="--" if dashed else "-")
        self.ax.add_patch(patch)
        ty = y + (h - content) / 2
        tx = x + w / 2 if align == "center" else x + pad
        for (t, sz, wt), th in zip(parts, heights):
            art = self.ax.text(tx, ty, t, ha=align, va="top", fontsize=sz, fontweight=wt, multialignment=align)
            setattr(art, CONTAINER_ATTR, patch)
            ty += th + gap
        self._grow(y + h)
        return Box(x, y, w, h)

    def arrow(self, start: tuple[float, float], end: tuple[float, float], *, colour: str = "#444444",
              dashed: bool = False, rad: float = 0.0, both: bool = False, width: float = 0.9) -> None:
        """Draw an arrow from ``start`` to ``end`` (inches); ``rad`` bends it."""
        self.ax.add_patch(FancyArrowPatch(
            start, end, arrowstyle="<|-|>" if both else "-|>", mutation_scale=8, color=colour, linewidth=width,
            linestyle="--" if dashed else "-", connectionstyle=f"arc3,rad={rad}", shrinkA=0, shrinkB=0))

    def line(self, xs: tuple[float, ...], ys: tuple[float, ...], *, colour: str = "#444444", dashed: bool = False,
             width: float = 0.8) -> None:
        """Draw a polyline through the points (inches)."""
        self.ax.plot(xs, ys, color=colour, linewidth=width, linestyle="--" if dashed else "-",
                     solid_capstyle="butt")

    def finish(self, margin: float = 0.05) -> Figure:
        """Fix the figure's height to the laid-out content and return the figure."""
        height = self.bottom + margin
        self.fig.set_size_inches(self.width, height)
        self.ax.set_ylim(height, 0)
        return self.fig

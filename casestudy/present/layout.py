"""Check a figure's text layout: no text overlaps other text, none is cut off.

Every visible, non-empty text artist of a figure is measured with the
renderer (its window extent, in pixels at the figure's dpi) and compared with
every other text and with the canvas. A text that was placed inside a box by
:mod:`casestudy.present.boxes` is also checked against that box. The check is
what a reader would see at the paper's column width: run it on the figure at
the size it is saved.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig = plt.figure(figsize=(3, 1))
>>> _ = fig.text(0.1, 0.5, "left")
>>> _ = fig.text(0.6, 0.5, "right")
>>> len(layout_problems(fig))
0
>>> _ = fig.text(0.12, 0.5, "clash")
>>> layout_problems(fig)["problem"].tolist()
['overlap']
>>> plt.close(fig)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox, BboxBase

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.backends.backend_agg import FigureCanvasAgg

__all__ = ["TextBox", "text_boxes", "layout_problems", "assert_clean_layout", "CONTAINER_ATTR"]

#: Attribute set on a text artist that must stay inside a patch (its box).
CONTAINER_ATTR = "_casestudy_container"


@dataclass(frozen=True)
class TextBox:
    """A visible text of a figure and its rendered extent in display pixels.

    Parameters
    ----------
    index : int
        Position among the figure's visible texts (stable for one figure).
    text : str
        The string shown.
    bbox : matplotlib.transforms.Bbox
        Rendered extent (pixels, origin bottom left).
    container : matplotlib.transforms.Bbox or None
        Extent of the box the text must stay inside, if any.
    """

    index: int
    text: str
    bbox: Bbox
    container: Bbox | None = None


def _hidden_tick_labels(fig: Figure) -> set[int]:
    """Ids of tick labels that matplotlib will not draw (ticks outside the view interval)."""
    hidden: set[int] = set()
    for ax in fig.get_axes():
        for axis in ax._axis_map.values():  # x and y (and z)
            if not (ax.axison and axis.get_visible()):
                hidden.update(id(t) for tick in [*axis.majorTicks, *axis.minorTicks] for t in (tick.label1, tick.label2))
                hidden.add(id(axis.label))
                continue
            # Axis._update_ticks is private matplotlib API, absent from its stubs.
            drawn = {id(t) for t in axis._update_ticks()}  # type: ignore[attr-defined]
            for tick in [*axis.majorTicks, *axis.minorTicks]:
                if id(tick) not in drawn:
                    hidden.update((id(tick.label1), id(tick.label2)))
    return hidden


def _visible_texts(fig: Figure) -> Iterable[Text]:
    seen: set[int] = _hidden_tick_labels(fig)
    for t in fig.findobj(Text):
        if id(t) in seen or not t.get_visible() or not t.get_text().strip():
            continue
        axes = t.axes
        if axes is not None and not axes.get_visible():
            continue
        seen.add(id(t))
        yield t


def text_boxes(fig: Figure) -> list[TextBox]:
    """Return every visible, non-empty text of ``fig`` with its rendered extent.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    list of TextBox
        In the order matplotlib finds the artists.
    """
    fig.canvas.draw()
    renderer = cast("FigureCanvasAgg", fig.canvas).get_renderer()
    out = []
    for i, t in enumerate(_visible_texts(fig)):
        box = t.get_window_extent(renderer=renderer)
        patch = getattr(t, CONTAINER_ATTR, None)
        container = patch.get_window_extent(renderer=renderer) if isinstance(patch, Patch) else None
        out.append(TextBox(i, t.get_text(), box, container))
    return out


def _overlap(a: Bbox, b: Bbox, tol: float) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tol) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tol)


def _inside(inner: BboxBase, outer: BboxBase, tol: float) -> bool:
    return (inner.x0 >= outer.x0 - tol and inner.y0 >= outer.y0 - tol
            and inner.x1 <= outer.x1 + tol and inner.y1 <= outer.y1 + tol)


def layout_problems(fig: Figure, tol_px: float = 0.5) -> pd.DataFrame:
    """List overlapping texts, texts cut off by the canvas and texts spilling out of their box.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Drawn at its own size and dpi.
    tol_px : float
        Overlaps and spills smaller than this many pixels are ignored.

    Returns
    -------
    pandas.DataFrame
        One row per problem: ``problem`` (``overlap``, ``outside canvas``,
        ``outside box``), ``text``, ``other`` (the other text of an overlap,
        else empty); empty when the layout is clean.
    """
    boxes = text_boxes(fig)
    canvas = fig.bbox
    rows: list[tuple[str, str, str]] = []
    for i, a in enumerate(boxes):
        if not _inside(a.bbox, canvas, tol_px):
            rows.append(("outside canvas", a.text, ""))
        if a.container is not None and not _inside(a.bbox, a.container, tol_px):
            rows.append(("outside box", a.text, ""))
        for b in boxes[i + 1:]:
            if _overlap(a.bbox, b.bbox, tol_px):
                rows.append(("overlap", a.text, b.text))
    return pd.DataFrame(rows, columns=["problem", "text", "other"])


def assert_clean_layout(fig: Figure, name: str = "figure") -> None:
    """Raise ``AssertionError`` listing every layout problem of ``fig``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 1))
    >>> _ = fig.text(0.9, 0.5, "cut off at the edge")
    >>> assert_clean_layout(fig, "demo")
    Traceback (most recent call last):
    ...
    AssertionError: demo: 1 layout problem(s): outside canvas: 'cut off at the edge'
    >>> plt.close(fig)
    """
    problems = layout_problems(fig)
    if len(problems):
        lines = [f"{p.problem}: {p.text!r}" + (f" x {p.other!r}" if p.other else "") for p in problems.itertuples()]
        raise AssertionError(f"{name}: {len(problems)} layout problem(s): " + "; ".join(lines))

"""The text-layout checker finds overlaps, cut-off text and text spilling out of its box."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from casestudy.present.layout import CONTAINER_ATTR, assert_clean_layout, layout_problems, text_boxes


def _fig(w=3.0, h=1.0):
    fig = Figure(figsize=(w, h))
    FigureCanvasAgg(fig)
    return fig


def test_clean_figure_has_no_problem():
    fig = _fig()
    fig.text(0.05, 0.5, "left")
    fig.text(0.6, 0.5, "right")
    assert layout_problems(fig).empty
    assert [b.text for b in text_boxes(fig)] == ["left", "right"]


def test_overlap_and_canvas_are_found():
    fig = _fig()
    fig.text(0.05, 0.5, "first text")
    fig.text(0.1, 0.5, "second")
    fig.text(0.95, 0.9, "falls off the right edge")
    p = layout_problems(fig)
    assert sorted(p["problem"]) == ["outside canvas", "overlap"]
    assert p.loc[p["problem"] == "overlap", ["text", "other"]].values.tolist() == [["first text", "second"]]


def test_text_spilling_out_of_its_box_is_found():
    fig = _fig()
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    box = Rectangle((0.1, 0.3), 0.2, 0.4, fill=False)
    ax.add_patch(box)
    t = ax.text(0.12, 0.5, "much too long for the box")
    setattr(t, CONTAINER_ATTR, box)
    assert layout_problems(fig)["problem"].tolist() == ["outside box"]


def test_invisible_and_empty_texts_are_ignored():
    fig = _fig()
    fig.text(0.05, 0.5, "shown")
    fig.text(0.06, 0.5, "hidden").set_visible(False)
    fig.text(0.07, 0.5, "   ")
    assert layout_problems(fig).empty


def test_assert_clean_layout_names_the_problem():
    fig = _fig()
    fig.text(0.05, 0.5, "a text")
    fig.text(0.06, 0.5, "b text")
    with pytest.raises(AssertionError, match=r"demo: 1 layout problem\(s\): overlap: 'a text' x 'b text'"):
        assert_clean_layout(fig, "demo")


def test_tick_labels_outside_the_view_are_not_counted():
    fig = _fig(4, 3)
    ax = fig.add_axes((0.15, 0.15, 0.8, 0.8))
    ax.plot([0, 1], [0, 42])
    ax.set_ylim(0, 42.5)  # the locator proposes a tick at 50, which is not drawn
    assert layout_problems(fig).empty
    assert "50" not in [b.text for b in text_boxes(fig)]

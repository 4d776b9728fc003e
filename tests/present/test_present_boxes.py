"""Boxes are sized from rendered text: wrapped to fit, never a word split when a smaller size fits."""

from __future__ import annotations

from casestudy.present.boxes import Sheet, box_height, fit_size, measure, tint, wrap_to_width
from casestudy.present.layout import layout_problems


def test_wrap_fits_the_width_as_rendered():
    text = "Analisis portofolio pelanggan dan pengelolaan siklus hidup pelanggan"
    for width in (0.8, 1.2, 2.5):
        wrapped = wrap_to_width(text, width, size=8)
        assert measure(wrapped, 8)[0] <= width
        assert wrapped.replace("\n", " ") == text


def test_long_word_shrinks_instead_of_splitting():
    size = fit_size("Pengembangan", 0.75, 8.0, "bold")
    assert 5.5 <= size < 8.0
    assert measure("Pengembangan", size, "bold")[0] <= 0.75


def test_box_grows_with_text_and_keeps_text_inside():
    sheet = Sheet(width=3.0)
    short = sheet.box(0.1, 0.1, 1.0, "Care")
    tall = sheet.box(1.5, 0.1, 1.0, "Prioritise profitable customers and reward repeat purchases", title="Develop")
    assert tall.h > short.h
    assert tall.h == box_height(1.0, "Prioritise profitable customers and reward repeat purchases", title="Develop")
    fig = sheet.finish()
    assert layout_problems(fig).empty
    assert abs(fig.get_size_inches()[1] - (tall.bottom + 0.05)) < 1e-9


def test_tint():
    assert tint("#000000", 1.0) == "#ffffff" and tint("#0072B2", 0.0) == "#0072b2"

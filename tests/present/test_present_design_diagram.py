"""Gambar 2 is drawn from the design object."""

from dataclasses import replace

import pytest

from casestudy.design.designfile import load_design
from casestudy.present.design_diagram import draw_case_study_stages
from casestudy.present.layout import layout_problems


@pytest.fixture(scope="module")
def design():
    return load_design("data/design/pt_xyz.yaml", verify=False)


def _text(fig):
    return " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)


@pytest.mark.parametrize("language", ["en", "id"])
def test_clean_layout(design, language):
    assert layout_problems(draw_case_study_stages(design, language)).empty


def test_changes_with_the_design(design):
    text = _text(draw_case_study_stages(design))
    assert "1. Study questions" in text and "Why did sales increase" in text and "Type 2: single-case, embedded" in text
    q = replace(design.questions[0], text="What changed after the new CRM system?")
    changed = _text(draw_case_study_stages(replace(design, questions=(q, *design.questions[1:]))))
    assert "What changed after the new CRM system?" in changed and "Why did sales increase" not in changed
    assert "Mengapa" in _text(draw_case_study_stages(design, "id"))

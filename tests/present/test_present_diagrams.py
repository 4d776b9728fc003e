"""Gambar 1, 3-6: drawn from the framework objects, clean at the paper's column width."""

from __future__ import annotations

import pytest

from casestudy.errors import ReportError
from casestudy.framework import BUTTLE_2004
from casestudy.present.diagrams import (
    DIAGRAMS, draw_business_network, draw_buttle_framework, draw_crm_ict, draw_value_aspects,
)
from casestudy.present.layout import layout_problems
from casestudy.present.style import COLUMN_WIDTH_IN


def _texts(fig):
    return [t.get_text().replace("\n", " ").replace("\u00a0", " ") for t in fig.axes[0].texts]


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_every_diagram_has_a_clean_layout_at_column_width(name, language):
    fig = DIAGRAMS[name](language=language)
    assert tuple(fig.get_size_inches().round(3))[0] == COLUMN_WIDTH_IN
    problems = layout_problems(fig)
    assert problems.empty, problems.to_string()


def test_renamed_stage_changes_gambar_1_and_gambar_6():
    renamed = BUTTLE_2004.with_stage_name("network", "Partner network", "Jaringan mitra")
    for draw in (draw_buttle_framework, draw_crm_ict):
        before, after = _texts(draw(BUTTLE_2004)), _texts(draw(renamed))
        assert "3. Network development" in before and "3. Network development" not in after
        assert "3. Partner network" in after
        assert "3. Jaringan mitra" in _texts(draw(renamed, language="id"))


def test_labels_come_from_the_framework():
    g1 = _texts(draw_buttle_framework())
    assert [t for t in g1 if t[:2] in {"1.", "2.", "3.", "4.", "5."}] == [
        f"{s.order}. {s.name_en}" for s in BUTTLE_2004.stages]
    assert all(c.name_en in g1 for c in BUTTLE_2004.supporting_conditions)
    g3 = _texts(draw_business_network(firm="ACME"))
    assert "ACME" in g3 and all(t.element.name_en in g3 for t in BUTTLE_2004.network)
    g4 = _texts(draw_value_aspects(language="id"))
    assert sum(a.name_id in g4 for a in BUTTLE_2004.value_aspects) == 13
    g6 = " | ".join(_texts(draw_crm_ict()))
    assert all(e.name_en in g6 for s in BUTTLE_2004.stages for e in s.elements)


def test_unknown_language_is_an_error():
    with pytest.raises(ReportError, match="'language' must be one of en, id"):
        draw_buttle_framework(language="fr")

"""Buttle's framework objects: the paper's structure, unique ids, validation messages."""

from __future__ import annotations

import dataclasses

import pytest

from casestudy.errors import FrameworkError
from casestudy.framework import BUTTLE_2004, Element, Stage, aspects_of


def test_five_stages_in_order_network_faces_partners():
    assert [(s.order, s.id, s.faces) for s in BUTTLE_2004.stages] == [
        (1, "portfolio", "customers"), (2, "intimacy", "customers"), (3, "network", "partners"),
        (4, "value", "customers"), (5, "lifecycle", "customers"),
    ]


def test_value_aspects_in_four_factors():
    assert {f.id: len(f.aspect_ids) for f in BUTTLE_2004.value_factors} == {
        "factor_product_introduction": 2, "factor_purchase_management": 5,
        "factor_supporting": 4, "factor_conditional_assessment": 2,
    }
    assert [a.id for a in aspects_of("factor_conditional_assessment")] == ["aspect_control", "aspect_organisational"]
    assert len(BUTTLE_2004.value_aspects) == 13


def test_lifecycle_keeps_both_names():
    assert [(p.element.name_en, p.paper_name_en) for p in BUTTLE_2004.lifecycle] == [
        ("Customer acquisition", "New customers"), ("Customer retention", "Care"),
        ("Customer development", "Develop"),
    ]


def test_network_ties():
    assert {t.kind for t in BUTTLE_2004.network} == {"direct", "indirect"}
    assert BUTTLE_2004.get("tie_government_regulation").item_labels("id")[1] == "NIB"


def test_ids_unique_and_resolvable():
    ids = BUTTLE_2004.ids()
    assert len(ids) == len(set(ids))
    for i in ids:
        assert BUTTLE_2004.get(i).id == i


def test_unknown_id_message():
    with pytest.raises(FrameworkError) as err:
        BUTTLE_2004.get("loyalty")
    assert str(err.value) == "'id' must be an id of the Buttle 2004 framework (got 'loyalty')"


def test_bad_element_and_stage_messages():
    with pytest.raises(FrameworkError) as err:
        Element("Bad Id", "x", "y", "z")
    assert str(err.value) == (
        "'id' must be a lower-case identifier of letters, digits, '_' or '-' starting with a letter (got 'Bad Id')"
    )
    with pytest.raises(FrameworkError) as err:
        Stage("x", 1, "X", "X", "Q?", (), faces="suppliers")
    assert str(err.value) == "x: 'faces' must be one of customers, partners (got 'suppliers')"


def test_stage_order_must_be_a_sequence():
    stages = tuple(reversed(BUTTLE_2004.stages))
    with pytest.raises(FrameworkError) as err:
        dataclasses.replace(BUTTLE_2004, stages=stages)
    assert str(err.value) == "Buttle 2004: 'stages[].order' must be 1..n in sequence (got [5, 4, 3, 2, 1])"


def test_rename_is_a_copy():
    renamed = BUTTLE_2004.with_stage_name("value", "Creating value")
    assert renamed.stage("value").name_en == "Creating value"
    assert BUTTLE_2004.stage("value").name_en == "Value proposition development"

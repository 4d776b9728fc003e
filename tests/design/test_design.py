"""The design aggregate: Yin type, lookups, resolution, dropping a source."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casestudy.design.case import DesignCase, Unit
from casestudy.errors import DesignError
from conftest import MINI_TEXTS


def test_yin_types(mini):
    holistic = DesignCase("c2", "Other", "x")
    assert mini.yin_type_label == "Type 2: single-case, embedded"
    # informants of the embedded case would dangle without it, so drop them with the review records
    plain = replace(mini, sources=tuple(replace(s, informant="") for s in mini.sources),
                    review=replace(mini.review, records=(), reviewer_units=()))
    assert replace(plain, cases=(DesignCase("c1", "C", "x"),)).yin_type_label == "Type 1: single-case, holistic"
    assert replace(plain, cases=(DesignCase("c1", "C", "x"), holistic)).yin_type_label == "Type 3: multiple-case, holistic"
    assert replace(mini, cases=(*mini.cases, DesignCase("c3", "D", "x", units=(Unit("u3", "U", "x"),)))).yin_type == (
        "multiple", "embedded")


def test_component_names_follow_edition(mini, pt_xyz):
    assert mini.component_names[2] == "units of analysis"
    assert replace(mini, yin_edition="2014").component_names[2] == "the case"


def test_dangling_informant(mini):
    with pytest.raises(DesignError, match=r"^mini: 'sources\[0\]\.informant' must be the id of an informant of the "
                                          r"case \(got 'i1'\)$"):
        replace(mini, cases=(DesignCase("c1", "C", "x"),))


def test_resolution_columns(mini):
    res = mini.resolve(texts=MINI_TEXTS)
    assert res[["owner_kind", "owner", "evidence_id", "source_type", "status", "start", "end"]].values.tolist()[0] == [
        "finding", "f1", "e1", "interviews", "resolved", 4, 9]


def test_drop_source(mini):
    d = mini.drop_source("doc_a")
    assert [s.id for s in d.sources] == ["int_a", "pub_t"]
    assert [e.id for f in d.findings for e in f.evidence] == ["e1", "e3"]
    r1 = d.rivals[0]
    assert (r1.verdict, r1.evidence, [x.id for x in r1.rules]) == ("", (), ["r1_test"])
    r1 = mini.drop_source("pub_t").rivals[0]
    assert (r1.verdict, r1.rules, r1.reasoning) == ("untested", (), "Its decision rules read pub_t, now removed.")
    assert d.protocol.questions[0].sources == ("int_a",)

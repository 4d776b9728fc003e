"""Coded segments: quote selectors, spans, validation."""

from __future__ import annotations

import pytest

from casestudy.records.segments import Coding, check_span, locate_quote
from casestudy.errors import CodingError

TEXT = "INF01: kopi, kopi 🙂 kopi."


def test_occurrences_count_in_code_points() -> None:
    assert [locate_quote(TEXT, "kopi", n) for n in (1, 2, 3)] == [(7, 11), (13, 17), (20, 24)]
    assert TEXT[20:24] == "kopi"


@pytest.mark.parametrize("kwargs, message", [
    ({"start": 5, "end": 5}, "coding of 'int_inf01': 'end' must be greater than start 5 (got 5)"),
    ({"start": -1}, "coding of 'int_inf01': 'start' must be a non-negative integer (got -1)"),
    ({"status": "maybe"}, "coding of 'int_inf01': 'status' must be one of suggested, accepted, rejected (got 'maybe')"),
    ({"origin": "guess"}, "coding of 'int_inf01': 'origin' must be one of manual, auto, import, consensus (got 'guess')"),
])
def test_coding_validation(kwargs: dict, message: str) -> None:
    base = {"source_id": "int_inf01", "start": 0, "end": 4, "code_id": "x", "coder_id": "coder_a"}
    with pytest.raises(CodingError) as err:
        Coding(**{**base, **kwargs})
    assert str(err.value) == message


def test_span_outside_text_and_bad_occurrence() -> None:
    with pytest.raises(CodingError) as err:
        Coding("int_inf01", 20, 40, "x", "coder_a").quote(TEXT)
    assert str(err.value) == "int_inf01: 'span' must be within the text's 25 code points, start < end (got (20, 40))"
    with pytest.raises(CodingError) as err:
        locate_quote(TEXT, "kopi", 0, source_id="int_inf01")
    assert str(err.value) == "int_inf01: 'occurrence' must be a positive integer (got 0)"
    with pytest.raises(CodingError) as err:
        check_span(3, 2, 2)
    assert str(err.value) == "coding: 'span' must be within the text's 3 code points, start < end (got (2, 2))"

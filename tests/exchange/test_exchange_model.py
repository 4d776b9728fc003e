"""The neutral model: stable GUIDs, Key: value descriptions, validation of its objects."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casestudy.errors import ExchangeError
from casestudy.exchange.model import (
    GUID_NAMESPACE, RefiCode, Selection, TextSource, Variable, format_fields, parse_fields, stable_guid, walk_codes,
)

KEYS = ["Code id", "Label (id)", "Definition (en)", "When to use", "Keywords (id)"]


def test_guids_are_uuid5_of_kind_and_key():
    assert stable_guid("code", "trust") == str(uuid.uuid5(GUID_NAMESPACE, "code\x1ftrust"))
    assert stable_guid("coding", "s", 1, 5) != stable_guid("coding", "s", 15)
    assert uuid.UUID(stable_guid("user", "coder_a")).version == 5


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.text(st.characters(blacklist_categories=("Cs",),
                                                                       blacklist_characters="\r"), min_size=1)),
                min_size=1, max_size=5, unique_by=lambda kv: kv[0]))
def test_fields_round_trip(pairs):
    assert parse_fields(format_fields(pairs)) == dict(pairs)


def test_foreign_descriptions_are_not_fields():
    assert parse_fields("Interview with a repeat buyer.") == {}
    assert parse_fields("Code id: a\nCode id: b") == {}


def test_objects_validate():
    with pytest.raises(ExchangeError) as exc:
        Selection(stable_guid("s", 1), 5, 5)
    assert str(exc.value) == (f"Selection {stable_guid('s', 1)}: 'startPosition, endPosition' must be integers with "
                              "0 <= start < end (got (5, 5))")
    with pytest.raises(ExchangeError) as exc:
        TextSource(stable_guid("t", 1), "t", "abc", selections=(Selection(stable_guid("s", 1), 1, 4),))
    assert str(exc.value) == (f"TextSource 't', PlainTextSelection {stable_guid('s', 1)}: 'endPosition' must be at "
                              "most 3, the length of the source in code points (got 4)")
    with pytest.raises(ExchangeError) as exc:
        Variable(stable_guid("v", 1), "years", "Number")
    assert str(exc.value) == ("Variable 'years': 'typeOfVariable' must be one of Text, Boolean, Integer, Float, "
                              "Date, DateTime (got 'Number')")
    with pytest.raises(ExchangeError, match=r"^Code \S+: 'name' must be a non-empty string \(got ''\)$"):
        RefiCode(stable_guid("c", 1), "")


def test_walk_codes_is_depth_first():
    leaf = RefiCode(stable_guid("c", 3), "leaf")
    tree = (RefiCode(stable_guid("c", 1), "root", False, children=(RefiCode(stable_guid("c", 2), "mid", children=(leaf,)),)),
            RefiCode(stable_guid("c", 4), "other"))
    assert [(c.name, p.name if p else None) for c, p in walk_codes(tree)] == [
        ("root", None), ("mid", "root"), ("leaf", "mid"), ("other", None)]

"""Units of agreement: turns, sentences, characters, documents; unassigned units are missing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from casestudy.errors import ReliabilityError
from casestudy.reliability import units as un

from _irr_corpus import CODINGS, TEXT, TEXTS, TURNS  # noqa: E402  (shared toy corpus)

TURNS_T = pd.DataFrame({"source_id": ["t"], "turn": [1], "speaker": ["P"], "start": [0], "end": [8], "body_start": [3]})
ALL = pd.concat([TURNS, TURNS_T], ignore_index=True)


def test_sentence_splitter_keeps_abbreviations_initials_and_decimals():
    text = "Kami dari PT. Nusa, Jl. Mawar no. 5. Harga Rp. 1.500 dll. Bu A. Sari setuju!  \"Oke.\" Lalu"
    got = [text[s:e] for s, e in un.split_sentences(text)]
    assert got == ["Kami dari PT. Nusa, Jl. Mawar no. 5.", "Harga Rp. 1.500 dll. Bu A. Sari setuju!", '"Oke."',
                   "Lalu"]


def test_units_of_each_kind():
    turns = un.make_units(TURNS, {"s": TEXT}, "turn")
    assert turns[["unit_id", "start", "end"]].values.tolist() == [["1", 0, 35], ["2", 37, 61]]
    sentences = un.make_units(TURNS, {"s": TEXT}, "sentence")
    assert sentences["text"].tolist() == ["Harga kami murah.", "Layanan cepat.", "Saya puas.", "Beli lagi."]
    assert sentences["unit_id"].tolist() == ["1.1", "1.2", "2.1", "2.2"]
    chars = un.make_units(TURNS, {"s": TEXT}, "character")
    assert len(chars) == len(TEXT) and "".join(chars["text"]) == TEXT
    docs = un.make_units(TURNS, {"s": TEXT}, "document")
    assert docs[["unit_id", "start", "end"]].values.tolist() == [["s", 0, len(TEXT)]]


def test_unknown_unit_is_one_clear_error():
    with pytest.raises(ReliabilityError) as exc:
        un.make_units(TURNS, {"s": TEXT}, "paragraph")
    assert str(exc.value) == ("make_units: 'unit' must be one of turn, sentence, character, document "
                              "(got 'paragraph')")


def test_presence_per_code_by_sentence_ignores_suggestions():
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="sentence")
    assert sorted(data.matrices) == ["price", "satisfaction", "service"]
    assert data.matrices["price"].values.tolist() == [[1, 1], [0, 0], [0, 0], [0, 0]]
    assert data.matrices["service"].values.tolist() == [[0, 0], [1, 0], [0, 0], [0, 0]]  # b's is only suggested
    assert data.matrices["satisfaction"].values.tolist() == [[0, 0], [0, 0], [1, 1], [1, 0]]


def test_unassigned_source_is_missing_not_disagreement():
    assignments = pd.DataFrame({"coder_id": ["a", "a", "b"], "source_id": ["s", "t", "s"]})
    data = un.reliability_data(CODINGS, ALL, TEXTS, unit="turn", assignments=assignments)
    m = data.matrices["price"]
    assert data.units["source_id"].tolist() == ["s", "s", "t"]
    assert m.iloc[2].tolist()[0] == 0.0 and np.isnan(m.iloc[2].tolist()[1])


def test_coder_who_coded_nothing_is_all_absent_when_assigned():
    assignments = pd.DataFrame({"coder_id": ["a", "c"], "source_id": ["s", "s"]})
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="turn", coders=["a", "c"], assignments=assignments)
    assert data.matrices["price"].values.tolist() == [[1, 0], [0, 0]]


def test_unknown_coder_is_one_clear_error():
    with pytest.raises(ReliabilityError) as exc:
        un.reliability_data(CODINGS, TURNS, {"s": TEXT}, coders=["a", "z"])
    assert str(exc.value) == "reliability data: 'coders' must be coders of the database (a, b) (got 'z')"


def test_one_coder_only_is_one_clear_error():
    with pytest.raises(ReliabilityError) as exc:
        un.reliability_data(CODINGS, TURNS, {"s": TEXT}, coders=["a", "a"])
    assert str(exc.value) == "reliability data: 'coders' must be at least two different coders (got ['a', 'a'])"


def test_character_units_mark_exact_spans():
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="character", codes=["price"])
    m = data.matrices["price"]
    a_start = TEXT.index("Harga")
    b_start = TEXT.index("murah")
    assert m["a"].sum() == len("Harga kami murah.") and m["b"].sum() == len("murah")
    assert m["a"].iloc[a_start] == 1 and m["b"].iloc[a_start] == 0 and m["b"].iloc[b_start] == 1


def test_category_scheme_maps_codes_and_joins_several():
    stage = {"price": "portfolio", "service": "lifecycle", "satisfaction": "lifecycle"}
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="turn", scheme="category", categories=stage)
    assert data.matrices["(category)"].values.tolist() == [["lifecycle+portfolio", "portfolio"],
                                                          ["lifecycle", "lifecycle"]]


def test_document_units():
    data = un.reliability_data(CODINGS, TURNS, {"s": TEXT}, unit="document")
    assert data.matrices["service"].values.tolist() == [[1, 0]]


class FakeDb:
    """The read API of CaseDatabase that from_database uses."""

    def coders(self):
        return pd.DataFrame({"coder_id": ["a", "b", "c"]})

    def assignments(self):
        return pd.DataFrame({"coder_id": ["a", "b"], "source_id": ["s", "s"]})

    def codings(self, status=None):
        rows = CODINGS.assign(codebook_version=1)
        return rows[rows["status"] == status] if status else rows

    def turns(self, source_id=None):
        return TURNS

    def source_text(self, source_id):
        return TEXTS[source_id]


def test_from_database_uses_the_read_api():
    data = un.from_database(FakeDb(), unit="turn")
    assert data.coders == ("a", "b", "c")
    assert np.isnan(data.matrices["price"]["c"]).all()  # c is a coder with no assignment: all missing
    with pytest.raises(ReliabilityError) as exc:
        un.from_database(FakeDb(), coders=["a", "x"])
    assert str(exc.value) == "case study database: 'coders' must be coders of the database (a, b, c) (got 'x')"


class TwoVersionDb(FakeDb):
    def codings(self, status=None):
        both = pd.concat([CODINGS.assign(codebook_version=1), CODINGS.assign(codebook_version=2)])
        return both[both["status"] == status] if status else both


def test_codings_of_two_codebook_versions_need_a_choice():
    with pytest.raises(ReliabilityError) as exc:
        un.from_database(TwoVersionDb(), coders=["a", "b"])
    assert str(exc.value) == ("case study database: 'codebook_version' must be given: the codings refer to "
                              "versions 1, 2 (got None)")
    data = un.from_database(TwoVersionDb(), coders=["a", "b"], codebook_version=2)
    assert data.matrices["price"].values.tolist() == [[1, 1], [0, 0]]

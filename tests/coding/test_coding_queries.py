"""Queries: segments, frequencies, matrices, co-occurrence, keyword in context, consent filter."""

from __future__ import annotations

import pytest

from _coding_helpers import db, db_path  # noqa: F401 (fixtures)
from casestudy.coding import queries
from casestudy.errors import StoreError
from casestudy.store import CaseDatabase


def test_coded_segments_text_turn_stage_and_consent(db: CaseDatabase) -> None:
    seg = queries.coded_segments(db, coder="coder_a", context=10)
    assert seg[["source_id", "turn", "speaker", "stage", "code_id"]].values.tolist() == [
        ["int_inf01", 2, "INF01", "lifecycle", "lifecycle_acquire"],
        ["int_inf01", 2, "INF01", "lifecycle", "lifecycle_complaint_handling"],
        ["int_inf02", 2, "INF02", "intimacy", "intimacy_on_site_assistance"],
        ["int_inf02", 2, "INF02", "lifecycle", "lifecycle_complaint_handling"]]  # inf03: no consent
    assert seg.iloc[1]["text"] == "Ada keluhan juga."
    assert seg.iloc[1]["context_before"] == "di dinas. "
    assert len(queries.coded_segments(db, coder="coder_a", consented_only=False)) == 5


def test_code_frequencies(db: CaseDatabase) -> None:
    f = queries.code_frequencies(db, coder="coder_a", consented_only=False)
    assert f[["code_id", "n_codings", "n_sources", "n_informants"]].values.tolist() == [
        ["intimacy_on_site_assistance", 1, 1, 1], ["lifecycle_acquire", 2, 2, 2],
        ["lifecycle_complaint_handling", 2, 2, 2]]
    assert f["n_chars"].tolist() == [32, 69, 74]


def test_code_by_informant_and_attribute(db: CaseDatabase) -> None:
    with pytest.raises(StoreError) as err:
        queries.code_by_informant(db)
    assert str(err.value) == ("code_by_informant: 'coder' must be given: the codings are by 2 coders (coder_a, "
                              "coder_b) and a matrix counts one coder's codings (got None)")
    m = queries.code_by_informant(db, coder="coder_a")
    assert m.to_dict() == {"inf01": {"intimacy_on_site_assistance": 0, "lifecycle_acquire": 1,
                                     "lifecycle_complaint_handling": 1},
                           "inf02": {"intimacy_on_site_assistance": 1, "lifecycle_acquire": 0,
                                     "lifecycle_complaint_handling": 1}}
    a = queries.code_by_attribute(db, "unit", coder="coder_a", consented_only=False)
    assert a.to_dict() == {"government_buyers": {"intimacy_on_site_assistance": 0, "lifecycle_acquire": 1,
                                                 "lifecycle_complaint_handling": 0},
                           "owner": {"intimacy_on_site_assistance": 0, "lifecycle_acquire": 1,
                                     "lifecycle_complaint_handling": 1},
                           "repeat_buyers": {"intimacy_on_site_assistance": 1, "lifecycle_acquire": 0,
                                             "lifecycle_complaint_handling": 1}}
    with pytest.raises(StoreError) as err:
        queries.code_by_attribute(db, "age")
    assert str(err.value) == "code_by_attribute: 'attribute' must be one of role, unit (got 'age')"


def test_matrix_keeps_sources_without_an_informant(db_path) -> None:
    from casestudy.records.segments import Coding
    from casestudy.records.transcripts import Transcript
    from casestudy.store import FixedClock

    note = Transcript.from_turns("obs_visit", [("Observer", "Pelanggan pertama datang pagi.")],
                                 source_type="direct_observation", language="id")
    with CaseDatabase(db_path, clock=FixedClock()) as db:
        db.add_transcripts([note])
        db.add_codings([Coding.from_quote(note.text, "obs_visit", "Pelanggan pertama", "lifecycle_acquire", "coder_a")])
        m = queries.code_by_informant(db, coder="coder_a", consented_only=False)
    assert list(m.columns) == ["inf01", "inf02", "inf03", "obs_visit (no informant)"]
    assert m.loc["lifecycle_acquire", "obs_visit (no informant)"] == 1


def test_matrix_command_needs_a_coder_when_two_coded(db_path, capsys) -> None:
    from casestudy.cli import main

    assert main(["query", "matrix", "--by", "informant", "--db", str(db_path)]) == 2
    assert capsys.readouterr().err == (
        "casestudy: error: casestudy query matrix: '--coder' must be given: the codings are by 2 coders (coder_a, "
        "coder_b) and a matrix counts one coder's codings (got None)\n")
    assert main(["query", "matrix", "--by", "informant", "--db", str(db_path), "--coder", "coder_b"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("accepted codings of coder coder_b per code (rows) and informant (columns)\n")


def test_cooccurrence_overlap_and_turn(db: CaseDatabase) -> None:
    o = queries.cooccurrence(db, coder="coder_a")
    assert o.loc["intimacy_on_site_assistance", "lifecycle_complaint_handling"] == 1
    assert o.loc["lifecycle_acquire", "lifecycle_complaint_handling"] == 0
    t = queries.cooccurrence(db, by="turn", coder="coder_a")
    assert t.loc["lifecycle_acquire", "lifecycle_complaint_handling"] == 1
    assert t.values.tolist() == t.T.values.tolist()
    with pytest.raises(StoreError) as err:
        queries.cooccurrence(db, by="sentence")
    assert str(err.value) == "cooccurrence: 'by' must be one of overlap, turn (got 'sentence')"


def test_keyword_in_context_whole_word(db: CaseDatabase) -> None:
    k = queries.keyword_in_context(db, "TEMAN", width=8)
    assert k[["source_id", "turn", "left", "keyword", "right"]].values.tolist() == [
        ["int_inf01", 2, "ma dari ", "teman", " di dina"]]
    assert len(queries.keyword_in_context(db, "teman", consented_only=False)) == 2


def test_quotes_per_stage_and_export(db: CaseDatabase) -> None:
    q = queries.quotes_per_stage(db, coder="coder_a")
    assert q[["stage", "code_id", "source_id"]].values.tolist() == [
        ["intimacy", "intimacy_on_site_assistance", "int_inf02"],
        ["lifecycle", "lifecycle_acquire", "int_inf01"], ["lifecycle", "lifecycle_complaint_handling", "int_inf01"]]
    e = queries.coding_export(db)
    assert list(e.columns) == ["source", "code", "start", "end", "quote", "occurrence", "context", "coder", "status",
                               "origin", "memo"]
    assert "int_inf03" not in set(e["source"])

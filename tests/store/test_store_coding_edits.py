"""Review actions of the case study database: decisions on suggestions, removal, memos, codebook revisions, undo."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import pytest

from casestudy.records.codebook import CodebookRevision
from casestudy.records.coders import Coder
from casestudy.records.segments import Coding
from casestudy.records.memos import Memo
from casestudy.errors import CodingError, StoreError
from casestudy.store import CaseDatabase

from _store_helpers import CLOCK, db, db_path, tiny_codebook  # noqa: F401 (fixtures)


def _suggest(db: CaseDatabase) -> list[int]:
    db.add_coders([Coder("autocoder", "Keyword suggestions", "program"), Coder("coder_b", "Coder B")])
    text = db.source_text("int_inf02")
    s = text.index("pendampingan")
    event = db.add_codings([Coding("int_inf01", 0, 11, "portfolio_pricing", "autocoder", "suggested", "auto",
                                   rule="keyword:bagaimana"),
                            Coding("int_inf02", s, s + 12, "portfolio_pricing", "autocoder", "suggested", "auto",
                                   rule="keyword:pendampingan")])
    return db.codings(event_id=event)["coding_id"].tolist()


def test_accept_credits_the_coder_and_keeps_origin_and_rule(db: CaseDatabase) -> None:
    ids = _suggest(db)
    event = db.accept_suggestions(ids[:1], "coder_b")
    mine = db.codings(coder="coder_b")
    assert mine[["status", "origin", "rule", "suggestion_id", "start", "end", "event_id"]].values.tolist() == [
        ["accepted", "auto", "keyword:bagaimana", ids[0], 0, 11, event]]
    assert db.codings(coder="autocoder")["status"].tolist() == ["suggested", "suggested"]  # the suggestion stays
    assert db.events().iloc[-1][["actor", "action"]].tolist() == ["coder_b", "accept_suggestions"]
    again = db.accept_suggestions(ids[:1], "coder_a")  # a second coder decides independently
    assert len(db.codings(coder="coder_a", event_id=again)) == 1
    db.undo(again)
    db.undo(event)
    assert db.codings(coder="coder_b").empty


def test_reject_then_change_of_mind_then_undo(db: CaseDatabase) -> None:
    ids = _suggest(db)
    db.reject_suggestions(ids, "coder_b")
    assert db.codings(coder="coder_b")["status"].tolist() == ["rejected", "rejected"]
    changed = db.accept_suggestions(ids[1:], "coder_b")
    assert db.codings(coder="coder_b")["status"].tolist() == ["rejected", "accepted"]
    step = json.loads(db.events().iloc[-1]["detail"])["steps"][0]
    assert step["added"] == 0 and list(step["previous"].values()) == ["rejected"]
    db.undo(changed)
    assert db.codings(coder="coder_b")["status"].tolist() == ["rejected", "rejected"]


@pytest.mark.parametrize("ids, coder, message", [
    ([999], "coder_b", "accept suggestions: 'coding_id' must be the id of a stored coding (got 999)"),
    ([1], "coder_b", "accept suggestions: 'coding_id' must be the id of a suggestion (status 'suggested') (got 1)"),
    (None, "coder_z", "accept suggestions: 'coder' must be a coder of the database (got 'coder_z')"),
])
def test_accept_errors_store_nothing(db: CaseDatabase, ids: list[int] | None, coder: str, message: str) -> None:
    good = _suggest(db)
    before = len(db.codings())
    with pytest.raises(CodingError) as err:
        db.accept_suggestions(good[:1] + (ids or []), coder)
    assert str(err.value) == message
    assert len(db.codings()) == before


def test_accepting_what_the_coder_already_coded_adds_nothing(db: CaseDatabase) -> None:
    db.add_coders([Coder("autocoder", "Keyword suggestions", "program")])
    same = db.codings(coder="coder_a").iloc[0]
    event = db.add_codings([Coding(same.source_id, int(same.start), int(same.end), same.code_id, "autocoder",
                                   "suggested", "auto")])
    sid = int(db.codings(event_id=event)["coding_id"].iloc[0])
    db.accept_suggestions([sid], "coder_a")
    step = json.loads(db.events().iloc[-1]["detail"])["steps"][0]
    assert (step["added"], step["already_coded"]) == (0, [sid])


def test_remove_codings_with_memos_and_undo(db: CaseDatabase) -> None:
    row = db.codings().iloc[0]
    cid = int(row.coding_id)
    db.set_coding_memo(cid, "first customer through a friend")
    db.add_memos([Memo("coding", str(cid), "coder_a", "check the date")])
    before = db.codings()
    event = db.remove_codings([cid], actor="coder_a")
    assert cid not in db.codings()["coding_id"].tolist() and db.memos().empty
    db.undo(event)
    assert db.codings().equals(before) and db.memos()["text"].tolist() == ["check the date"]


def test_memo_set_clear_and_undo(db: CaseDatabase) -> None:
    cid = int(db.codings().iloc[0].coding_id)
    first = db.set_coding_memo(cid, "  why: first sale ")
    second = db.set_coding_memo(cid, "")
    assert db.codings().iloc[0].memo is None
    db.undo(second)
    assert db.codings().iloc[0].memo == "why: first sale"
    db.undo(first)
    assert db.codings().iloc[0].memo is None


def test_removing_a_decided_suggestion_is_refused(db: CaseDatabase) -> None:
    ids = _suggest(db)
    db.accept_suggestions(ids[:1], "coder_b")
    mine = int(db.codings(coder="coder_b")["coding_id"].iloc[0])
    with pytest.raises(CodingError) as err:
        db.remove_codings(ids[:1])
    assert str(err.value) == (f"remove codings: 'coding_id' must be a coding no coder's decision points at "
                              f"(remove {mine} first) (got {ids[0]})")


def test_undo_names_the_later_event_to_undo_first(db: CaseDatabase) -> None:
    db.add_coders([Coder("autocoder", "Keyword suggestions", "program"), Coder("coder_b", "Coder B")])
    made = db.add_codings([Coding("int_inf01", 0, 11, "portfolio_pricing", "autocoder", "suggested", "auto")])
    ids = db.codings(event_id=made)["coding_id"].tolist()
    accepted = db.accept_suggestions(ids, "coder_b")
    with pytest.raises(StoreError) as err:
        db.undo(made)
    assert str(err.value) == (f"undo: 'event_id' must be an event no later event depends on: event {accepted} "
                              f"(accept_suggestions by coder_b) works on its codings; undo event {accepted} first "
                              f"(got {made})")
    db.undo(accepted)
    db.undo(made)  # now it can
    with pytest.raises(StoreError, match="must be an event not undone yet"):
        db.undo(made)


def test_undo_of_a_coder_with_later_codings_is_explained(db: CaseDatabase) -> None:
    event = db.add_coders([Coder("coder_c", "Coder C")])
    later = db.add_codings([Coding("int_inf01", 0, 5, "lifecycle_acquire", "coder_c")])
    with pytest.raises(StoreError) as err:
        db.undo(event)
    assert str(err.value) == (f"undo: 'event_id' must be an event no later event depends on: event {later} "
                              f"(add_codings by casestudy) uses rows it added (codings); undo event {later} first "
                              f"(got {event})")
    assert "coder_c" in db.coders()["coder_id"].tolist()  # nothing changed


def test_revise_codebook_carries_codings_and_undo(db: CaseDatabase) -> None:
    v1 = db.codebook()
    v2 = v1.revise([CodebookRevision("rename", ("portfolio_pricing",), ("portfolio_price",), "shorter")])
    ids = db.codings()["coding_id"].tolist()
    event = db.revise_codebook(v2, actor="coder_a")
    c = db.codings()
    assert c["coding_id"].tolist() == ids and set(c["codebook_version"]) == {2}
    assert sorted(c["code_id"]) == ["lifecycle_acquire", "portfolio_price"]
    db.undo(event)
    assert db.codebook() == v1 and set(db.codings()["codebook_version"]) == {1}
    assert sorted(db.codings()["code_id"]) == ["lifecycle_acquire", "portfolio_pricing"]


def test_merge_of_two_codes_on_one_span_keeps_one_and_undo_restores_both(db: CaseDatabase) -> None:
    row = db.codings().iloc[0]
    db.add_codings([Coding(row.source_id, int(row.start), int(row.end), "portfolio_pricing", "coder_a")])
    v1 = db.codebook()
    v2 = v1.revise([CodebookRevision("merge", ("lifecycle_acquire", "portfolio_pricing"), ("lifecycle_acquire",),
                                     "never told apart")])
    before = db.codings()
    event = db.revise_codebook(v2)
    assert len(db.codings()) == len(before) - 1
    db.undo(event)
    assert db.codings().equals(before)


def test_revise_codebook_needs_a_newer_version(db: CaseDatabase) -> None:
    with pytest.raises(StoreError) as err:
        db.revise_codebook(replace(tiny_codebook(), title_en="Other"))
    assert str(err.value) == "codebook 'mini': 'version' must be greater than the stored version 1 (got 1)"


def test_old_database_migrates_note_to_memo(tmp_path) -> None:  # noqa: ANN001
    from casestudy.store.schema import MIGRATIONS

    path = tmp_path / "v1.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO events VALUES (1, 't', 'a', 'x', '{}')")
    con.execute("INSERT INTO sources (id, source_type, title, language, provenance, text, event_id)"
                " VALUES ('s', 'interviews', 's', 'id', 'illustrative', 'Halo dunia', 1)")
    con.execute("INSERT INTO coders VALUES ('coder_a', 'A', 'coder', 1)")
    con.execute("INSERT INTO codebook_versions (version, codebook_id, title_en, title_id, provenance, created,"
                " event_id) VALUES (1, 'cb', 'C', 'C', 'illustrative', 't', 1)")
    con.execute("INSERT INTO codes (id, version, position, codable, label_en, label_id) VALUES ('x', 1, 0, 1, 'X', 'X')")
    con.execute("INSERT INTO codings (source_id, start, \"end\", code_id, codebook_version, coder_id, status, origin,"
                " note, created, event_id) VALUES ('s', 0, 4, 'x', 1, 'coder_a', 'accepted', 'manual', 'kept', 't', 1)")
    con.close()
    with CaseDatabase(path, clock=CLOCK) as db:
        assert db.codings()[["memo", "rule"]].values.tolist() == [["kept", None]]

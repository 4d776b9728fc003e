"""The coding view's actions without a browser: every click is one event, credited to the view's coder."""

from __future__ import annotations

import json

import pytest

from casestudy.errors import CodingError
from casestudy.view import CodingSession
from casestudy.view._demo import demo_database
from casestudy.view.render import render_html
from casestudy.view.selection import selection_span, utf16_offsets, utf16_to_code_point


@pytest.fixture
def db():
    database = demo_database()
    yield database
    database.close()


def _u16(text, start, end):
    units = utf16_offsets(text)
    return units[start], units[end]


def _span(db, phrase):
    text = db.source_text("int_demo")
    start = text.index(phrase)
    return text, start, start + len(phrase)


# -- selections: UTF-16 units in, code points out -------------------------------------------------------
def test_selection_after_an_emoji_and_a_combining_accent_lands_on_the_same_code_points():
    text = "Ana: pag\u0303e 😀 ramai sekali"
    start = text.index("ramai")
    start16, end16 = _u16(text, start, start + 5)
    assert (start16, end16) == (start + 1, start + 6)  # the emoji is two UTF-16 units, the accent one
    assert selection_span(text, start16, end16) == (start, start + 5)


def test_selection_is_trimmed_and_never_splits_a_letter_from_its_accent():
    text = "x pag\u0303e y"
    g = text.index("\u0303")
    assert selection_span(text, 0, g) == (0, g + 1)  # widened over the combining tilde
    assert selection_span(text, 1, 8) == (2, 7)  # spaces dropped at both ends


def test_offset_inside_a_surrogate_pair_is_refused_with_the_offset():
    with pytest.raises(CodingError) as err:
        utf16_to_code_point("a😀b", 2)
    assert str(err.value) == "selection: 'offset' must be a UTF-16 offset between two characters (got 2)"
    with pytest.raises(CodingError, match=r"'offset' must be a UTF-16 offset between two characters \(got 9\)"):
        utf16_to_code_point("a😀b", 9)


def test_a_selection_of_white_space_only_is_refused():
    with pytest.raises(CodingError) as err:
        selection_span("a   b", 1, 4, where="int_demo")
    assert str(err.value) == "int_demo: 'selection' must be some text (not only white space) (got '')"


# -- coding from a selection ---------------------------------------------------------------------------
def test_code_selection_stores_code_points_the_coder_and_one_event(db):
    s = CodingSession(db, "coder_a")
    text, start, end = _span(db, "ramai every Saturday")
    event = s.code_selection(*_u16(text, start, end), "busy")
    rows = db.codings(coder="coder_a")
    assert rows[["start", "end", "code_id", "status", "origin", "text"]].values.tolist() == [
        [start, end, "busy", "accepted", "manual", "ramai every Saturday"]]
    assert int(rows["event_id"].iloc[0]) == event
    ev = db.events().set_index("event_id").loc[event]
    assert (ev["actor"], ev["action"]) == ("coder_a", "add_codings")
    assert s.state()["codings"][str(int(rows["coding_id"].iloc[0]))]["coder"] == "coder_a"


def test_interviewer_turns_are_not_codable_unless_asked(db):
    s = CodingSession(db, "coder_a")
    text, start, end = _span(db, "How busy")
    with pytest.raises(CodingError) as err:
        s.code_span(start, end, "busy")
    assert str(err.value) == (
        f"int_demo [{start}:{end}]: 'selection' must be inside one turn whose speaker may be coded (not "
        "Interviewer's turn 1; open the view with all_turns=True to code it) (got 'How busy')")
    assert [b["codable"] for b in s.state()["blocks"]] == [False, True, False, True]
    assert CodingSession(db, "coder_a", all_turns=True).code_span(start, end, "busy") > 0


def test_a_selection_across_two_turns_is_refused(db):
    s = CodingSession(db, "coder_a", all_turns=False)
    text = db.source_text("int_demo")
    start, end = text.index("slowly"), text.index("The price") + 3
    with pytest.raises(CodingError, match="inside one turn whose speaker may be coded"):
        s.code_span(start, end, "busy")
    assert db.codings(coder="coder_a").empty


def test_the_view_shows_the_coders_own_codings_by_default_and_others_on_request(db):
    text, start, end = _span(db, "ramai")
    CodingSession(db, "coder_b").code_span(start, end, "busy")
    mine = CodingSession(db, "coder_a")
    assert mine.state()["codings"] == {}
    mine.show(["coder_a", "coder_b"])
    assert [c["coder"] for c in mine.state()["codings"].values()] == ["coder_b"]
    with pytest.raises(CodingError, match=r"'coders' must be coders of the database \(got 'nobody'\)"):
        mine.show(["nobody"])


def test_a_program_or_unknown_coder_cannot_open_the_view(db):
    with pytest.raises(CodingError) as err:
        CodingSession(db, "autocoder")
    assert str(err.value) == ("coding view: 'coder' must be a person coder of the database (coder_a, coder_b; add one"
                              " with CaseDatabase.add_coders) (got 'autocoder')")


# -- remove, memo, undo ------------------------------------------------------------------------------------
def test_remove_and_memo_act_on_own_codings_only_and_undo_puts_things_back(db):
    text, start, end = _span(db, "ramai")
    a = CodingSession(db, "coder_a")
    a.code_span(start, end, "busy")
    cid = int(db.codings(coder="coder_a")["coding_id"].iloc[0])
    a.set_memo(cid, "Busy means crowded here.")
    assert db.codings(coder="coder_a")["memo"].tolist() == ["Busy means crowded here."]
    b = CodingSession(db, "coder_b")
    with pytest.raises(CodingError, match=r"'coding' must be one of coder_b's own codings \(remove only your own\)"):
        b.remove(cid)
    a.remove(cid)
    assert db.codings(coder="coder_a").empty
    a.undo()  # the removal
    assert db.codings(coder="coder_a")["memo"].tolist() == ["Busy means crowded here."]
    a.undo()  # the memo
    assert db.codings(coder="coder_a")["memo"].isna().all()
    a.undo()  # the coding
    assert db.codings(coder="coder_a").empty
    with pytest.raises(CodingError, match=r"'undo' must be preceded by an action of this view \(got None\)"):
        a.undo()
    assert db.events()["action"].tolist()[-6:] == ["add_codings", "set_coding_memo", "remove_codings", "undo",
                                                   "undo", "undo"]


# -- the suggestion queue -----------------------------------------------------------------------------------
def test_accepting_a_suggestion_credits_the_coder_and_keeps_its_origin_and_rule(db):
    s = CodingSession(db, "coder_a")
    queue = s.state()["queue"]
    first = next(q for q in queue if q["code"] == "busy")
    assert first["rule"] == "keyword:queue" and first["text"] == "queue"
    event = s.accept([first["id"]])
    mine = db.codings(coder="coder_a")
    assert mine[["code_id", "status", "origin", "rule", "text"]].values.tolist() == [
        ["busy", "accepted", "auto", "keyword:queue", "queue"]]
    assert int(mine["suggestion_id"].iloc[0]) == first["id"] and int(mine["event_id"].iloc[0]) == event
    assert first["id"] not in [q["id"] for q in s.state()["queue"]]
    assert db.codings(coder="autocoder", status="suggested")["coding_id"].isin([first["id"]]).any()  # kept as made
    assert CodingSession(db, "coder_b").state()["queue"][0]["id"] == first["id"]  # others decide independently


def test_suggestions_are_accepted_or_rejected_by_code_and_in_interviewer_turns_not_offered(db):
    s = CodingSession(db, "coder_a")
    assert sorted({q["code"] for q in s.state()["queue"]}) == ["busy", "price", "slow"]
    assert all(q["text"] != "busy" for q in s.state()["queue"])  # the interviewer's "busy" is not offered
    s.reject_code("price")
    s.accept_code("slow")
    left = s.state()["queue"]
    assert {q["code"] for q in left} == {"busy"}
    decisions = db.codings(coder="coder_a").sort_values("code_id")
    assert decisions[["code_id", "status"]].values.tolist() == [["price", "rejected"], ["slow", "accepted"]]
    s.undo()
    assert {q["code"] for q in s.state()["queue"]} == {"busy", "slow"}
    with pytest.raises(CodingError, match=r"'code' must be a code with undecided suggestions here \(got 'price'\)"):
        s.accept_code("price")


def test_a_suggestion_not_in_the_queue_is_refused(db):
    s = CodingSession(db, "coder_a")
    with pytest.raises(CodingError, match=r"'suggestion' must be an undecided suggestion in the view's queue"
                                          r" \(got 999\)"):
        s.accept([999])


# -- a new code from the view -----------------------------------------------------------------------------
def test_add_code_makes_a_new_codebook_version_and_codings_follow(db):
    s = CodingSession(db, "coder_a")
    text, start, end = _span(db, "ramai")
    s.code_span(start, end, "busy")
    s.add_code("crowding", "Crowding", parent="shop", definition="Too many people.")
    assert db.codebook().version == 2 and "crowding" in db.codebook().ids()
    assert db.codings(coder="coder_a")["codebook_version"].tolist() == [2]
    s.code_span(start, end, "crowding")
    assert sorted(db.codings(coder="coder_a")["code_id"]) == ["busy", "crowding"]
    assert [c["id"] for c in s.state()["codes"]][:4] == ["shop", "busy", "slow", "crowding"]


def test_a_new_code_applied_to_a_selection_is_one_event_and_one_undo(db):
    s = CodingSession(db, "coder_a")
    text, start, end = _span(db, "queue moves slowly")
    event = s.add_code("waiting", "Waiting", definition="Customers wait.", selection=_u16(text, start, end))
    assert db.codings(coder="coder_a")[["code_id", "text", "event_id"]].values.tolist() == [
        ["waiting", "queue moves slowly", event]]
    assert db.codebook().code("waiting").definition_en == "Customers wait."
    assert s.state()["message"].startswith("added code waiting and applied it to the selection")
    s.undo()
    assert db.codings(coder="coder_a").empty and "waiting" not in db.codebook().ids()


# -- the browser's messages --------------------------------------------------------------------------------
def test_handle_turns_errors_into_one_line_and_never_raises(db):
    s = CodingSession(db, "coder_a")
    assert s.handle({"action": "explode"}) == {"ok": False, "message": (
        "coding view: 'action' must be one of open, show, code, remove, memo, accept, reject, accept_code, "
        "reject_code, add_code, queue, undo (got 'explode')")}
    assert s.handle({"action": "remove", "coding": "x"})["message"] == (
        "coding view: 'id' must be an integer id (got 'x')")
    text, start, end = _span(db, "ramai")
    out = s.handle({"action": "code", "start16": utf16_offsets(text)[start], "end16": utf16_offsets(text)[end],
                    "code": "busy"})
    assert out["ok"] and out["message"].startswith("coded 'ramai' as busy (event ")
    assert s.handle({"action": "code", "start16": 0, "end16": 3, "code": "nope"})["ok"] is False
    assert s.state()["message"].startswith("int_demo [0:3]: 'selection' must be inside one turn")


def test_state_is_plain_data_and_deterministic(db):
    s = CodingSession(db, "coder_a")
    assert json.dumps(s.state(), sort_keys=True) == json.dumps(CodingSession(db, "coder_a").state(), sort_keys=True)
    runs = [r for b in s.state()["blocks"] for r in b["runs"]]
    text = db.source_text("int_demo")
    assert all(text[r["start"]:r["end"]] == r["text"] and r["u16"] == utf16_offsets(text)[r["start"]] for r in runs)


def test_a_database_without_codebook_or_turns_opens_and_says_what_is_missing():
    from casestudy.coding import Coder
    from casestudy.store import CaseDatabase, FixedClock
    from casestudy.view._demo import demo_transcript

    with CaseDatabase(":memory:", clock=FixedClock()) as db:
        db.add_transcripts([demo_transcript()])
        db.add_coders([Coder("coder_a")])
        s = CodingSession(db, "coder_a")
        assert s.state()["codes"] == [] and s.state()["codebook"] is None
        text, start, end = _span(db, "ramai")
        out = s.handle({"action": "code", "start16": utf16_offsets(text)[start], "end16": utf16_offsets(text)[end],
                        "code": "busy"})
        assert out == {"ok": False, "message": (
            "coding view: 'codebook' must be stored in the database before coding (casestudy codings import or"
            " autocode with --codebook FILE, or CaseDatabase.add_codebook) (got None)")}


def test_the_queue_covers_every_source_on_request_and_by_code_acts_on_all_of_them(db):
    from casestudy.coding import Transcript
    from casestudy.coding.suggest import autocode

    second = Transcript.from_turns("int_demo2", [("Interviewer", "Busy?"), ("Ana", "Busy, and a long queue.")],
                                   speakers=(("Interviewer", "interviewer"), ("Ana", "informant")),
                                   release="recorded", language="id")
    db.add_transcripts([second])
    autocode(db, source_ids=["int_demo2"])
    s = CodingSession(db, "coder_a")
    assert {q["source"] for q in s.state()["queue"]} == {"int_demo"}
    assert s.handle({"action": "queue", "all": True})["ok"]
    queue = s.state()["queue"]
    assert {q["source"] for q in queue} == {"int_demo", "int_demo2"}
    assert [q["text"] for q in queue if q["code"] == "busy"] == ["queue", "Busy", "queue"]
    html = render_html(s.state())  # the static picture quotes only the source shown (another may be withheld)
    assert "<p>2 more suggestion(s) wait in other sources.</p>" in html and "<td>Busy</td>" not in html
    s.accept_code("busy")
    assert sorted(db.codings(coder="coder_a")["source_id"]) == ["int_demo", "int_demo2", "int_demo2"]

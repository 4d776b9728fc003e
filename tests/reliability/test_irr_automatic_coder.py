"""The automatic coder is a rater only when asked; shares of codings that came from accepted suggestions."""

from __future__ import annotations

from casestudy.records.coders import Assignment, Coder
from casestudy.records.codebook import Code, Codebook
from casestudy.coding.queries import suggestion_shares
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.reliability.units import from_database
from casestudy.store import CaseDatabase, FixedClock


def _db() -> CaseDatabase:
    db = CaseDatabase(":memory:", clock=FixedClock())
    t = Transcript.from_turns("s", [("A", "Harga murah."), ("A", "Pelayanan ramah.")], language="id")
    db.add_transcripts([t])
    db.add_codebook(Codebook("cb", 1, "C", "C", codes=(Code("p", "P", "P"), Code("s", "S", "S"))))
    db.add_coders([Coder("coder_a"), Coder("coder_b"), Coder("autocoder", "Keyword suggestions", "program")])
    db.assign([Assignment(c, "s") for c in ("coder_a", "coder_b", "autocoder")])
    u1, u2 = t.turns
    made = db.add_codings([Coding("s", u1.body_start, u1.end, "p", "autocoder", "suggested", "auto")])
    db.add_codings([Coding("s", u2.body_start, u2.end, "s", "coder_a"), Coding("s", u1.body_start, u1.end, "p",
                                                                                  "coder_b")])
    db.accept_suggestions(db.codings(event_id=made)["coding_id"].tolist(), "coder_a")
    return db


def test_default_raters_are_the_people() -> None:
    with _db() as db:
        assert from_database(db).coders == ("coder_a", "coder_b")
        assert from_database(db, include_auto=True).coders == ("autocoder", "coder_a", "coder_b")
        assert from_database(db, coders=["autocoder", "coder_a"]).coders == ("autocoder", "coder_a")


def test_share_of_codings_from_accepted_suggestions() -> None:
    with _db() as db:
        shares = suggestion_shares(db, ["coder_a", "coder_b"])
    assert shares[["coder_id", "n_accepted", "from_suggestions", "share"]].values.tolist() == [
        ["coder_a", 2, 1, 0.5], ["coder_b", 1, 0, 0.0]]

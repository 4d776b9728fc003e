"""``casestudy irr --all-turns`` and ``from_database(all_turns=...)``: interviewer turns are left out and counted.

Issue 16: units no coder may code (declared interviewer turns) are excluded from reliability, from the
declared speaker roles; the option keeps them, and the output says how many were left out and why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy.cli import main
from casestudy.consent import ConsentRecord
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Assignment, Coder
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.reliability.units import from_database
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")
SPEAKERS = (("Interviewer", "interviewer"), ("Ann", "informant"))


def _study(path: Path) -> Path:
    turns = [("Interviewer", "How are the opening hours?"), ("Ann", "The opening hours are short."),
             ("Interviewer", "And the staff?"), ("Ann", "The staff are kind."),
             ("Interviewer", "Anything else?"), ("Ann", "The staff helped me.")]
    t = Transcript.from_turns("int_ann", turns, informant_id="ann", language="en", speakers=SPEAKERS)
    with CaseDatabase(path, clock=CLOCK) as db:
        db.add_transcripts([t])
        db.add_codebook(Codebook("lib", 1, "Library", "Library", codes=(Code("staff", "Staff", "Staf"),)))
        text = db.source_text("int_ann")
        spans = {"coder_a": ["staff are kind", "staff helped"], "coder_b": ["staff are kind"]}
        db.add_coders([Coder("coder_a"), Coder("coder_b")])
        db.set_consent([ConsentRecord("ann", "recorded")])
        db.assign([Assignment("coder_a", "int_ann"), Assignment("coder_b", "int_ann")])
        db.add_codings([Coding("int_ann", text.index(q), text.index(q) + len(q), "staff", c)
                        for c, qs in spans.items() for q in qs])
    return path


def test_interviewer_turns_are_left_out_and_counted(tmp_path: Path) -> None:
    db_path = _study(tmp_path / "s.sqlite")
    with CaseDatabase(db_path, clock=CLOCK, readonly=True) as db:
        kept, every = from_database(db), from_database(db, all_turns=True)
    assert (len(kept.units), kept.n_excluded()) == (3, 3)
    assert (len(every.units), every.n_excluded()) == (6, 0)
    assert kept.excluded["n_units"].tolist() == [3]


def test_the_command_line_says_what_it_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(_study(tmp_path / "s.sqlite"))
    assert main(["irr", "--db", db, "--n-boot", "50"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2].split()[:2] == ["staff", "3"]
    assert ("Left out (no coder may code them; --all-turns keeps them): 3 turns of role interviewer "
            "(a role no coder codes)") in out
    assert main(["irr", "--db", db, "--n-boot", "50", "--all-turns"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2].split()[:2] == ["staff", "6"] and "Left out" not in out

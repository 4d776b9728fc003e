"""Issue 12: correcting a transcript after coding re-anchors as one set operation (no UNIQUE crash)."""

from __future__ import annotations

import json
from pathlib import Path

from casestudy.cli import main
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Coder
from casestudy.records.memos import Memo
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")


def _t(body: str) -> Transcript:
    return Transcript.from_turns("int_a", [("I", "Open late?"), ("A", body)], informant_id="a", language="id")


def test_a_moved_coding_that_lands_on_an_identical_one_is_merged(tmp_path: Path) -> None:
    old = _t("Sure. Sure.")
    with CaseDatabase(tmp_path / "r.sqlite", clock=CLOCK) as db:
        db.add_transcripts([old])
        db.add_codebook(Codebook("cb", 1, "C", "C", codes=(Code("yes", "Yes", "Ya"),)))
        db.add_coders([Coder("coder_a")])
        first = old.text.index("Sure")
        second = old.text.index("Sure", first + 1)
        db.add_codings([Coding("int_a", first, first + 4, "yes", "coder_a", status="suggested", origin="auto"),
                        Coding("int_a", second, second + 4, "yes", "coder_a", status="accepted")])
        db.add_memos([Memo("coding", "1", "coder_a", "on the suggestion")])
        # "Sure. Sure." -> "Sure, well.": both codings now belong on the one "Sure" (used to be a UNIQUE error)
        event = db.add_transcripts([_t("Sure, well.")])
        codings = db.codings()
        assert codings[["coding_id", "start", "end", "status", "text"]].values.tolist() == [
            [2, first, first + 4, "accepted", "Sure"]]  # the accepted one survives
        step = json.loads(db.events().iloc[-1]["detail"])["steps"][0]
        assert event == 6 and step["replaced"] == ["int_a"] and step["merged"] == 1
        assert step["merges"][0]["kept"] == 2 and step["merges"][0]["merged"]["origin"] == "auto"  # both origins kept
        assert db.memos()["target_id"].tolist() == ["2"]  # the memo follows the kept coding


def test_correcting_a_transcript_on_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    t = tmp_path / "a.md"
    t.write_text("---\nsource_id: int_a\ninformant: a\nlanguage: en\n---\nI: Open late?\n\nA: Sure. Sure.\n", encoding="utf-8")
    db = tmp_path / "x.sqlite"
    assert main(["transcripts", "import", str(t), "--db", str(db), "--time=2024-01-01T00:00:00+00:00"]) == 0
    with CaseDatabase(db, clock=CLOCK) as d:
        d.add_codebook(Codebook("cb", 1, "C", "C", codes=(Code("yes", "Yes", "Ya"),)))
        d.add_coders([Coder("coder_a")])
        text = d.source_text("int_a")
        a, b = text.index("Sure"), text.rindex("Sure")
        d.add_codings([Coding("int_a", a, a + 4, "yes", "coder_a"), Coding("int_a", b, b + 4, "yes", "coder_a")])
    capsys.readouterr()
    t.write_text(t.read_text(encoding="utf-8").replace("Sure. Sure.", "Sure, well."), encoding="utf-8")
    assert main(["transcripts", "import", str(t), "--db", str(db), "--time=2024-01-01T00:00:00+00:00"]) == 0
    assert "replaced 1 (codings re-anchored 2, unanchored 0, merged into identical 1)" in capsys.readouterr().out

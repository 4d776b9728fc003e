"""Issue 12 (b): declared speakers with roles; an undeclared 'Name:' is a continuation, with a warning."""

from __future__ import annotations

import warnings
from pathlib import Path

import docx
import pytest

from casestudy.cli import main
from casestudy.coding.transcript_readers import read_transcript
from casestudy.records.transcripts import Transcript
from casestudy.errors import TranscriptError, TranscriptWarning
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")
FRONT = ("---\nsource_id: int_lib1\ninformant: lib1\nlanguage: en\nspeakers:\n  Interviewer: interviewer\n"
         "  Ana: informant\n---\n")
BODY = ("Interviewer: When do you open?\n\nAna: We open at eight.\n\n"
        "We also close late: at 9.\n\nInterviewer: Thanks.\n")


def test_undeclared_name_is_a_continuation_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    p = tmp_path / "lib1.md"
    p.write_text(FRONT + BODY, encoding="utf-8")
    with pytest.warns(TranscriptWarning) as caught:
        t = read_transcript(p)
    assert [(u.speaker, u.role) for u in t.turns] == [("Interviewer", "interviewer"), ("Ana", "informant"),
                                                       ("Interviewer", "interviewer")]
    assert t.turns[1].body == "We open at eight. We also close late: at 9."
    assert str(caught[0].message) == ("lib1.md, line 13: 'We also close late' is not a declared speaker; read as a "
                                      "continuation of the previous turn")


def test_without_declaration_the_old_misparse_is_flagged(tmp_path: Path) -> None:
    p = tmp_path / "lib1.md"
    p.write_text("---\ninformant: lib1\n---\n" + BODY, encoding="utf-8")
    with pytest.warns(TranscriptWarning, match=r"no speakers declared; read 3 labels as speakers: 'Interviewer' "
                      r"\(2 turns\), 'Ana' \(1 turn, first at line 6\), 'We also close late' \(1 turn, first at line 8\)"):
        t = read_transcript(p, language="en")
    assert all(u.role is None for u in t.turns)


def test_speakers_option_overrides_and_applies_to_cues(tmp_path: Path) -> None:
    p = tmp_path / "lib2.srt"
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\nInterviewer: When?\n\n2\n00:00:02,500 --> 00:00:04,000\n"
                 "Ana: At eight.\n\n3\n00:00:04,000 --> 00:00:05,000\nNote: we close late.\n", encoding="utf-8")
    with pytest.warns(TranscriptWarning, match=r"lib2.srt, cue 3: 'Note' is not a declared speaker"):
        t = read_transcript(p, speakers="Interviewer=interviewer, Ana=informant", informant_id="lib2", language="en")
    assert [(u.speaker, u.role, u.body) for u in t.turns] == [
        ("Interviewer", "interviewer", "When?"), ("Ana", "informant", "At eight. Note: we close late.")]


def test_docx_with_declared_speakers(tmp_path: Path) -> None:
    p = tmp_path / "lib3.docx"
    d = docx.Document()
    for line in ("Interviewer: When?", "Ana: At eight.", "Sometimes: later."):
        d.add_paragraph(line)
    d.save(p)
    with pytest.warns(TranscriptWarning):
        t = read_transcript(p, speakers={"Interviewer": "interviewer", "Ana": "informant"}, language="en")
    assert [u.role for u in t.turns] == ["interviewer", "informant"]


def test_first_paragraph_must_be_a_declared_speaker(tmp_path: Path) -> None:
    p = tmp_path / "lib4.md"
    p.write_text("---\nspeakers: {Ana: informant}\n---\nHello there.\n\nAna: Hi.\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"lib4.md, line 4: 'turn' must be a paragraph beginning with a "
                       r"declared speaker \(Ana\)"):
        read_transcript(p)


@pytest.mark.parametrize("speakers, message", [
    ({"Ana": "boss"}, "'speakers.Ana' must be one of interviewer, informant, observer, other (got 'boss')"),
    ("Ana", "'speakers' must be NAME=ROLE items separated by commas (got 'Ana')"),
    ([{"name": "Ana"}], "'speakers[]' must be a mapping with name and role (got {'name': 'Ana'})"),
])
def test_bad_declarations(tmp_path: Path, speakers: object, message: str) -> None:
    p = tmp_path / "x.md"
    p.write_text("Ana: hi\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as err:
        read_transcript(p, speakers=speakers)
    assert message in str(err.value)


def test_roles_are_stored_per_turn_and_read_back(tmp_path: Path) -> None:
    t = Transcript.from_turns("int_a", [("I", "q?"), ("A", "yes"), ("O", "note")], informant_id="a",
                              speakers=(("I", "interviewer"), ("A", "informant"), ("O", "observer")), language="id")
    with CaseDatabase(tmp_path / "s.sqlite", clock=CLOCK) as db:
        db.add_transcripts([t])
        turns = db.turns()
        assert turns[["turn", "speaker", "role"]].values.tolist() == [[1, "I", "interviewer"], [2, "A", "informant"],
                                                                      [3, "O", "observer"]]
        assert '"speakers": [["I", "interviewer"]' in db.sources().at[0, "metadata"]
    with pytest.raises(TranscriptError, match="'speaker' must be one of the declared speakers"):
        Transcript.from_turns("int_b", [("X", "q?")], speakers=(("I", "interviewer"),), language="id")


def test_the_corpus_declares_its_speakers() -> None:
    from casestudy import paths

    for f in sorted((paths.corpus_dir() / "transcripts").glob("*.md")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            t = read_transcript(f)
        assert {u.role for u in t.turns} == {"interviewer", "informant"}, f.name


def test_speakers_option_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "lib1.txt"
    p.write_text(BODY, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    status = main(["transcripts", "import", str(p), "--db", str(db), "--informant", "lib1", "--language", "en",
                   "--speakers", "Interviewer=interviewer,Ana=informant", "--time", "2024-01-01T00:00:00+00:00"])
    err = capsys.readouterr().err
    assert status == 0
    assert "casestudy: warning: lib1.txt, line 5: 'We also close late' is not a declared speaker" in err
    with CaseDatabase(db, clock=CLOCK, readonly=True) as d:
        assert d.turns()["role"].tolist() == ["interviewer", "informant", "interviewer"]

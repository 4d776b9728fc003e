"""Honest defaults in Python (issue 14): a researcher's own study built with the constructors.

A transcript, a codebook and a case built in Python without a provenance are the researcher's own
(``empirical``); nothing is labelled illustrative unless someone said so. Metamorphic check on the
library study (tests/fixtures/library_study): the same study built in Python with no provenance
reads as empirical in the report, like the study read from its files; only passing
``provenance=ILLUSTRATIVE`` explicitly brings the illustrative label. A transcript without a
language is refused: the language is declared, never assumed.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import fields
from pathlib import Path

import pytest

from casestudy.cli import main
from casestudy.coding.codebook_yaml import load_codebook
from casestudy.coding.informants import cases_from_transcripts, read_consent
from casestudy.coding.transcript_readers import read_transcript
from casestudy.errors import TranscriptError
from casestudy.provenance import EMPIRICAL, ILLUSTRATIVE
from casestudy.records.cases import CodingCase
from casestudy.records.codebook import Code, Codebook
from casestudy.records.transcripts import Transcript
from casestudy.store import CaseDatabase, FixedClock

FIXTURE = Path(__file__).parent / "fixtures" / "library_study"
_OWN = ("source_id", "turns", "text", "verbatim", "provenance")


def test_python_constructors_default_to_empirical():
    t = Transcript.from_turns("int_ann", [("Ann", "We open at nine.")], informant_id="ann", language="en")
    assert t.provenance == EMPIRICAL
    assert Transcript.from_text("doc_x", "Opening hours.", language="en").provenance == EMPIRICAL
    assert Codebook("service", 1, "Service", "", codes=(Code("queue", "Queue", ""),)).provenance == EMPIRICAL
    assert CodingCase("ann").provenance == EMPIRICAL
    assert dict(t.summary().rows)["provenance"] == EMPIRICAL


def test_a_transcript_without_a_language_is_refused():
    message = "int_ann: 'language' must be a language code given with language= ('en', 'id'...) (got None)"
    with pytest.raises(TranscriptError) as caught:
        Transcript.from_turns("int_ann", [("Ann", "We open at nine.")])
    assert str(caught.value) == message
    with pytest.raises(TranscriptError) as caught:
        Transcript.from_text("int_ann", "Ann: We open at nine.")
    assert str(caught.value) == message
    with pytest.raises(TranscriptError) as caught:
        Transcript.from_turns("int_ann", [("Ann", "We open at nine.")], language="")
    assert str(caught.value) == message.replace("(got None)", "(got '')")


def _built_in_python(folder: Path, **provenance: str) -> None:
    """Store the library study's transcripts, cases and codebook built with the Python constructors."""
    read = [read_transcript(folder / "transcripts" / name, language="en") for name in ("ann.md", "ben.txt")]
    read.append(read_transcript(folder / "transcripts" / "int_cara.vtt", language="en", informant_id="cara"))
    transcripts = [Transcript.from_turns(t.source_id, [(u.speaker, u.body, u.timestamp) for u in t.turns],
                                         **{f.name: getattr(t, f.name) for f in fields(Transcript)
                                            if f.name not in _OWN}, **provenance)
                   for t in read]
    consent = read_consent(folder / "consent.csv")
    cases = [CodingCase(c.id, c.unit, c.role, c.consent, c.consent_date, c.consent_scope, attributes=c.attributes,
                  source_ids=c.source_ids, **provenance) for c in cases_from_transcripts(transcripts, consent)]
    cb = load_codebook(folder / "codebook.yaml")
    codebook = Codebook(cb.id, cb.version, cb.title_en, cb.title_id, cb.codes, cb.framework, note=cb.note,
                        languages=cb.languages, **provenance)
    with CaseDatabase(folder / "study.sqlite", clock=FixedClock()) as db:
        with db.batch("built in Python"):
            db.add_transcripts(transcripts)
            db.add_cases(cases)
            db.add_codebook(codebook)


def _study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
           **provenance: str) -> str:
    """The library study built in Python, its two coders' codings imported; return its REFI-QDA project text."""
    folder = tmp_path / "study"
    shutil.copytree(FIXTURE, folder)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("CASESTUDY_PROJECT_ROOT", raising=False)
    _built_in_python(folder, **provenance)
    for argv in (["codings", "import", "coder_a.csv", "--db", "study.sqlite", "--coder", "coder_a"],
                 ["codings", "import", "coder_b.csv", "--db", "study.sqlite", "--coder", "coder_b"],
                 ["qdpx", "export", "--db", "study.sqlite", "-o", "study.qdpx"]):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    capsys.readouterr()
    with CaseDatabase(folder / "study.sqlite", clock=FixedClock()) as db:
        stored = {*db.sources()["provenance"], *db.cases()["provenance"], *db.codebook_versions()["provenance"]}
    assert stored == {provenance.get("provenance", EMPIRICAL)}
    with zipfile.ZipFile(folder / "study.qdpx") as z:
        return z.read("project.qde").decode("utf-8")


def test_an_own_study_built_in_python_is_never_called_illustrative(tmp_path, monkeypatch, capsys):
    project = _study(tmp_path, monkeypatch, capsys)
    assert "Provenance: empirical" in project and "illustrative" not in project.lower()
    for argv in (["design", "checksums", "design.yaml"],
                 ["report", "--db", "study.sqlite", "--design", "design.yaml", "-o", "report.html"]):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    html = Path("report.html").read_text(encoding="utf-8")
    assert "empirical (collected for the study)" in html
    assert "illustrative" not in html.lower()


def test_only_an_explicit_provenance_brings_the_illustrative_label(tmp_path, monkeypatch, capsys):
    project = _study(tmp_path, monkeypatch, capsys, provenance=ILLUSTRATIVE)
    assert "Provenance: illustrative" in project and "empirical" not in project

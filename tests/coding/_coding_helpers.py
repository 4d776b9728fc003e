"""Helpers of the coding tests: a small project with three sources, two coders and consent."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy.records.cases import CodingCase
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Assignment, Coder
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")

CODEBOOK = Codebook("mini", 1, "Mini", "Mini", codes=(
    Code("intimacy", "Intimacy", "Keintiman", codable=False, framework_ref="intimacy"),
    Code("intimacy_on_site_assistance", "On-site", "Pendampingan", parent="intimacy",
         framework_ref="intimacy_on_site_assistance", keywords=(("id", ("pendampingan", "di lokasi")),
                                                                 ("en", ("on site",)))),
    Code("lifecycle", "Lifecycle", "Siklus", codable=False, framework_ref="lifecycle"),
    Code("lifecycle_acquire", "Acquire", "Akuisisi", parent="lifecycle", framework_ref="lifecycle_acquire",
         keywords=(("id", ("pelanggan pertama", "teman")),)),
    Code("lifecycle_complaint_handling", "Complaints", "Keluhan", parent="lifecycle",
         framework_ref="lifecycle_complaint_handling", keywords=(("id", ("keluhan",)),)),
))

TEXTS = {
    "int_inf01": [("Pewawancara", "Bagaimana awalnya?"),
                  ("INF01", "Pelanggan pertama dari teman di dinas. Ada keluhan juga.")],
    "int_inf02": [("Pewawancara", "Apa yang membantu?"),
                  ("INF02", "Pendampingan di lokasi oleh staf, setiap keluhan dicatat.")],
    "int_inf03": [("Pewawancara", "Ada cerita?"), ("INF03", "Teman saya yang memperkenalkan.")],
}


def transcripts() -> list[Transcript]:
    return [Transcript.from_turns(sid, turns, informant_id="inf" + sid[-2:], language="id") for sid, turns in TEXTS.items()]


def build(path) -> None:  # noqa: ANN001
    ts = {t.source_id: t for t in transcripts()}
    with CaseDatabase(path, clock=CLOCK) as db:
        db.add_transcripts(ts.values())
        db.add_cases([CodingCase("inf01", "owner", "owner", True, source_ids=("int_inf01",)),
                      CodingCase("inf02", "repeat_buyers", "buyer", True, source_ids=("int_inf02",)),
                      CodingCase("inf03", "government_buyers", "buyer", False, source_ids=("int_inf03",))])
        db.add_codebook(CODEBOOK)
        db.add_coders([Coder("coder_a"), Coder("coder_b")])
        db.assign([Assignment(c, s) for c in ("coder_a", "coder_b") for s in ts])

        def q(sid: str, quote: str, code: str, coder: str = "coder_a") -> Coding:
            return Coding.from_quote(ts[sid].text, sid, quote, code, coder)

        db.add_codings([
            q("int_inf01", "Pelanggan pertama dari teman di dinas.", "lifecycle_acquire"),
            q("int_inf01", "Ada keluhan juga.", "lifecycle_complaint_handling"),
            q("int_inf02", "Pendampingan di lokasi oleh staf", "intimacy_on_site_assistance"),
            q("int_inf02", "Pendampingan di lokasi oleh staf, setiap keluhan dicatat.", "lifecycle_complaint_handling"),
            q("int_inf03", "Teman saya yang memperkenalkan.", "lifecycle_acquire"),
            q("int_inf01", "Pelanggan pertama", "lifecycle_acquire", "coder_b"),
        ])


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "mini.sqlite"
    build(path)
    return path


@pytest.fixture
def db(db_path: Path):
    with CaseDatabase(db_path, clock=CLOCK, backup=False) as database:
        yield database

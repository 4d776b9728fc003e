"""Helpers of the case study database tests: a tiny project (two transcripts, a codebook, one coder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathlib import Path

from casestudy.records.cases import CodingCase
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Assignment, Coder
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")


def tiny_transcripts() -> list[Transcript]:
    return [
        Transcript.from_turns("int_inf01", [("Pewawancara", "Bagaimana awalnya?"),
                                            ("INF01", "Pelanggan pertama dari teman di dinas 🙂, tahun 2017.")],
                              informant_id="inf01", language="id"),
        Transcript.from_turns("int_inf02", [("Pewawancara", "Kenapa membeli lagi?"),
                                            ("INF02", "Harga wajar dan pendampingan di lokasi bagus.")],
                              informant_id="inf02", language="id"),
    ]


def tiny_codebook() -> Codebook:
    return Codebook("mini", 1, "Mini", "Mini", codes=(
        Code("lifecycle", "Lifecycle", "Siklus", codable=False, framework_ref="lifecycle"),
        Code("lifecycle_acquire", "Acquire", "Akuisisi", parent="lifecycle", framework_ref="lifecycle_acquire",
             keywords=(("id", ("pelanggan pertama",)), ("en", ("first customer",)))),
        Code("portfolio_pricing", "Pricing", "Harga", framework_ref="portfolio_pricing",
             keywords=(("id", ("harga",)),)),
    ))


def fill(db: CaseDatabase) -> None:
    ts = tiny_transcripts()
    db.add_transcripts(ts)
    db.add_cases([CodingCase("inf01", "owner", "owner", True, source_ids=("int_inf01",)),
                  CodingCase("inf02", "repeat_buyers", "buyer", False, source_ids=("int_inf02",))])
    db.add_codebook(tiny_codebook())
    db.add_coders([Coder("coder_a", "Coder A")])
    db.assign([Assignment("coder_a", "int_inf01"), Assignment("coder_a", "int_inf02")])
    db.add_codings([Coding.from_quote(ts[0].text, "int_inf01", "Pelanggan pertama", "lifecycle_acquire", "coder_a"),
                    Coding.from_quote(ts[1].text, "int_inf02", "Harga wajar", "portfolio_pricing", "coder_a")])




@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "case.sqlite"
    with CaseDatabase(path, clock=CLOCK) as db:
        fill(db)
    return path


@pytest.fixture
def db(db_path: Path):
    with CaseDatabase(db_path, clock=CLOCK, backup=False) as database:
        yield database

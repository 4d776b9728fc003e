"""A tiny database for the coding view's examples and tests (not public API).

One English interview whose informant turn has an emoji (two UTF-16 units) and a
combining accent (``g`` + U+0303, which NFC keeps as two code points) before the
phrases one codes, a two-level codebook with keyword lexicons, a coder and the
keyword suggestions. All of it is written for the examples: nothing here is data.
"""

from __future__ import annotations

import os
from pathlib import Path

from casestudy.coding.suggest import autocode
from casestudy.provenance import ILLUSTRATIVE
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Coder
from casestudy.records.transcripts import Transcript
from casestudy.store.database import CaseDatabase
from casestudy.store.events import FixedClock

__all__ = ["demo_database", "DEMO_TURNS"]

#: The demo interview: (speaker, role, body).
DEMO_TURNS = (
    ("Interviewer", "interviewer", "How busy is the shop on a Saturday?"),
    ("Ana", "informant", "We sell pag\u0303e 😀 and the shop is ramai every Saturday; the queue moves slowly."),
    ("Interviewer", "interviewer", "And the price?"),
    ("Ana", "informant", "The price is fair, people come back."),
)


def demo_transcript() -> Transcript:
    """The demo interview, its speakers declared with their roles and its release recorded."""
    speakers = tuple(dict.fromkeys((sp, role) for sp, role, _ in DEMO_TURNS))
    return Transcript.from_turns("int_demo", [(sp, body) for sp, _, body in DEMO_TURNS], source_type="interviews",
                                 title="Demo interview (written for the examples)", language="en",
                                 provenance=ILLUSTRATIVE, speakers=speakers, release="recorded")


def demo_codebook() -> Codebook:
    """Two folders and three codes, with English keywords."""
    codes = (
        Code("shop", "The shop", "Toko", codable=False, colour="#56B4E9"),
        Code("busy", "Busy", "Ramai", parent="shop", definition_en="Many customers at once.",
             when_to_use="The informant says the shop is full or busy.", keywords=(("en", ("busy", "queue")),)),
        Code("slow", "Slow service", "Lambat", parent="shop", definition_en="Waiting, slow service.",
             keywords=(("en", ("slowly",)),)),
        Code("price", "Price", "Harga", definition_en="What customers pay.", colour="#E69F00",
             keywords=(("en", ("price",)),)),
    )
    return Codebook("demo", 1, "Demo codebook", "Buku kode demo", codes=codes, provenance=ILLUSTRATIVE)


def demo_database(path: str | os.PathLike[str] = ":memory:", *, suggestions: bool = True) -> CaseDatabase:
    """An open database with the demo interview, codebook, ``coder_a`` and (optionally) keyword suggestions."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = CaseDatabase(path, clock=FixedClock())
    with db.batch("demo", actor="casestudy"):
        db.add_transcripts([demo_transcript()])
        db.add_codebook(demo_codebook())
        db.add_coders([Coder("coder_a", "Coder A"), Coder("coder_b", "Coder B")])
    if suggestions:
        autocode(db)
    return db

"""Helpers of the REFI-QDA exchange tests: a small case study database and archive builders."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from casestudy.records.cases import CodingCase
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Coder
from casestudy.records.memos import Memo
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.store import CaseDatabase, FixedClock

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal"
CLOCK = FixedClock("2024-01-01T00:00:00+00:00")


def zip_bytes(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A ZIP archive of ``(name, data)`` members, names written as given."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def minimal_members(source_folder: str = "sources") -> list[tuple[str, bytes]]:
    """Members of the hand-built minimal example (``project.qde`` and its one internal source)."""
    text = next((MINIMAL / "sources").glob("*.txt"))
    return [("project.qde", (MINIMAL / "project.qde").read_bytes()),
            (f"{source_folder}/{text.name}", text.read_bytes())]


def small_database(path: Path) -> CaseDatabase:
    """A database with two sources (one with an emoji), nested codes, two coders, memos and a suggestion."""
    t1 = Transcript.from_turns("int_inf01", [("Pewawancara", "Siapa pelanggan pertama? 😀"),
                                             ("INF01", "Dinas di Sidoarjo, lewat teman.")], informant_id="inf01", language="id")
    t2 = Transcript.from_turns("obs_demo", [("Catatan", "Pemilik presentasi aplikasi absensi.")],
                               source_type="direct_observation", release="recorded", language="id")
    cb = Codebook("demo", 1, "Demo", "Demo", codes=(
        Code("lifecycle", "Lifecycle", "Siklus", codable=False, colour="#123456"),
        Code("lifecycle_acquire", "Acquire", "Akuisisi", parent="lifecycle", definition_en="First\nsale",
             keywords=(("id", ("dinas",)),)),
        Code("product", "Product", "Produk")))
    db = CaseDatabase(path, clock=CLOCK)
    db.add_transcripts([t1, t2])
    db.add_cases([CodingCase("inf01", unit="government_buyers", role="buyer", consent=True,
                       attributes=(("segment", "B2G"),), source_ids=("int_inf01",)),
                  CodingCase("inf07", unit="lapsed_buyers", consent=False)])
    db.add_codebook(cb)
    db.add_coders([Coder("coder_a", "Coder A"), Coder("coder_b")])
    db.add_codings([
        Coding.from_quote(t1.text, "int_inf01", "Dinas di Sidoarjo", "lifecycle_acquire", "coder_a", memo="first"),
        Coding.from_quote(t1.text, "int_inf01", "Dinas", "lifecycle_acquire", "coder_b"),
        Coding.from_quote(t1.text, "int_inf01", "lewat teman", "product", "coder_b", status="suggested"),
        Coding.from_quote(t2.text, "obs_demo", "aplikasi absensi", "product", "coder_a")])
    db.add_memos([Memo("project", "project", "lead", "A project memo"), Memo("case", "inf01", "coder_a", "On case"),
                  Memo("coding", "1", "coder_a", "On a coding"), Memo("code", "lifecycle", "coder_b", "On a code")])
    return db

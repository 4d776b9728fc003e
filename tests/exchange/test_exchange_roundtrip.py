"""Property: database -> .qdpx -> new database -> .qdpx gives identical bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudy.records.cases import CodingCase
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Coder
from casestudy.records.memos import Memo
from casestudy.records.segments import Coding
from casestudy.coding.transcript_readers import decode_text, parse_text_turns
from casestudy.records.transcripts import Transcript
from casestudy.exchange.mapping import project_from_database
from casestudy.exchange.refi_export import qdpx_bytes, write_bytes
from casestudy.exchange.refi_import import import_qdpx
from casestudy.store import CaseDatabase, FixedClock

# astral characters, emoji with a modifier, combining marks (composable and not), CJK, Indonesian words
ATOMS = ["kopi", "aplikasi", "Gresik", "café", "cafe\u0301", "a\u0328\u0301", "😀", "👍🏽", "𝒳", "漢字", "ok", "x"]
SPEAKERS = ["Pewawancara", "INF01", "Peneliti B"]
CODERS = ["coder_a", "coder_b", "coder_c"]
CODEBOOK = Codebook("prop", 1, "Property", "Properti", codes=(
    Code("stage", "Stage", "Tahap", codable=False, colour="#0072B2"),
    Code("stage_a", "Stage A 😀", "Tahap A", parent="stage", definition_en="Line one\nline two",
         keywords=(("id", ("kopi",)), ("en", ("coffee",)))),
    Code("stage_b", "Stage B", "Tahap B", parent="stage", colour="#E69F00"),
    Code("stage_b_inner", "Inner", "Dalam", parent="stage_b", definition_id="Kafe\u0301 e\u0301"),
    Code("other", "Other", "Lain")))
CODABLE = [c.id for c in CODEBOOK.codes if c.codable]

bodies = st.lists(st.sampled_from(ATOMS), min_size=1, max_size=8).map(" ".join)
paragraph = st.tuples(st.sampled_from(SPEAKERS), st.lists(bodies, min_size=1, max_size=2))
raw_source = st.lists(paragraph, min_size=1, max_size=4)


def crlf_born(paragraphs: list[tuple[str, list[str]]], source_id: str, informant: str) -> Transcript:
    """Write the paragraphs as a CRLF file, then read them as the transcript reader does."""
    raw = "\r\n\r\n".join(f"{sp}: " + "\r\n".join(lines) for sp, lines in paragraphs).encode("utf-8")
    text, steps = decode_text(raw, source_id)
    turns = [(sp, body) for sp, body, _ in parse_text_turns(text, source_id)]
    return Transcript.from_turns(source_id, turns, informant_id=informant, normalisation=tuple(steps), language="id")


@st.composite
def projects(draw: st.DrawFn) -> dict:
    n = draw(st.integers(1, 3))
    transcripts = [crlf_born(draw(raw_source), f"int_inf0{i + 1}", f"inf0{i + 1}") for i in range(n)]
    coders = draw(st.lists(st.sampled_from(CODERS), min_size=1, max_size=3, unique=True))
    codings = []
    for _ in range(draw(st.integers(0, 12))):
        t = draw(st.sampled_from(transcripts))
        start = draw(st.integers(0, len(t.text) - 1))
        end = draw(st.integers(start + 1, min(len(t.text), start + 40)))
        codings.append(Coding(t.source_id, start, end, draw(st.sampled_from(CODABLE)), draw(st.sampled_from(coders)),
                              draw(st.sampled_from(["accepted", "accepted", "suggested"])),
                              memo=draw(st.sampled_from([None, None, "catatan 😀\ndua baris"]))))
    consent = [draw(st.booleans()) or i == 0 for i in range(n)]
    memos = [Memo("project", "project", coders[0], "Memo proyek 𝒳"), Memo("code", "stage_b", coders[-1], "di kode"),
             Memo("case", "inf01", coders[0], "tentang kasus"), Memo("source", "int_inf01", "lead", "sumber\r\nCRLF")]
    if codings:
        memos.append(Memo("coding", "1", coders[0], "tentang coding"))
    return {"transcripts": transcripts, "coders": coders, "codings": codings, "consent": consent, "memos": memos,
            "suggestions": draw(st.booleans())}


def build(path: Path, spec: dict) -> CaseDatabase:
    db = CaseDatabase(path, clock=FixedClock("2024-01-01T00:00:00+00:00"))
    with db.batch("build"):
        db.add_transcripts(spec["transcripts"])
        db.add_cases([CodingCase(t.informant_id, unit="repeat_buyers", role="buyer 😀", consent=ok,
                           attributes=(("segment", "B2B"), ("kota", "Surabaya")), source_ids=(t.source_id,))
                      for t, ok in zip(spec["transcripts"], spec["consent"])])
        db.add_codebook(CODEBOOK)
        db.add_coders([Coder(c, c.replace("_", " ").title()) for c in spec["coders"]])
        db.add_codings(spec["codings"])
        db.add_memos(spec["memos"])
    return db


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_database_qdpx_database_qdpx_is_byte_identical(spec):
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        with build(tmp_path / "one.sqlite", spec) as one:
            first = qdpx_bytes(project_from_database(one, include_suggestions=spec["suggestions"]))
            n_codings = len(one.codings())
        write_bytes(first, tmp_path / "one.qdpx")
        with CaseDatabase(tmp_path / "two.sqlite", clock=FixedClock("2030-06-01T00:00:00+00:00")) as two:
            import_qdpx(tmp_path / "one.qdpx", two)
            second = qdpx_bytes(project_from_database(two, include_suggestions=spec["suggestions"]))
            texts = {sid: two.source_text(sid) for sid in two.sources()["source_id"]}
        assert second == first
        kept = [t for t, ok in zip(spec["transcripts"], spec["consent"]) if ok]
        assert texts == {t.source_id: t.text for t in kept}
        assert n_codings == len({(c.source_id, c.start, c.end, c.code_id, c.coder_id) for c in spec["codings"]})

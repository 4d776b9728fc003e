"""The counting of positions is decided from the evidence of all selections; UTF-16 is converted; unclear refused."""

from __future__ import annotations

import random

import pytest

from casestudy.errors import ExchangeError
from casestudy.exchange.positions import CODE_POINTS, decide_counting, unit_offsets

WORDS = ("kopi", "enak", "kasir", "cepat", "aplikasi", "bagus", "pelanggan", "puas", "harga", "murah", "teknisi",
         "datang", "invoice", "terlambat", "layanan")
EMOJI = ("😀", "🧾", "👍", "🙂")


def corpus(n_words: int = 2400, seed: int = 7) -> tuple[str, list[tuple[int, int]]]:
    """A text with an emoji every few words, and the code-point span of every word."""
    rng = random.Random(seed)
    parts: list[str] = []
    spans = []
    pos = 0
    for i in range(n_words):
        word = rng.choice(WORDS)
        spans.append((pos, pos + len(word)))
        parts.append(word)
        sep = f" {rng.choice(EMOJI)} " if i % 3 == 2 else (". " if i % 7 == 6 else " ")
        parts.append(sep)
        pos += len(word) + len(sep)
    return "".join(parts), spans


def selections(n: int = 580, slips: int = 3, seed: int = 11) -> tuple[str, list[tuple[int, int]]]:
    """About ``n`` word selections (one to three words), ``slips`` of them ending mid-word, in code points."""
    text, words = corpus()
    rng = random.Random(seed)
    picks = sorted(rng.sample(range(len(words) - 3), n))
    out = []
    for k, i in enumerate(picks):
        start, end = words[i][0], words[i + rng.randint(0, 2)][1]
        if k % (n // max(slips, 1)) == n // 6 and k // (n // max(slips, 1)) < slips:
            end -= 2  # a human slip: the selection stops two letters before the word ends
        out.append((start, end))
    return text, out


def to_utf16(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    offsets = unit_offsets(text, "utf-16")
    return [(offsets[s], offsets[e]) for s, e in spans]


def test_utf16_file_with_three_slips_is_detected_and_converted():
    text, spans = selections()
    found = decide_counting([(text, to_utf16(text, spans))], "nvivo.qdpx")
    assert found.unit == "UTF-16 code units"
    assert found.ends >= 1100 and found.alt_ok == found.ends - 3 and found.cp_ok < found.ends * 0.5
    assert found.convert(text, to_utf16(text, spans), "nvivo.qdpx") == spans
    assert found.describe().startswith(f"UTF-16 code units (of {found.ends} selection ends read differently, "
                                       f"{found.ends - 3} land on a word boundary so,")


def test_same_selections_in_code_points_are_kept():
    text, spans = selections()
    found = decide_counting([(text, spans)], "qualcoder.qdpx")
    assert found.unit == CODE_POINTS
    assert found.cp_ok == found.ends - 3
    assert found.convert(text, spans, "x") == spans


def test_evenly_split_file_is_refused_with_the_numbers():
    text, spans = selections()
    half = len(spans) // 2
    mixed = to_utf16(text, spans[:half]) + spans[half:]
    with pytest.raises(ExchangeError) as exc:
        decide_counting([(text, mixed)], "mixed.qdpx")
    message = str(exc.value)
    assert message.startswith("mixed.qdpx: 'startPosition, endPosition' must be counted in one clear unit (code points,"
                              " as REFI-QDA requires, or UTF-16 code units); the evidence is split: of ")
    assert "land on a word boundary as code points and" in message and message.endswith("(got 'unclear')")


def test_evidence_is_pooled_across_the_sources_of_a_file():
    text, spans = selections()
    a, b = spans[:290], spans[290:]
    found = decide_counting([(text, to_utf16(text, a)), (text, to_utf16(text, b))], "two.qdpx")
    assert found.unit == "UTF-16 code units"


def test_ascii_text_cannot_tell_and_is_kept():
    found = decide_counting([("plain ascii text", [(1, 3), (6, 11)])], "t")
    assert found.unit == CODE_POINTS and found.describe() == (
        "code points (no selection end reads differently in another counting)")


def test_end_past_code_points_but_within_utf16_forces_utf16():
    text = "Kami 😀 puas. Harga 😀 murah."
    n16 = unit_offsets(text, "utf-16")[-1]
    found = decide_counting([(text, [(n16 - 6, n16 - 1)])], "t")
    assert found.unit == "UTF-16 code units"
    assert [text[s:e] for s, e in found.convert(text, [(n16 - 6, n16 - 1)], "t")] == ["murah"]


def test_end_past_every_reading():
    with pytest.raises(ExchangeError) as exc:
        decide_counting([("abc", [(1, 9)])], "t")
    assert str(exc.value) == "t: 'endPosition' must be at most 3, the source's length in Unicode code points (got 9)"


def test_utf8_bytes_are_detected_and_converted():
    text, spans = selections(n=200, slips=0)
    text = text.replace("😀", "é")  # BMP, two bytes in UTF-8
    offsets = unit_offsets(text, "utf-8")
    found = decide_counting([(text, [(offsets[s], offsets[e]) for s, e in spans])], "t")
    assert found.unit == "UTF-8 bytes"


def test_a_position_inside_a_character_is_refused():
    text = "a 😀 puas " * 4
    words = [(4, 8), (13, 17), (22, 26), (31, 35)]
    assert {text[s:e] for s, e in words} == {"puas"}
    found = decide_counting([(text, to_utf16(text, words))], "t")
    assert found.unit == "UTF-16 code units"
    with pytest.raises(ExchangeError, match=r"'startPosition, endPosition' must be UTF-16 code units that fall between"):
        found.convert(text, [(3, 6)], "t")


def test_files_written_by_casestudy_are_trusted():
    found = decide_counting([("x 😀 y", [(4, 5)])], "ours.qdpx", trusted=True)
    assert found.describe() == "code points (written by casestudy, which counts code points)"


def test_a_user_who_knows_the_counting_can_name_it():
    text, spans = selections()
    half = len(spans) // 2
    mixed = to_utf16(text, spans[:half]) + spans[half:]
    with pytest.raises(ExchangeError, match=r"name it \(--positions on the command line, counting= in Python\)"):
        decide_counting([(text, mixed)], "mixed.qdpx")
    utf16 = to_utf16(text, spans)
    found = decide_counting([(text, utf16)], "n.qdpx", declared="UTF-16 code units")
    assert found.convert(text, utf16, "n.qdpx") == spans
    assert found.describe() == "UTF-16 code units (as declared by the user; converted to code points)"
    with pytest.raises(ExchangeError, match=r"'endPosition' must be at most"):
        decide_counting([(text, [(0, len(text) + 5)])], "n.qdpx", declared="code points")

"""Selections must count code points; files that evidently count UTF-16 units or bytes are refused."""

from __future__ import annotations

import pytest

from casestudy.errors import ExchangeError
from casestudy.exchange.positions import check_positions, unit_offsets

TEXT = "INF05: Kopi 😀 enak. Kasir 😀 cepat, aplikasi 😀 bagus sekali kata pemilik café itu."
WORDS = ("enak", "cepat", "bagus")


def spans(encoding: str | None) -> list[tuple[int, int]]:
    out = []
    for w in WORDS:
        start = TEXT.index(w)
        end = start + len(w)
        if encoding:
            offsets = unit_offsets(TEXT, encoding)
            start, end = offsets[start], offsets[end]
        out.append((start, end))
    return out


def test_code_points_pass():
    check_positions(TEXT, spans(None), "t")


def test_utf16_units_are_detected():
    with pytest.raises(ExchangeError) as exc:
        check_positions(TEXT, spans("utf-16"), "x.qdpx!project.qde, TextSource 'inf05'")
    assert str(exc.value) == (
        "x.qdpx!project.qde, TextSource 'inf05': 'startPosition, endPosition' must be Unicode code points as "
        "REFI-QDA requires; these evidently count UTF-16 code units (read so, every selection starts and ends on a "
        "word boundary; read as code points, 2 of 6 ends do) (got [(15, 19), (30, 35), (49, 54)])")


def test_utf8_bytes_are_detected():
    with pytest.raises(ExchangeError, match=r"these evidently count UTF-8 bytes \(read so, every selection"):
        check_positions(TEXT, spans("utf-8"), "t")


def test_end_past_code_points_but_within_utf16_length():
    n16 = unit_offsets(TEXT, "utf-16")[-1]
    with pytest.raises(ExchangeError) as exc:
        check_positions(TEXT, [(n16 - 5, n16)], "t")
    assert str(exc.value) == (f"t: 'endPosition' must be at most {len(TEXT)}, the source's length in Unicode code "
                              f"points (the file evidently counts UTF-16 code units: the text has {n16}) (got {n16})")


def test_end_past_every_reading():
    with pytest.raises(ExchangeError) as exc:
        check_positions("abc", [(1, 9)], "t")
    assert str(exc.value) == "t: 'endPosition' must be at most 3, the source's length in Unicode code points (got 9)"


def test_mid_word_code_point_selections_are_not_mistaken():
    # one selection mid-word in code points whose UTF-16 reading is not on boundaries either
    check_positions(TEXT, [(TEXT.index("cepat") + 1, TEXT.index("cepat") + 3)], "t")


def test_ascii_text_is_never_questioned():
    check_positions("plain ascii text", [(1, 3), (6, 11)], "t")

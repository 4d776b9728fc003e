"""Texts from other tools become canonical transcripts; every quote keeps its exact text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casestudy.coding.transcripts import Transcript
from casestudy.errors import ExchangeError
from casestudy.exchange.canonical import canonicalise


def test_crlf_and_blank_lines_are_dropped_and_quotes_kept():
    old = "  Q: Halo 😀?\r\n\r\n\r\nA:  Baik.\r\nCatatan tanpa\tpembicara\r\n"
    c = canonicalise(old)
    assert c.text == "Q: Halo 😀?\n\nText: A:  Baik.\n\nText: Catatan tanpa\tpembicara"
    assert c.turns == (("Q", "Halo 😀?"), ("Text", "A:  Baik."), ("Text", "Catatan tanpa\tpembicara"))
    for quote in ("Halo 😀", "A:  Baik.", "tanpa\tpembicara", "Q: Halo"):
        s, e = c.map_span(old.index(quote), old.index(quote) + len(quote))
        assert c.text[s:e] == quote
    start = old.index("?") + 1
    assert c.map_span(start, start + 3) is None  # only CR LF CR


def test_span_over_a_dropped_line_break_keeps_both_sides():
    old = "A: satu\r\nB: dua"
    s, e = canonicalise(old).map_span(old.index("satu"), old.index("dua") + 3)
    assert canonicalise(old).text[s:e] == "satu\n\nB: dua"


def test_canonical_text_is_unchanged():
    t = Transcript.from_turns("x", [("Pewawancara", "Apa kabar? 😀"), ("INF01", "Baik, e\u0301")])
    c = canonicalise(t.text)
    assert not c.changed and c.text == t.text
    assert c.new_offsets == tuple(range(len(t.text)))
    assert c.map_span(t.text.index("\n"), len(t.text)) == (t.text.index("\n"), len(t.text))


def test_nfd_text_is_refused():
    with pytest.raises(ExchangeError) as exc:
        canonicalise("A: cafe\u0301", "TextSource 'x'")
    assert str(exc.value) == ("TextSource 'x', character 0: 'text' must be in Unicode NFC (normalising would move "
                              "offsets) (got 'A: cafe\u0301')")


def test_blank_text_is_refused():
    with pytest.raises(ExchangeError) as exc:
        canonicalise(" \r\n\n", "TextSource 'x'")
    assert str(exc.value) == "TextSource 'x': 'text' must be at least one non-blank line (got ' \\r\\n\\n')"


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Mn", "Me"), blacklist_characters="\u0085\u2028\u2029"),
                        min_size=1, max_size=12), min_size=1, max_size=5),
       st.sampled_from(["\n", "\r\n", "\n\n", "\r\n \r\n"]))
def test_text_from_turns_of_the_canonical_result_matches(lines, sep):
    old = sep.join(lines)
    if not old.strip() or any(ch in old for ch in "\x1c\x1d\x1e\x0b\x0c\x85") or old != __import__("unicodedata").normalize("NFC", old):
        return
    c = canonicalise(old)
    assert Transcript.from_turns("x", c.turns).text == c.text
    kept = [i for i, n in enumerate(c.new_offsets) if n >= 0]
    assert all(old[i] == c.text[c.new_offsets[i]] for i in kept)

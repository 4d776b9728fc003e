"""Re-anchoring coded spans after a transcript correction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casestudy.store.anchoring import Anchor, reanchor

OLD = "A: kopi enak.\n\nB: kopi enak juga, kopi mahal.\n\nC: kopi enak."


def test_unchanged_span_keeps_offsets_without_flag() -> None:
    assert reanchor(OLD, OLD, 18, 27) == Anchor(18, 27, None)


def test_repeated_quote_is_placed_by_its_context() -> None:
    start = OLD.index("kopi enak juga")
    new = "A: kopi enak sekali.\n\n" + OLD[OLD.index("B:"):]
    assert reanchor(OLD, new, start, start + 9) == Anchor(new.index("kopi enak juga"), new.index("kopi enak juga") + 9,
                                                          "reanchored")
    last = OLD.rindex("kopi enak")
    assert reanchor(OLD, new, last, last + 9) == Anchor(new.rindex("kopi enak"), new.rindex("kopi enak") + 9,
                                                        "reanchored")


def test_changed_quote_is_flagged_and_clamped() -> None:
    a = reanchor(OLD, "A: teh.", 18, 40)
    assert a.flag == "unanchored" and 0 <= a.start < a.end <= len("A: teh.")


@settings(max_examples=60, deadline=None)
@given(prefix=st.text("xyz ,.", max_size=20), suffix=st.text("xyz ,.", max_size=20))
def test_edits_outside_the_quote_never_lose_it(prefix: str, suffix: str) -> None:
    old = "B: harga wajar 🙂 sekali"
    s = old.index("harga wajar")
    new = prefix + old + suffix
    a = reanchor(old, new, s, s + 11)
    assert new[a.start:a.end] == "harga wajar"
    assert a.flag in (None, "reanchored")

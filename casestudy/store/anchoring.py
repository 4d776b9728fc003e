"""Re-anchoring coded spans when a transcript's text is corrected after coding.

A span is moved to where its quote now stands, chosen by the text around it
(the context) and then by distance; if the quote itself no longer occurs, the
span is mapped through a ``difflib`` alignment as a best guess and *flagged*
``unanchored`` for review. Nothing is ever shifted silently.

Examples
--------
>>> old = "A: harga murah.\\n\\nB: harga mahal."
>>> new = "A: Harga sangat murah.\\n\\nB: harga mahal."
>>> s = old.index("harga mahal")
>>> reanchor(old, new, s, s + 11)
Anchor(start=27, end=38, flag='reanchored')
>>> reanchor(old, new, 3, 14).flag
'unanchored'
>>> reanchor(old, old, 3, 8)
Anchor(start=3, end=8, flag=None)
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Anchor", "reanchor", "CONTEXT"]

#: Code points of context kept on each side of a coded span.
CONTEXT = 40


@dataclass(frozen=True)
class Anchor:
    """Where a span lands in the new text; ``flag`` is None (unchanged), 'reanchored' or 'unanchored'."""

    start: int
    end: int
    flag: str | None


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if (a or b) else 1.0


def _map(opcodes: Sequence[tuple[str, int, int, int, int]], pos: int) -> int:
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= pos < i2 or (pos == i2 and tag == "equal"):
            return j1 + min(pos - i1, j2 - j1) if tag in ("equal", "replace") else j1
    return opcodes[-1][4] if opcodes else 0


def reanchor(old_text: str, new_text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """Return where span ``[start, end)`` of ``old_text`` belongs in ``new_text``.

    Parameters
    ----------
    old_text, new_text : str
        Canonical texts before and after the correction.
    start, end : int
        The span in ``old_text``.
    context : int
        Code points of context on each side used to choose among occurrences.

    Returns
    -------
    Anchor
        ``flag=None`` when text and context are unchanged at the same offsets;
        ``'reanchored'`` when the exact quote was found elsewhere; ``'unanchored'``
        when the quote changed (offsets are then a best guess, clamped to the text).
    """
    quote = old_text[start:end]
    before, after = old_text[max(0, start - context):start], old_text[end:end + context]
    if new_text[start:end] == quote and new_text[max(0, start - context):start] == before \
            and new_text[end:end + context] == after:
        return Anchor(start, end, None)
    hits = []
    pos = new_text.find(quote)
    while pos >= 0 and quote:
        score = _similarity(before, new_text[max(0, pos - len(before)):pos]) + _similarity(
            after, new_text[pos + len(quote):pos + len(quote) + len(after)])
        hits.append((-score, abs(pos - start), pos))
        pos = new_text.find(quote, pos + 1)
    if hits:
        best = min(hits)[2]
        return Anchor(best, best + len(quote), "reanchored")
    opcodes = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).get_opcodes()
    s, e = _map(opcodes, start), _map(opcodes, end)
    s = min(max(s, 0), max(len(new_text) - 1, 0))
    e = min(max(e, s + 1), len(new_text))
    return Anchor(s, e, "unanchored")

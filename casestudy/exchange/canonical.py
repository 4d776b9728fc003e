"""Bring a plain text from another QDA tool into the canonical transcript form, with an offset map.

The case study database holds every source as a canonical text: one paragraph
per turn, ``Speaker: text``, turns separated by one blank line (see
``docs/architecture.md``). A text exported by casestudy is already canonical
and passes unchanged. Any other text is read line by line: blank lines are
dropped, each other line becomes a turn (``Speaker: text`` when it already reads
so, else a turn of the speaker ``Text``), and every kept code point is mapped to
its new offset so that selections keep their exact quotes
(:meth:`CanonicalText.map_span`). Text that is not in Unicode NFC is refused,
since normalising it would move offsets inside words.

Examples
--------
>>> c = canonicalise("Q: Halo?\\r\\n\\r\\nA: Baik.\\r\\nCatatan lapangan.\\n")
>>> print(c.text)
Q: Halo?
<BLANKLINE>
A: Baik.
<BLANKLINE>
Text: Catatan lapangan.
>>> old = "Q: Halo?\\r\\n\\r\\nA: Baik.\\r\\nCatatan lapangan.\\n"
>>> s, e = c.map_span(old.index("Catatan"), old.index("Catatan") + 7)
>>> c.text[s:e], c.changed
('Catatan', True)
>>> canonicalise("A: Baik.\\n\\nB: Ya.").changed
False
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from casestudy.errors import ExchangeError, expectation

__all__ = ["DEFAULT_SPEAKER", "CanonicalText", "canonicalise"]

#: Speaker given to lines that do not read ``Speaker: text``.
DEFAULT_SPEAKER = "Text"
_TURN = re.compile(r"^([^:\s](?:[^:\n]*[^:\s])?): (\S.*)$")


@dataclass(frozen=True)
class CanonicalText:
    """A canonical text made from another text.

    Parameters
    ----------
    turns : tuple of (speaker, body)
        The turns, for :meth:`casestudy.coding.transcripts.Transcript.from_turns`.
    text : str
        The canonical text.
    new_offsets : tuple of int
        For each code point of the old text, its offset in ``text`` (-1 when dropped).
    changed : bool
        Whether ``text`` differs from the old text.
    """

    turns: tuple[tuple[str, str], ...]
    text: str
    new_offsets: tuple[int, ...]
    changed: bool

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map old ``[start, end)`` to the new text (None when it held only dropped characters)."""
        kept = [self.new_offsets[k] for k in range(start, min(end, len(self.new_offsets)))
                if self.new_offsets[k] >= 0]
        return (kept[0], kept[-1] + 1) if kept else None


def canonicalise(old: str, where: str = "text") -> CanonicalText:
    """Return the canonical form of ``old`` with its offset map.

    Raises
    ------
    ExchangeError
        If the text has no non-blank line or is not in Unicode NFC.
    """
    offsets = [-1] * len(old)
    turns: list[tuple[str, str]] = []
    parts: list[str] = []
    pos = 0
    line_start = 0
    for line in old.split("\n"):
        content = line.strip()
        if content:
            if unicodedata.normalize("NFC", content) != content:
                raise ExchangeError(expectation("text", "in Unicode NFC (normalising would move offsets)",
                                                content[:40], f"{where}, character {line_start}"))
            first = line_start + len(line) - len(line.lstrip())
            if parts:
                pos += 2
            match = _TURN.match(content)
            if match:
                speaker, body, shift = match.group(1), match.group(2), 0
                parts.append(content)
            else:
                speaker, body, shift = DEFAULT_SPEAKER, content, len(DEFAULT_SPEAKER) + 2
                parts.append(f"{DEFAULT_SPEAKER}: {content}")
            for k in range(len(content)):
                offsets[first + k] = pos + shift + k
            pos += shift + len(content)
            turns.append((speaker, body))
        line_start += len(line) + 1
    if not turns:
        raise ExchangeError(expectation("text", "at least one non-blank line", old[:40], where))
    text = "\n\n".join(parts)
    if text == old:  # already canonical: every offset, turn separators included, stays
        return CanonicalText(tuple(turns), text, tuple(range(len(old))), False)
    return CanonicalText(tuple(turns), text, tuple(offsets), True)

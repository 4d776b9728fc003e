"""Detect text selections that count UTF-16 code units or UTF-8 bytes instead of code points.

REFI-QDA counts Unicode code points from 0. Some tools count UTF-16 units (an
emoji is two) or bytes (an ``é`` is two), which shifts every quote after the first
such character. Importing those positions would store wrong quotes silently, so
:func:`check_positions` refuses a source when its selections evidently use
another unit:

- a selection ends past the text's length in code points but not past its
  length in UTF-16 units or bytes; or
- among the selections whose readings differ (at least two), the UTF-16 (or
  byte) reading puts every endpoint on a word boundary while the code-point
  reading puts at most half of them there.

Examples
--------
>>> text = "Kami 😀 puas. Harga 😀 murah sekali, kata mereka."
>>> words = [("puas", 1), ("murah", 1)]
>>> def utf16(word):
...     start = text.index(word)
...     shift = text[:start].count("😀")
...     return (start + shift, start + shift + len(word))
>>> check_positions(text, [(text.index(w), text.index(w) + len(w)) for w, _ in words], "a.txt")
>>> check_positions(text, [utf16(w) for w, _ in words], "a.txt")
Traceback (most recent call last):
...
casestudy.errors.ExchangeError: a.txt: 'startPosition, endPosition' must be Unicode code points as REFI-QDA requires; these evidently count UTF-16 code units (read so, every selection starts and ends on a word boundary; read as code points, 1 of 4 ends do) (got [(8, 12), (23, 28)])
"""

from __future__ import annotations

from collections.abc import Sequence

from casestudy.errors import ExchangeError, expectation

__all__ = ["check_positions", "unit_offsets"]


def unit_offsets(text: str, encoding: str) -> list[int]:
    """Return, for each code point offset ``i`` (0..len), the offset in ``encoding`` units.

    ``encoding`` is ``"utf-16"`` (code units) or ``"utf-8"`` (bytes).

    Examples
    --------
    >>> unit_offsets("a😀é", "utf-16"), unit_offsets("a😀é", "utf-8")
    ([0, 1, 3, 4], [0, 1, 5, 7])
    """
    out = [0]
    for ch in text:
        n = ord(ch)
        if encoding == "utf-16":
            size = 2 if n > 0xFFFF else 1
        else:
            size = 1 if n < 0x80 else 2 if n < 0x800 else 3 if n < 0x10000 else 4
        out.append(out[-1] + size)
    return out


def _boundary(text: str, p: int) -> bool:
    if p <= 0 or p >= len(text):
        return True
    return not (text[p - 1].isalnum() and text[p].isalnum())


def check_positions(text: str, spans: Sequence[tuple[int, int]], where: str, heuristic: bool = True) -> None:
    """Raise :class:`ExchangeError` if ``spans`` evidently do not count code points of ``text``.

    Parameters
    ----------
    text : str
        The source's plain text.
    spans : sequence of (start, end)
        Its selections as read from the file.
    where : str
        The source, for the message.
    heuristic : bool
        Apply the word-boundary test (files written by casestudy itself are known to count
        code points and skip it; random spans in emoji-dense text can pass it by chance).
    """
    if not spans:
        return
    n = len(text)
    readings = {"UTF-16 code units": unit_offsets(text, "utf-16"), "UTF-8 bytes": unit_offsets(text, "utf-8")}
    past = max(spans, key=lambda s: s[1])
    if past[1] > n:
        for unit, offsets in readings.items():
            if past[1] <= offsets[-1]:
                raise ExchangeError(expectation(
                    "endPosition", f"at most {n}, the source's length in Unicode code points (the file evidently"
                    f" counts {unit}: the text has {offsets[-1]})", past[1], where))
        raise ExchangeError(expectation(
            "endPosition", f"at most {n}, the source's length in Unicode code points", past[1], where))
    if not heuristic:
        return
    for unit, offsets in readings.items():
        back = {u: i for i, u in enumerate(offsets)}
        differing = [(s, e) for s, e in spans if offsets[s] != s or offsets[e] != e]
        if len(differing) < 2:
            continue
        alt_ok = cp_ok = 0
        for s, e in differing:
            cp_ok += _boundary(text, s) + _boundary(text, e)
            a, b = back.get(s), back.get(e)
            alt_ok += (a is not None and _boundary(text, a)) + (b is not None and _boundary(text, b))
        ends = 2 * len(differing)
        if alt_ok == ends and cp_ok * 2 <= ends:
            raise ExchangeError(expectation(
                "startPosition, endPosition",
                f"Unicode code points as REFI-QDA requires; these evidently count {unit} (read so, every"
                f" selection starts and ends on a word boundary; read as code points, {cp_ok} of {ends} ends do)",
                differing[:3], where))

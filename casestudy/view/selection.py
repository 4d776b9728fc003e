"""A text selection made in a browser, as a span of code points into the canonical text.

Browsers (JavaScript strings, the DOM ``Range``) count UTF-16 code units: an emoji
outside the Basic Multilingual Plane is two units, while the case study database
counts Unicode code points (one). A combining accent is one unit and one code
point in both, so it shifts nothing, but it must never be split from its base
letter. :func:`utf16_to_code_point` converts one offset; :func:`selection_span`
turns a selection into the span a coding stores: converted, trimmed of the
white space a double click or a drag picks up, and never cutting a surrogate
pair or a base letter from its combining marks.

Examples
--------
>>> text = "A: 😀 cafe\\u0301 ramai sekali."
>>> start16 = utf16_offsets(text)[text.index("ramai")]
>>> start16 - text.index("ramai")           # the emoji counts twice in UTF-16
1
>>> selection_span(text, start16 - 1, start16 + len("ramai") + 1)   # " ramai " selected
(11, 16)
>>> text[11:16]
'ramai'
>>> utf16_to_code_point(text, 4)
Traceback (most recent call last):
...
casestudy.errors.CodingError: selection: 'offset' must be a UTF-16 offset between two characters (got 4)
"""

from __future__ import annotations

import unicodedata
from itertools import accumulate

from casestudy.errors import CodingError, expectation

__all__ = ["utf16_offsets", "utf16_to_code_point", "selection_span"]


def utf16_offsets(text: str) -> list[int]:
    """For each code-point offset ``i`` of ``text`` (0..len), the offset in UTF-16 code units.

    Examples
    --------
    >>> utf16_offsets("a😀e\\u0301")
    [0, 1, 3, 4, 5]
    """
    return [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]


def utf16_to_code_point(text: str, offset: int, *, where: str = "selection") -> int:
    """The code-point offset of UTF-16 offset ``offset`` into ``text``.

    Raises
    ------
    CodingError
        If ``offset`` is not an integer, lies outside the text, or falls inside a surrogate pair.
    """
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise CodingError(expectation("offset", "an integer UTF-16 offset", offset, where))
    units = utf16_offsets(text)
    lo, hi = 0, len(units) - 1
    while lo < hi:  # binary search: units is strictly increasing
        mid = (lo + hi) // 2
        if units[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    if not 0 <= offset <= units[-1] or units[lo] != offset:
        raise CodingError(expectation("offset", "a UTF-16 offset between two characters", offset, where))
    return lo


def _mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def selection_span(text: str, start16: int, end16: int, *, where: str = "selection") -> tuple[int, int]:
    """The code-point span ``(start, end)`` of a browser selection ``[start16, end16)`` (UTF-16 units).

    The span is widened so that it never separates a letter from its combining marks,
    then trimmed of white space at both ends.

    Raises
    ------
    CodingError
        If an offset is not between two characters, or the selection holds no text.
    """
    start = utf16_to_code_point(text, start16, where=where)
    end = utf16_to_code_point(text, end16, where=where)
    if end < start:
        start, end = end, start
    while start > 0 and start < len(text) and _mark(text[start]):
        start -= 1
    while end < len(text) and _mark(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise CodingError(expectation("selection", "some text (not only white space)", text[start:end] or "", where))
    return start, end

"""Decide how a file counts text positions, from the evidence of all its selections, and convert.

REFI-QDA counts Unicode code points from 0, end exclusive. Some programs count
UTF-16 code units instead (NVivo for Windows: an emoji is two units) or UTF-8
bytes (an ``é`` is two), which shifts every selection after such a character.
Reading those positions as code points would store quotes the file never meant,
so the counting of each file is decided before anything is stored.

**The rule.** Only selection ends that the two countings read differently carry
evidence (an end before the first character outside ASCII, or outside the Basic
Multilingual Plane for UTF-16, reads the same either way). For each alternative
counting, take every such end of every text selection of the file, and count how
many land on a word boundary (not between two letters or digits) when read as
code points and when read in the alternative unit (a unit offset inside a
character is never a boundary). People select words, so the file's counting is
the reading under which far more ends land on boundaries:

- no end is read differently: the counting cannot matter; positions are kept;
- a selection ends past the text in code points but within it in the
  alternative unit: code points are impossible;
- the alternative reading puts at least :data:`MARGIN` (30 percentage points)
  more of the differing ends on boundaries than the code-point reading, with at
  least :data:`MIN_ENDS` (4) such ends: the file counts that unit, and every
  position is converted to code points;
- the code-point reading wins by the same margin, or there are fewer than
  :data:`MIN_ENDS` differing ends and code points do at least as well: code points;
- anything else is unclear, and the file is refused with the numbers (a user who knows the
  program's counting may then name it: ``declared``, ``--positions`` on the command line).

A few human slips (a selection ending mid-word) change a share by a fraction of
a percent and never decide the outcome; an evenly mixed file is refused. Files
written by casestudy itself are known to count code points.

Examples
--------
>>> text = "Kami 😀 puas. Harga 😀 murah sekali, kata mereka."
>>> def utf16(word):
...     start = text.index(word)
...     shift = text[:start].count("😀")
...     return (start + shift, start + shift + len(word))
>>> spans = [utf16(w) for w in ("puas", "murah")]
>>> found = decide_counting([(text, spans)], "a.qdpx")
>>> found.unit, found.describe()
('UTF-16 code units', 'UTF-16 code units (of 4 selection ends read differently, 4 land on a word boundary so, 1 as code points); converted to code points')
>>> [text[s:e] for s, e in found.convert(text, spans, "a.qdpx")]
['puas', 'murah']
>>> decide_counting([("plain text", [(0, 5)])], "b.qdpx").describe()
'code points (no selection end reads differently in another counting)'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from casestudy.errors import ExchangeError, expectation

__all__ = ["CODE_POINTS", "UNITS", "MARGIN", "MIN_ENDS", "Counting", "decide_counting", "unit_offsets"]

CODE_POINTS = "code points"
#: Alternative countings, by name, with their codec for :func:`unit_offsets`.
UNITS = {"UTF-16 code units": "utf-16", "UTF-8 bytes": "utf-8"}
#: Share of differing ends on word boundaries by which one reading must beat the other.
MARGIN = 0.30
#: Fewest differing selection ends that can establish a counting other than code points.
MIN_ENDS = 4


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


@dataclass(frozen=True)
class Counting:
    """The counting found for a file's text positions, with the evidence.

    Parameters
    ----------
    unit : str
        :data:`CODE_POINTS` or a key of :data:`UNITS`.
    ends : int
        Selection ends that code points and the deciding alternative read differently.
    alt_ok, cp_ok : int
        Of those, how many land on a word boundary read in the alternative unit and as code points.
    reason : str
        Why, when not decided by the shares (``"fixed"`` for files written by casestudy).
    """

    unit: str
    ends: int = 0
    alt_ok: int = 0
    cp_ok: int = 0
    reason: str = ""
    alternative: str = "UTF-16 code units"

    def describe(self) -> str:
        """One phrase for the user: the counting found and the numbers behind it."""
        if self.reason:
            return f"{self.unit} ({self.reason})"
        shares = (f"of {self.ends} selection ends read differently, {self.alt_ok} land on a word boundary "
                  f"{'so' if self.unit != CODE_POINTS else 'in ' + self.alternative}, {self.cp_ok} as code points")
        tail = "; converted to code points" if self.unit != CODE_POINTS else ""
        return f"{self.unit} ({shares}){tail}"

    def convert(self, text: str, spans: Sequence[tuple[int, int]], where: str) -> list[tuple[int, int]]:
        """Return ``spans`` as code points of ``text`` (unchanged when the file counts code points).

        Raises
        ------
        ExchangeError
            When a position falls inside a character in the file's unit, or past the text.
        """
        if self.unit == CODE_POINTS:
            return list(spans)
        back = {u: i for i, u in enumerate(unit_offsets(text, UNITS[self.unit]))}
        out = []
        for s, e in spans:
            a, b = back.get(s), back.get(e)
            if a is None or b is None:
                raise ExchangeError(expectation(
                    "startPosition, endPosition", f"{self.unit} that fall between characters of the text",
                    (s, e), where))
            out.append((a, b))
        return out


def _impossible(sources: Sequence[tuple[str, Sequence[tuple[int, int]]]], where: str,
                names: Sequence[str] | None) -> str | None:
    """The unit the file must count when a code-point end lies past its text, else None."""
    for i, (text, spans) in enumerate(sources):
        if not spans:
            continue
        end = max(e for _, e in spans)
        if end <= len(text):
            continue
        for unit, codec in UNITS.items():
            if end <= unit_offsets(text, codec)[-1]:
                return unit
        raise ExchangeError(expectation(
            "endPosition", f"at most {len(text)}, the source's length in Unicode code points", end,
            f"{where}, {names[i]}" if names else where))
    return None


def _evidence(sources: Sequence[tuple[str, Sequence[tuple[int, int]]]], codec: str) -> tuple[int, int, int]:
    """(ends read differently, of them on a boundary in ``codec`` units, on a boundary as code points)."""
    ends = alt_ok = cp_ok = 0
    for text, spans in sources:
        offsets = unit_offsets(text, codec)
        if offsets[-1] == len(text):
            continue
        back = {u: i for i, u in enumerate(offsets)}
        first = next(i for i, u in enumerate(offsets) if u != i) - 1  # last offset both read alike
        for s, e in spans:
            for p in (s, e):
                if p <= first:
                    continue
                ends += 1
                cp_ok += p <= len(text) and _boundary(text, p)
                q = back.get(p)
                alt_ok += q is not None and _boundary(text, q)
    return ends, alt_ok, cp_ok


def decide_counting(sources: Sequence[tuple[str, Sequence[tuple[int, int]]]], where: str,
                    trusted: bool = False, names: Sequence[str] | None = None,
                    declared: str | None = None) -> Counting:
    """Decide the counting of a file's positions from all its selections (see the module's rule).

    Parameters
    ----------
    sources : sequence of (text, spans)
        Each text source's plain text and its selections ``(start, end)`` as read from the file.
    where : str
        The file, for messages.
    trusted : bool
        The file was written by casestudy, which counts code points.
    names : sequence of str, optional
        A label of each source for messages (``TextSource 'Interview 4'``).
    declared : str, optional
        The counting the user knows the file uses (:data:`CODE_POINTS` or a key of :data:`UNITS`),
        for a file whose evidence is unclear; positions are still checked to fall between characters
        and inside the text.

    Raises
    ------
    ExchangeError
        When the counting is unclear (with the numbers), or a selection lies past its text in every counting.
    """
    if trusted:
        _impossible(sources, where, names)
        return Counting(CODE_POINTS, reason="written by casestudy, which counts code points")
    forced = _impossible(sources, where, names)
    if declared is not None:
        return _declared(sources, where, names, declared, forced)
    found: list[Counting] = []
    for unit, codec in UNITS.items():
        ends, alt_ok, cp_ok = _evidence(sources, codec)
        if ends:
            found.append(Counting(unit, ends, alt_ok, cp_ok, alternative=unit))
    if forced is not None:
        ev = next((c for c in found if c.unit == forced), Counting(forced))
        if ev.ends and ev.alt_ok < ev.ends * (1 - MARGIN):
            raise _unclear([ev], where, "some selections end past the text in code points, and ")
        return Counting(forced, ev.ends, ev.alt_ok, ev.cp_ok, alternative=forced)
    if not found:
        return Counting(CODE_POINTS, reason="no selection end reads differently in another counting")
    winners = [c for c in found if c.ends >= MIN_ENDS and (c.alt_ok - c.cp_ok) >= MARGIN * c.ends]
    if len(winners) == 1:
        return winners[0]
    clear = [c for c in found if (c.cp_ok - c.alt_ok) >= MARGIN * c.ends
             or (c.ends < MIN_ENDS and c.cp_ok >= c.alt_ok)]
    if not winners and len(clear) == len(found):
        best = max(found, key=lambda c: c.ends)
        return Counting(CODE_POINTS, best.ends, best.alt_ok, best.cp_ok, alternative=best.unit)
    raise _unclear(found, where)


def _declared(sources: Sequence[tuple[str, Sequence[tuple[int, int]]]], where: str, names: Sequence[str] | None,
              declared: str, forced: str | None) -> Counting:
    if declared != CODE_POINTS and declared not in UNITS:
        raise ExchangeError(expectation("counting", "one of " + ", ".join([CODE_POINTS, *UNITS]), declared))
    if declared == CODE_POINTS and forced is not None:
        i, end = next((i, max(e for _, e in sp)) for i, (t, sp) in enumerate(sources) if sp and max(e for _, e in sp)
                      > len(t))
        raise ExchangeError(expectation(
            "endPosition", f"at most {len(sources[i][0])}, the source's length in Unicode code points", end,
            f"{where}, {names[i]}" if names else where))
    if declared == CODE_POINTS:
        return Counting(CODE_POINTS, reason="as declared by the user")
    ends, alt_ok, cp_ok = _evidence(sources, UNITS[declared])
    return Counting(declared, ends, alt_ok, cp_ok, reason="as declared by the user; converted to code points",
                    alternative=declared)


def _unclear(found: list[Counting], where: str, lead: str = "") -> ExchangeError:
    detail = "; ".join(f"of {c.ends} selection ends that code points and {c.unit} read differently, "
                       f"{c.cp_ok} land on a word boundary as code points and {c.alt_ok} in {c.unit}" for c in found)
    return ExchangeError(expectation(
        "startPosition, endPosition", "counted in one clear unit (code points, as REFI-QDA requires, or UTF-16 code "
        f"units); the evidence is split: {lead}{detail}; if you know how the program that wrote it counts, name it "
        "(--positions on the command line, counting= in Python)", "unclear", where))

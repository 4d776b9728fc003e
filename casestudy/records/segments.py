"""Coded segments: a span of a source's canonical text with a code, a coder and a status.

Offsets are Unicode code points into the canonical text, end exclusive, so
``text[start:end]`` is the quote. A coding can be made from offsets or from a
quote selector (exact text and 1-based occurrence), resolved by
:func:`locate_quote`.

Examples
--------
>>> text = "Pewawancara: Halo.\\n\\nINF03: Aplikasi absensi, aplikasi bagus."
>>> locate_quote(text, "aplikasi", 1, source_id="int_inf03")
(45, 53)
>>> c = Coding.from_quote(text, "int_inf03", "Aplikasi absensi", "x_code", "coder_a")
>>> (c.start, c.end, c.status, c.origin)
(27, 43, 'accepted', 'manual')
>>> locate_quote(text, "printer", 1, source_id="int_inf03")
Traceback (most recent call last):
...
casestudy.errors.CodingError: int_inf03: 'quote' must be text occurring at least 1 time(s) in the source (got 'printer')
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from casestudy.errors import CodingError, expectation
from casestudy.validators import check_one_of, check_text

__all__ = ["STATUSES", "ORIGINS", "Coding", "locate_quote", "check_span"]

STATUSES = ("suggested", "accepted", "rejected")
ORIGINS = ("manual", "auto", "import", "consensus")
_STATUS_SET, _ORIGIN_SET = frozenset(STATUSES), frozenset(ORIGINS)


def locate_quote(text: str, quote: str, occurrence: int = 1, *, source_id: str = "source") -> tuple[int, int]:
    """Return ``(start, end)`` of the ``occurrence``-th (1-based) exact occurrence of ``quote``.

    Occurrences are counted left to right and may overlap.

    Raises
    ------
    CodingError
        If the quote is empty or occurs fewer than ``occurrence`` times.
    """
    check_text("quote", quote, CodingError, where=source_id)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise CodingError(expectation("occurrence", "a positive integer", occurrence, source_id))
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise CodingError(
                expectation("quote", f"text occurring at least {occurrence} time(s) in the source", quote, source_id))
    return pos, pos + len(quote)


def check_span(text_length: int, start: int, end: int, *, where: str = "coding") -> None:
    """Raise :class:`CodingError` unless ``0 <= start < end <= text_length``.

    Examples
    --------
    >>> check_span(10, 8, 12, where="int_inf01")
    Traceback (most recent call last):
    ...
    casestudy.errors.CodingError: int_inf01: 'span' must be within the text's 10 code points, start < end (got (8, 12))
    """
    if not (0 <= start < end <= text_length):
        raise CodingError(expectation("span", f"within the text's {text_length} code points, start < end",
                                      (start, end), where))


@dataclass(frozen=True)
class Coding:
    """One coded segment.

    Parameters
    ----------
    source_id : str
        Source (``int_inf03``, ``obs_complaint``...).
    start, end : int
        Code-point offsets into the canonical text, end exclusive.
    code_id : str
        Code of the codebook version ``codebook_version``.
    coder_id : str
        Who coded it (``coder_a``, ``coder_b``, ``consensus``, ``autocoder``...).
    status : {'suggested', 'accepted', 'rejected'}
        Suggestions count as codings only once accepted.
    origin : {'manual', 'auto', 'import', 'consensus'}
        How the coding was made.
    codebook_version : int
        Version of the codebook the code belongs to.
    memo : str, optional
        The coder's memo on this coding (e.g. the ``memo`` column of a codings CSV).
    id : int, optional
        Database id, set when read back from the case study database.
    rule : str, optional
        For a suggestion: the rule that made it (``keyword:<phrase>|...``, ``classifier:<model>``).
    suggestion_id : int, optional
        For a coder's decision on a suggestion: the id of the suggestion it came from.
    """

    source_id: str
    start: int
    end: int
    code_id: str
    coder_id: str
    status: str = "accepted"
    origin: str = "manual"
    codebook_version: int = 1
    memo: str | None = None
    id: int | None = None
    rule: str | None = None
    suggestion_id: int | None = None

    @classmethod
    def trusted(cls, source_id: str, start: int, end: int, code_id: str, coder_id: str, status: str = "accepted",
                origin: str = "manual", codebook_version: int = 1, rule: str | None = None) -> "Coding":
        """Build a coding from values already known valid (a matcher's spans), skipping per-object checks.

        For bulk producers such as :func:`casestudy.coding.suggest.suggest`; anything
        else should call the class, which validates every field.

        Examples
        --------
        >>> Coding.trusted("s1", 0, 4, "c", "autocoder", "suggested", "auto") == Coding(
        ...     "s1", 0, 4, "c", "autocoder", "suggested", "auto")
        True
        """
        obj = object.__new__(cls)
        obj.__dict__.update(source_id=source_id, start=start, end=end, code_id=code_id, coder_id=coder_id,
                            status=status, origin=origin, codebook_version=codebook_version, memo=None, id=None,
                            rule=rule, suggestion_id=None)
        return obj

    def __post_init__(self) -> None:
        if (type(self.source_id) is str and self.source_id and type(self.code_id) is str and self.code_id
                and type(self.coder_id) is str and self.coder_id and type(self.start) is int and self.start >= 0
                and type(self.end) is int and self.end > self.start and type(self.codebook_version) is int
                and self.codebook_version >= 0 and self.status in _STATUS_SET and self.origin in _ORIGIN_SET
                and self.source_id.strip() and self.code_id.strip() and self.coder_id.strip()):
            return  # the common, valid case: checked without building messages
        where = f"coding of {self.source_id!r}"
        for name in ("source_id", "code_id", "coder_id"):
            check_text(name, getattr(self, name), CodingError, where=where)
        for name in ("start", "end", "codebook_version"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise CodingError(expectation(name, "a non-negative integer", value, where))
        if self.end <= self.start:
            raise CodingError(expectation("end", f"greater than start {self.start}", self.end, where))
        check_one_of("status", self.status, STATUSES, CodingError, where=where)
        check_one_of("origin", self.origin, ORIGINS, CodingError, where=where)

    @classmethod
    def from_quote(cls, text: str, source_id: str, quote: str, code_id: str, coder_id: str,
                   occurrence: int = 1, **kwargs: object) -> "Coding":
        """Build a coding from a quote selector resolved against ``text`` (the canonical text)."""
        start, end = locate_quote(text, quote, occurrence, source_id=source_id)
        return cls(source_id, start, end, code_id, coder_id, **kwargs)  # type: ignore[arg-type]

    @property
    def note(self) -> str | None:
        """Deprecated name of :attr:`memo` (kept for one release).

        Examples
        --------
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as w:
        ...     warnings.simplefilter("always")
        ...     Coding("s", 0, 1, "c", "a", memo="why").note, w[0].category.__name__
        ('why', 'DeprecationWarning')
        """
        warnings.warn("Coding.note is now Coding.memo", DeprecationWarning, stacklevel=2)
        return self.memo

    def quote(self, text: str) -> str:
        """Return the coded text, checking the span lies inside ``text``."""
        check_span(len(text), self.start, self.end, where=self.source_id)
        return text[self.start:self.end]

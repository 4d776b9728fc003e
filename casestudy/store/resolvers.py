"""Resolvers of the design's evidence selectors against a case study database.

The design never imports the store: it is given callables (``texts``,
``segments``). :func:`source_texts` answers ``quote`` selectors with a
source's canonical text, :func:`segment_lookup` answers ``segment`` selectors
with a coded segment; both see only sources whose release is recorded.

Examples
--------
>>> from casestudy.store import CaseDatabase, FixedClock
>>> with CaseDatabase(":memory:", clock=FixedClock()) as db:
...     source_texts(db)("int_inf03")
Traceback (most recent call last):
...
casestudy.errors.StoreError: quote selector: 'source' must be a source of the case study database (got 'int_inf03')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casestudy.errors import CodingError, StoreError, expectation

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["source_texts", "Segment", "segment_lookup"]


def source_texts(db: CaseDatabase, *, releasable_only: bool = True) -> Callable[[str], str]:
    """Return ``source_id -> canonical text`` (a snapshot) for the design's ``quote`` selectors.

    Only sources that may be released (:meth:`~casestudy.store.CaseDatabase.releasable_sources`) unless
    ``releasable_only=False``; a withheld source is an error that says so.
    """
    allowed = set(db.releasable_sources()) if releasable_only else set(db.sources()["source_id"])
    every = set(db.sources()["source_id"])
    texts = {sid: db.source_text(sid) for sid in sorted(allowed)}

    def text(source_id: str) -> str:
        if source_id in every and source_id not in texts:
            raise StoreError(expectation("source", "a source whose release is recorded (withheld: no recorded "
                                         "consent)", source_id, "quote selector"))
        if source_id not in texts:
            raise StoreError(expectation("source", "a source of the case study database", source_id, "quote selector"))
        return texts[source_id]

    return text


@dataclass(frozen=True)
class Segment:
    """A coded segment found by a ``segment`` selector."""

    source_id: str
    start: int
    end: int
    text: str
    coding_id: int


def segment_lookup(db: CaseDatabase, status: str = "accepted") -> Callable[[str, str, str, int], Segment]:
    """Return ``(source, code, coder, occurrence) -> Segment`` (1-based occurrence, in text order).

    Examples
    --------
    >>> from casestudy.store import CaseDatabase, FixedClock
    >>> with CaseDatabase(":memory:", clock=FixedClock()) as db:
    ...     segment_lookup(db)("int_inf03", "intimacy_on_site_assistance", "coder_a", 1)
    Traceback (most recent call last):
    ...
    casestudy.errors.CodingError: segment selector: 'occurrence' must be at most the 0 coding(s) of intimacy_on_site_assistance by coder_a in int_inf03 (got 1)
    """
    rows = db.codings(status=status)
    rows = rows[rows["source_id"].isin(db.releasable_sources())]
    groups: dict[tuple[str, str, str], list[Segment]] = {}
    for source_id, code_id, coder_id, start, end, text, coding_id in zip(
            rows["source_id"], rows["code_id"], rows["coder_id"], rows["start"], rows["end"], rows["text"],
            rows["coding_id"]):
        groups.setdefault((str(source_id), str(code_id), str(coder_id)), []).append(
            Segment(str(source_id), int(start), int(end), str(text), int(coding_id)))

    def lookup(source: str, code: str, coder: str, occurrence: int = 1) -> Segment:
        found = groups.get((source, code, coder), [])
        if not isinstance(occurrence, int) or not 1 <= occurrence <= len(found):
            raise CodingError(expectation("occurrence", f"at most the {len(found)} coding(s) of {code} by {coder} "
                                          f"in {source}", occurrence, "segment selector"))
        return found[occurrence - 1]

    return lookup

"""Evidence items: stable selectors into sources, and their resolution.

An evidence item never stores offsets typed by hand (docs/architecture.md,
"Evidence selectors"). It points into a source by a selector:

- :class:`QuoteSelector`: exact quoted text and its 1-based occurrence in the
  source's canonical text;
- :class:`SegmentSelector`: a coded segment of the case study database (source,
  code, coder, occurrence);
- :class:`TableSelector`: a value in a named result table (row by key columns, column).

Resolution takes what it needs as arguments (``texts``: source id -> canonical text;
``tables``: name -> DataFrame; ``segments``: a DataFrame of coded segments with columns
source, code, coder, start, end, text, or a callable ``(source, code, coder,
occurrence) -> segment`` with ``start``, ``end`` and ``text`` that raises when there is none), so the design never imports the
coding engine or the CRM code. Keeping quotes resolvable is Yin's chain of evidence
(Yin 2009, pp. 122-124).

Examples
--------
>>> item = EvidenceItem("ev1", QuoteSelector("int_inf03", "rata-rata usia"), stance="supports")
>>> r = Resolver(texts={"int_inf03": "Inf03: Staf kami rata-rata usia di atas 45."}).resolve(item)
>>> r.status, r.text, r.start, r.end
('resolved', 'rata-rata usia', 17, 31)
>>> Resolver(texts={"int_inf03": "Inf03: lain."}).resolve(item).problem
"quote 'rata-rata usia' occurs 0 times in int_inf03 (occurrence 1 asked)"
>>> import pandas as pd
>>> t = TableSelector("orders_per_year", (("year", 2020),), "orders")
>>> Resolver(tables={"orders_per_year": pd.DataFrame({"year": [2019, 2020], "orders": [27, 16]})}).resolve(
...     EvidenceItem("ev2", t)).value
16
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Union

import pandas as pd

from casestudy.errors import CaseStudyError, DesignError, expectation
from casestudy.validators import check_id, check_one_of, check_text

__all__ = [
    "STANCES",
    "RESOLUTION_STATUSES",
    "QuoteSelector",
    "SegmentSelector",
    "TableSelector",
    "Selector",
    "EvidenceItem",
    "Resolution",
    "Resolver",
]

STANCES = ("supports", "contradicts")
RESOLUTION_STATUSES = ("resolved", "broken", "unchecked")


def _check_occurrence(value: Any, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DesignError(expectation("occurrence", "a positive integer (1-based)", value, where))


@dataclass(frozen=True)
class QuoteSelector:
    """The ``occurrence``-th exact occurrence of ``quote`` in a source's canonical text."""

    source: str
    quote: str
    occurrence: int = 1

    def __post_init__(self) -> None:
        check_id("source", self.source, DesignError)
        check_text("quote", self.quote, DesignError, where=self.source)
        _check_occurrence(self.occurrence, self.source)


@dataclass(frozen=True)
class SegmentSelector:
    """The ``occurrence``-th segment (by start offset) coded ``code`` by ``coder`` in ``source``."""

    source: str
    code: str
    coder: str
    occurrence: int = 1

    def __post_init__(self) -> None:
        check_id("source", self.source, DesignError)
        check_text("code", self.code, DesignError, where=self.source)
        check_text("coder", self.coder, DesignError, where=self.source)
        _check_occurrence(self.occurrence, self.source)


@dataclass(frozen=True)
class TableSelector:
    """The value in ``column`` of the one row of table ``table`` whose key columns equal ``row``."""

    table: str
    row: tuple[tuple[str, Any], ...]
    column: str

    def __post_init__(self) -> None:
        check_id("table", self.table, DesignError)
        if not self.row or not all(isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) for p in self.row):
            raise DesignError(expectation("row", "a non-empty mapping of column to value", self.row, self.table))
        check_text("column", self.column, DesignError, where=self.table)

    @property
    def source(self) -> str:
        """Tables are attributed to sources by the design (``Source.tables``); none here."""
        return ""


Selector = Union[QuoteSelector, SegmentSelector, TableSelector]


@dataclass(frozen=True)
class EvidenceItem:
    """One item of evidence for (or against) a finding or rival explanation.

    Parameters
    ----------
    id : str
    selector : QuoteSelector, SegmentSelector or TableSelector
    stance : {'supports', 'contradicts'}
        Whether it supports or contradicts the claim it is attached to.
    note : str
        What the item shows, in the researcher's words.
    """

    id: str
    selector: Selector
    stance: str = "supports"
    note: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        if not isinstance(self.selector, (QuoteSelector, SegmentSelector, TableSelector)):
            raise DesignError(expectation("selector", "a quote, segment or table selector", self.selector, self.id))
        check_one_of("stance", self.stance, STANCES, DesignError, where=self.id)

    @property
    def kind(self) -> str:
        """``quote``, ``segment`` or ``table``."""
        return {QuoteSelector: "quote", SegmentSelector: "segment", TableSelector: "table"}[type(self.selector)]


@dataclass(frozen=True)
class Resolution:
    """What an evidence item resolved to.

    ``status`` is ``resolved``, ``broken`` (the selector points at nothing) or
    ``unchecked`` (nothing to resolve against was supplied). ``row_provenance`` is
    the ``provenance`` cell of a table row, when the table has that column.
    """

    evidence_id: str
    status: str
    text: str = ""
    value: Any = None
    start: int | None = None
    end: int | None = None
    row_provenance: str = ""
    problem: str = ""


TextLookup = Union[Mapping[str, str], Callable[[str], str]]
TableLookup = Union[Mapping[str, pd.DataFrame], Callable[[str], pd.DataFrame]]
SegmentLookup = Union[pd.DataFrame, Callable[[str, str, str, int], Any]]


def _lookup(source: Any, key: str) -> Any:
    if source is None:
        return None
    if isinstance(source, Mapping):
        return source.get(key)
    try:
        return source(key)
    except (LookupError, FileNotFoundError, CaseStudyError):
        return None


@dataclass(frozen=True)
class Resolver:
    """Resolves selectors against what the caller supplies (any of the three may be missing)."""

    texts: TextLookup | None = None
    tables: TableLookup | None = None
    segments: SegmentLookup | None = None

    def resolve(self, item: EvidenceItem) -> Resolution:
        """Resolve one evidence item."""
        sel = item.selector
        if isinstance(sel, QuoteSelector):
            return self._quote(item.id, sel)
        if isinstance(sel, SegmentSelector):
            return self._segment(item.id, sel)
        return self._table(item.id, sel)

    def _quote(self, eid: str, sel: QuoteSelector) -> Resolution:
        if self.texts is None:
            return Resolution(eid, "unchecked", problem="no canonical texts supplied")
        text = _lookup(self.texts, sel.source)
        if text is None:
            return Resolution(eid, "broken", problem=f"no canonical text for source {sel.source}")
        starts, pos = [], text.find(sel.quote)
        while pos >= 0:
            starts.append(pos)
            pos = text.find(sel.quote, pos + 1)
        if len(starts) < sel.occurrence:
            return Resolution(eid, "broken", problem=(
                f"quote {sel.quote!r} occurs {len(starts)} times in {sel.source} (occurrence {sel.occurrence} asked)"))
        start = starts[sel.occurrence - 1]
        return Resolution(eid, "resolved", text=sel.quote, start=start, end=start + len(sel.quote))

    def _segment(self, eid: str, sel: SegmentSelector) -> Resolution:
        if self.segments is None:
            return Resolution(eid, "unchecked", problem="no coded segments supplied")
        if not isinstance(self.segments, pd.DataFrame):
            try:
                seg = self.segments(sel.source, sel.code, sel.coder, sel.occurrence)
            except (LookupError, CaseStudyError) as exc:
                return Resolution(eid, "broken", problem=str(exc))
            return Resolution(eid, "resolved", text=str(seg.text), start=int(seg.start), end=int(seg.end))
        df = self.segments
        df = df[(df["source"] == sel.source) & (df["code"] == sel.code) & (df["coder"] == sel.coder)]
        df = df.sort_values(["start", "end"], kind="stable")
        if len(df) < sel.occurrence:
            return Resolution(eid, "broken", problem=(
                f"{len(df)} segments coded {sel.code} by {sel.coder} in {sel.source} (occurrence {sel.occurrence} asked)"))
        row = df.iloc[sel.occurrence - 1]
        return Resolution(eid, "resolved", text=str(row["text"]), start=int(row["start"]), end=int(row["end"]))

    def _table(self, eid: str, sel: TableSelector) -> Resolution:
        if self.tables is None:
            return Resolution(eid, "unchecked", problem="no result tables supplied")
        df = _lookup(self.tables, sel.table)
        if df is None:
            return Resolution(eid, "broken", problem=f"no table named {sel.table}")
        keys = dict(sel.row)
        missing = [c for c in [*keys, sel.column] if c not in df.columns]
        if missing:
            return Resolution(eid, "broken", problem=f"table {sel.table} has no column {missing[0]}")
        mask = pd.Series(True, index=df.index)
        for col, val in keys.items():
            mask &= df[col] == val
        hits = df[mask]
        if len(hits) != 1:
            return Resolution(eid, "broken", problem=f"{len(hits)} rows of {sel.table} match {keys} (one expected)")
        value = hits.iloc[0][sel.column]
        value = value.item() if hasattr(value, "item") else value
        prov = str(hits.iloc[0]["provenance"]) if "provenance" in df.columns else ""
        return Resolution(eid, "resolved", text=f"{sel.table}[{keys}].{sel.column} = {value}", value=value,
                          row_provenance=prov)

"""The one consent model: each informant, and each source without one, is ``recorded``, ``refused`` or ``unknown``.

Privacy fails closed: only material whose release is ``recorded`` reaches an
export, a report, a figure or a notebook output. ``unknown`` (nothing recorded
yet, the default) and ``refused`` are withheld alike; the difference is kept
for the researcher. The store applies the rule in one place
(:meth:`casestudy.store.CaseDatabase.releasable_sources`).

``consent.csv`` has the header ``informant,consent_recorded,consent_date,scope``
(the file ``casestudy init`` writes); ``consent_recorded`` is ``yes`` (or
``recorded``, ``true``, ``1``), ``refused``, or ``no``/``unknown``/empty (nothing
recorded). An ``informant`` value may also name a source that has no
informant (a document, a field note): the row then sets that source's release.

Examples
--------
>>> consent_state("yes", "consent.csv, line 2")
'recorded'
>>> consent_state("no", "consent.csv, line 2")
'unknown'
>>> consent_state("maybe", "consent.csv, line 2")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: consent.csv, line 2: 'consent_recorded' must be yes, refused or no (got 'maybe')
>>> ConsentRecord("inf03", "recorded", "2024-02-30")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: consent of 'inf03': 'consent_date' must be a date YYYY-MM-DD (got '2024-02-30')
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casestudy import paths
from casestudy.errors import ValidationError, expectation

__all__ = ["CONSENT_STATES", "RELEASABLE", "CONSENT_HEADER", "ConsentRecord", "consent_state", "combine_states",
           "read_consent_csv", "withheld_notice", "included_notice"]

#: The consent (release) states, in the order they are listed to users.
CONSENT_STATES = ("recorded", "refused", "unknown")
#: The only state whose material may be released.
RELEASABLE = "recorded"
#: The header of ``consent.csv``.
CONSENT_HEADER = ("informant", "consent_recorded", "consent_date", "scope")
_WORDS = {"yes": "recorded", "true": "recorded", "1": "recorded", "recorded": "recorded", "refused": "refused",
          "no": "unknown", "false": "unknown", "0": "unknown", "unknown": "unknown", "": "unknown"}


def consent_state(value: object, where: str | None = None, field: str = "consent_recorded") -> str:
    """Map a consent word (``yes``, ``refused``, ``no``...) or a state to one of :data:`CONSENT_STATES`.

    Raises
    ------
    ValidationError
        ``'consent_recorded' must be yes, refused or no``.
    """
    word = value.strip().lower() if isinstance(value, str) else value
    if word is True:
        return "recorded"
    if not isinstance(word, str) or word not in _WORDS:
        raise ValidationError(expectation(field, "yes, refused or no", value, where))
    return _WORDS[word]


def combine_states(states: Iterable[str]) -> str:
    """The release of material several people are in: ``refused`` if anyone refused, else ``unknown`` if
    anyone's consent is not recorded, else ``recorded`` (``unknown`` for nobody: fails closed).

    Examples
    --------
    >>> combine_states(["recorded", "recorded"]), combine_states(["recorded", "unknown"]), combine_states([])
    ('recorded', 'unknown', 'unknown')
    """
    found = set(states)
    if "refused" in found:
        return "refused"
    if not found or found - {"recorded"}:
        return "unknown"
    return "recorded"


def _check_date(value: str | None, where: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        raise ValidationError(expectation("consent_date", "a date YYYY-MM-DD", value, where))
    return value


@dataclass(frozen=True)
class ConsentRecord:
    """What was recorded about one informant's (or one source's) consent.

    Parameters
    ----------
    subject : str
        Informant (case) id, or the id of a source without an informant.
    state : str
        ``recorded``, ``refused`` or ``unknown``.
    date : str, optional
        ISO date the consent was recorded.
    scope : str, optional
        What the consent covers.
    """

    subject: str
    state: str = "unknown"
    date: str | None = None
    scope: str | None = None

    def __post_init__(self) -> None:
        where = f"consent of {self.subject!r}"
        if not isinstance(self.subject, str) or not self.subject.strip():
            raise ValidationError(expectation("informant", "a non-empty id", self.subject, "consent"))
        if self.state not in CONSENT_STATES:
            raise ValidationError(expectation("state", "one of " + ", ".join(CONSENT_STATES), self.state, where))
        _check_date(self.date, where)

    @property
    def releasable(self) -> bool:
        """True only for ``recorded``."""
        return self.state == RELEASABLE


def read_consent_csv(path: str | os.PathLike[str]) -> dict[str, ConsentRecord]:
    """Read ``consent.csv`` strictly; return subject id -> :class:`ConsentRecord` in file order.

    Raises
    ------
    ValidationError
        For a missing file, a file that is not UTF-8 CSV, a header other than
        ``informant,consent_recorded,consent_date,scope`` (naming the missing column),
        a ragged row, a duplicate informant, an unknown consent word or an impossible date,
        each naming the file and line. Nothing is returned in part.
    """
    p = Path(path)
    where = paths.display_path(p)
    if not p.is_file():
        raise ValidationError(expectation("path", "an existing consent CSV file", str(path), where))
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(expectation("encoding", "UTF-8", f"invalid byte at offset {exc.start}", where)) from None
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: dict[str, ConsentRecord] = {}
    try:
        header = next(rows, None)
        if header is None:
            raise ValidationError(expectation("header", ",".join(CONSENT_HEADER), "an empty file", f"{where}, line 1"))
        header = [h.strip() for h in header]
        missing = [h for h in CONSENT_HEADER if h not in header]
        if missing or len(header) != len(CONSENT_HEADER):
            got = ",".join(header) + (f"; missing {', '.join(missing)}" if missing else "")
            raise ValidationError(expectation("header", ",".join(CONSENT_HEADER), got, f"{where}, line 1"))
        for values in rows:
            line = f"{where}, line {rows.line_num}"
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise ValidationError(expectation("row", f"{len(header)} fields", len(values), line))
            row = dict(zip(header, (v.strip() for v in values)))
            subject = row["informant"]
            if not subject:
                raise ValidationError(expectation("informant", "a non-empty id", subject, line))
            if subject in out:
                raise ValidationError(expectation("informant", "listed once", subject, line))
            try:
                out[subject] = ConsentRecord(subject, consent_state(row["consent_recorded"]), row["consent_date"] or None,
                                             row["scope"] or None)
            except ValidationError as exc:
                raise ValidationError(f"{line}: {str(exc).split(': ', 1)[-1]}") from None
    except csv.Error as exc:
        raise ValidationError(expectation("csv", "well-formed CSV", str(exc), f"{where}, line {rows.line_num}")) from None
    return out


def included_notice(withheld: Sequence[str], included: bool) -> str:
    """The notice an output carries when it includes the sources ``withheld`` (``--all-informants``), else "".

    Examples
    --------
    >>> included_notice(["int_a", "doc_b"], included=True)
    'INCLUDES 2 source(s) without recorded consent (--all-informants): not for release: int_a, doc_b'
    >>> included_notice(["int_a"], included=False), included_notice([], included=True)
    ('', '')
    """
    if not (included and withheld):
        return ""
    return withheld_notice(len(withheld), included=True) + ": " + ", ".join(withheld)


def withheld_notice(n_withheld: int, included: bool) -> str:
    """The one sentence an output carries about material without recorded consent.

    Examples
    --------
    >>> withheld_notice(2, included=True)
    'INCLUDES 2 source(s) without recorded consent (--all-informants): not for release'
    >>> withheld_notice(2, included=False)
    'left out 2 source(s) without recorded consent (record it with: casestudy consent set|import --db DB)'
    """
    if included:
        return f"INCLUDES {n_withheld} source(s) without recorded consent (--all-informants): not for release"
    return (f"left out {n_withheld} source(s) without recorded consent "
            "(record it with: casestudy consent set|import --db DB)")

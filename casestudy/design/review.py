"""Key-informant review: who reviewed which part of a draft, when, and with what outcome.

Having key informants review the draft case study report is a construct-validity
tactic of the composition phase (Yin 2009, Figure 2.3, p. 41; pp. 182-183).
A design states whether review is planned and by whom (:class:`ReviewPlan`), and
holds a record per review actually done (:class:`ReviewRecord`). A plan without
records is a gap, and :mod:`casestudy.design.validity` shows it.

Examples
--------
>>> plan = ReviewPlan(planned=True, reviewer_units=("owner", "government_buyers", "end_users"),
...                   statement="Key informants (maker, buyer, user) review the data.",
...                   records_note="The paper publishes no review records.")
>>> plan.records
()
>>> ReviewRecord("rv1", "inf01", "f_intimacy", "2024-05-01", "accepted")
Traceback (most recent call last):
...
casestudy.errors.DesignError: rv1: 'outcome' must be one of confirmed, corrected, disputed, no_response (got 'accepted')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casestudy.errors import DesignError, expectation
from casestudy.provenance import check as check_provenance
from casestudy.validators import check_id, check_one_of, check_unique
from casestudy.provenance import PUBLISHED

__all__ = ["REVIEW_OUTCOMES", "ReviewRecord", "ReviewPlan"]

REVIEW_OUTCOMES = ("confirmed", "corrected", "disputed", "no_response")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class ReviewRecord:
    """One informant's review of one part of the draft (a finding id).

    Parameters
    ----------
    id : str
    informant : str
        Informant id.
    part : str
        Id of the finding (draft part) reviewed.
    date : str
        ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    outcome : {'confirmed', 'corrected', 'disputed', 'no_response'}
    notes : str
    provenance : {'published', 'illustrative', 'synthetic'}
    """

    id: str
    informant: str
    part: str
    date: str
    outcome: str
    notes: str = ""
    provenance: str = PUBLISHED

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_id("informant", self.informant, DesignError, where=self.id)
        check_id("part", self.part, DesignError, where=self.id)
        if not isinstance(self.date, str) or not _DATE.match(self.date):
            raise DesignError(expectation("date", "an ISO date YYYY[-MM[-DD]]", self.date, self.id))
        check_one_of("outcome", self.outcome, REVIEW_OUTCOMES, DesignError, where=self.id)
        check_provenance(self.provenance, error=DesignError, where=self.id)


@dataclass(frozen=True)
class ReviewPlan:
    """Whether key-informant review is planned, by which units, and the records of it.

    Parameters
    ----------
    planned : bool
    reviewer_units : tuple of str
        Ids of the embedded units whose informants are to review.
    statement : str
        The study's own statement about review.
    records : tuple of ReviewRecord
    records_note : str
        What is known about the records (e.g. that none are published).
    """

    planned: bool = False
    reviewer_units: tuple[str, ...] = ()
    statement: str = ""
    records: tuple[ReviewRecord, ...] = ()
    records_note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.planned, bool):
            raise DesignError(expectation("planned", "true or false", self.planned, "review"))
        check_unique("reviewer_units", self.reviewer_units, DesignError, where="review")
        check_unique("records[].id", (r.id for r in self.records), DesignError, where="review")

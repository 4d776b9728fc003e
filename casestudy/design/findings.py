"""Findings: claims of the study, tied to the theory, the questions and their evidence.

A finding names the Buttle stage it belongs to and the framework elements it
speaks to (ids of :data:`casestudy.framework.BUTTLE_2004`), the study questions
or propositions it bears on, the evidence items that support or contradict it,
and the findings it builds on (explanation building, Yin 2009, pp. 141-144).
Where the paper gives no evidence for a claim, ``gap`` says so in words, and the
validity assessment shows the gap (:mod:`casestudy.design.validity`).

Examples
--------
>>> from casestudy.design.evidence import EvidenceItem, QuoteSelector
>>> f = Finding("f_intimacy", "intimacy", "On-site assistance", "Staff were stationed on site.",
...             framework_ids=("intimacy_on_site_assistance",), bears_on=("q_how",),
...             evidence=(EvidenceItem("ev1", QuoteSelector("int_inf03", "didampingi")),))
>>> f.evidence_ids()
('ev1',)
>>> Finding("f_x", "loyalty", "t", "s")
Traceback (most recent call last):
...
casestudy.errors.DesignError: f_x: 'stage' must be one of portfolio, intimacy, network, value, lifecycle (got 'loyalty')
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.design.evidence import EvidenceItem
from casestudy.errors import DesignError, expectation
from casestudy.framework import BUTTLE_2004
from casestudy.validators import check_id, check_one_of, check_text, check_unique

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """A finding of the study.

    Parameters
    ----------
    id : str
    stage : str
        Id of the Buttle (2004) stage.
    title, statement : str
    framework_ids : tuple of str
        Ids of framework elements the finding speaks to.
    bears_on : tuple of str
        Ids of study questions or propositions.
    evidence : tuple of EvidenceItem
    builds_on : tuple of str
        Ids of findings this one builds on.
    gap : str
        What the paper does not give evidence for, if anything.
    source : str
        Where the paper reports it.
    """

    id: str
    stage: str
    title: str
    statement: str
    framework_ids: tuple[str, ...] = ()
    bears_on: tuple[str, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    builds_on: tuple[str, ...] = ()
    gap: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_one_of("stage", self.stage, [s.id for s in BUTTLE_2004.stages], DesignError, where=self.id)
        check_text("title", self.title, DesignError, where=self.id)
        check_text("statement", self.statement, DesignError, where=self.id)
        known = set(BUTTLE_2004.ids())
        for k, fid in enumerate(self.framework_ids):
            if fid not in known:
                raise DesignError(expectation(f"framework_ids[{k}]", "an id of the Buttle 2004 framework", fid, self.id))
        check_unique("framework_ids", self.framework_ids, DesignError, where=self.id)
        check_unique("bears_on", self.bears_on, DesignError, where=self.id)
        check_unique("evidence[].id", self.evidence_ids(), DesignError, where=self.id)
        if self.id in self.builds_on:
            raise DesignError(expectation("builds_on", "ids of other findings (no self-reference)", self.id, self.id))

    def evidence_ids(self) -> tuple[str, ...]:
        """Ids of the finding's evidence items."""
        return tuple(e.id for e in self.evidence)

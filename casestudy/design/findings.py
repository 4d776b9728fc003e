"""Findings: claims of the study, tied to the theory, the questions and their evidence.

A finding names the stage of the study's framework it belongs to and the framework
elements it speaks to (checked against the design's framework by
:class:`~casestudy.design.design.CaseStudyDesign`; empty when the design names none), the study questions
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
>>> Finding("f_x", "Loyalty", "t", "s")
Traceback (most recent call last):
...
casestudy.errors.DesignError: f_x: 'stage' must be a lower-case identifier or empty (no framework) (got 'Loyalty')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casestudy.design.evidence import EvidenceItem
from casestudy.errors import DesignError, expectation
from casestudy.validators import ID_PATTERN, check_id, check_text, check_unique

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """A finding of the study.

    Parameters
    ----------
    id : str
    stage : str
        Id of a stage of the design's framework (empty when the design names none).
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
    stage: str = ""
    title: str = field(default="", metadata={"required": True})
    statement: str = field(default="", metadata={"required": True})
    framework_ids: tuple[str, ...] = ()
    bears_on: tuple[str, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    builds_on: tuple[str, ...] = ()
    gap: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        if self.stage and (not isinstance(self.stage, str) or not ID_PATTERN.match(self.stage)):
            raise DesignError(expectation("stage", "a lower-case identifier or empty (no framework)", self.stage,
                                          self.id))
        check_text("title", self.title, DesignError, where=self.id)
        check_text("statement", self.statement, DesignError, where=self.id)
        for fid in self.framework_ids:
            check_id("framework_ids", fid, DesignError, where=self.id)
        check_unique("framework_ids", self.framework_ids, DesignError, where=self.id)
        check_unique("bears_on", self.bears_on, DesignError, where=self.id)
        check_unique("evidence[].id", self.evidence_ids(), DesignError, where=self.id)
        if self.id in self.builds_on:
            raise DesignError(expectation("builds_on", "ids of other findings (no self-reference)", self.id, self.id))

    def evidence_ids(self) -> tuple[str, ...]:
        """Ids of the finding's evidence items."""
        return tuple(e.id for e in self.evidence)

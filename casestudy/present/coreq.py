"""The COREQ checklist (Tong, Sainsbury & Craig 2007), filled from the design where it answers.

COREQ, the COnsolidated criteria for REporting Qualitative research, has 32
items in three domains. :func:`coreq_checklist` answers an item only from a
field of the case study design (or from the coding database's coders and
codes, when given) and names that field as the basis; every other item is
``open``. Nothing is inferred from the paper's silence. An answer resting on
illustrative material says so.

Reference: A. Tong, P. Sainsbury and J. Craig, "Consolidated criteria for
reporting qualitative research (COREQ): a 32-item checklist for interviews and
focus groups", *International Journal for Quality in Health Care* 19(6),
349-357, 2007.

Examples
--------
>>> len(COREQ_ITEMS), COREQ_ITEMS[0].topic, COREQ_ITEMS[-1].topic
(32, 'Interviewer/facilitator', 'Clarity of minor themes')
>>> blank = coreq_checklist(None)
>>> blank["status"].value_counts().to_dict()
{'open': 32}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from casestudy.provenance import EMPIRICAL, PUBLISHED, combine

__all__ = ["CoreqItem", "COREQ_ITEMS", "coreq_checklist"]


@dataclass(frozen=True)
class CoreqItem:
    """One COREQ item: number, domain, sub-domain, topic and its guide question."""

    number: int
    domain: str
    subdomain: str
    topic: str
    question: str


_D1, _D2, _D3 = "Research team and reflexivity", "Study design", "Analysis and findings"
_ROWS = (
    (_D1, "Personal characteristics", "Interviewer/facilitator", "Which author/s conducted the interview or focus group?"),
    (_D1, "Personal characteristics", "Credentials", "What were the researcher's credentials?"),
    (_D1, "Personal characteristics", "Occupation", "What was their occupation at the time of the study?"),
    (_D1, "Personal characteristics", "Gender", "Was the researcher male or female?"),
    (_D1, "Personal characteristics", "Experience and training", "What experience or training did the researcher have?"),
    (_D1, "Relationship with participants", "Relationship established",
     "Was a relationship established prior to study commencement?"),
    (_D1, "Relationship with participants", "Participant knowledge of the interviewer",
     "What did the participants know about the researcher?"),
    (_D1, "Relationship with participants", "Interviewer characteristics",
     "What characteristics were reported about the interviewer/facilitator?"),
    (_D2, "Theoretical framework", "Methodological orientation and theory",
     "What methodological orientation was stated to underpin the study?"),
    (_D2, "Participant selection", "Sampling", "How were participants selected?"),
    (_D2, "Participant selection", "Method of approach", "How were participants approached?"),
    (_D2, "Participant selection", "Sample size", "How many participants were in the study?"),
    (_D2, "Participant selection", "Non-participation", "How many people refused to participate or dropped out?"),
    (_D2, "Setting", "Setting of data collection", "Where was the data collected?"),
    (_D2, "Setting", "Presence of non-participants", "Was anyone else present besides the participants and researchers?"),
    (_D2, "Setting", "Description of sample", "What are the important characteristics of the sample?"),
    (_D2, "Data collection", "Interview guide", "Were questions, prompts, guides provided by the authors? Was it pilot tested?"),
    (_D2, "Data collection", "Repeat interviews", "Were repeat interviews carried out?"),
    (_D2, "Data collection", "Audio/visual recording", "Did the research use audio or visual recording to collect the data?"),
    (_D2, "Data collection", "Field notes", "Were field notes made during and/or after the interview or focus group?"),
    (_D2, "Data collection", "Duration", "What was the duration of the interviews or focus group?"),
    (_D2, "Data collection", "Data saturation", "Was data saturation discussed?"),
    (_D2, "Data collection", "Transcripts returned", "Were transcripts returned to participants for comment and/or correction?"),
    (_D3, "Data analysis", "Number of data coders", "How many data coders coded the data?"),
    (_D3, "Data analysis", "Description of the coding tree", "Did authors provide a description of the coding tree?"),
    (_D3, "Data analysis", "Derivation of themes", "Were themes identified in advance or derived from the data?"),
    (_D3, "Data analysis", "Software", "What software, if applicable, was used to manage the data?"),
    (_D3, "Data analysis", "Participant checking", "Did participants provide feedback on the findings?"),
    (_D3, "Reporting", "Quotations presented",
     "Were participant quotations presented to illustrate the findings? Was each quotation identified?"),
    (_D3, "Reporting", "Data and findings consistent", "Was there consistency between the data presented and the findings?"),
    (_D3, "Reporting", "Clarity of major themes", "Were major themes clearly presented in the findings?"),
    (_D3, "Reporting", "Clarity of minor themes", "Is there a description of diverse cases or discussion of minor themes?"),
)
COREQ_ITEMS: tuple[CoreqItem, ...] = tuple(CoreqItem(i, *row) for i, row in enumerate(_ROWS, start=1))

Answer = tuple[str, str, str]  # (answer, basis, provenance)


def _of_design(d: Any) -> str:
    """Provenance of an answer read from the design: a published study's design is published; a
    researcher's own design is as real as their sources (empirical unless they say otherwise)."""
    provs = [src.provenance for src in d.sources]
    return PUBLISHED if PUBLISHED in provs else combine(provs) if provs else EMPIRICAL


def _of_interviews(d: Any) -> str:
    """Provenance of an answer about the interviews and their coding: that of the interview sources."""
    provs = [src.provenance for src in d.sources if src.type == "interviews"]
    return combine(provs) if provs else _of_design(d)


def _orientation(d: Any, _: dict[str, Any]) -> Answer | None:
    techniques = ", ".join(t.technique.replace("_", " ") for t in d.logic)
    return (f"Case study after Yin ({d.yin_edition}), {d.yin_type_label}; analytic techniques: {techniques}; "
            f"theory: {d.framework.title if d.framework else 'no framework named'} ({d.theory.role})", "design: yin_edition, cases, logic, theory",
            _of_design(d))


def _sampling(d: Any, _: dict[str, Any]) -> Answer | None:
    sel = "; ".join(c.selection for c in d.cases if c.selection)
    return (sel, "design: cases[].selection", _of_design(d)) if sel else None


def _sample_size(d: Any, _: dict[str, Any]) -> Answer | None:
    inf = d.informants()
    units = sorted({i.unit for i in inf})
    return (f"{len(inf)} informants in {len(units)} embedded units ({', '.join(units)})",
            "design: cases[].informants", _of_design(d)) if inf else None


def _sample(d: Any, _: dict[str, Any]) -> Answer | None:
    units = [f"{u.name}" + (f" (planned {u.planned_count})" if u.planned_count else "") for c in d.cases for u in c.units]
    return ("; ".join(units), "design: cases[].units", _of_design(d)) if units else None


def _guide(d: Any, _: dict[str, Any]) -> Answer | None:
    qs = d.protocol.questions
    if not qs:
        return None
    levels = sorted({q.level for q in qs})
    return (f"Protocol with {len(qs)} questions at Yin's levels {', '.join(map(str, levels))}; pilot test not recorded",
            "design: protocol.questions", d.protocol.provenance)


def _field_notes(d: Any, _: dict[str, Any]) -> Answer | None:
    obs = [s for s in d.sources if s.type in ("direct_observation", "participant_observation")]
    if not obs:
        return None
    provs = sorted({s.provenance for s in obs})
    return (f"{len(obs)} observation sources registered ({', '.join(s.id for s in obs)})", "design: sources[].type",
            "+".join(provs))


def _returned(d: Any, _: dict[str, Any]) -> Answer | None:
    r = d.review
    if not (r.planned or r.records):
        return None
    text = (r.statement or "Key-informant review planned").rstrip(". ")
    text += f"; {len(r.records)} review records" + (f" ({r.records_note})" if r.records_note else "")
    return text, "design: review", _of_design(d)


def _coders(d: Any, extra: dict[str, Any]) -> Answer | None:
    coders = extra.get("coders")
    if not coders:
        return None
    return f"{len(coders)} coders ({', '.join(coders)})", "case study database: coders", _of_interviews(d)


def _tree(d: Any, extra: dict[str, Any]) -> Answer | None:
    n = extra.get("n_codes")
    fw = d.framework
    what = (" (Buttle stages, sub-elements, value aspects, lifecycle, network)" if fw is not None and fw.id == "buttle_2004"
            else f" referring to the stages of {fw.title}" if fw is not None else "")
    return (f"Hierarchical codebook of {n} codes{what}",
            "case study database: codes", _of_design(d)) if n else None


def _themes(d: Any, _: dict[str, Any]) -> Answer | None:
    if d.framework is None:
        return None
    return (f"Identified in advance from the theory ({d.framework.title}): findings are organised by its stages",
            "design: theory, findings[].stage", _of_design(d))


def _software(d: Any, _: dict[str, Any]) -> Answer | None:
    return (d.database.description, "design: database", d.database.provenance)


def _quotes(d: Any, _: dict[str, Any]) -> Answer | None:
    n = sum(1 for _, _, e in d.evidence_items() if e.kind in ("quote", "segment"))
    if not n:
        return None
    return (f"{n} quoted evidence items, each identified by source, informant and offsets in this report",
            "design: findings[].evidence", _of_interviews(d))


def _consistent(d: Any, _: dict[str, Any]) -> Answer | None:
    return ("See the triangulation matrix and the chain of evidence sections", "design: findings, evidence",
            _of_design(d))


def _major(d: Any, _: dict[str, Any]) -> Answer | None:
    if d.framework is None:
        return (f"{len(d.findings)} findings (the design names no framework)", "design: findings", _of_design(d))
    stages = [s.id for s in d.framework.stages]
    counts = {s: sum(f.stage == s for f in d.findings) for s in stages}
    return ("Findings by stage: " + ", ".join(f"{s} {n}" for s, n in counts.items()), "design: findings[].stage",
            _of_design(d))


def _minor(d: Any, _: dict[str, Any]) -> Answer | None:
    contra = sum(1 for _, _, e in d.evidence_items() if e.stance == "contradicts")
    gaps = sum(1 for f in d.findings if f.gap)
    return (f"{contra} contradicting evidence items, {gaps} findings with a stated gap, {len(d.rivals)} rival "
            "explanations", "design: evidence stance, findings[].gap, rivals", _of_design(d))


_FILL: dict[int, Callable[[Any, dict[str, Any]], Answer | None]] = {
    9: _orientation, 10: _sampling, 12: _sample_size, 16: _sample, 17: _guide, 20: _field_notes, 23: _returned,
    24: _coders, 25: _tree, 26: _themes, 27: _software, 28: _returned, 29: _quotes, 30: _consistent, 31: _major,
    32: _minor,
}


def coreq_checklist(design: Any | None, *, coders: Sequence[str] = (), n_codes: int | None = None) -> pd.DataFrame:
    """Fill the 32 COREQ items from a design (and, optionally, the coding database).

    Parameters
    ----------
    design : CaseStudyDesign or None
        ``None`` leaves every item open.
    coders : sequence of str
        Coder ids found in the case study database.
    n_codes : int, optional
        Number of codes in the database's codebook.

    Returns
    -------
    pandas.DataFrame
        Columns ``number, domain, subdomain, topic, question, status`` (``answered`` or
        ``open``), ``answer``, ``basis`` (the design field it comes from), ``provenance``.
    """
    extra = {"coders": list(coders), "n_codes": n_codes}
    rows = []
    for item in COREQ_ITEMS:
        fill = _FILL.get(item.number)
        got = fill(design, extra) if (fill and design is not None) else None
        if got and got[0]:
            rows.append((*_base(item), "answered", *got))
        else:
            rows.append((*_base(item), "open", "", "", ""))
    return pd.DataFrame(rows, columns=["number", "domain", "subdomain", "topic", "question", "status", "answer",
                                       "basis", "provenance"])


def _base(item: CoreqItem) -> tuple[int, str, str, str, str]:
    return item.number, item.domain, item.subdomain, item.topic, item.question

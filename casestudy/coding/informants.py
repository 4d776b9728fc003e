"""Cases (informants) built from transcripts' front matter and consent records.

Consent itself is :mod:`casestudy.consent` (one model: ``recorded``, ``refused``,
``unknown``); an informant without a consent record is ``unknown``, withheld
until recorded (privacy fails closed).

Examples
--------
>>> from casestudy.records.transcripts import Transcript
>>> t = Transcript.from_turns("int_inf01", [("INF01", "Halo.")], informant_id="inf01", language="id")
>>> [(c.id, c.consent, c.provenance) for c in cases_from_transcripts([t], {})]
[('inf01', 'unknown', 'empirical')]
"""

from __future__ import annotations

from pathlib import Path

from casestudy.consent import ConsentRecord, read_consent_csv
from casestudy.records.cases import CodingCase
from casestudy.records.transcripts import Transcript
from casestudy.provenance import combine

__all__ = ["read_consent", "cases_from_transcripts"]


def read_consent(path: Path) -> dict[str, ConsentRecord]:
    """Read ``consent.csv`` strictly (:func:`casestudy.consent.read_consent_csv`)."""
    return read_consent_csv(path)


def cases_from_transcripts(transcripts: list[Transcript], consent: dict[str, ConsentRecord]) -> list[CodingCase]:
    """Cases (informants) from the transcripts' front matter and consent records (missing = ``unknown``)."""
    owned: dict[str, list[str]] = {}
    provenances: dict[str, list[str]] = {}
    meta: dict[str, Transcript] = {}
    for t in transcripts:
        for i in t.informant_ids:
            owned.setdefault(i, []).append(t.source_id)
            provenances.setdefault(i, []).append(t.provenance)
        if t.informant_id:
            meta[t.informant_id] = t
    cases = []
    for cid in sorted(owned):
        own = meta.get(cid)
        record = consent.get(cid, ConsentRecord(cid))
        attrs = tuple((k, v) for k, v in (("interview_date", own.meta("date") if own else None),
                                          ("language", own.language if own else None)) if v)
        provenance = own.provenance if own else combine(provenances[cid])  # field notes only: their weakest
        cases.append(CodingCase(cid, own.meta("unit") if own else None, own.meta("role") if own else None, record.state,
                                record.date, record.scope, provenance, attrs, tuple(owned[cid])))
    return cases

"""Assemble the PT. XYZ illustrative project from ``data/corpus`` into a case study database.

:func:`build_case_database` rebuilds the database from scratch, in one
transaction, deterministically (the same inputs and clock give the same file
content): interview transcripts and field notes (pseudonymised with the
demonstration key), cases from the front matter and ``consent.csv``, the
codebook, coders, assignments and codings (``codings/<coder>.csv``, quote
selectors resolved to offsets). :func:`source_texts` and :func:`segment_lookup`
resolve the design's ``quote`` and ``segment`` evidence selectors.

Examples
--------
>>> import tempfile, pathlib
>>> from casestudy.store import CaseDatabase, FixedClock
>>> path = build_case_database(pathlib.Path(tempfile.mkdtemp()) / "pt_xyz.sqlite", clock=FixedClock(), coders=())
>>> with CaseDatabase(path, clock=FixedClock()) as db:
...     texts = source_texts(db)
...     texts("int_inf03").startswith("Pewawancara: ")
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from casestudy import paths
from casestudy.coding.cases import Case
from casestudy.coding.codebook_yaml import load_codebook
from casestudy.coding.coders import Assignment, Coder
from casestudy.coding.coding_csv import load_codings_csv
from casestudy.coding.pseudonyms import PseudonymKey, load_key
from casestudy.coding.transcript_readers import read_transcript
from casestudy.coding.transcripts import Transcript
from casestudy.consent import ConsentRecord, read_consent_csv
from casestudy.errors import CodingError, DataFileNotFoundError, StoreError, ValidationError, expectation
from casestudy.store.database import CaseDatabase, backup_path
from casestudy.store.events import Clock

__all__ = ["build_case_database", "read_corpus", "read_consent", "source_texts", "segment_lookup", "Segment",
           "default_pseudonyms", "CODER_NAMES",
           "cases_from_transcripts"]

CODER_NAMES = {"coder_a": "Coder A", "coder_b": "Coder B", "consensus": "Consensus (coders A and B)"}


def default_pseudonyms() -> Path:
    """The demonstration key shipped with the illustrative corpus."""
    return paths.corpus_dir() / "pseudonyms_demo.yaml"


def read_corpus(corpus: Path | None = None, key: PseudonymKey | None = None) -> list[Transcript]:
    """Read and pseudonymise every transcript and field note of the corpus, in source-id order."""
    corpus = corpus or paths.corpus_dir()
    files = sorted((corpus / "transcripts").glob("*.md")) + sorted((corpus / "fieldnotes").glob("*.md"))
    if not files:
        raise DataFileNotFoundError(expectation("transcripts", "at least one .md file", 0,
                                                paths.display_path(corpus)))
    out = [read_transcript(f) for f in files]
    if key is not None:
        out = [key.apply_transcript(t) for t in out]
    return sorted(out, key=lambda t: t.source_id)


def read_consent(path: Path) -> dict[str, ConsentRecord]:
    """Read ``consent.csv`` strictly (:func:`casestudy.consent.read_consent_csv`)."""
    return read_consent_csv(path)


def cases_from_transcripts(transcripts: list[Transcript], consent: dict[str, ConsentRecord]) -> list[Case]:
    """Cases (informants) from the transcripts' front matter and consent records (missing = ``unknown``)."""
    owned: dict[str, list[str]] = {}
    meta: dict[str, Transcript] = {}
    for t in transcripts:
        for i in t.informant_ids:
            owned.setdefault(i, []).append(t.source_id)
        if t.informant_id:
            meta[t.informant_id] = t
    cases = []
    for cid in sorted(owned):
        t = meta.get(cid)
        record = consent.get(cid, ConsentRecord(cid))
        attrs = tuple((k, v) for k, v in (("interview_date", t.meta("date") if t else None),
                                          ("language", t.language if t else None)) if v)
        cases.append(Case(cid, t.meta("unit") if t else None, t.meta("role") if t else None, record.state,
                          record.date, record.scope, t.provenance if t else "illustrative", attrs, tuple(owned[cid])))
    return cases


def build_case_database(db_path: str | os.PathLike[str], *, clock: Clock, coders: Iterable[str] = ("coder_a",),
                        include_consensus: bool = False, pseudonyms: str | os.PathLike[str] | None = None,
                        codebook: str | os.PathLike[str] | None = None) -> Path:
    """Rebuild the PT. XYZ illustrative case study database at ``db_path``; return the path.

    Parameters
    ----------
    db_path : path-like
        Database file; an existing file (and its WAL/backup) is replaced.
    clock : Clock
        E.g. ``FixedClock("2024-01-01T00:00:00+00:00")`` for identical rebuilds.
    coders : iterable of str
        Coders whose ``data/corpus/codings/<coder>.csv`` to load; each is assigned the sources it coded.
    include_consensus : bool
        Also load ``codings/consensus.csv`` as coder ``consensus`` (origin ``consensus``).
    pseudonyms : path-like, optional
        Key file; default the demonstration key (``data/corpus/pseudonyms_demo.yaml``) when present.
    codebook : path-like, optional
        Codebook YAML; default ``data/codebooks/buttle_crm.yaml``.

    Raises
    ------
    CodingError, TranscriptError, CodebookError, StoreError
        One error naming the file and line; no database is left behind.
    """
    db_path = Path(db_path)
    key_path = Path(pseudonyms) if pseudonyms is not None else default_pseudonyms()
    key = load_key(key_path) if (pseudonyms is not None or key_path.is_file()) else None
    transcripts = read_corpus(key=key)
    texts = {t.source_id: t.text for t in transcripts}
    cb = load_codebook(codebook or paths.codebooks_dir() / "buttle_crm.yaml")
    corpus = paths.corpus_dir()
    loads: list[tuple[str, list]] = []
    for coder in coders:
        loads.append((coder, load_codings_csv(corpus / "codings" / f"{coder}.csv", texts, coder_id=coder)))
    if include_consensus:
        loads.append(("consensus", load_codings_csv(corpus / "codings" / "consensus.csv", texts,
                                                    coder_id="consensus", origin="consensus")))
    for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), backup_path(db_path)):
        p.unlink(missing_ok=True)
    try:
        with CaseDatabase(db_path, clock=clock, backup=False) as db:
            with db.batch("build_case_database", detail={"project": "pt_xyz", "provenance": "illustrative"}):
                db.add_transcripts(transcripts)
                db.add_cases(cases_from_transcripts(transcripts, read_consent(corpus / "consent.csv")))
                db.add_codebook(cb)
                db.add_coders([Coder(c, CODER_NAMES.get(c, c), "consensus" if c == "consensus" else "coder")
                               for c, _ in loads])
                db.assign([Assignment(c, s) for c, codings in loads for s in sorted({x.source_id for x in codings})])
                for _, codings in loads:
                    db.add_codings(codings)
    except BaseException:
        for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            p.unlink(missing_ok=True)
        raise
    return db_path


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
    >>> from casestudy.store import FixedClock
    >>> with CaseDatabase(":memory:", clock=FixedClock()) as db:
    ...     segment_lookup(db)("int_inf03", "intimacy_on_site_assistance", "coder_a", 1)
    Traceback (most recent call last):
    ...
    casestudy.errors.CodingError: segment selector: 'occurrence' must be at most the 0 coding(s) of intimacy_on_site_assistance by coder_a in int_inf03 (got 1)
    """
    rows = db.codings(status=status)
    rows = rows[rows["source_id"].isin(db.releasable_sources())]
    groups: dict[tuple[str, str, str], list[Segment]] = {}
    for r in rows.itertuples():
        groups.setdefault((r.source_id, r.code_id, r.coder_id), []).append(
            Segment(r.source_id, int(r.start), int(r.end), r.text, int(r.coding_id)))

    def lookup(source: str, code: str, coder: str, occurrence: int = 1) -> Segment:
        found = groups.get((source, code, coder), [])
        if not isinstance(occurrence, int) or not 1 <= occurrence <= len(found):
            raise CodingError(expectation("occurrence", f"at most the {len(found)} coding(s) of {code} by {coder} "
                                          f"in {source}", occurrence, "segment selector"))
        return found[occurrence - 1]

    return lookup

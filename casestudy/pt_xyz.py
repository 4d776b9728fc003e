"""PT. XYZ, the package's first case: its illustrative project assembled from ``data/corpus``.

:func:`build_case_database` rebuilds the database from scratch, in one
transaction, deterministically (the same inputs and clock give the same file
content): interview transcripts and field notes (pseudonymised with the
demonstration key), cases from the front matter and ``consent.csv``, the
codebook, coders, assignments and codings (``codings/<coder>.csv``, quote
selectors resolved to offsets). The generic pieces live with their
concepts: cases from transcripts and consent records in
:mod:`casestudy.coding.informants`, the resolvers of the design's ``quote`` and
``segment`` selectors in :mod:`casestudy.store.resolvers`.

Examples
--------
>>> import tempfile, pathlib
>>> from casestudy.store import CaseDatabase, FixedClock, resolvers
>>> path = build_case_database(pathlib.Path(tempfile.mkdtemp()) / "pt_xyz.sqlite", clock=FixedClock(), coders=())
>>> with CaseDatabase(path, clock=FixedClock()) as db:
...     texts = resolvers.source_texts(db)
...     texts("int_inf03").startswith("Pewawancara: ")
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from casestudy import paths
from casestudy.coding.codebook_yaml import load_codebook
from casestudy.coding.coding_csv import load_codings_csv
from casestudy.coding.informants import cases_from_transcripts, read_consent
from casestudy.coding.pseudonyms import PseudonymKey, load_key
from casestudy.coding.transcript_readers import read_transcript
from casestudy.errors import DataFileNotFoundError, expectation
from casestudy.records.coders import Assignment, Coder
from casestudy.records.transcripts import Transcript
from casestudy.store.database import CaseDatabase, backup_path
from casestudy.store.events import Clock
from casestudy.provenance import ILLUSTRATIVE

__all__ = ["build_case_database", "read_corpus", "default_pseudonyms", "CODER_NAMES"]

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
            with db.batch("build_case_database", detail={"project": "pt_xyz", "provenance": ILLUSTRATIVE}):
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

"""Store a REFI-QDA project in the case study database: one batch, nothing replaced silently.

The plan of an import (:mod:`casestudy.exchange.import_plan`) is checked against what
the database holds, then stored in ONE batch (one ``BEGIN IMMEDIATE`` transaction, one
event): sources, cases, the codebook, coders, assignments, codings and memos commit
together or not at all, so the database is unchanged when anything fails.

What the database already holds is never replaced silently:

- a source whose id is stored already is refused; with ``merge=True`` it is kept when
  its stored text is the file's text (the file's codings are added to it) and refused
  when the texts differ (storing it would move every coding of the stored text);
- a case whose id is stored already is refused; with ``merge=True`` the stored case,
  its consent and attributes included, is kept as it is;
- a codebook: the file's codes are stored as the database's first codebook, or reused
  when equal to its latest version; otherwise the import is refused unless
  ``codebook="next"``, which stores them as the next codebook version.

Each of these is reported in :attr:`ImportResult.notes`. The import's event keeps the
project's name and each memo's REFI name and time (``detail["memos"]``), which export
writes back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from casestudy.records.coders import Assignment
from casestudy.records.memos import Memo
from casestudy.errors import ExchangeError, expectation
from casestudy.exchange.import_plan import (
    FALLBACK_USER, ImportPlan, codebook_from_model, plan_import,
)
from casestudy.exchange.model import Project
from casestudy.exchange.refi_read import ReadReport, read_qdpx
from casestudy.exchange.safe_archive import DEFAULT_LIMITS, ArchiveLimits

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["FALLBACK_USER", "CODEBOOK_MODES", "ImportResult", "codebook_from_model", "check_against", "import_project",
           "import_qdpx"]

#: What to do with the file's codes when the database holds a different codebook.
CODEBOOK_MODES = ("refuse", "next")


@dataclass(frozen=True)
class ImportResult:
    """What an import stored.

    Parameters
    ----------
    event_id : int
        The database batch (event) that holds everything imported (0 for a dry run).
    stored : tuple of (kind, count)
        Sources, cases, codes, coders, codings and memos stored.
    report : ReadReport, optional
        What was read from the file and what was discarded.
    adjustments : tuple of str
        Deviations tolerated, sources reused, cases kept, consent not recorded, and the like.
    plan : ImportPlan, optional
        The plan that was stored (or, for a dry run, would be).
    """

    event_id: int
    stored: tuple[tuple[str, int], ...]
    report: ReadReport | None = None
    adjustments: tuple[str, ...] = ()
    plan: ImportPlan | None = None



def _rows(df: Any) -> list[Any]:
    """A table's rows as named tuples (typed loosely: the columns are the documented ones)."""
    return list(df.itertuples())

def check_against(plan: ImportPlan, db: CaseDatabase, merge: bool = False, codebook: str = "refuse") -> list[str]:
    """Fit ``plan`` to what ``db`` holds (see the module); return the notes; raise when it would replace data.

    Raises
    ------
    ExchangeError
        Naming the sources, cases or codebook the import would replace, and the option that allows it.
    """
    notes: list[str] = []
    stored = db.sources()
    clash = sorted(set(stored["source_id"]) & {t.source_id for t in plan.transcripts})
    if clash and not merge:
        raise ExchangeError(expectation("sources", "new to the database (import never replaces a stored source; "
                                        "--merge adds the file's codings to stored sources with the same text)",
                                        clash, "--db"))
    keep = []
    for t in plan.transcripts:
        if t.source_id in clash:
            if db.source_text(t.source_id) != t.text:
                raise ExchangeError(expectation(f"source {t.source_id}", "the same text as the stored source to be "
                                                "merged (storing it would move the stored codings)",
                                                "a different text", "--merge"))
            notes.append(f"source {t.source_id}: stored already with the same text; kept, the file's codings added")
        else:
            keep.append(t)
    plan.transcripts = keep
    cases = db.cases()
    clash = sorted(set(cases["case_id"]) & {c.id for c in plan.cases})
    if clash and not merge:
        raise ExchangeError(expectation("cases", "new to the database (import never replaces a stored case or its "
                                        "consent; --merge keeps the stored cases and links the file's sources)",
                                        clash, "--db"))
    for c in plan.cases:
        if c.id in clash:
            notes.append(f"case {c.id}: stored already; kept as stored, consent and attributes unchanged (the "
                         f"file's {len(c.source_ids)} source links to it are not added)")
    plan.notes[:] = [n for n in plan.notes if not any(n.startswith(f"Case {c!r}:") for c in clash)]
    plan.cases = [c for c in plan.cases if c.id not in clash]
    _fit_codebook(plan, db, codebook, notes)
    return notes


def _fit_codebook(plan: ImportPlan, db: CaseDatabase, mode: str, notes: list[str]) -> None:
    if plan.codebook is None or db.codebook_versions().empty:
        return
    latest = db.codebook()
    if tuple(latest.codes) == tuple(plan.codebook.codes):
        if plan.codebook.version != latest.version:
            plan.codings = [replace(c, codebook_version=latest.version) for c in plan.codings]
        plan.codebook = replace(plan.codebook, version=latest.version, id=latest.id, title_en=latest.title_en,
                                title_id=latest.title_id, framework=latest.framework, provenance=latest.provenance,
                                note=latest.note)
        notes.append(f"codebook: the file's codes equal the stored codebook {latest.id!r} version {latest.version}; "
                     "reused")
        return
    if mode != "next":
        raise ExchangeError(expectation(
            "codebook", f"absent from the database, or equal to its codebook {latest.id!r} version {latest.version} "
            f"(add --codebook-version next to store the file's {len(plan.codebook.codes)} codes as version "
            f"{latest.version + 1}, or import into another --db)", "different codes", "--db"))
    version = int(db.codebook_versions()["version"].max()) + 1
    plan.codebook = replace(plan.codebook, version=version)
    plan.codings = [replace(c, codebook_version=version) for c in plan.codings]
    notes.append(f"codebook: the file's {len(plan.codebook.codes)} codes stored as codebook version {version} "
                 f"(the stored version {latest.version} is kept)")


def store_plan(plan: ImportPlan, db: CaseDatabase, actor: str) -> int:
    """Store a checked plan in one batch; return the event id."""
    detail: dict[str, Any] = {"project": plan.project_name, "origin": plan.origin, "counting": plan.counting}
    if plan.description is not None:
        detail["description"] = plan.description
    with db.batch("import_refi", actor=actor, detail=detail) as event:
        db.add_transcripts(plan.transcripts, actor=actor)
        db.add_cases(plan.cases, actor=actor)
        if plan.codebook is not None and plan.codebook.codes:
            db.add_codebook(plan.codebook, actor=actor)
        db.add_coders(plan.coders, actor=actor)
        db.assign([Assignment(c, s) for c, s in sorted(plan.assignments)], actor=actor)
        db.add_codings(plan.codings, actor=actor)
        ids = {}
        if plan.coding_note_times or any(m.kind == "coding" for m in plan.memos):
            for r in _rows(db.codings()):
                ids[(r.source_id, int(r.start), int(r.end), r.code_id, r.coder_id)] = int(r.coding_id)
        if plan.coding_note_times:
            detail["coding_notes"] = {str(ids[k]): t for k, t in plan.coding_note_times.items() if k in ids}
        known = {(r.target_kind, str(r.target_id), r.author, r.text) for r in db.memos().itertuples()}
        kept = [m for m in plan.memos
                if (m.kind, str(ids[m.target]) if m.kind == "coding" else m.target, m.author, m.text) not in known]
        plan.memos = kept  # a merge adds no memo that is stored already
        memos = [Memo(m.kind, str(ids[m.target]) if m.kind == "coding" else m.target, m.author, m.text)
                 for m in kept]
        db.add_memos(memos, actor=actor)
        if memos:
            stored = db.memos()
            new = stored.iloc[len(stored) - len(memos):]
            detail["memos"] = {str(int(r.memo_id)): {k: v for k, v in (("name", m.name), ("created", m.created)) if v}
                               for r, m in zip(_rows(new), plan.memos)
                               if m.name or m.created}
    return int(event)


def import_project(project: Project, db: CaseDatabase, report: ReadReport | None = None, actor: str = FALLBACK_USER,
                   merge: bool = False, codebook: str = "refuse", dry_run: bool = False) -> ImportResult:
    """Store ``project`` in ``db`` (a :class:`~casestudy.store.CaseDatabase`) in one batch.

    Parameters
    ----------
    merge : bool
        Keep stored sources with the same text and stored cases (see the module); default refuse.
    codebook : {'refuse', 'next'}
        What to do when the database holds a different codebook.
    dry_run : bool
        Check and plan only; change nothing.

    Raises
    ------
    ExchangeError, CodingError, StoreError...
        On the first problem; the database is then unchanged.
    """
    if codebook not in CODEBOOK_MODES:
        raise ExchangeError(expectation("codebook", "one of " + ", ".join(CODEBOOK_MODES), codebook))
    plan = plan_import(project, report.counting if report is not None else "")
    notes = check_against(plan, db, merge, codebook)
    event = 0 if dry_run else store_plan(plan, db, actor)
    n_codes = len(plan.codebook.codes) if plan.codebook is not None else 0
    stored = (("sources", len(plan.transcripts)), ("cases", len(plan.cases)), ("codes", n_codes),
              ("coders", len(plan.coders)), ("codings", len(plan.codings)), ("memos", len(plan.memos)))
    plan.notes += notes
    return ImportResult(event, stored, report, tuple(plan.notes), plan)


def import_qdpx(path: str | os.PathLike[str], db: CaseDatabase, base_dir: str | os.PathLike[str] | None = None,
                limits: ArchiveLimits = DEFAULT_LIMITS, actor: str = FALLBACK_USER, merge: bool = False,
                codebook: str = "refuse", dry_run: bool = False, counting: str | None = None) -> ImportResult:
    """Read a ``.qdpx`` file safely and store it in ``db`` in one batch (see :func:`import_project`).

    ``counting`` names the file's counting of positions when the user knows it (default: decided from the
    evidence, :func:`~casestudy.exchange.positions.decide_counting`).
    """
    project, report = read_qdpx(path, base_dir, limits, counting)
    result = import_project(project, db, report, actor, merge, codebook, dry_run)
    if result.plan is not None:
        result.plan.notes[:0] = report.notes
    return replace(result, adjustments=report.notes + result.adjustments)

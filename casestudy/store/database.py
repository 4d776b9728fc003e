"""The case study database (Yin): one SQLite file holding sources, cases, codes and codings.

:class:`CaseDatabase` is the only writer. Every write is one batch: one
``BEGIN IMMEDIATE`` transaction and one event in the append-only log, whose id
is stored on every row the batch created; a failure (or a killed process)
leaves the file as it was. Nested calls join the open batch, so a whole
import is one transaction (:meth:`CaseDatabase.batch`). Times come only from
the clock the caller passes. Read methods (DataFrames) are in
:mod:`casestudy.store.reads`.

Examples
--------
>>> import tempfile, pathlib
>>> from casestudy.records.transcripts import Transcript
>>> from casestudy.records.codebook import Code, Codebook
>>> from casestudy.records.coders import Coder
>>> from casestudy.records.segments import Coding
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> t = Transcript.from_turns("int_inf01", [("Pewawancara", "Siapa pelanggan pertama?"),
...                                         ("INF01", "Dinas di Sidoarjo.")], language="id")
>>> cb = Codebook("demo", 1, "Demo", "Demo", codes=(Code("lifecycle_acquire", "Acquire", "Akuisisi"),))
>>> with CaseDatabase(tmp / "case.sqlite", clock=FixedClock()) as db:
...     _ = db.add_transcripts([t]); _ = db.add_codebook(cb); _ = db.add_coders([Coder("coder_a")])
...     c = Coding.from_quote(t.text, "int_inf01", "Dinas di Sidoarjo", "lifecycle_acquire", "coder_a")
...     _ = db.add_codings([c])
...     print(db.codings()[["source_id", "start", "end", "code_id", "text"]].to_string(index=False))
source_id  start  end           code_id              text
int_inf01     46   63 lifecycle_acquire Dinas di Sidoarjo
>>> with CaseDatabase(tmp / "case.sqlite", clock=FixedClock()) as db:
...     db.events()["action"].tolist()
['add_transcripts', 'add_codebook', 'add_coders', 'add_codings']
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from casestudy.errors import StoreError, expectation
from casestudy.store import coding_edits, writes
from casestudy.store import undo as undo_batch
from casestudy.store.constraints import constraint_message
from casestudy.store.events import Clock, FixedClock
from casestudy.store.migrations import is_locked, migrate, open_readonly, require_case_database
from casestudy.store.reads import ReadMixin
from casestudy.summary import Summary

__all__ = ["CaseDatabase", "FixedClock", "backup_path"]


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the backup taken on open goes: ``<name>.backup.sqlite`` beside the database."""
    p = Path(path)
    return p.with_name(p.stem + ".backup.sqlite")


class CaseDatabase(ReadMixin):
    """The case study database in one SQLite file.

    Parameters
    ----------
    path : path-like
        Database file (created with the current schema if missing); ``":memory:"`` for tests.
    clock : Clock
        Source of every time stamp (e.g. ``FixedClock("2024-01-01T00:00:00+00:00")``).
    actor : str
        Default actor recorded in events.
    backup : bool, optional
        Take a consistent backup (SQLite backup API) before changing an existing file;
        default True for existing files.
    check : bool
        Run ``PRAGMA quick_check`` when opening an existing file.
    timeout : float
        Seconds to wait for another writer (busy timeout).

    Notes
    -----
    Use it as a context manager (``with CaseDatabase(...) as db``); leaving the block
    closes the connection, which lets WAL checkpoints run.
    """

    def summary(self) -> Summary:
        """File, schema version and row counts (:class:`casestudy.summary.Summary`)."""
        count = {t: int(self._con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                 for t in ("sources", "cases", "coders", "codings", "memos", "events")}
        return Summary(f"Case study database {self.path.name if self.path else ':memory:'}",
                       [("schema version", self.schema_version), *count.items()])

    def __repr__(self) -> str:
        return f"<CaseDatabase {str(self.path) if self.path else ':memory:'} (schema {self.schema_version})>"

    def _repr_html_(self) -> str:
        return self.summary().to_html()

    def __init__(self, path: str | os.PathLike[str], *, clock: Clock, actor: str = "casestudy",
                 backup: bool | None = None, check: bool = True, timeout: float = 30.0,
                 readonly: bool = False) -> None:
        if not hasattr(clock, "now"):
            raise StoreError(expectation("clock", "an object with now() (e.g. FixedClock)", clock, "CaseDatabase"))
        self.clock = clock
        self.actor = actor
        self.readonly = readonly
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None and self.path.is_dir():
            raise StoreError(expectation("path", "a database file, not a folder", str(path), self._where()))
        self._event: int | None = None
        self._steps: list[dict[str, Any]] = []
        if readonly:
            self._con = open_readonly(self.path, timeout)
            return
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout
        for attempt in itertools.count(1):
            try:
                self._open_for_writing(timeout, backup, check)
                return
            except sqlite3.OperationalError as exc:
                # Two processes that open one new file at once race on setting up WAL and the schema; SQLite
                # answers some of those steps at once (no busy wait), so the whole opening is tried again.
                if not (is_locked(exc) or "disk I/O" in str(exc)) or time.monotonic() > deadline:
                    if is_locked(exc):
                        from casestudy.errors import ConcurrencyError

                        raise ConcurrencyError(expectation("database", "free of other writers", str(exc),
                                                           self._where())) from exc
                    raise StoreError(expectation("file", "an SQLite case study database", str(exc),
                                                 self._where())) from exc
                time.sleep(min(0.02 * attempt, 0.25))

    def _open_for_writing(self, timeout: float, backup: bool | None, check: bool) -> None:
        """Connect, check, back up and migrate; close again on any error."""
        path = self.path if self.path is not None else ":memory:"
        existed = self.path is not None and self.path.exists() and self.path.stat().st_size > 0
        self._con = sqlite3.connect(str(path), isolation_level=None, timeout=timeout)
        try:
            self._con.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._con.execute("PRAGMA foreign_keys = ON")
            if existed:
                require_case_database(self._con, self._where())
            if self.path is not None:
                self._con.execute("PRAGMA journal_mode = WAL")
            self._con.execute("PRAGMA synchronous = NORMAL")
            if existed and check:
                result = self._con.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise StoreError(expectation("quick_check", "ok", result, self._where()))
            if existed and (backup is None or backup):
                with sqlite3.connect(str(backup_path(self.path))) as target:  # type: ignore[arg-type]
                    self._con.backup(target)
                target.close()
            migrate(self._con)
        except sqlite3.DatabaseError as exc:
            self._con.close()
            if isinstance(exc, sqlite3.OperationalError):
                raise
            raise StoreError(expectation("file", "an SQLite case study database", str(exc), self._where())) from exc
        except BaseException:
            self._con.close()
            raise

    def _where(self) -> str:
        return self.path.name if self.path is not None else ":memory:"

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._con is not None:
            self._con.close()
            self._con = None  # type: ignore[assignment]

    def __enter__(self) -> "CaseDatabase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """``PRAGMA user_version`` of the file."""
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    # -- batches ------------------------------------------------------------------------------------
    @contextmanager
    def batch(self, action: str, *, actor: str | None = None, detail: dict[str, Any] | None = None) -> Iterator[int]:
        """Open one write transaction and one event; yield the event (batch) id.

        Write methods called inside join this batch, so everything commits together
        or nothing does. Nested ``batch`` calls join the outer one.

        Raises
        ------
        ConcurrencyError
            When another writer holds the database longer than the busy timeout.
        """
        if self._event is not None:
            yield self._event
            return
        self._begin()
        self._event = int(self._con.execute("SELECT coalesce(max(id), 0) + 1 FROM events").fetchone()[0])
        self._steps = []
        try:
            yield self._event
            info = dict(detail or {})
            info["steps"] = self._steps
            self._con.execute("INSERT INTO events (id, time, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                              (self._event, self.clock.now(), actor or self.actor, action,
                               json.dumps(info, sort_keys=True, ensure_ascii=False)))
            self._con.execute("COMMIT")
        except BaseException as exc:
            if self._con is not None and self._con.in_transaction:
                self._con.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise StoreError(constraint_message(str(exc), f"{self._where()}, {action}")) from exc
            raise
        finally:
            self._event = None
            self._steps = []

    def _begin(self) -> None:
        from casestudy.errors import ConcurrencyError

        try:
            self._con.execute("BEGIN IMMEDIATE")
            self._con.execute("PRAGMA defer_foreign_keys = ON")
        except sqlite3.OperationalError as exc:
            raise ConcurrencyError(expectation("database", "free of other writers", str(exc), self._where())) from exc

    def _step(self, action: str, **info: Any) -> None:
        self._steps.append({"action": action, **info})

    # -- writes (one batch each; they join an open batch) --------------------------------------------
    def add_transcripts(self, transcripts: Iterable[Any], *, actor: str | None = None) -> int:
        """Store transcripts (``Transcript``) with their turns; return the event id.

        A source already stored with the same text is left alone; one with a different
        text is replaced and its codings re-anchored or flagged (see
        :func:`casestudy.store.anchoring.reanchor`), recorded in the event.
        """
        with self.batch("add_transcripts", actor=actor) as event:
            writes.add_transcripts(self, list(transcripts), event)
        return event

    def remove_sources(self, source_ids: Iterable[str], *, actor: str | None = None) -> int:
        """Remove sources and what hangs on them (turns, codings and their memos, assignments, case links);
        return the event id. The event records what was removed; it cannot be undone (import the file again).

        Raises
        ------
        StoreError
            For an id that is not a stored source (nothing is removed).
        """
        with self.batch("remove_sources", actor=actor) as event:
            writes.remove_sources(self, list(source_ids), event)
        return event

    def set_consent(self, records: Iterable[Any], *, actor: str | None = None) -> int:
        """Record consent (:class:`casestudy.consent.ConsentRecord`) of informants, or the release of sources
        without an informant; return the event id. The event keeps the previous states (undo restores them).

        Raises
        ------
        StoreError
            For a subject that is neither a case nor a source without informant (nothing is stored).
        """
        with self.batch("set_consent", actor=actor) as event:
            writes.set_consent(self, list(records), event)
        return event

    def add_cases(self, cases: Iterable[Any], *, actor: str | None = None) -> int:
        """Store or update cases (``Case``) with attributes and their sources; return the event id."""
        with self.batch("add_cases", actor=actor) as event:
            writes.add_cases(self, list(cases), event)
        return event

    def add_coders(self, coders: Iterable[Any], *, actor: str | None = None) -> int:
        """Store or update coders (``Coder``); return the event id."""
        with self.batch("add_coders", actor=actor) as event:
            writes.add_coders(self, list(coders), event)
        return event

    def assign(self, assignments: Iterable[Any], *, actor: str | None = None) -> int:
        """Record assignments (``Assignment``: coder x source); return the event id."""
        with self.batch("assign", actor=actor) as event:
            writes.assign(self, list(assignments), event)
        return event

    def add_codebook(self, codebook: Any, *, actor: str | None = None) -> int:
        """Store a codebook version (``Codebook``) and its codes; return the event id.

        Storing the same version again with the same codes changes nothing; with other
        codes it is an error (make a new version with ``Codebook.revise``).
        """
        with self.batch("add_codebook", actor=actor) as event:
            writes.add_codebook(self, codebook, event)
        return event

    def add_codings(self, codings: Iterable[Any], *, actor: str | None = None) -> int:
        """Store codings (``Coding``) in one batch; return the event id.

        Ids are assigned in input order. Each is checked (source, span inside the text, code
        of its codebook version and codable, coder); the first bad one raises
        :class:`casestudy.errors.CodingError` and nothing is stored. Exact duplicates (same
        source, span, code, coder, version) are skipped and counted in the event. A batch of
        50,000 or more into an empty table is bulk-loaded (indexes rebuilt after the insert).
        """
        with self.batch("add_codings", actor=actor) as event:
            writes.add_codings(self, codings, event)
        return event

    def set_status(self, coding_ids: Iterable[int], status: str, *, actor: str | None = None) -> int:
        """Accept or reject codings (e.g. suggestions); the event keeps the old statuses for undo."""
        with self.batch("set_status", actor=actor) as event:
            writes.set_status(self, list(coding_ids), status, event)
        return event

    def add_memos(self, memos: Iterable[Any], *, actor: str | None = None) -> int:
        """Store memos (``Memo``); return the event id."""
        with self.batch("add_memos", actor=actor) as event:
            writes.add_memos(self, list(memos), event)
        return event

    def accept_suggestions(self, suggestion_ids: Iterable[int], coder: str, *, actor: str | None = None) -> int:
        """Accept suggestions as ``coder``: each becomes that coder's coding, its origin and rule kept.

        The coder's coding points at the suggestion (``suggestion_id``); the suggestion itself
        stays as the program made it, so other coders can decide on it independently. Return
        the event id; :meth:`undo` takes the decisions back.

        Raises
        ------
        CodingError
            An id that is not a suggestion, or a coder not in the database; nothing is stored.
        """
        with self.batch("accept_suggestions", actor=actor or coder) as event:
            coding_edits.decide(self, list(suggestion_ids), coder, "accepted", event)
        return event

    def reject_suggestions(self, suggestion_ids: Iterable[int], coder: str, *, actor: str | None = None) -> int:
        """Record ``coder``'s rejection of suggestions (a rejected coding of that coder); return the event id."""
        with self.batch("reject_suggestions", actor=actor or coder) as event:
            coding_edits.decide(self, list(suggestion_ids), coder, "rejected", event)
        return event

    def remove_codings(self, coding_ids: Iterable[int], *, actor: str | None = None) -> int:
        """Remove codings (and the memos on them); the event keeps them, so :meth:`undo` restores them."""
        with self.batch("remove_codings", actor=actor) as event:
            coding_edits.remove_codings(self, list(coding_ids), event)
        return event

    def set_coding_memo(self, coding_id: int, memo: str | None, *, actor: str | None = None) -> int:
        """Set the memo of a coding (None or empty text clears it); the old memo is kept for :meth:`undo`."""
        with self.batch("set_coding_memo", actor=actor) as event:
            coding_edits.set_memo(self, coding_id, memo, event)
        return event

    def revise_codebook(self, codebook: Any, *, mapping: dict[str, str] | None = None,
                        actor: str | None = None) -> int:
        """Store ``codebook`` (the next version) and carry the previous version's codings to it.

        ``mapping`` gives old code id -> new code id (default: from the codebook's
        revisions: renames and merges); codings of retired codes stay on the old version.
        One event; :meth:`undo` restores the codings and removes the version.
        """
        with self.batch("revise_codebook", actor=actor) as event:
            old = int(self._con.execute("SELECT coalesce(max(version), 0) FROM codebook_versions").fetchone()[0])
            if not isinstance(codebook.version, int) or codebook.version <= old:
                raise StoreError(expectation("version", f"greater than the stored version {old}", codebook.version,
                                             f"codebook {codebook.id!r}"))
            writes.add_codebook(self, codebook, event)
            if mapping is None:
                mapping = {}
                for r in getattr(codebook, "revisions", ()):
                    if len(r.to_ids) == 1:
                        mapping.update({i: r.to_ids[0] for i in r.from_ids})
            coding_edits.carry_codings(self, old, codebook.version, dict(mapping), event)
        return event

    def undo(self, event_id: int, *, actor: str | None = None) -> int:
        """Undo batch ``event_id`` (rows it created are removed, what it changed is put back); return the new event id.

        Raises
        ------
        StoreError
            If a later batch still in force depends on it (the message names the event to undo
            first), if it was already undone, or if it replaced or updated rows in place
            (re-import, upsert) and so cannot be undone exactly.
        """
        with self.batch("undo", actor=actor, detail={"undone": event_id}) as event:
            undo_batch.undo(self, event_id, event)
        return event

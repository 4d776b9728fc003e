"""SQL of the case study database's write batches (called by :class:`~casestudy.store.database.CaseDatabase`).

Each function runs inside the caller's open batch (transaction) and records a
step in the batch's event detail. Not public API: use the database's methods.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from casestudy.store.reanchoring import reanchor_source
from casestudy.errors import CodingError, StoreError, expectation
from casestudy.store.schema import CODING_INDEXES
from casestudy.validators import check_one_of

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.store.database import CaseDatabase

__all__ = ["add_transcripts", "remove_sources", "set_consent", "add_cases", "add_coders", "assign", "add_codebook", "add_codings",
           "set_status", "add_memos"]

#: A batch at least this large into an empty ``codings`` table is bulk-loaded (indexes built after).
BULK_ROWS = 50_000


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def add_transcripts(db: "CaseDatabase", transcripts: list[Any], event: int) -> None:
    con = db._con
    added, unchanged, replaced, cases_added = [], [], [], []
    counts = {"reanchored": 0, "unanchored": 0, "merged": 0}
    merges: list[dict[str, Any]] = []
    for t in transcripts:
        row = con.execute("SELECT text, key_fingerprint FROM sources WHERE id = ?", (t.source_id,)).fetchone()
        release = None if t.informant_ids else t.release
        values = (t.source_type, t.title, t.informant_id, t.language, t.provenance, t.file_name, t.checksum,
                  t.text, _json(list(t.normalisation)),
                  _json({"informant_ids": list(t.informant_ids), **dict(t.metadata),
                         **({"speakers": [list(p) for p in t.speakers]} if t.speakers else {})}),
                  release, t.key_fingerprint)
        if row is not None and row[1] is not None and row[1] != t.key_fingerprint:
            got = "no key" if t.key_fingerprint is None else f"key {t.key_fingerprint}"
            raise StoreError(expectation(
                "pseudonyms", f"the key source {t.source_id!r} was pseudonymised with ({row[1]}): re-import it "
                "with the same --pseudonyms KEY, or the real names would be stored", got, t.file_name or t.source_id))
        if row is None:
            con.execute("INSERT INTO sources (id, source_type, title, informant_id, language, provenance, file_name,"
                        " checksum, text, normalisation, metadata, release, key_fingerprint, event_id)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (t.source_id, *values, event))
            added.append(t.source_id)
        elif row[0] == t.text:
            unchanged.append(t.source_id)
            continue
        else:
            con.execute("UPDATE sources SET source_type=?, title=?, informant_id=?, language=?, provenance=?,"
                        " file_name=?, checksum=?, text=?, normalisation=?, metadata=?, release=?, key_fingerprint=?"
                        " WHERE id=?", (*values, t.source_id))
            replaced.append(t.source_id)
            for k, v in reanchor_source(con, t.source_id, row[0], t.text, merges).items():
                counts[k] += v
            con.execute("DELETE FROM turns WHERE source_id = ?", (t.source_id,))
        con.executemany('INSERT INTO turns (source_id, turn, speaker, start, "end", body_start, timestamp, gloss_en,'
                        " role) VALUES (?,?,?,?,?,?,?,?,?)",
                        [(t.source_id, u.index, u.speaker, u.start, u.end, u.body_start, u.timestamp, u.gloss_en,
                          u.role) for u in t.turns])
        for i in t.informant_ids:  # every informant of a source is a case; consent unknown until recorded
            if con.execute("SELECT 1 FROM cases WHERE id = ?", (i,)).fetchone() is None:
                con.execute("INSERT INTO cases (id, unit, role, consent, provenance, event_id)"
                            " VALUES (?,?,?,'unknown',?,?)", (i, t.meta("unit") if i == t.informant_id else None,
                                                             t.meta("role") if i == t.informant_id else None,
                                                             t.provenance, event))
                cases_added.append(i)
        con.executemany("INSERT OR IGNORE INTO case_sources (case_id, source_id) VALUES (?, ?)",
                        [(i, t.source_id) for i in t.informant_ids])
    db._step("add_transcripts", added=added, unchanged=unchanged, replaced=replaced, cases_added=cases_added,
             **counts, merges=merges)


def add_cases(db: "CaseDatabase", cases: list[Any], event: int) -> None:
    con = db._con
    existing = {r[0] for r in con.execute("SELECT id FROM cases")}
    for c in cases:
        con.execute("INSERT INTO cases (id, unit, role, consent, consent_date, consent_scope, provenance, event_id)"
                    " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET unit=excluded.unit, role=excluded.role,"
                    " consent=excluded.consent, consent_date=excluded.consent_date,"
                    " consent_scope=excluded.consent_scope, provenance=excluded.provenance",
                    (c.id, c.unit, c.role, c.consent, c.consent_date, c.consent_scope, c.provenance, event))
        con.execute("DELETE FROM case_attributes WHERE case_id = ?", (c.id,))
        con.executemany("INSERT INTO case_attributes (case_id, name, value) VALUES (?,?,?)",
                        [(c.id, n, v) for n, v in c.attributes])
        con.executemany("INSERT OR IGNORE INTO case_sources (case_id, source_id) VALUES (?,?)",
                        [(c.id, s) for s in c.source_ids])
    db._step("add_cases", added=[c.id for c in cases if c.id not in existing],
             updated=[c.id for c in cases if c.id in existing])


def remove_sources(db: "CaseDatabase", source_ids: list[str], event: int) -> None:
    """Remove sources with everything that hangs on them (turns, codings, memos on them, assignments, links)."""
    con = db._con
    removed: dict[str, dict[str, int]] = {}
    for sid in source_ids:
        if con.execute("SELECT 1 FROM sources WHERE id = ?", (sid,)).fetchone() is None:
            raise StoreError(expectation("source_id", "a source of the database", sid, "remove_sources"))
        coding_ids = [str(r[0]) for r in con.execute("SELECT id FROM codings WHERE source_id = ?", (sid,))]
        counts = {}
        before = con.total_changes
        con.executemany("DELETE FROM memos WHERE target_kind = 'coding' AND target_id = ?", [(c,) for c in coding_ids])
        con.execute("DELETE FROM memos WHERE target_kind = 'source' AND target_id = ?", (sid,))
        counts["memos"] = con.total_changes - before
        con.execute("UPDATE codings SET suggestion_id = NULL WHERE source_id = ?", (sid,))
        for table, column in (("codings", "source_id"), ("assignments", "source_id"), ("turns", "source_id"),
                              ("case_sources", "source_id"), ("sources", "id")):
            before = con.total_changes
            con.execute(f"DELETE FROM {table} WHERE {column} = ?", (sid,))
            counts[table] = con.total_changes - before
        removed[sid] = counts
    db._step("remove_sources", removed=removed)


def set_consent(db: "CaseDatabase", records: list[Any], event: int) -> None:
    """Record consent (``ConsentRecord``) for cases, or the release of sources without an informant."""
    con = db._con
    previous: dict[str, list[Any]] = {}
    for r in records:
        case = con.execute("SELECT consent, consent_date, consent_scope FROM cases WHERE id = ?", (r.subject,)).fetchone()
        if case is not None:
            previous[r.subject] = ["case", *case]
            con.execute("UPDATE cases SET consent=?, consent_date=?, consent_scope=? WHERE id=?",
                        (r.state, r.date, r.scope, r.subject))
            continue
        source = con.execute("SELECT release FROM sources WHERE id = ? AND release IS NOT NULL", (r.subject,)).fetchone()
        if source is None:
            raise StoreError(expectation("informant", "an informant (case) of the database or the id of a source "
                                         "without an informant", r.subject, "consent"))
        previous[r.subject] = ["source", source[0]]
        con.execute("UPDATE sources SET release=? WHERE id=?", (r.state, r.subject))
    db._step("set_consent", states={r.subject: r.state for r in records}, previous_consent=previous)


def add_coders(db: "CaseDatabase", coders: list[Any], event: int) -> None:
    existing = {r[0]: (r[1], r[2]) for r in db._con.execute("SELECT id, name, role FROM coders")}
    new = [c for c in coders if existing.get(c.id) != (c.name, c.role)]
    db._con.executemany("INSERT INTO coders (id, name, role, event_id) VALUES (?,?,?,?) ON CONFLICT(id) DO UPDATE"
                        " SET name=excluded.name, role=excluded.role", [(c.id, c.name, c.role, event) for c in new])
    db._step("add_coders", added=[c.id for c in new if c.id not in existing],
             updated=[c.id for c in new if c.id in existing])


def assign(db: "CaseDatabase", assignments: list[Any], event: int) -> None:
    before = db._con.total_changes
    db._con.executemany("INSERT OR IGNORE INTO assignments (coder_id, source_id, event_id) VALUES (?,?,?)",
                        [(a.coder_id, a.source_id, event) for a in assignments])
    db._step("assign", added=db._con.total_changes - before)


def _code_row(c: Any, version: int, position: int) -> tuple[Any, ...]:
    return (c.id, version, position, c.parent, int(c.codable), c.framework_ref, c.label_en, c.label_id,
            c.definition_en, c.definition_id, c.when_to_use, c.when_not_to_use, c.example, c.colour,
            json.dumps({lang: list(ps) for lang, ps in c.keywords}, ensure_ascii=False))  # language order kept


def add_codebook(db: "CaseDatabase", cb: Any, event: int) -> None:
    con = db._con
    rows = [_code_row(c, cb.version, i) for i, c in enumerate(cb.codes)]
    if con.execute("SELECT 1 FROM codebook_versions WHERE version = ?", (cb.version,)).fetchone():
        stored = con.execute("SELECT * FROM codes WHERE version = ? ORDER BY position", (cb.version,)).fetchall()
        if [tuple(r) for r in stored] != rows:
            raise StoreError(expectation("version", "a new version number for a changed codebook (Codebook.revise)",
                                         cb.version, f"codebook {cb.id!r}"))
        db._step("add_codebook", version=cb.version, unchanged=True)
        return
    con.execute("INSERT INTO codebook_versions (version, codebook_id, title_en, title_id, framework, provenance, note,"
                " revisions, created, event_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (cb.version, cb.id, cb.title_en, cb.title_id, cb.framework, cb.provenance, cb.note,
                 _json([r.as_dict() for r in cb.revisions]), db.clock.now(), event))
    con.executemany("INSERT INTO codes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db._step("add_codebook", version=cb.version, codes=len(rows))


def add_codings(db: "CaseDatabase", codings: Iterable[Any], event: int) -> None:
    enabled = gc.isenabled()
    gc.disable()  # a million small tuples would otherwise trigger repeated full collections
    try:
        _add_codings(db, codings, event)
    finally:
        if enabled:
            gc.enable()


def _bad(c: Any, field: str, expected: str, got: Any) -> CodingError:
    return CodingError(expectation(field, expected, got, f"coding of {c.source_id!r} [{c.start}:{c.end}]"))


def _add_codings(db: "CaseDatabase", codings: Iterable[Any], event: int) -> None:
    con = db._con
    lengths: dict[str, int] = {}
    codable = {(r[0], r[1]): bool(r[2]) for r in con.execute("SELECT id, version, codable FROM codes")}
    coders = {r[0] for r in con.execute("SELECT id FROM coders")}
    now = db.clock.now()
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for c in codings:
        n = lengths.get(c.source_id)
        if n is None:
            got = con.execute("SELECT length(text) FROM sources WHERE id = ?", (c.source_id,)).fetchone()
            if got is None:
                raise _bad(c, "source_id", "a source of the database", c.source_id)
            n = lengths[c.source_id] = got[0]
        if c.end > n:
            raise _bad(c, "span", f"within the text's {n} code points", (c.start, c.end))
        ok = codable.get((c.code_id, c.codebook_version))
        if not ok:
            raise _bad(c, "code_id", f"a code of codebook version {c.codebook_version}" if ok is None
                       else "a codable code (not a folder)", c.code_id)
        if c.coder_id not in coders:
            raise _bad(c, "coder_id", "a coder of the database (add_coders first)", c.coder_id)
        append((c.source_id, c.start, c.end, c.code_id, c.coder_id, c.codebook_version, c.status, c.origin, c.memo,
                c.rule, c.suggestion_id, now, event))
    insert = ('INSERT OR IGNORE INTO codings (source_id, start, "end", code_id, coder_id, codebook_version, status,'
              " origin, memo, rule, suggestion_id, created, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
    before, total = con.total_changes, len(rows)
    if len(rows) >= BULK_ROWS and con.execute("SELECT NOT EXISTS (SELECT 1 FROM codings)").fetchone()[0]:
        # Bulk load into an empty table: insert without indexes, then build them (sorting once is far
        # cheaper than a million random index insertions); duplicates are dropped first, first one kept.
        seen: set[tuple[Any, ...]] = set()
        rows = [r for r in rows if not (r[:6] in seen or seen.add(r[:6]))]  # type: ignore[func-returns-value]
        for ddl in CODING_INDEXES:
            con.execute("DROP INDEX " + ddl.split(" INDEX ")[1].split(" ON ")[0])
        con.executemany(insert, rows)
        for ddl in CODING_INDEXES:
            con.execute(ddl)
    else:
        con.executemany(insert, rows)
    added = con.total_changes - before
    db._step("add_codings", added=added, skipped_duplicates=total - added)


def set_status(db: "CaseDatabase", ids: list[int], status: str, event: int) -> None:
    check_one_of("status", status, ("suggested", "accepted", "rejected"), CodingError, "set_status")
    con = db._con
    previous = {}
    for i in ids:
        row = con.execute("SELECT status FROM codings WHERE id = ?", (i,)).fetchone()
        if row is None:
            raise CodingError(expectation("coding_id", "the id of a stored coding", i, "set_status"))
        previous[str(i)] = row[0]
    con.executemany("UPDATE codings SET status = ? WHERE id = ?", [(status, i) for i in ids])
    db._step("set_status", status=status, previous=previous)


def add_memos(db: "CaseDatabase", memos: list[Any], event: int) -> None:
    now = db.clock.now()
    db._con.executemany("INSERT INTO memos (target_kind, target_id, author, text, created, event_id)"
                        " VALUES (?,?,?,?,?,?)", [(m.target_kind, m.target_id, m.author, m.text, now, event)
                                                  for m in memos])
    db._step("add_memos", added=len(memos))

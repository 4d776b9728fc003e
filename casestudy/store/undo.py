"""Undo of one batch of the case study database, refused with a reason when later work depends on it.

Rows the batch created are removed (they carry its ``event_id``); what it changed is
put back from the steps its event recorded (old statuses, removed rows, old memos,
codings carried to a new codebook version). Undo is itself an event, so the log keeps
both. It is refused, naming the later event to undo first, when a later batch that is
still in force used the batch's rows (a decision on its suggestions, a memo on its
codings, codings of its sources or coders), when the batch was already undone, and
for batches that replaced or updated rows in place (a re-import, an upsert).
Not public API: call :meth:`CaseDatabase.undo <casestudy.store.database.CaseDatabase.undo>`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from casestudy.errors import StoreError, expectation
from casestudy.store.coding_edits import CODING_FIELDS

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.store.database import CaseDatabase

__all__ = ["undo", "TABLES_WITH_EVENT"]

#: Tables whose rows carry the batch that created them (children before parents).
TABLES_WITH_EVENT = ("memos", "codings", "assignments", "codebook_versions", "coders", "cases", "sources")
_MEMO_FIELDS = ("id", "target_kind", "target_id", "author", "text", "created", "event_id")


def _refuse(event_id: int, why: str) -> StoreError:
    return StoreError(expectation("event_id", why, event_id, "undo"))


def _touched(steps: list[dict[str, Any]]) -> set[int]:
    """Coding ids a batch's steps name (decisions, removals, memos, carried codings, status changes)."""
    ids: set[int] = set()
    for step in steps:
        ids.update(int(i) for i in step.get("coding_ids", ()))
        ids.update(int(i) for i in step.get("suggestions", ()))
        if step["action"] == "set_status":
            ids.update(int(i) for i in step.get("previous", {}))
    return ids


def _active_events(con: Any, after: int) -> list[tuple[int, str, str, list[dict[str, Any]]]]:
    """Later events still in force (not undone, not undos themselves): ``(id, action, actor, steps)``."""
    rows = con.execute("SELECT id, action, actor, detail FROM events WHERE id > ? ORDER BY id", (after,)).fetchall()
    undone = {json.loads(d).get("undone") for _, a, _, d in rows if a == "undo"}
    return [(i, a, who, json.loads(d).get("steps", [])) for i, a, who, d in rows if a != "undo" and i not in undone]


def _describe(con: Any, event_id: int) -> str:
    row = con.execute("SELECT action, actor FROM events WHERE id = ?", (event_id,)).fetchone()
    return f"event {event_id} ({row[0]} by {row[1]})" if row else f"event {event_id}"


def _check_later(db: "CaseDatabase", event_id: int, steps: list[dict[str, Any]]) -> None:
    con = db._con
    mine = _touched(steps) | {r[0] for r in con.execute("SELECT id FROM codings WHERE event_id = ?", (event_id,))}
    if not mine:
        return
    for later, _, _, later_steps in _active_events(con, event_id):
        if _touched(later_steps) & mine:
            raise _refuse(event_id, f"an event no later event depends on: {_describe(con, later)} works on its "
                          f"codings; undo event {later} first")
        memos = con.execute("SELECT target_id FROM memos WHERE event_id = ? AND target_kind = 'coding'",
                            (later,)).fetchall()
        if any(int(m[0]) in mine for m in memos if str(m[0]).isdigit()):
            raise _refuse(event_id, f"an event no later event depends on: {_describe(con, later)} wrote a memo on "
                          f"its codings; undo event {later} first")


def _check_foreign_keys(db: "CaseDatabase", event_id: int) -> None:
    con = db._con
    for table, rowid, _parent, _ in con.execute("PRAGMA foreign_key_check").fetchall():
        try:
            later = con.execute(f"SELECT event_id FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        except Exception:  # a table without event_id (turns, case attributes)
            later = None
        who = _describe(con, later[0]) if later else f"a row of {table}"
        first = f"; undo event {later[0]} first" if later else ""
        raise _refuse(event_id, f"an event no later event depends on: {who} uses rows it added ({table}){first}")


def _reinsert(con: Any, codings: list[dict[str, Any]], memos: list[dict[str, Any]]) -> None:
    cols = ", ".join(f'"{c}"' for c in CODING_FIELDS)
    con.executemany(f"INSERT INTO codings ({cols}) VALUES ({', '.join('?' * len(CODING_FIELDS))})",
                    [tuple(r[c] for c in CODING_FIELDS) for r in codings])
    con.executemany(f"INSERT INTO memos ({', '.join(_MEMO_FIELDS)}) VALUES ({', '.join('?' * len(_MEMO_FIELDS))})",
                    [tuple(m[c] for c in _MEMO_FIELDS) for m in memos])


def _reverse(con: Any, step: dict[str, Any]) -> None:
    """Put back what one step changed (rows it created are removed afterwards, by event id)."""
    if "previous" in step:  # set_status, accept/reject suggestions: old statuses
        con.executemany("UPDATE codings SET status = ? WHERE id = ?", [(s, int(i)) for i, s in step["previous"].items()])
    for subject, prev in step.get("previous_consent", {}).items():  # set_consent: old consent or release
        if prev[0] == "case":
            con.execute("UPDATE cases SET consent=?, consent_date=?, consent_scope=? WHERE id=?", (*prev[1:], subject))
        else:
            con.execute("UPDATE sources SET release=? WHERE id=?", (prev[1], subject))
    if "previous_memos" in step:
        con.executemany("UPDATE codings SET memo = ? WHERE id = ?",
                        [(m, int(i)) for i, m in step["previous_memos"].items()])
    if "previous_codes" in step:
        con.executemany("UPDATE codings SET code_id = ?, codebook_version = ? WHERE id = ?",
                        [(code, version, int(i)) for i, (code, version) in step["previous_codes"].items()])
    if "removed_codings" in step:
        _reinsert(con, step["removed_codings"], step.get("removed_memos", []))
    con.executemany("UPDATE codings SET suggestion_id = ? WHERE id = ?",
                    [(suggestion, follower) for follower, suggestion in step.get("unlinked", [])])
    con.executemany("UPDATE memos SET target_id = ? WHERE id = ?",
                    [(target, int(memo)) for memo, target in step.get("memo_targets", {}).items()])


def undo(db: "CaseDatabase", event_id: int, event: int) -> None:
    """Undo batch ``event_id`` inside the open batch ``event`` (see the module docstring)."""
    con = db._con
    if not isinstance(event_id, int) or isinstance(event_id, bool):
        raise _refuse(event_id, "the integer id of a stored event")  # type: ignore[arg-type]
    row = con.execute("SELECT action, detail FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise _refuse(event_id, "the id of a stored event")
    if row[0] == "undo":
        raise _refuse(event_id, "an event that is not itself an undo")
    done = con.execute("SELECT id FROM events WHERE action = 'undo' AND json_extract(detail, '$.undone') = ?",
                       (event_id,)).fetchone()
    if done:
        raise _refuse(event_id, f"an event not undone yet (event {done[0]} undid it)")
    steps = json.loads(row[1]).get("steps", [])
    for step in steps:
        if step["action"] == "remove_sources":
            raise _refuse(event_id, "a batch that did not remove sources (import the source's file again instead)")
        if step.get("replaced") or step.get("updated"):
            raise _refuse(event_id, "a batch that only added rows or changed statuses")
    _check_later(db, event_id, steps)
    for step in reversed(steps):
        _reverse(con, step)
    con.execute("DELETE FROM case_sources WHERE source_id IN (SELECT id FROM sources WHERE event_id = ?)"
                " OR case_id IN (SELECT id FROM cases WHERE event_id = ?)", (event_id, event_id))
    con.execute("DELETE FROM turns WHERE source_id IN (SELECT id FROM sources WHERE event_id = ?)", (event_id,))
    removed = {}
    con.execute("UPDATE codings SET suggestion_id = NULL WHERE event_id = ? AND suggestion_id IN"
                " (SELECT id FROM codings WHERE event_id = ?)", (event_id, event_id))
    before = con.total_changes
    con.execute("DELETE FROM codes WHERE version IN (SELECT version FROM codebook_versions WHERE event_id = ?)",
                (event_id,))
    removed["codes"] = con.total_changes - before
    for table in TABLES_WITH_EVENT:
        before = con.total_changes
        con.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
        removed[table] = con.total_changes - before
    _check_foreign_keys(db, event_id)
    db._step("undo", removed={k: v for k, v in removed.items() if v})

"""SQL of the review actions on codings: decide on suggestions, remove codings, memos, carry codings.

Called by :class:`~casestudy.store.database.CaseDatabase` inside its open batch
(one transaction, one event); each records a step with what :mod:`casestudy.store.undo`
needs to put things back. Not public API: use the database's methods.

A suggestion (status ``suggested``, credited to the program that made it) is
never re-credited in place: a coder's decision is a coding *of that coder*, with
the suggestion's span, code, ``origin`` and ``rule`` and ``suggestion_id``
pointing at it, status ``accepted`` or ``rejected``. So two coders review the same
suggestions independently, the suggestion itself stays what the program proposed,
and reliability compares coders, never a coder with the program.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casestudy.errors import CodingError, expectation

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.store.database import CaseDatabase

__all__ = ["decide", "remove_codings", "set_memo", "carry_codings", "CODING_FIELDS"]

#: Columns of ``codings`` kept in an event so that a removed row can be put back exactly.
CODING_FIELDS = ("id", "source_id", "start", "end", "code_id", "codebook_version", "coder_id", "status", "origin",
                 "flag", "quote", "memo", "rule", "suggestion_id", "created", "event_id")
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in CODING_FIELDS) + " FROM codings WHERE id = ?"


def _row(db: "CaseDatabase", coding_id: int, where: str) -> dict[str, Any]:
    if not isinstance(coding_id, int) or isinstance(coding_id, bool):
        raise CodingError(expectation("coding_id", "an integer id", coding_id, where))
    row = db._con.execute(_SELECT, (coding_id,)).fetchone()
    if row is None:
        raise CodingError(expectation("coding_id", "the id of a stored coding", coding_id, where))
    return dict(zip(CODING_FIELDS, row))


def _check_coder(db: "CaseDatabase", coder_id: str, where: str) -> None:
    if not db._con.execute("SELECT 1 FROM coders WHERE id = ?", (coder_id,)).fetchone():
        raise CodingError(expectation("coder", "a coder of the database", coder_id, where))


def decide(db: "CaseDatabase", ids: list[int], coder_id: str, status: str, event: int) -> None:
    """Record ``coder_id``'s decision (``accepted``/``rejected``) on suggestions ``ids``.

    A first decision inserts the coder's coding; a changed decision updates it (the old
    status is kept for undo). Where the coder already has the very same coding (same span,
    code and version) of their own, accepting links nothing new and is counted
    ``already_coded``; rejecting such a suggestion leaves the coder's own coding alone.
    """
    con = db._con
    where = "accept suggestions" if status == "accepted" else "reject suggestions"
    _check_coder(db, coder_id, where)
    added, previous, already, touched = [], {}, [], []
    now = db.clock.now()
    for sid in dict.fromkeys(ids):  # once each, in the order given
        s = _row(db, sid, where)
        if s["status"] != "suggested" or s["suggestion_id"] is not None:
            raise CodingError(expectation("coding_id", "the id of a suggestion (status 'suggested')",
                                          sid, where))
        if s["coder_id"] == coder_id:
            raise CodingError(expectation("coder", f"a coder other than the suggestions' author {coder_id!r}",
                                          coder_id, where))
        mine = con.execute("SELECT id, status FROM codings WHERE suggestion_id = ? AND coder_id = ?",
                           (sid, coder_id)).fetchone()
        if mine is not None:
            if mine[1] != status:
                previous[str(mine[0])] = mine[1]
                con.execute("UPDATE codings SET status = ? WHERE id = ?", (status, mine[0]))
            touched.append(mine[0])
            continue
        same = con.execute('SELECT id FROM codings WHERE source_id = ? AND start = ? AND "end" = ? AND code_id = ?'
                           " AND coder_id = ? AND codebook_version = ?",
                           (s["source_id"], s["start"], s["end"], s["code_id"], coder_id,
                            s["codebook_version"])).fetchone()
        if same is not None:
            already.append(sid)
            continue
        cur = con.execute('INSERT INTO codings (source_id, start, "end", code_id, codebook_version, coder_id, status,'
                          " origin, flag, quote, rule, suggestion_id, created, event_id)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          (s["source_id"], s["start"], s["end"], s["code_id"], s["codebook_version"], coder_id,
                           status, s["origin"], s["flag"], s["quote"], s["rule"], sid, now, event))
        added.append(int(cur.lastrowid))  # type: ignore[arg-type]
    db._step("accept_suggestions" if status == "accepted" else "reject_suggestions", coder=coder_id,
             suggestions=list(dict.fromkeys(ids)), added=len(added), previous=previous, already_coded=already,
             coding_ids=added + touched)


def remove_codings(db: "CaseDatabase", ids: list[int], event: int) -> None:
    """Delete codings ``ids`` (and memos on them); the event keeps every removed row for undo.

    A suggestion that coders have decided on cannot be removed before those decisions.
    """
    con = db._con
    rows, memos = [], []
    for cid in dict.fromkeys(ids):
        row = _row(db, cid, "remove codings")
        followers = [r[0] for r in con.execute("SELECT id FROM codings WHERE suggestion_id = ? ORDER BY id",
                                               (cid,)) if r[0] not in ids]
        if followers:
            raise CodingError(expectation("coding_id", "a coding no coder's decision points at (remove "
                                          + ", ".join(map(str, followers)) + " first)", cid, "remove codings"))
        rows.append(row)
        memos += [dict(zip(("id", "target_kind", "target_id", "author", "text", "created", "event_id"), m))
                  for m in con.execute("SELECT id, target_kind, target_id, author, text, created, event_id FROM memos"
                                       " WHERE target_kind = 'coding' AND target_id = ?", (str(cid),))]
    con.executemany("DELETE FROM memos WHERE id = ?", [(m["id"],) for m in memos])
    con.executemany("DELETE FROM codings WHERE id = ?", [(r["id"],) for r in rows])
    db._step("remove_codings", removed_codings=rows, removed_memos=memos, coding_ids=[r["id"] for r in rows])


def set_memo(db: "CaseDatabase", coding_id: int, text: str | None, event: int) -> None:
    """Set (or, with None or empty text, clear) the memo of a coding; the old memo is kept for undo."""
    row = _row(db, coding_id, "coding memo")
    if text is not None and not isinstance(text, str):
        raise CodingError(expectation("memo", "text", text, "coding memo"))
    new = text.strip() if text and text.strip() else None
    db._con.execute("UPDATE codings SET memo = ? WHERE id = ?", (new, coding_id))
    db._step("set_memo", previous_memos={str(coding_id): row["memo"]}, coding_ids=[coding_id])


def carry_codings(db: "CaseDatabase", old_version: int, new_version: int, mapping: dict[str, str],
                  event: int) -> None:
    """Move the codings of ``old_version`` to ``new_version``, code ids mapped by ``mapping`` (default: same id).

    Codings of codes the new version retired stay on the old version. Where two codings
    become the same (a merge of two codes a coder applied to one span), the later one is
    removed (kept in the event for undo) and its memos move to the one that stays.
    """
    con = db._con
    new_codes = {r[0] for r in con.execute("SELECT id FROM codes WHERE version = ?", (new_version,))}
    rows = con.execute('SELECT id, source_id, start, "end", code_id, coder_id FROM codings WHERE codebook_version = ?'
                       " ORDER BY id", (old_version,)).fetchall()
    seen: dict[tuple[Any, ...], int] = {}
    moved: dict[str, list[Any]] = {}
    unlinked: list[list[int]] = []
    memo_targets: dict[str, str] = {}
    merged: list[dict[str, Any]] = []
    kept_back = 0
    for cid, source, start, end, code, coder in rows:
        target = mapping.get(code, code)
        if target not in new_codes:
            kept_back += 1
            continue
        key = (source, start, end, target, coder)
        if key in seen:
            merged.append(_row(db, cid, "carry codings"))
            unlinked += [[r[0], cid] for r in con.execute("SELECT id FROM codings WHERE suggestion_id = ?", (cid,))]
            for (memo,) in con.execute("SELECT id FROM memos WHERE target_kind = 'coding' AND target_id = ?",
                                       (str(cid),)).fetchall():
                memo_targets[str(memo)] = str(cid)
                con.execute("UPDATE memos SET target_id = ? WHERE id = ?", (str(seen[key]), memo))
            continue
        seen[key] = cid
        moved[str(cid)] = [code, old_version]
    con.executemany("UPDATE codings SET suggestion_id = NULL WHERE id = ?", [(f,) for f, _ in unlinked])
    con.executemany("DELETE FROM codings WHERE id = ?", [(r["id"],) for r in merged])
    con.executemany("UPDATE codings SET code_id = ?, codebook_version = ? WHERE id = ?",
                    [(mapping.get(code, code), new_version, int(cid)) for cid, (code, _) in moved.items()])
    db._step("carry_codings", from_version=old_version, to_version=new_version, previous_codes=moved,
             removed_codings=merged, unlinked=unlinked, memo_targets=memo_targets, kept_on_old_version=kept_back,
             coding_ids=[int(i) for i in moved])

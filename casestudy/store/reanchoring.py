"""Re-anchoring a corrected source's codings as one set operation (inside the import's transaction).

When a source's text changes, every coding is placed in the new text by
:func:`casestudy.store.anchoring.reanchor`. Moving codings one by one can land
a coding on an identical one (same span, code, coder and codebook version) and
break the ``UNIQUE`` rule half-way; here the new positions of *all* codings of
the source are computed first, identical codings are **merged** (the kept row is
the one with the strongest status, accepted > suggested > rejected, then the
oldest), memos on a merged coding (and decisions that point at it) move to the kept one, and every merged row is
recorded whole in the event's ``merges`` so the log keeps both origins. Nothing
is lost: a coding either stays, moves, is flagged ``unanchored`` or is merged
into an identical one.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from casestudy.store.anchoring import reanchor
from casestudy.store.coding_edits import CODING_FIELDS

__all__ = ["reanchor_source", "STATUS_RANK"]

#: Which row survives a merge: the strongest status first, then the oldest id.
STATUS_RANK = {"accepted": 0, "suggested": 1, "rejected": 2}
_COLUMNS = CODING_FIELDS


def reanchor_source(con: sqlite3.Connection, source_id: str, old_text: str, new_text: str,
                    merges: list[dict[str, Any]]) -> dict[str, int]:
    """Move, flag and merge the codings of ``source_id`` for its new text; return the counts.

    Parameters
    ----------
    con : sqlite3.Connection
        Inside an open transaction.
    source_id : str
    old_text, new_text : str
        Canonical texts before and after the correction.
    merges : list
        Receives one record per merged coding: ``{"kept": id, "merged": {row}}``.

    Returns
    -------
    dict
        ``{"reanchored": n, "unanchored": n, "merged": n}``.
    """
    columns = ", ".join(f'"{c}"' for c in _COLUMNS)
    rows = [dict(zip(_COLUMNS, r)) for r in con.execute(
        f"SELECT {columns} FROM codings WHERE source_id = ? ORDER BY id", (source_id,))]
    counts = {"reanchored": 0, "unanchored": 0, "merged": 0}
    for r in rows:
        a = reanchor(old_text, new_text, r["start"], r["end"])
        if a.flag is None:
            continue
        counts[a.flag] += 1
        if a.flag == "unanchored" and r["quote"] is None:
            r["quote"] = old_text[r["start"]:r["end"]]
        r["start"], r["end"], r["flag"] = a.start, a.end, a.flag
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["start"], r["end"], r["code_id"], r["coder_id"], r["codebook_version"]), []).append(r)
    keep: list[dict[str, Any]] = []
    for group in groups.values():
        group.sort(key=lambda r: (STATUS_RANK.get(r["status"], 9), r["id"]))
        keep.append(group[0])
        for other in group[1:]:
            merges.append({"kept": group[0]["id"], "merged": other})
            con.execute("UPDATE memos SET target_id = ? WHERE target_kind = 'coding' AND target_id = ?",
                        (str(group[0]["id"]), str(other["id"])))
            con.execute("UPDATE codings SET suggestion_id = ? WHERE suggestion_id = ?", (group[0]["id"], other["id"]))
            for r in rows:  # decisions on the merged suggestion now point at the kept one
                if r["suggestion_id"] == other["id"]:
                    r["suggestion_id"] = group[0]["id"]
            if other["memo"] and not group[0]["memo"]:
                group[0]["memo"] = other["memo"]
        counts["merged"] += len(group) - 1
    con.execute("DELETE FROM codings WHERE source_id = ?", (source_id,))
    placeholders = ",".join("?" * len(_COLUMNS))
    con.executemany(f"INSERT INTO codings ({columns}) VALUES ({placeholders})",
                    [tuple(r[c] for c in _COLUMNS) for r in sorted(keep, key=lambda r: r["id"])])
    return counts

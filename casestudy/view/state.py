"""What the coding view shows, read from the case study database as one plain (JSON) mapping.

:func:`view_state` is a pure function of the database and the view's settings: the
same database and settings give the same mapping, which the widget sends to the
browser and the static rendering (:mod:`casestudy.view.render`) prints. Nothing in
it is computed in the browser except where a selection falls: every piece of text
("run") carries its code-point span and its offset in UTF-16 code units, the unit
the browser counts in.

Keys: ``coder`` (whose view), ``coders`` (every human coder, for the switch),
``shown`` (coders whose codings are coloured), ``sources``, ``source``,
``codebook``, ``codes`` (the tree in codebook order, with depth, colour and
definition), ``blocks`` (turns: speaker, role, codable, runs), ``codings`` (id ->
the shown coding), ``queue`` (the current coder's undecided suggestions on this
source, with the rule that fired), ``withheld`` (True when the source may not reach
an output), ``all_turns``.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from casestudy.coding.suggest import codable_regions
from casestudy.view.selection import utf16_offsets

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.store.database import CaseDatabase

__all__ = ["view_state", "code_colours", "PALETTE", "is_program"]

#: Colours for codes without one of their own (Okabe-Ito, readable on white with dark text).
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")


def is_program(role: str | None) -> bool:
    """Is a coder of this role a program (suggestions), not a person?"""
    return role == "program"


def code_colours(codes: pd.DataFrame) -> dict[str, str]:
    """Colour of every code: its own, else its nearest ancestor's, else one of :data:`PALETTE` by its root.

    Examples
    --------
    >>> codes = pd.DataFrame({"code_id": ["a", "a1", "b", "b1"], "parent_id": [None, "a", None, "b"],
    ...                       "colour": ["#112233", None, None, None]})
    >>> code_colours(codes)
    {'a': '#112233', 'a1': '#112233', 'b': '#56B4E9', 'b1': '#56B4E9'}
    """
    parent = {c: (p if isinstance(p, str) else None) for c, p in zip(codes["code_id"], codes["parent_id"])}
    own = {c: col for c, col in zip(codes["code_id"], codes["colour"]) if isinstance(col, str) and col}
    roots = [c for c in codes["code_id"] if parent[c] not in parent]
    out: dict[str, str] = {}
    for cid in codes["code_id"]:
        node, steps = cid, 0
        while node not in own and parent[node] in parent and steps < len(parent):
            node, steps = parent[node], steps + 1  # type: ignore[assignment]
        out[cid] = own.get(node) or PALETTE[(roots.index(node) if node in roots else 0) % len(PALETTE)]
    return out


def _tree(codes: pd.DataFrame, counts: Mapping[Hashable, int]) -> list[dict[str, Any]]:
    colours = code_colours(codes)
    parent = {c: (p if isinstance(p, str) else None) for c, p in zip(codes["code_id"], codes["parent_id"])}
    order: list[str] = []

    def walk(node: str | None, depth: int, seen: frozenset[str]) -> None:
        for cid in codes["code_id"]:
            if parent[cid] == node and cid not in seen:
                order.append(cid)
                depth_of[cid] = depth
                walk(cid, depth + 1, seen | {cid})

    depth_of: dict[str, int] = {}
    walk(None, 0, frozenset())
    rows = {r.code_id: r for r in codes.itertuples(index=False)}
    out = []
    for cid in order:
        r = rows[cid]
        definition = cast(str, r.definition_en or r.definition_id or "")
        when, when_not = cast(str | None, r.when_to_use), cast(str | None, r.when_not_to_use)
        if when:
            definition += ("\n" if definition else "") + "Use when: " + when
        if when_not:
            definition += ("\n" if definition else "") + "Not when: " + when_not
        out.append({"id": cid, "label": r.label_en or r.label_id, "parent": parent[cid], "depth": depth_of[cid],
                    "codable": bool(r.codable), "colour": colours[cid], "definition": definition,
                    "n": counts.get(cid, 0)})
    return out


def _blocks(text: str, turns: pd.DataFrame) -> list[dict[str, Any]]:
    if turns.empty:
        return [{"turn": None, "speaker": None, "role": None, "timestamp": None, "start": 0, "end": len(text)}]
    roles = turns["role"] if "role" in turns.columns else [None] * len(turns)
    return [{"turn": int(t), "speaker": sp, "role": role if isinstance(role, str) else None,
             "timestamp": ts if isinstance(ts, str) else None, "start": int(b), "end": int(e)}
            for t, sp, role, ts, b, e in zip(turns["turn"], turns["speaker"], roles, turns["timestamp"],
                                             turns["body_start"], turns["end"])]


def _runs(text: str, start: int, end: int, spans: Sequence[tuple[int, int, int, str]],
          units: list[int]) -> list[dict[str, Any]]:
    """Split ``text[start:end]`` at every coding boundary; each run lists the ids covering it."""
    cuts = {start, end}
    inside = [s for s in spans if s[0] < end and s[1] > start]
    for s, e, _, _ in inside:
        cuts.update(p for p in (s, e) if start < p < end)
    points = sorted(cuts)
    runs = []
    for a, b in zip(points, points[1:]):
        cover = [(i, kind) for s, e, i, kind in inside if s <= a and e >= b]
        runs.append({"start": a, "end": b, "u16": units[a], "text": text[a:b],
                     "codings": [i for i, k in cover if k == "coding"],
                     "suggestions": [i for i, k in cover if k == "suggestion"]})
    return runs


def _inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in regions)


def _undecided(codings: pd.DataFrame, programs: set[str], decided: set[int],
               regions: dict[str, list[tuple[int, int]]]) -> pd.DataFrame:
    """Programs' suggestions the coder has not decided on, inside the turns that may be coded."""
    rows = codings[(codings["status"] == "suggested") & codings["coder_id"].isin(programs)
                   & ~codings["coding_id"].isin(decided)]
    keep = [_inside(regions.get(sid, []), int(s), int(e)) for sid, s, e in zip(rows["source_id"], rows["start"],
                                                                               rows["end"])]
    return rows[pd.Series(keep, index=rows.index, dtype=bool)]


def view_state(db: "CaseDatabase", *, coder: str, source: str | None, shown: Iterable[str],
               all_turns: bool = False, queue_all: bool = False) -> dict[str, Any]:
    """The coding view's state for ``coder`` looking at ``source`` with ``shown`` coders' codings coloured.

    Parameters
    ----------
    db : CaseDatabase
        The open database.
    coder : str
        The view's coder: actions are credited to them, their decisions hide suggestions from the queue.
    source : str, optional
        The source shown (None: the first source).
    shown : iterable of str
        Coders whose accepted codings are coloured.
    all_turns : bool
        Offer every turn for coding, also those whose speaker may not be coded (the interviewer's).
    queue_all : bool
        Queue the suggestions of every source, not only of ``source`` (each item names its source).

    Returns
    -------
    dict
        JSON-serialisable; see the module docstring for its keys.
    """
    sources = db.sources()
    ids = list(sources["source_id"])
    if source is None and ids:
        source = ids[0]
    shown = list(dict.fromkeys(shown))
    coders = db.coders()
    people = [{"id": c, "name": n or c} for c, n, r in zip(coders["coder_id"], coders["name"], coders["role"])
              if not is_program(r)]
    programs = {c for c, r in zip(coders["coder_id"], coders["role"]) if is_program(r)}
    state: dict[str, Any] = {
        "coder": coder, "coders": people, "shown": shown, "source": source, "all_turns": bool(all_turns),
        "queue_all": bool(queue_all),
        "sources": [{"id": s, "title": t or s} for s, t in zip(sources["source_id"], sources["title"])],
        "withheld": source is not None and source not in set(db.releasable_sources()),
        "codebook": None, "codes": [], "blocks": [], "codings": {}, "queue": []}
    versions = db.codebook_versions()
    if not versions.empty:
        row = versions.iloc[-1]
        state["codebook"] = {"id": row["codebook_id"], "version": int(row["version"]),
                             "title": row["title_en"] or row["title_id"]}
    if source is None:
        state["codes"] = _tree(db.codes(), {}) if state["codebook"] else []
        return state
    text = db.source_text(source)
    codings = db.codings(source_id=source)
    mine = codings[codings["coder_id"].isin(shown) & (codings["status"] == "accepted")]
    decided = set(codings.loc[(codings["coder_id"] == coder) & codings["suggestion_id"].notna(), "suggestion_id"]
                  .astype(int))
    regions = [(0, len(text))] if all_turns else codable_regions(db, [source]).get(source, [])
    turns = db.turns(source)
    if turns.empty:
        regions = [(0, len(text))]
    pending = _undecided(codings, programs, decided, {source: regions})
    state["codes"] = _tree(db.codes(), mine["code_id"].value_counts().to_dict()) if state["codebook"] else []
    labels = {c["id"]: c["label"] for c in state["codes"]}
    spans = [(int(s), int(e), int(i), "coding") for s, e, i in zip(mine["start"], mine["end"], mine["coding_id"])]
    spans += [(int(s), int(e), int(i), "suggestion")
              for s, e, i in zip(pending["start"], pending["end"], pending["coding_id"])]
    units = utf16_offsets(text)
    for block in _blocks(text, turns):
        block["codable"] = block["turn"] is None or _inside(regions, block["start"], block["end"])
        block["runs"] = _runs(text, block["start"], block["end"], spans, units)
        state["blocks"].append(block)
    for r in mine.itertuples(index=False):
        state["codings"][str(r.coding_id)] = {
            "id": int(cast(int, r.coding_id)), "code": r.code_id, "label": labels.get(r.code_id, r.code_id),
            "coder": r.coder_id, "start": int(cast(int, r.start)), "end": int(cast(int, r.end)), "text": r.text,
            "memo": r.memo if isinstance(r.memo, str) else None, "origin": r.origin,
            "rule": r.rule if isinstance(r.rule, str) else None}
    queue = pending
    if queue_all:
        everything = db.codings(status="suggested")
        theirs = db.codings(coder=coder)
        decided_all = set(theirs.loc[theirs["suggestion_id"].notna(), "suggestion_id"].astype(int))
        ids = sorted(set(everything["source_id"]))
        all_regions = {sid: [(0, len(db.source_text(sid)))] for sid in ids} if all_turns else codable_regions(db, ids)
        for sid in ids:
            if db.turns(sid).empty:
                all_regions[sid] = [(0, len(db.source_text(sid)))]
        queue = _undecided(everything, programs, decided_all, all_regions)
    for r in queue.sort_values(["code_id", "source_id", "start", "coding_id"], kind="stable").itertuples(index=False):
        state["queue"].append({"id": int(cast(int, r.coding_id)), "code": r.code_id,
                               "label": labels.get(r.code_id, r.code_id), "source": r.source_id,
                               "start": int(cast(int, r.start)), "end": int(cast(int, r.end)), "text": r.text,
                               "rule": r.rule if isinstance(r.rule, str) else r.origin, "by": r.coder_id})
    json.dumps(state)  # fail here, not in the browser, if anything is not plain data
    return state

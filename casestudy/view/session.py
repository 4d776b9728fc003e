"""The coding view's actions as a plain class: what a click does, testable without a browser.

A :class:`CodingSession` is one coder's view of a case study database. Every action
is one batch of the database (one transaction, one event in the log), credited to
the session's coder, and goes through the database's own methods: a coding from a
selection (:meth:`CodingSession.code_selection`, offsets converted from the
browser's UTF-16 units to code points), removing a coding, a memo on a coding,
accepting or rejecting suggestions one by one or by code, a new code, and undo of
the session's last action. :meth:`CodingSession.handle` takes the browser's
messages; the widget (:mod:`casestudy.view.widget`) only forwards them.

Turns whose speaker may not be coded (the interviewer's, from the declared speaker
roles) cannot be coded unless the session was opened with ``all_turns=True``.

Examples
--------
>>> from casestudy.view._demo import demo_database
>>> db = demo_database()
>>> s = CodingSession(db, "coder_a")
>>> text = db.source_text("int_demo")
>>> start = text.index("ramai")
>>> event = s.code_span(start, start + len("ramai"), "busy")
>>> db.codings(coder="coder_a")[["code_id", "text", "coder_id"]].to_string(index=False)
'code_id  text coder_id\\n   busy ramai  coder_a'
>>> s.code_span(0, 5, "busy")
Traceback (most recent call last):
...
casestudy.errors.CodingError: int_demo [0:5]: 'selection' must be inside one turn whose speaker may be ...
>>> _ = s.undo(); len(db.codings(coder="coder_a"))
0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from casestudy.coding.suggest import codable_regions
from casestudy.errors import CaseStudyError, CodingError, expectation
from casestudy.records.codebook import Code, CodebookRevision
from casestudy.records.segments import Coding
from casestudy.view.selection import selection_span
from casestudy.view.state import is_program, view_state

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.store.database import CaseDatabase

__all__ = ["CodingSession", "ACTIONS"]

#: Messages the browser may send (``{"action": name, ...}``) and the arguments each takes.
ACTIONS: dict[str, tuple[str, ...]] = {
    "open": ("source",), "show": ("coders",), "code": ("start16", "end16", "code"),
    "remove": ("coding",), "memo": ("coding", "text"), "accept": ("ids",), "reject": ("ids",),
    "accept_code": ("code",), "reject_code": ("code",),
    "add_code": ("code", "label", "parent", "definition", "start16", "end16"),
    "queue": ("all",), "undo": (),
}


class CodingSession:
    """One coder's coding view of a case study database.

    Parameters
    ----------
    db : CaseDatabase
        The open database (the session does not close it).
    coder : str
        The coder the view's actions are credited to (a person, not a program).
    source : str, optional
        The source shown first (default: the first source).
    show : iterable of str, optional
        Coders whose codings are coloured (default: ``coder`` alone, for independent coding).
    all_turns : bool
        Let turns whose speaker may not be coded (the interviewer's) be coded too.
    queue_all : bool
        Queue the suggestions of every source (default: the source shown).

    Raises
    ------
    CodingError
        If ``coder`` is not a person coder of the database, or ``source``/``show`` name unknown ids.
    """

    def __init__(self, db: "CaseDatabase", coder: str, *, source: str | None = None,
                 show: Iterable[str] | None = None, all_turns: bool = False, queue_all: bool = False) -> None:
        self.db = db
        coders = db.coders()
        roles = dict(zip(coders["coder_id"], coders["role"]))
        if coder not in roles or is_program(roles[coder]):
            people = ", ".join(c for c, r in roles.items() if not is_program(r)) or "none yet"
            raise CodingError(expectation("coder", f"a person coder of the database ({people}; add one with"
                                          " CaseDatabase.add_coders)", coder, "coding view"))
        self.coder = coder
        self.all_turns = bool(all_turns)
        self.queue_all = bool(queue_all)
        self.source: str | None = None
        self.shown: list[str] = [coder]
        self.message = ""
        self._events: list[int] = []
        sources = list(db.sources()["source_id"])
        self.open(source if source is not None else (sources[0] if sources else None))
        if show is not None:
            self.show(show)

    def __repr__(self) -> str:
        return f"CodingSession(coder={self.coder!r}, source={self.source!r}, shown={self.shown!r})"

    @contextmanager
    def using(self, db: "CaseDatabase") -> Iterator["CodingSession"]:
        """Act on ``db`` (another connection to the same database) inside the block."""
        previous, self.db = self.db, db
        try:
            yield self
        finally:
            self.db = previous

    # -- what is shown -----------------------------------------------------------------------------------
    def open(self, source: str | None) -> None:
        """Show ``source`` (a source id of the database)."""
        if source is not None and source not in set(self.db.sources()["source_id"]):
            raise CodingError(expectation("source", "a source of the database", source, "coding view"))
        self.source = source

    def show(self, coders: Iterable[str]) -> None:
        """Colour the codings of ``coders`` (ids of the database's coders)."""
        wanted = list(dict.fromkeys([coders] if isinstance(coders, str) else coders))
        known = set(self.db.coders()["coder_id"])
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise CodingError(expectation("coders", "coders of the database", unknown[0], "coding view"))
        self.shown = wanted

    def state(self) -> dict[str, Any]:
        """What the view shows now (see :func:`casestudy.view.state.view_state`), with the last message."""
        state = view_state(self.db, coder=self.coder, source=self.source, shown=self.shown,
                           all_turns=self.all_turns, queue_all=self.queue_all)
        state["message"] = self.message
        state["can_undo"] = bool(self._events)
        return state

    # -- actions (one event each, credited to the coder) --------------------------------------------------
    def _done(self, event: int, message: str) -> int:
        self._events.append(event)
        self.message = message
        return event

    def _check_codable(self, source: str, start: int, end: int) -> None:
        if self.all_turns:
            return
        turns = self.db.turns(source)
        if turns.empty:
            return
        regions = codable_regions(self.db, [source]).get(source, [])
        if any(s <= start and end <= e for s, e in regions):
            return
        free = set(regions)
        hit = [(t, sp) for t, sp, s, e in zip(turns["turn"], turns["speaker"], turns["start"], turns["end"])
               if s < end and start < e and (int(s), int(e)) not in free]
        why = (f"not {hit[0][1]}'s turn {hit[0][0]}; open the view with all_turns=True to code it" if hit
               else "a selection may not run across turns")
        text = self.db.source_text(source)
        raise CodingError(expectation("selection", f"inside one turn whose speaker may be coded ({why})",
                                      _short(text[start:end]), f"{source} [{start}:{end}]"))

    def code_span(self, start: int, end: int, code: str) -> int:
        """Code ``[start, end)`` (code points) of the current source with ``code``; return the event id."""
        if self.source is None:
            raise CodingError(expectation("source", "chosen before coding", None, "coding view"))
        self._check_codable(self.source, start, end)
        versions = self.db.codebook_versions()["version"]
        if versions.empty:
            raise CodingError(expectation("codebook", "stored in the database before coding (casestudy codings"
                                          " import or autocode with --codebook FILE, or CaseDatabase.add_codebook)",
                                          None, "coding view"))
        version = int(versions.max())
        coding = Coding(self.source, start, end, code, self.coder, codebook_version=version)
        event = self.db.add_codings([coding], actor=self.coder)
        quote = self.db.source_text(self.source)[start:end]
        return self._done(event, f"coded {_short(quote)!r} as {code} (event {event})")

    def code_selection(self, start16: int, end16: int, code: str) -> int:
        """Code a browser selection: ``[start16, end16)`` in UTF-16 units of the canonical text."""
        if self.source is None:
            raise CodingError(expectation("source", "chosen before coding", None, "coding view"))
        start, end = selection_span(self.db.source_text(self.source), start16, end16, where=self.source)
        return self.code_span(start, end, code)

    def _own(self, coding: int, what: str) -> None:
        rows = self.db.codings(coder=self.coder)
        if not (rows["coding_id"] == coding).any():
            raise CodingError(expectation("coding", f"one of {self.coder}'s own codings ({what} only your own)",
                                          coding, "coding view"))

    def remove(self, coding: int) -> int:
        """Remove one of the coder's own codings (undo puts it back)."""
        self._own(coding, "remove")
        event = self.db.remove_codings([coding], actor=self.coder)
        return self._done(event, f"removed coding {coding} (event {event})")

    def set_memo(self, coding: int, text: str | None) -> int:
        """Attach (or with empty text clear) the memo of one of the coder's own codings."""
        self._own(coding, "memos on")
        event = self.db.set_coding_memo(coding, text, actor=self.coder)
        return self._done(event, f"memo {'saved' if text and text.strip() else 'cleared'} on coding {coding}"
                                 f" (event {event})")

    def _pending(self, ids: Iterable[int] | None = None, code: str | None = None) -> list[int]:
        queue = self.state()["queue"]
        if code is not None:
            return [q["id"] for q in queue if q["code"] == code]
        known = {q["id"] for q in queue}
        wanted = list(ids or ())
        bad = [i for i in wanted if i not in known]
        if bad:
            raise CodingError(expectation("suggestion", "an undecided suggestion in the view's queue", bad[0],
                                          "coding view"))
        return wanted

    def accept(self, ids: Iterable[int]) -> int:
        """Accept suggestions: each becomes the coder's coding, its origin and rule kept."""
        ids = self._pending(ids)
        event = self.db.accept_suggestions(ids, self.coder, actor=self.coder)
        return self._done(event, f"accepted {len(ids)} suggestion(s) (event {event})")

    def reject(self, ids: Iterable[int]) -> int:
        """Reject suggestions (recorded as the coder's decision)."""
        ids = self._pending(ids)
        event = self.db.reject_suggestions(ids, self.coder, actor=self.coder)
        return self._done(event, f"rejected {len(ids)} suggestion(s) (event {event})")

    def accept_code(self, code: str) -> int:
        """Accept every undecided suggestion of ``code`` in the queue (this source, or all with ``queue_all``)."""
        ids = self._pending(code=code)
        if not ids:
            raise CodingError(expectation("code", "a code with undecided suggestions here", code, "coding view"))
        return self.accept(ids)

    def reject_code(self, code: str) -> int:
        """Reject every undecided suggestion of ``code`` in the queue (this source, or all with ``queue_all``)."""
        ids = self._pending(code=code)
        if not ids:
            raise CodingError(expectation("code", "a code with undecided suggestions here", code, "coding view"))
        return self.reject(ids)

    def add_code(self, code: str, label: str, parent: str | None = None, definition: str = "", *,
                 selection: tuple[int, int] | None = None) -> int:
        """Add a code to the codebook (a new version, an ``add`` revision); return the event id.

        The label (and definition) is written in each language the codebook declares. With
        ``selection`` (``(start16, end16)`` of a browser selection), the selection is coded
        with the new code in the same event, so one undo takes back both.
        """
        codebook = self.db.codebook()
        langs = set(getattr(codebook, "languages", ()) or ("en", "id"))
        new = Code(code, label if "en" in langs else "", label if "id" in langs else "", parent=parent or None,
                   definition_en=definition if "en" in langs else "", definition_id=definition if "id" in langs else "")
        revised = codebook.revise([CodebookRevision("add", (), (code,), f"added in the coding view by {self.coder}")],
                                  new_codes=[new])
        with self.db.batch("add_code", actor=self.coder) as event:
            self.db.revise_codebook(revised, actor=self.coder)
            if selection is not None:
                events, self._events = self._events, []
                try:
                    self.code_selection(selection[0], selection[1], code)
                finally:
                    self._events = events
        applied = " and applied it to the selection" if selection is not None else ""
        return self._done(event, f"added code {code}{applied} (codebook version {revised.version}, event {event})")

    def undo(self) -> int:
        """Undo this view's last action still in force (the database refuses when later work depends on it)."""
        if not self._events:
            raise CodingError(expectation("undo", "preceded by an action of this view", None, "coding view"))
        event = self.db.undo(self._events[-1], actor=self.coder)
        undone = self._events.pop()
        self.message = f"undid event {undone} (event {event})"
        return event

    # -- the browser's messages ----------------------------------------------------------------------------
    def handle(self, message: dict[str, Any]) -> dict[str, Any]:
        """Carry out one message from the browser; return ``{"ok": bool, "message": str}``.

        Errors of the package become the message (one line); nothing is raised to the browser.
        """
        action = message.get("action") if isinstance(message, dict) else None
        if action not in ACTIONS:
            self.message = expectation("action", "one of " + ", ".join(ACTIONS), action, "coding view")
            return {"ok": False, "message": self.message}
        args: dict[str, Any] = {k: message.get(k) for k in ACTIONS[action]}
        try:
            if action == "open":
                self.open(args["source"])
                self.message = ""
            elif action == "show":
                self.show(args["coders"] or [])
                self.message = ""
            elif action == "queue":
                self.queue_all = bool(args["all"])
                self.message = ""
            elif action == "code":
                self.code_selection(args["start16"], args["end16"], args["code"])
            elif action in ("remove", "memo"):
                coding = _int(args["coding"])
                self.remove(coding) if action == "remove" else self.set_memo(coding, args["text"])
            elif action in ("accept", "reject"):
                ids = [_int(i) for i in (args["ids"] or [])]
                self.accept(ids) if action == "accept" else self.reject(ids)
            elif action in ("accept_code", "reject_code"):
                self.accept_code(args["code"]) if action == "accept_code" else self.reject_code(args["code"])
            elif action == "add_code":
                selection = (args["start16"], args["end16"]) if args["start16"] is not None else None
                self.add_code(args["code"], args["label"], args["parent"], args["definition"] or "",
                              selection=selection)
            else:
                self.undo()
        except CaseStudyError as exc:
            self.message = str(exc)
            return {"ok": False, "message": self.message}
        return {"ok": True, "message": self.message}


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        raise CodingError(expectation("id", "an integer id", value, "coding view"))
    return int(value)


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"

"""The coding view as a JupyterLab widget: a thin layer over :class:`~casestudy.view.session.CodingSession`.

Built on anywidget: the view's JavaScript and CSS ship inside this package
(``coding_view.js``, ``coding_view.css``) and reach the browser through the widget's
own comm, so there is no build step, no CDN and no JupyterLab extension of ours to
install; anywidget's prebuilt extension works in JupyterLab 4 (and Notebook 7, VS
Code). The widget holds one synced trait, ``state`` (the plain mapping of
:func:`casestudy.view.state.view_state`); the browser sends action messages,
which the session carries out (one database event each) before the state is sent
back. The kernel may run those handlers on another thread than the one that opened
the database, so each message gets its own short-lived connection to the file.

Displayed without a widget frontend (nbval, ``make reproduce``, a notebook viewer),
the view shows its static rendering (:mod:`casestudy.view.render`); the notebook
runner drops the widget's model id from saved outputs, so committed notebooks hold
no widget state.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from casestudy.errors import CodingError, StoreError, expectation
from casestudy.view.render import render_html, render_text
from casestudy.view.session import CodingSession

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.store.database import CaseDatabase

__all__ = ["CodingView", "open_view", "WIDGET_MIMETYPE"]

#: The mimetype of a widget's live view (its model id); left out of committed notebooks.
WIDGET_MIMETYPE = "application/vnd.jupyter.widget-view+json"
_HERE = Path(__file__).parent


class CodingView(anywidget.AnyWidget):  # type: ignore[misc]
    """The interactive coding view of one coder (see :func:`open_view`).

    Parameters
    ----------
    session : CodingSession
        The coder's session; every click becomes one of its actions.
    """

    _esm = _HERE / "coding_view.js"
    _css = _HERE / "coding_view.css"
    state = traitlets.Dict().tag(sync=True)

    def __init__(self, session: CodingSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if session.db.path is None:
            raise StoreError(expectation("db", "a database file (the view reads it from the kernel's threads)",
                                         ":memory:", "open_view"))
        self.session = session
        self._path, self._clock = session.db.path, session.db.clock
        self.on_msg(self._on_message)
        self.refresh()

    @contextmanager
    def _connection(self) -> Iterator[CodingSession]:
        """The session on a connection of this thread (the kernel may call handlers from several threads)."""
        from casestudy.store.database import CaseDatabase

        with CaseDatabase(self._path, clock=self._clock, backup=False, check=False) as db, self.session.using(db):
            yield self.session

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        try:
            with self._connection() as session:
                session.handle(content)
        except Exception as exc:  # a bug must not leave the browser waiting; say what happened in one line
            self.session.message = f"the view could not do that ({type(exc).__name__}: {exc})"
        self.refresh()

    def refresh(self) -> None:
        """Read the database again and send the new state to the browser."""
        try:
            with self._connection() as session:
                self.state = session.state()
        except Exception as exc:  # never leave the browser without an answer
            self.state = {**self.state, "message": f"the view could not read the database ({exc})"}

    def _current(self) -> dict[str, Any]:
        with self._connection() as session:
            return session.state()

    def __repr__(self) -> str:
        return render_text(self._current())

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        state = self._current()
        bundle: dict[str, Any] = {"text/plain": render_text(state), "text/html": render_html(state)}
        if self._view_name is not None and self._model_id:
            bundle[WIDGET_MIMETYPE] = {"version_major": 2, "version_minor": 0, "model_id": self._model_id}
        return bundle


def open_view(db: "CaseDatabase | str | os.PathLike[str]", coder: str, *, source: str | None = None,
              show: Iterable[str] | None = None, all_turns: bool = False, add_coder: bool = False,
              queue_all: bool = False) -> CodingView:
    """Open the coding view on a case study database for ``coder``.

    Parameters
    ----------
    db : CaseDatabase or path
        An open database, or the path of one (opened with the system clock: interactive use).
    coder : str
        The coder every action is credited to.
    source : str, optional
        Source shown first.
    show : iterable of str, optional
        Coders whose codings are coloured (default: ``coder`` only, for independent coding).
    all_turns : bool
        Let turns whose speaker may not be coded (the interviewer's) be coded.
    add_coder : bool
        Add ``coder`` to the database first if it is not there yet (one event); without it an
        unknown coder is an error listing the database's coders (a typo never creates a coder).
    queue_all : bool
        Start with the suggestions of every source in the queue (a tick box in the view switches it).

    Returns
    -------
    CodingView
        Display it (last expression of a cell) to code.
    """
    if not hasattr(db, "codings"):
        from casestudy.store.database import CaseDatabase
        from casestudy.store.events import SystemClock

        path = Path(db)  # type: ignore[arg-type]
        if not path.is_file():
            raise StoreError(expectation("db", "an existing case study database file", str(db), "open_view"))
        db = CaseDatabase(path, clock=SystemClock())
    known = set(db.coders()["coder_id"])  # type: ignore[union-attr]
    if coder not in known:
        if not add_coder:
            people = ", ".join(sorted(known)) or "none yet"
            raise CodingError(expectation("coder", f"a coder of the database ({people}), or add_coder=True to add"
                                          " a new one", coder, "open_view"))
        from casestudy.records.coders import Coder

        db.add_coders([Coder(coder, coder, "coder")], actor=coder)  # type: ignore[union-attr]
    session = CodingSession(db, coder, source=source, show=show, all_turns=all_turns,  # type: ignore[arg-type]
                            queue_all=queue_all)
    return CodingView(session)

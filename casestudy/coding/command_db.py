"""Opening the case study database for a command: ``--db`` and ``--time``, the clock, no accidental new file.

Commands that work on a study's database (``codings``, ``suggestions``, ``memos``,
``codes``, ``undo``, ``events``, ``query``) open it through :func:`open_database`:
the file named by ``--db`` must exist (a mistyped name is an error, never a new empty
database), and times in the event log come from ``--time``, else
``SOURCE_DATE_EPOCH`` (as under ``make``), else the system clock.

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(prog="casestudy")
>>> add_db_options(p)
>>> args = p.parse_args(["--db", "case.sqlite", "--time", "2024-01-01T00:00:00+00:00"])
>>> clock(args).now()
'2024-01-01T00:00:00+00:00'
>>> open_database(argparse.Namespace(db="/nonexistent/case.sqlite", time=None))
Traceback (most recent call last):
...
casestudy.errors.DataFileNotFoundError: '--db' must be an existing case study database (make one with casestudy transcripts import) (got '/nonexistent/case.sqlite')
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casestudy.errors import DataFileNotFoundError, expectation

__all__ = ["add_db_options", "clock", "open_database"]


def add_db_options(p: argparse.ArgumentParser) -> None:
    """Add ``--db`` (required) and ``--time`` to a command."""
    p.add_argument("--db", required=True, help="case study database file (SQLite)")
    p.add_argument("--time", help="ISO time for the event log (default: SOURCE_DATE_EPOCH, else now)")


def clock(args: argparse.Namespace) -> Any:
    """The clock of a command: ``--time``, else ``SOURCE_DATE_EPOCH``, else the system clock
    (:func:`casestudy.commandline.clock`)."""
    from casestudy.commandline import clock as command_clock

    return command_clock(args)


def open_database(args: argparse.Namespace, *, actor: str = "casestudy", write: bool = True) -> Any:
    """Open the existing database named by ``--db`` (a :class:`~casestudy.store.CaseDatabase`).

    Raises
    ------
    DataFileNotFoundError
        When ``--db`` names no file.
    """
    from casestudy.store.database import CaseDatabase

    path = Path(args.db)
    if not path.is_file() or path.stat().st_size == 0:
        raise DataFileNotFoundError(expectation("--db", "an existing case study database (make one with casestudy "
                                                "transcripts import)", str(args.db)))
    return CaseDatabase(path, clock=clock(args), actor=actor, backup=None if write else False, readonly=not write)

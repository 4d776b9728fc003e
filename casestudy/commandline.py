"""What every command of the ``casestudy`` command line shares: options checked, databases opened safely.

Commands check the paths they are given as options before they do anything
(:func:`existing_file`, :func:`output_file`), open the case study database
read-only when they only read (:func:`reading_database`: never creates or
changes a file, refuses a file that is not a case study database), and leave no
new file behind when they fail (:func:`writing_database`). Messages name the
option the user typed (``--db``, ``-o``), never a Python name.

Examples
--------
>>> existing_file("/nonexistent/consent.csv", "--consent")
Traceback (most recent call last):
...
casestudy.errors.DataFileNotFoundError: '--consent' must be an existing file (got '/nonexistent/consent.csv')
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from casestudy.errors import DataFileNotFoundError, StoreError, ValidationError, expectation

__all__ = ["clock", "existing_file", "existing_database", "output_file", "reading_database", "writing_database", "remove_new_files",
           "in_command_line_words", "COMMAND_LINE_WORDS"]

#: Python words in shared error messages, and what a command-line user types instead.
COMMAND_LINE_WORDS: tuple[tuple[str, str], ...] = (
    ("named with encoding=", "named with --encoding"),
    ("stored (add_codebook first)", "stored first (give --codebook FILE)"),
    ("(add_coders first)", "(import that coder's codings first)"),
    ("(Codebook.revise)", "(a new 'version:' in the codebook file)"),
    ("built by Transcript.from_turns", "built from a transcript file"),
    ("'codebook_version' must be", "'--codebook-version' must be"),
    ("code_by_attribute: 'attribute' must be", "'--by' must be 'informant' or"),
)


def in_command_line_words(message: str) -> str:
    """Rewrite the Python names of a shared error message into the command line's words.

    Examples
    --------
    >>> in_command_line_words("'codebook' must be stored (add_codebook first) (got None)")
    "'codebook' must be stored first (give --codebook FILE) (got None)"
    """
    for python, cli in COMMAND_LINE_WORDS:
        message = message.replace(python, cli)
    return message

#: Latest time ``SOURCE_DATE_EPOCH`` may name (year 9999).
_MAX_EPOCH = 253_402_300_799


def clock(args: argparse.Namespace) -> Any:
    """The clock of a command: ``--time``, else ``SOURCE_DATE_EPOCH`` (as under ``make``), else now.

    Raises
    ------
    ValidationError
        For a ``SOURCE_DATE_EPOCH`` beyond the year 9999.
    """
    from casestudy.store.events import FixedClock, SystemClock

    if getattr(args, "time", None):
        return FixedClock(args.time)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        if int(epoch) > _MAX_EPOCH:
            raise ValidationError(expectation("SOURCE_DATE_EPOCH", "seconds since 1970 up to the year 9999", epoch))
        return FixedClock(datetime.fromtimestamp(int(epoch), timezone.utc).isoformat())
    return SystemClock()


def existing_file(path: str | os.PathLike[str] | None, option: str) -> Path:
    """Return ``path`` if it is an existing file, else raise naming ``option``."""
    if path is None or not Path(path).is_file():
        what = "an existing file" if path is None or not Path(path).is_dir() else "a file, not a folder"
        raise DataFileNotFoundError(expectation(option, what, None if path is None else str(path)))
    return Path(path)


def output_file(path: str | os.PathLike[str], option: str = "-o") -> Path:
    """Return ``path`` if a file can be written there (not a folder; its folder exists or can be made)."""
    p = Path(path)
    if p.is_dir():
        raise ValidationError(expectation(option, "a file to write, not a folder", str(path)))
    parent = p.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise ValidationError(expectation(option, "a path inside a folder", str(path)))
    return p


def remove_new_files(paths: list[Path]) -> None:
    """Remove files a failed command created (a database with its -wal, -shm and backup)."""
    for p in paths:
        for q in (p, Path(f"{p}-wal"), Path(f"{p}-shm"), p.with_name(p.stem + ".backup.sqlite")):
            try:
                q.unlink(missing_ok=True)
            except OSError:  # pragma: no cover - nothing more we can do
                pass


@contextmanager
def reading_database(args: argparse.Namespace, option: str = "--db") -> Iterator[Any]:
    """Open ``args.db`` read-only (never creates or changes the file)."""
    from casestudy.store.database import CaseDatabase

    path = existing_database(getattr(args, "db", None), option)
    with CaseDatabase(path, clock=clock(args), backup=False, readonly=True) as db:
        yield db


def existing_database(path: str | os.PathLike[str] | None, option: str = "--db") -> Path:
    """Return ``path`` if it names a non-empty file (a case study database is checked when opened)."""
    p = existing_file(path, option)
    if p.stat().st_size == 0:
        raise StoreError(expectation(option, "a case study database", "an empty file", str(path)))
    return p


@contextmanager
def writing_database(args: argparse.Namespace, actor: str, option: str = "--db", create: bool = False) -> Iterator[Any]:
    """Open ``args.db`` for writing (``create``: or make it); a failed command leaves no new or changed file.

    Without ``create`` the file must already be a case study database. With it, a missing or
    empty file becomes a new database, and is removed (or emptied again) if the command fails,
    unless another command has meanwhile stored something in it (two imports may create one new
    database at once: the file is claimed atomically, and nobody else's work is removed).
    """
    from casestudy.store.database import CaseDatabase

    path = Path(args.db)
    if path.is_dir():
        raise StoreError(expectation(option, "a database file, not a folder", str(path)))
    if not create:
        existing_database(path, option)
    created = _claim_new_file(path) if create else False
    was_empty = not created and path.is_file() and path.stat().st_size == 0
    try:
        with CaseDatabase(path, clock=clock(args), actor=actor) as db:
            yield db
    except BaseException:
        if (created or was_empty) and not _holds_events(path):
            if created:
                remove_new_files([path])
            else:
                path.write_bytes(b"")
                for q in (Path(f"{path}-wal"), Path(f"{path}-shm"), path.with_name(path.stem + ".backup.sqlite")):
                    q.unlink(missing_ok=True)
        raise


def _claim_new_file(path: Path) -> bool:
    """Create ``path`` empty if it does not exist, atomically; True if this call made it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    return True


def _holds_events(path: Path) -> bool:
    """Whether the database at ``path`` holds a committed event (somebody's stored work); False for an
    empty or unreadable file."""
    import sqlite3

    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
        try:
            return bool(con.execute("SELECT count(*) FROM events").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return False

"""Bring a case study database to the current schema version.

The version lives in ``PRAGMA user_version``. Every pending migration runs in one
transaction, so a failed migration leaves the file as it was. Foreign keys are off
while migrations run (a migration may rebuild a table, which SQLite requires for a
changed CHECK constraint); ``PRAGMA foreign_key_check`` must pass before the commit.

Examples
--------
>>> import sqlite3
>>> con = sqlite3.connect(":memory:", isolation_level=None)
>>> migrate(con) == current_version(con) == SCHEMA_VERSION
True
>>> con.close()
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from casestudy.errors import ConcurrencyError, StoreError, expectation
from casestudy.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

__all__ = ["current_version", "migrate", "require_case_database", "open_readonly", "is_locked"]


def is_locked(exc: BaseException) -> bool:
    """Whether an SQLite error means that another connection holds the file (``database is locked``, busy)."""
    text = str(exc)
    return "locked" in text or "busy" in text


def current_version(con: sqlite3.Connection) -> int:
    """Return the schema version recorded in the database (0 for a new file)."""
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def migrate(con: sqlite3.Connection) -> int:
    """Apply every pending migration in one ``BEGIN IMMEDIATE`` transaction; return the version.

    Raises
    ------
    StoreError
        If the file's schema is newer than this package knows.
    """
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(expectation("user_version", f"at most {SCHEMA_VERSION} (upgrade casestudy)", version,
                                     "case study database"))
    if version == SCHEMA_VERSION:
        return version
    foreign_keys = int(con.execute("PRAGMA foreign_keys").fetchone()[0])
    con.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before BEGIN
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            version = current_version(con)  # read again under the lock: another process may have migrated meanwhile
            if version >= SCHEMA_VERSION:
                con.execute("COMMIT")
                return version
            for n in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[n]:
                    con.execute(statement)
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(expectation("foreign keys", "intact after migration", broken[:3],
                                             "case study database"))
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    return SCHEMA_VERSION


def require_case_database(con: sqlite3.Connection, where: str) -> None:
    """Refuse an SQLite file that is not a case study database (so that nothing is added to it).

    Raises
    ------
    StoreError
        ``'file' must be a case study database (got 'an SQLite file with tables ...')``.
    """
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.OperationalError as exc:
        if is_locked(exc):  # another process holds the file: not a sign that it is no case study database
            raise ConcurrencyError(expectation("database", "free of other writers", str(exc), where)) from None
        raise StoreError(expectation("file", "an SQLite case study database", str(exc), where)) from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(expectation("file", "an SQLite case study database", str(exc), where)) from None
    if not tables:
        return
    if not set(TABLES) <= tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(expectation("file", "a case study database", f"an SQLite file with tables {shown}", where))


def open_readonly(path: Path | None, timeout: float = 30.0) -> sqlite3.Connection:
    """Open an existing case study database for reading only; never create or change the file.

    A file of an older schema version is copied into memory and migrated there.

    Raises
    ------
    StoreError
        For a missing file, a folder, a file that is not a case study database, or one of a newer schema.
    """
    where = path.name if path is not None else ":memory:"
    if path is None:
        con = sqlite3.connect(":memory:", isolation_level=None)
        migrate(con)
        return con
    if not path.is_file():
        raise StoreError(expectation("path", "an existing case study database", str(path), where))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                              timeout=timeout)
        con.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        con.execute("PRAGMA query_only = ON")
        require_case_database(con, where)
        version = current_version(con)
        if version == 0:
            raise StoreError(expectation("file", "a case study database", "an empty SQLite file", where))
        if version > SCHEMA_VERSION:
            raise StoreError(expectation("user_version", f"at most {SCHEMA_VERSION} (upgrade casestudy)", version,
                                         "case study database"))
        if version < SCHEMA_VERSION:
            memory = sqlite3.connect(":memory:", isolation_level=None)
            con.backup(memory)
            con.close()
            con = memory
            migrate(con)
        con.execute("PRAGMA foreign_keys = ON")
        return con
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise ConcurrencyError(expectation("database", "free of other writers", str(exc), where)) from None
        raise StoreError(expectation("file", "an SQLite case study database", str(exc), where)) from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(expectation("file", "an SQLite case study database", str(exc), where)) from None

"""Bring a case study database to the current schema version.

The version lives in ``PRAGMA user_version``. Each migration runs inside the
caller's transaction, so a failed migration leaves the file as it was.

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

from casestudy.errors import StoreError, expectation
from casestudy.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["current_version", "migrate"]


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
    con.execute("BEGIN IMMEDIATE")
    try:
        for n in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[n]:
                con.execute(statement)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION

"""Schema versions, migrations and clocks of the case study database."""

from __future__ import annotations

import sqlite3

import pytest

from casestudy.errors import StoreError
from casestudy.store.events import FixedClock, SystemClock
from casestudy.store.migrations import current_version, migrate
from casestudy.store.schema import SCHEMA_VERSION, TABLES


def test_migrate_new_database_creates_every_table_once() -> None:
    con = sqlite3.connect(":memory:", isolation_level=None)
    assert (current_version(con), migrate(con), migrate(con)) == (0, SCHEMA_VERSION, SCHEMA_VERSION)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == set(TABLES)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        con.execute("INSERT INTO memos (target_kind, target_id, author, text, created, event_id)"
                    " VALUES ('sentence', 'x', 'a', 't', 'c', 1)")
    con.close()


def test_clocks() -> None:
    assert FixedClock("2024-05-01T12:00:00+07:00").now() == "2024-05-01T12:00:00+07:00"
    with pytest.raises(StoreError) as err:
        FixedClock("2024-05-01T12:00:00")
    assert str(err.value) == ("FixedClock: 'time' must be an ISO 8601 time with a UTC offset "
                              "(got '2024-05-01T12:00:00')")
    assert len(SystemClock().now()) == 25


def _v1_database() -> sqlite3.Connection:
    from casestudy.store.schema import MIGRATIONS

    con = sqlite3.connect(":memory:", isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO events (id, time, actor, action) VALUES (1, 't', 'a', 'import')")
    con.execute("INSERT INTO cases (id, provenance, event_id) VALUES ('inf01', 'real', 1)")
    con.execute("INSERT INTO sources (id, source_type, title, language, provenance, text, event_id) "
                "VALUES ('s1', 'interviews', 'S1', 'en', 'real', 'A: hello', 1)")
    con.execute("INSERT INTO case_sources VALUES ('inf01', 's1')")
    con.execute("INSERT INTO turns VALUES ('s1', 1, 'A', 0, 8, 3, NULL, NULL)")
    return con


def test_migration_2_renames_real_to_empirical_and_keeps_dependent_rows() -> None:
    from casestudy import provenance

    con = _v1_database()
    assert migrate(con) == SCHEMA_VERSION
    assert con.execute("SELECT provenance FROM sources").fetchall() == [(provenance.EMPIRICAL,)]
    assert con.execute("SELECT provenance FROM cases").fetchall() == [(provenance.EMPIRICAL,)]
    assert con.execute("SELECT count(*) FROM turns").fetchone()[0] == 1  # no cascade fired
    assert con.execute("SELECT count(*) FROM case_sources").fetchone()[0] == 1
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # restored
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        con.execute("INSERT INTO sources (id, source_type, title, language, provenance, text, event_id) "
                    "VALUES ('s2', 'interviews', 'S2', 'en', 'real', 'x', 1)")
    for value in provenance.PROVENANCES:  # the CHECK is generated from casestudy.provenance
        con.execute("INSERT INTO sources (id, source_type, title, language, provenance, text, event_id) "
                    "VALUES (?, 'interviews', 'S', 'en', ?, 'x', 1)", (f"s_{value}", value))
    con.close()

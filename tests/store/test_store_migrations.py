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

"""Two commands that create one new database at once (issue 12: "database is locked" was reported as
"not a case study database", and the loser's clean-up removed the winner's work)."""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from casestudy.commandline import writing_database
from casestudy.errors import ConcurrencyError
from casestudy.records.transcripts import Transcript
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")
T = "--time=2024-01-01T00:00:00+00:00"


def _import(barrier: Any, transcript: Transcript, db: str, out: str) -> None:
    """One ``transcripts import``'s database work, started at the same moment as the other's."""
    barrier.wait()
    try:
        with writing_database(argparse.Namespace(db=db, time="2024-01-01T00:00:00+00:00"), "test", create=True) as d:
            d.add_transcripts([transcript])
        Path(out).write_text("ok", encoding="utf-8")
    except Exception as exc:  # noqa: BLE001 - the message is what the test reads
        Path(out).write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")


def test_two_imports_create_one_new_database_at_once(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    transcripts = [Transcript.from_turns(f"s{i}", [("A", f"hello {i}.")], informant_id=f"inf{i}", language="en")
                   for i in (1, 2)]
    for round_ in range(8):  # before the fix most rounds failed ('table events already exists') or lost a database
        db = tmp_path / f"case{round_}.sqlite"
        barrier = ctx.Barrier(2)
        outs = [tmp_path / f"out{round_}_{i}.txt" for i in (1, 2)]
        procs = [ctx.Process(target=_import, args=(barrier, t, str(db), str(o))) for t, o in zip(transcripts, outs)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        results = [o.read_text(encoding="utf-8") for o in outs]
        assert results == ["ok", "ok"]
        with CaseDatabase(db, clock=CLOCK, readonly=True) as d:
            assert sorted(d.sources()["source_id"]) == ["s1", "s2"]


def test_a_locked_database_is_reported_as_locked_not_as_foreign(tmp_path: Path) -> None:
    path = tmp_path / "case.sqlite"
    with CaseDatabase(path, clock=CLOCK):
        pass
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of creating or changing the file
    try:
        with pytest.raises(ConcurrencyError) as err:
            CaseDatabase(path, clock=CLOCK, backup=False, timeout=0.05)
        assert str(err.value) == "case.sqlite: 'database' must be free of other writers (got 'database is locked')"
        with pytest.raises(ConcurrencyError):
            CaseDatabase(path, clock=CLOCK, readonly=True, timeout=0.05)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_failed_command_keeps_what_another_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from casestudy.cli import main

    db = tmp_path / "case.sqlite"
    good = tmp_path / "good.md"
    good.write_text("---\nsource_id: s1\ninformant: a\nlanguage: en\n---\n\nA: hello.\n", encoding="utf-8")
    assert main(["transcripts", "import", str(good), "--db", str(db), T]) == 0
    bad = tmp_path / "bad.md"
    bad.write_text("---\nsource_id: s2\ninformant: b\n---\n\nA: no language.\n", encoding="utf-8")
    assert main(["transcripts", "import", str(bad), "--db", str(db), T]) == 2
    with CaseDatabase(db, clock=CLOCK, readonly=True) as d:
        assert list(d.sources()["source_id"]) == ["s1"]

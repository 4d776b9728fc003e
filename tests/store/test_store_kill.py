"""A killed import leaves the database readable with nothing half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from casestudy.store import CaseDatabase

from _store_helpers import CLOCK, db_path  # noqa: F401 (fixture)

SCRIPT = textwrap.dedent("""
    import sys, time
    from casestudy.records.transcripts import Transcript
    from casestudy.store import CaseDatabase, FixedClock
    with CaseDatabase(sys.argv[1], clock=FixedClock(), backup=False) as db:
        with db.batch("big import"):
            for chunk in range(40):
                db.add_transcripts([Transcript.from_turns(f"int_big{chunk}_{i}", [("INF01", "kata " * 200)], language="id")
                                    for i in range(50)])
                if chunk == 20:
                    print("inside", flush=True)
                    time.sleep(60)
""")


def test_sigkill_inside_a_large_import_leaves_database_as_it_was(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    before = con.execute("SELECT count(*) FROM sources").fetchone()[0], con.execute(
        "SELECT count(*) FROM events").fetchone()[0]
    con.close()
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(db_path)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    assert proc.stdout is not None and proc.stdout.readline().strip() == "inside"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    with CaseDatabase(db_path, clock=CLOCK) as db:  # quick_check runs on open
        assert (len(db.sources()), len(db.events())) == before
        assert db._con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.turns()["source_id"].str.startswith("int_big").sum() == 0

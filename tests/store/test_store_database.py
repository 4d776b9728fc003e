"""The case study database: pragmas, batches, validation, undo, re-anchoring, backup, consent."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from casestudy.records.codebook import CodebookRevision
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.errors import CodingError, ConcurrencyError, StoreError
from casestudy.store import CaseDatabase, FixedClock, backup_path
from casestudy.store.schema import SCHEMA_VERSION

from _store_helpers import CLOCK, db, db_path, tiny_codebook  # noqa: F401 (fixtures)


def counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("sources", "turns", "codings", "events", "cases", "codes")}
    finally:
        con.close()


def test_pragmas_and_schema(db: CaseDatabase) -> None:
    con = db._con
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert db.schema_version == SCHEMA_VERSION


def test_reads_have_documented_columns_and_values(db: CaseDatabase) -> None:
    c = db.codings()
    assert c[["source_id", "start", "end", "code_id", "text", "status", "origin"]].values.tolist() == [
        ["int_inf01", 40, 57, "lifecycle_acquire", "Pelanggan pertama", "accepted", "manual"],
        ["int_inf02", 42, 53, "portfolio_pricing", "Harga wajar", "accepted", "manual"]]
    assert db.source_text("int_inf01")[40:57] == "Pelanggan pertama"
    assert db.turns("int_inf02")["body_start"].tolist() == [13, 42]
    assert db.assignments().values.tolist() == [["coder_a", "int_inf01"], ["coder_a", "int_inf02"]]
    assert db.events()["action"].tolist() == ["add_transcripts", "add_cases", "add_codebook", "add_coders",
                                              "assign", "add_codings"]
    assert set(db.events()["time"]) == {"2024-01-01T00:00:00+00:00"}
    assert db.codebook() == tiny_codebook()
    assert db.code_source_counts().to_dict() == {"int_inf01": {"lifecycle_acquire": 1, "portfolio_pricing": 0},
                                                 "int_inf02": {"lifecycle_acquire": 0, "portfolio_pricing": 1}}


def test_consent_filter(db: CaseDatabase) -> None:
    assert db.consented_sources() == ["int_inf01"]


@pytest.mark.parametrize("coding, message", [
    (Coding("int_inf01", 0, 500, "lifecycle_acquire", "coder_a"),
     "coding of 'int_inf01' [0:500]: 'span' must be within the text's 92 code points (got (0, 500))"),
    (Coding("int_inf01", 0, 5, "pricing", "coder_a"),
     "coding of 'int_inf01' [0:5]: 'code_id' must be a code of codebook version 1 (got 'pricing')"),
    (Coding("int_inf01", 0, 5, "lifecycle", "coder_a"),
     "coding of 'int_inf01' [0:5]: 'code_id' must be a codable code (not a folder) (got 'lifecycle')"),
    (Coding("int_inf09", 0, 5, "lifecycle_acquire", "coder_a"),
     "coding of 'int_inf09' [0:5]: 'source_id' must be a source of the database (got 'int_inf09')"),
    (Coding("int_inf01", 0, 5, "lifecycle_acquire", "coder_z"),
     "coding of 'int_inf01' [0:5]: 'coder_id' must be a coder of the database (add_coders first) (got 'coder_z')"),
])
def test_bad_coding_is_one_error_and_changes_nothing(db: CaseDatabase, db_path: Path, coding: Coding,
                                                     message: str) -> None:
    before = counts(db_path)
    good = Coding("int_inf01", 0, 5, "lifecycle_acquire", "coder_a")
    with pytest.raises(CodingError) as err:
        db.add_codings([good, coding])
    assert str(err.value) == message
    assert counts(db_path) == before


def test_duplicates_skipped_and_counted(db: CaseDatabase) -> None:
    event = db.add_codings([Coding.from_quote(db.source_text("int_inf01"), "int_inf01", "Pelanggan pertama",
                                              "lifecycle_acquire", "coder_a")])
    assert json.loads(db.events().iloc[-1]["detail"])["steps"] == [
        {"action": "add_codings", "added": 0, "skipped_duplicates": 1}]
    assert event == 7 and len(db.codings()) == 2


def test_set_status_and_undo(db: CaseDatabase) -> None:
    ids = db.codings()["coding_id"].tolist()
    event = db.set_status(ids[:1], "rejected", actor="coder_a")
    assert db.codings(status="rejected")["coding_id"].tolist() == ids[:1]
    db.undo(event, actor="coder_a")
    assert db.codings()["status"].tolist() == ["accepted", "accepted"]
    added = db.add_codings([Coding("int_inf01", 0, 11, "portfolio_pricing", "coder_a")])
    assert len(db.codings()) == 3
    db.undo(added)
    assert len(db.codings()) == 2
    assert db.events()["action"].tolist()[-4:] == ["set_status", "undo", "add_codings", "undo"]


def test_undo_refuses_upserts(db: CaseDatabase) -> None:
    from casestudy.records.cases import CodingCase

    event = db.add_cases([CodingCase("inf01", "owner", "owner", True)])
    with pytest.raises(StoreError) as err:
        db.undo(event)
    assert str(err.value) == ("undo: 'event_id' must be a batch that only added rows or changed statuses "
                              f"(got {event})")


def test_events_are_append_only(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="events are append-only"):
        con.execute("DELETE FROM events")
    con.close()


def test_batch_is_one_transaction(db: CaseDatabase, db_path: Path) -> None:
    before = counts(db_path)
    with pytest.raises(CodingError):
        with db.batch("import", actor="x"):
            db.add_transcripts([Transcript.from_turns("int_inf03", [("INF03", "Aplikasi absensi.")], language="id")])
            db.add_codings([Coding("int_inf03", 0, 99, "lifecycle_acquire", "coder_a")])
    assert counts(db_path) == before


def test_codebook_versions(db: CaseDatabase) -> None:
    cb = tiny_codebook()
    db.add_codebook(cb)  # same version, same codes: nothing changes
    assert len(db.codebook_versions()) == 1
    changed = cb.revise([CodebookRevision("rename", ("portfolio_pricing",), ("pricing",), "shorter")])
    with pytest.raises(StoreError) as err:
        db.add_codebook(changed.__class__(**{**changed.__dict__, "version": 1}))
    assert str(err.value) == ("codebook 'mini': 'version' must be a new version number for a changed codebook "
                              "(Codebook.revise) (got 1)")
    db.add_codebook(changed)
    assert db.codes()["code_id"].tolist() == ["lifecycle", "lifecycle_acquire", "pricing"]
    assert json.loads(db.codebook_versions().iloc[-1]["revisions"]) == [
        {"kind": "rename", "from_ids": ["portfolio_pricing"], "to_ids": ["pricing"], "reason": "shorter"}]
    db.add_codings([Coding("int_inf02", 42, 53, "pricing", "coder_a", codebook_version=2, origin="consensus")])
    assert db.codings(code="pricing")["codebook_version"].tolist() == [2]


def test_reimport_reanchors_or_flags(db: CaseDatabase) -> None:
    corrected = Transcript.from_turns("int_inf01", [("Pewawancara", "Bagaimana awal mulanya?"),
                                                    ("INF01", "Pelanggan pertama dari teman di dinas 🙂, tahun 2017.")],
                                      informant_id="inf01", language="id")
    db.add_transcripts([corrected])
    row = db.codings(source_id="int_inf01").iloc[0]
    assert (row["start"], row["end"], row["flag"], row["text"]) == (45, 62, "reanchored", "Pelanggan pertama")
    retyped = Transcript.from_turns("int_inf01", [("Pewawancara", "Bagaimana awal mulanya?"),
                                                  ("INF01", "Pelangan pertama dari teman di dinas, tahun 2017.")],
                                    informant_id="inf01", language="id")
    db.add_transcripts([retyped])
    row = db.codings(source_id="int_inf01").iloc[0]
    assert row["flag"] == "unanchored" and row["text"] == "Pelanggan pertama"
    step = json.loads(db.events().iloc[-1]["detail"])["steps"][0]
    assert (step["replaced"], step["unanchored"]) == (["int_inf01"], 1)
    assert db.turns("int_inf01")["end"].tolist() == [36, 94]


def test_backup_and_quick_check_on_open(db_path: Path) -> None:
    with CaseDatabase(db_path, clock=CLOCK):
        pass
    backup = backup_path(db_path)
    assert backup.name == "case.backup.sqlite"
    assert counts(backup) == counts(db_path)


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError) as err:
        CaseDatabase(bad, clock=CLOCK)
    assert str(err.value) == "bad.sqlite: 'file' must be an SQLite case study database (got 'file is not a database')"


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(StoreError) as err:
        CaseDatabase(path, clock=CLOCK)
    assert str(err.value) == (f"case study database: 'user_version' must be at most {SCHEMA_VERSION} (upgrade casestudy)"
                              " (got 99)")


def test_second_writer_gets_concurrency_error(db_path: Path) -> None:
    with CaseDatabase(db_path, clock=CLOCK, backup=False) as first, \
            CaseDatabase(db_path, clock=CLOCK, backup=False, timeout=0.05) as second:
        with first.batch("hold"):
            with pytest.raises(ConcurrencyError) as err:
                second.add_memos([])
        assert str(err.value) == "case.sqlite: 'database' must be free of other writers (got 'database is locked')"


def test_clock_required(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        CaseDatabase(tmp_path / "x.sqlite", clock="now")  # type: ignore[arg-type]
    assert str(err.value) == "CaseDatabase: 'clock' must be an object with now() (e.g. FixedClock) (got 'now')"
    assert FixedClock().now() == "2024-01-01T00:00:00+00:00"


def test_memos_round_trip_and_undo(db: CaseDatabase) -> None:
    from casestudy.records.memos import Memo

    event = db.add_memos([Memo("code", "lifecycle_acquire", "coder_a", "First customers came through friends."),
                          Memo("project", "project", "coder_a", "Illustrative corpus only.")])
    assert db.memos()[["memo_id", "target_kind", "target_id", "author", "created"]].values.tolist() == [
        [1, "code", "lifecycle_acquire", "coder_a", "2024-01-01T00:00:00+00:00"],
        [2, "project", "project", "coder_a", "2024-01-01T00:00:00+00:00"]]
    db.undo(event)
    assert db.memos().empty


def test_bulk_load_into_empty_table_keeps_order_dedupes_and_indexes(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from casestudy.store import writes

    from _store_helpers import tiny_transcripts
    from casestudy.records.coders import Coder

    monkeypatch.setattr(writes, "BULK_ROWS", 3)
    with CaseDatabase(tmp_path / "bulk.sqlite", clock=CLOCK) as db:
        db.add_transcripts(tiny_transcripts())
        db.add_codebook(tiny_codebook())
        db.add_coders([Coder("coder_a")])
        batch = [Coding("int_inf02", 0, 5, "portfolio_pricing", "coder_a"),
                 Coding("int_inf01", 0, 5, "lifecycle_acquire", "coder_a"),
                 Coding("int_inf02", 0, 5, "portfolio_pricing", "coder_a"),
                 Coding("int_inf01", 3, 9, "lifecycle_acquire", "coder_a")]
        db.add_codings(batch)
        assert db.codings()[["coding_id", "source_id", "start"]].values.tolist() == [
            [2, "int_inf01", 0], [3, "int_inf01", 3], [1, "int_inf02", 0]]
        indexes = {r[0] for r in db._con.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                                 " AND tbl_name = 'codings'")}
        assert {"codings_unique", "codings_code_source"} <= indexes
        assert json.loads(db.events().iloc[-1]["detail"])["steps"] == [
            {"action": "add_codings", "added": 3, "skipped_duplicates": 1}]

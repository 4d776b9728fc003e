"""Issue 12 (a): one consent model that fails closed, for every source and every output path."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from casestudy.cli import main
from casestudy.records.cases import CodingCase
from casestudy.records.transcripts import Transcript
from casestudy.consent import ConsentRecord, read_consent_csv
from casestudy.errors import StoreError, ValidationError
from casestudy.store import CaseDatabase, FixedClock
from casestudy.store.schema import SCHEMA_VERSION, _V1

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")
T = "--time=2024-01-01T00:00:00+00:00"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _csv(tmp_path: Path, text: str, name: str = "consent.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- the CSV ----------------------------------------------------------------------------------------------
def test_consent_csv_states_and_header(tmp_path: Path) -> None:
    p = _csv(tmp_path, "informant,consent_recorded,consent_date,scope\ninf01,yes,2024-02-19,quotes\n"
                       "inf02,refused,,\ninf03,no,,\ninf04,,,\n")
    got = read_consent_csv(p)
    assert {k: r.state for k, r in got.items()} == {"inf01": "recorded", "inf02": "refused", "inf03": "unknown",
                                                     "inf04": "unknown"}


@pytest.mark.parametrize("text, message", [
    ("person,consent_recorded,consent_date,scope\ninf01,yes,,\n",  # was a KeyError traceback
     "consent.csv, line 1: 'header' must be informant,consent_recorded,consent_date,scope "
     "(got 'person,consent_recorded,consent_date,scope; missing informant')"),
    ("informant,consent,consent_date,scope\ninf01,yes,,\n",  # was "'consent_recorded' must be true or false (got '')"
     "consent.csv, line 1: 'header' must be informant,consent_recorded,consent_date,scope "
     "(got 'informant,consent,consent_date,scope; missing consent_recorded')"),
    ("", "consent.csv, line 1: 'header' must be informant,consent_recorded,consent_date,scope (got 'an empty file')"),
    ("informant,consent_recorded,consent_date,scope\ninf01,yes,,\ninf01,no,,\n",  # the last used to win
     "consent.csv, line 3: 'informant' must be listed once (got 'inf01')"),
    ("informant,consent_recorded,consent_date,scope\ninf01,yes,2024-02-30,\n",
     "consent.csv, line 2: 'consent_date' must be a date YYYY-MM-DD (got '2024-02-30')"),
    ("informant,consent_recorded,consent_date,scope\ninf01,yes,,\ninf02,yes\n",
     "consent.csv, line 3: 'row' must be 4 fields (got 2)"),
    ("informant,consent_recorded,consent_date,scope\ninf01,perhaps,,\n",
     "consent.csv, line 2: 'consent_recorded' must be yes, refused or no (got 'perhaps')"),
])
def test_bad_consent_csv_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_consent_csv(_csv(tmp_path, text))
    assert str(err.value) == message


def test_consent_csv_not_utf8_and_missing(tmp_path: Path) -> None:
    p = tmp_path / "consent.csv"
    p.write_bytes(b"informant,consent_recorded,consent_date,scope\ninf\xe9,yes,,\n")
    with pytest.raises(ValidationError, match="'encoding' must be UTF-8"):
        read_consent_csv(p)
    with pytest.raises(ValidationError, match="'path' must be an existing consent CSV file"):
        read_consent_csv(tmp_path / "nope.csv")


# -- the store: migration and the one filter --------------------------------------------------------------
def test_migration_from_version_1_maps_0_1_to_unknown_recorded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    for statement in _V1:
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO events VALUES (1, 't', 'a', 'x', '{}')")
    con.execute("INSERT INTO cases (id, consent, provenance, event_id) VALUES ('inf01', 1, 'illustrative', 1),"
                " ('inf02', 0, 'illustrative', 1)")
    con.execute("INSERT INTO sources (id, source_type, title, informant_id, language, provenance, text, metadata,"
                " event_id) VALUES ('int_inf01', 'interviews', 't', 'inf01', 'id', 'illustrative', 'A: x', '{}', 1),"
                " ('doc_x', 'documentation', 't', NULL, 'id', 'illustrative', 'A: y', '{}', 1)")
    con.execute("INSERT INTO case_sources VALUES ('inf01', 'int_inf01')")
    con.close()
    with CaseDatabase(path, clock=CLOCK, readonly=True) as db:  # read-only: migrated in memory, file untouched
        assert db.cases()["consent"].tolist() == ["recorded", "unknown"]
        assert db.releasable_sources() == ["int_inf01"]  # the source without informant no longer passes
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with CaseDatabase(path, clock=CLOCK) as db:
        assert db.schema_version == SCHEMA_VERSION
        assert db.sources().set_index("source_id").at["doc_x", "release"] == "unknown"


def _db(path: Path) -> CaseDatabase:
    db = CaseDatabase(path, clock=CLOCK)
    db.add_transcripts([
        Transcript.from_turns("int_a", [("I", "q"), ("A", "yes")], informant_id="a", language="id"),
        Transcript.from_turns("int_b", [("I", "q"), ("B", "no")], informant_id="b", language="id"),
        Transcript.from_turns("obs_ab", [("O", "both")], informant_ids=("a", "b"), source_type="direct_observation", language="id"),
        Transcript.from_turns("doc_x", [("Doc", "text")], source_type="documentation", language="id"),
        Transcript.from_turns("doc_y", [("Doc", "text")], source_type="documentation", release="recorded", language="id"),
        Transcript.from_turns("int_ghost", [("I", "q")], informant_id="ghost", language="id")])
    return db


def test_every_informant_becomes_a_case_with_unknown_consent(tmp_path: Path) -> None:
    with _db(tmp_path / "c.sqlite") as db:
        assert db.cases()[["case_id", "consent"]].values.tolist() == [["a", "unknown"], ["b", "unknown"],
                                                                      ["ghost", "unknown"]]
        assert db.releasable_sources() == ["doc_y"]


def test_releasable_sources_fail_closed(tmp_path: Path) -> None:
    with _db(tmp_path / "c.sqlite") as db:
        db.set_consent([ConsentRecord("a", "recorded", "2024-01-02"), ConsentRecord("b", "refused")])
        release = db.source_release().set_index("source_id")
        assert release["release"].to_dict() == {"doc_x": "unknown", "doc_y": "recorded", "int_a": "recorded",
                                                "int_b": "refused", "int_ghost": "unknown", "obs_ab": "refused"}
        assert release.at["obs_ab", "reason"] == "consent not recorded for b (refused)"
        assert db.releasable_sources() == ["doc_y", "int_a"]
        event = db.set_consent([ConsentRecord("doc_x", "recorded"), ConsentRecord("b", "recorded")])
        assert db.releasable_sources() == ["doc_x", "doc_y", "int_a", "int_b", "obs_ab"]
        db.undo(event)  # restores the previous states
        assert db.releasable_sources() == ["doc_y", "int_a"]
        with pytest.raises(StoreError, match="'informant' must be an informant"):
            db.set_consent([ConsentRecord("int_a", "recorded")])  # a source WITH informants has no own release


def test_reimport_keeps_recorded_consent(tmp_path: Path) -> None:
    with _db(tmp_path / "c.sqlite") as db:
        db.set_consent([ConsentRecord("a", "recorded")])
        db.add_transcripts([Transcript.from_turns("int_a", [("I", "q"), ("A", "yes, sure")], informant_id="a", language="id")])
        assert db.releasable_sources() == ["doc_y", "int_a"]


# -- the command line ---------------------------------------------------------------------------------------
def test_import_needs_an_informant_or_a_declaration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = tmp_path / "talk.vtt"
    t.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>We open at eight.\n", encoding="utf-8")
    db = tmp_path / "x.sqlite"
    status, _, err = run(capsys, "transcripts", "import", str(t), "--db", str(db), "--language", "en", T)
    assert status == 2 and not db.exists()
    assert err == ("casestudy: error: talk.vtt: 'informant' must be given: --informant ID (or 'informant:' in the "
                   "front matter), or --no-informant for a source without one (a document, a field note) (got None)\n")
    status, out, err = run(capsys, "transcripts", "import", str(t), "--db", str(db), "--informant", "ana",
                           "--source-id", "int_ana", "--language", "en", T)
    assert status == 0 and "new informants 1" in out
    assert err == ("withheld from every output until consent is recorded: int_ana "
                   "(casestudy consent set|import --db DB)\n")
    csv = tmp_path / "c.csv"
    assert run(capsys, "codings", "export", "--db", str(db), "-o", str(csv))[0] == 0
    status, out, _ = run(capsys, "consent", "set", "ana", "--status", "recorded", "--date", "2024-03-01",
                         "--db", str(db), T)
    assert status == 0 and out == "consent of ana: recorded (event 2)\n"
    status, out, _ = run(capsys, "consent", "list", "--db", str(db))
    assert out == "int_ana\trecorded\tconsent recorded\n"


def test_consent_import_after_the_fact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with _db(tmp_path / "c.sqlite"):
        pass
    p = _csv(tmp_path, "informant,consent_recorded,consent_date,scope\na,yes,2024-02-19,quotes\nb,refused,,\n"
                       "doc_x,yes,,\nzed,yes,,\n")
    status, out, err = run(capsys, "consent", "import", str(p), "--db", str(tmp_path / "c.sqlite"), T)
    assert status == 0
    assert out == "recorded consent of 3 informant(s) or source(s) in c.sqlite (event 2): recorded 2, refused 1, " \
                  "unknown 0\n"
    assert err == "not in the database (skipped): zed\n"
    with CaseDatabase(tmp_path / "c.sqlite", clock=CLOCK, readonly=True) as db:
        assert db.releasable_sources() == ["doc_x", "doc_y", "int_a"]


def test_consent_commands_refuse_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _csv(tmp_path, "informant,consent_recorded,consent_date,scope\na,yes,,\n")
    status, _, err = run(capsys, "consent", "import", str(p), "--db", str(tmp_path / "none.sqlite"))
    assert status == 2 and err == f"casestudy: error: '--db' must be an existing file (got '{tmp_path}/none.sqlite')\n"
    assert not (tmp_path / "none.sqlite").exists()
    status, _, err = run(capsys, "transcripts", "import", str(p), "--db", str(tmp_path / "x.sqlite"),
                         "--consent", "/nonexistent.csv")
    assert status == 2 and err == "casestudy: error: '--consent' must be an existing file (got '/nonexistent.csv')\n"


def test_all_informants_is_said_beside_the_csv_not_inside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with _db(tmp_path / "c.sqlite"):
        pass
    out = tmp_path / "codings.csv"
    status, _, err = run(capsys, "codings", "export", "--db", str(tmp_path / "c.sqlite"), "-o", str(out),
                         "--all-informants")
    assert status == 0
    assert err.startswith("INCLUDES 5 source(s) without recorded consent (--all-informants): not for release")
    assert (tmp_path / "codings.csv.README").read_text(encoding="utf-8").startswith("codings.csv: INCLUDES 5")
    assert list(pd.read_csv(out).columns)[0] == "source"  # the CSV itself stays a plain CSV
    run(capsys, "codings", "export", "--db", str(tmp_path / "c.sqlite"), "-o", str(out))
    assert not (tmp_path / "codings.csv.README").exists()


def test_case_consent_values() -> None:
    assert CodingCase("a", consent=True).consent == "recorded" and CodingCase("a").consent == "unknown"
    with pytest.raises(ValidationError, match="'consent' must be one of recorded, refused, unknown"):
        CodingCase("a", consent="yes")
    assert json.dumps(ConsentRecord("a").state) == '"unknown"'

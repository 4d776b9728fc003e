"""The qdpx and qdc commands, and tools/reproduce_exports.py (deterministic, valid, recorded)."""

from __future__ import annotations

import json
import runpy
import zipfile
from pathlib import Path

from casestudy import paths
from casestudy.cli import main
from casestudy.exchange.refi_read import read_qdc, read_qdpx
from casestudy.store import CaseDatabase, FixedClock

from _exchange_helpers import minimal_members, zip_bytes

ROOT = Path(__file__).resolve().parents[2]


def test_qdpx_export_import_export_via_the_command_line(db, tmp_path, capsys):
    db.close()
    first, second, copy = tmp_path / "a.qdpx", tmp_path / "b.qdpx", tmp_path / "copy.sqlite"
    assert main(["qdpx", "export", "--db", str(tmp_path / "case.sqlite"), "-o", str(first)]) == 0
    assert capsys.readouterr().out == (
        "wrote a.qdpx (2381 bytes, valid): 3 users, 2 sources, 1 cases, 3 selections, 3 codings, 4 notes\n")
    assert main(["qdpx", "import", str(first), "--db", str(copy), "--time", "2030-01-01T00:00:00+00:00"]) == 0
    assert capsys.readouterr().out == ("imported a.qdpx into copy.sqlite (event 1): 2 sources, 1 cases, 3 codes, "
                                       "3 coders, 3 codings, 4 memos\npositions: code points (written by casestudy, "
                                       "which counts code points)\n")
    assert main(["qdpx", "export", "--db", str(copy), "-o", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    with CaseDatabase(copy, clock=FixedClock()) as again:
        assert again.events()["time"].tolist() == ["2030-01-01T00:00:00+00:00"]


def test_suggestions_flag(db, tmp_path):
    db.close()
    out = tmp_path / "s.qdpx"
    assert main(["qdpx", "export", "--db", str(tmp_path / "case.sqlite"), "-o", str(out),
                 "--include-suggestions"]) == 0
    project, _ = read_qdpx(out)
    assert sum(len(s.selections) for s in project.sources) == 4


def test_import_reports_what_it_could_not_hold(tmp_path, capsys):
    text = minimal_members()[0][1].replace(
        b"  <Description>A minimal",
        b'<Sets><Set guid="5e75e75e-0000-4000-8000-000000000001" name="S"/></Sets>\n  <Description>A minimal')
    archive = tmp_path / "m.qdpx"
    archive.write_bytes(zip_bytes([("project.qde", text), minimal_members()[1]]))
    assert main(["qdpx", "import", str(archive), "--db", str(tmp_path / "m.sqlite"),
                 "--time", "2024-01-01T00:00:00+00:00"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "imported m.qdpx into m.sqlite (event 1): 2 sources, 1 cases, 4 codes, 2 coders, 5 codings, 5 memos"
    assert out[1] == ("positions: code points (of 4 selection ends read differently, 2 land on a word boundary in "
                      "UTF-16 code units, 4 as code points)")
    assert out[2] == ("note: Case 'Informant 4': the file records no consent; stored as not recorded and withheld "
                      "from exports and reports until recorded (record it with 'casestudy consent set ID --status recorded --db DB')")
    assert out[-1] == "not imported (the case study database cannot hold them): 1 Set, 1 Sets"


def test_bad_file_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"not a zip")
    assert main(["qdpx", "import", str(bad), "--db", str(tmp_path / "x.sqlite")]) == 2
    assert capsys.readouterr().err == ("casestudy: error: bad.qdpx: 'archive' must be a complete ZIP file (it may be "
                                       "truncated) (got 'File is not a zip file')\n")
    assert list(tmp_path.glob("x.sqlite*")) == []
    assert main(["qdpx", "export", "--db", str(tmp_path / "missing.sqlite"), "-o", str(tmp_path / "o.qdpx")]) == 2
    assert capsys.readouterr().err.startswith("casestudy: error: '--db' must be an existing file (got ")
    assert not (tmp_path / "missing.sqlite").exists() and not (tmp_path / "o.qdpx").exists()


def test_qdc_export_and_import_round_trip(tmp_path, capsys):
    qdc, yaml_out, again = tmp_path / "cb.qdc", tmp_path / "cb.yaml", tmp_path / "again.qdc"
    codebook = paths.codebooks_dir() / "buttle_crm.yaml"
    assert main(["qdc", "export", str(codebook), "-o", str(qdc)]) == 0
    assert capsys.readouterr().out.startswith("wrote cb.qdc (")
    assert main(["qdc", "import", str(qdc), "-o", str(yaml_out), "--id", "buttle_crm"]) == 0
    assert main(["qdc", "export", str(yaml_out), "-o", str(again)]) == 0
    assert again.read_bytes() == qdc.read_bytes()
    book, report = read_qdc(qdc)
    assert report.complete and book.origin.startswith("casestudy")


def test_reproduce_exports_is_deterministic_valid_and_recorded(tmp_path):
    tool = str(ROOT / "tools" / "reproduce_exports.py")
    runs = []
    for _ in range(2):
        try:
            runpy.run_path(tool, run_name="__main__")
        except SystemExit as exc:
            assert exc.code == 0
        out = paths.reports_dir() / "exchange"
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0] == runs[1] and sorted(runs[0]) == ["buttle_crm.qdc", "pt_xyz.qdpx"]
    project, report = read_qdpx(paths.reports_dir() / "exchange" / "pt_xyz.qdpx")
    assert report.complete and len(project.cases) == 9 and len(project.sources) >= 9
    with zipfile.ZipFile(paths.reports_dir() / "exchange" / "pt_xyz.qdpx") as z:
        assert z.namelist()[0] == "project.qde" and all(n.startswith("sources/") for n in z.namelist()[1:])
    manifest = json.loads((paths.reports_dir() / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
    assert manifest["reports/exchange/pt_xyz.qdpx"]["written_by"] == "casestudy qdpx export"
    assert manifest["reports/exchange/buttle_crm.qdc"]["written_by"] == "casestudy qdc export"
    assert str(paths.output_root()).startswith(str(tmp_path))

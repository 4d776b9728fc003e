"""reports/MANIFEST.json lists every generated file with its checksum, writer and inputs."""

from __future__ import annotations

import json

import pytest

from casestudy import paths
from casestudy.checksums import sha256_bytes
from casestudy import manifest

NOTEBOOKS = {p.relative_to(paths.project_root()).as_posix() for p in paths.notebooks_dir().glob("*.ipynb")}


def test_committed_manifest_matches_committed_reports(monkeypatch):
    monkeypatch.delenv(paths.OUTPUT_ROOT_ENV)
    assert manifest.verify().to_dict("records") == []


def test_committed_manifest_names_a_known_writer_and_existing_inputs(monkeypatch):
    monkeypatch.delenv(paths.OUTPUT_ROOT_ENV)
    files = manifest.load()
    assert "reports/tables/tabel2_orders.csv" in files
    for rel, entry in files.items():
        writer = entry["written_by"]
        assert writer in NOTEBOOKS or writer.startswith("casestudy "), (rel, writer)
        assert len(entry["sha256"]) == 64
        for inp in entry["inputs"]:
            assert (paths.project_root() / inp).exists(), (rel, inp)


def test_record_then_verify(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.OUTPUT_ROOT_ENV, str(tmp_path))
    out = paths.tables_dir() / "t.csv"
    out.parent.mkdir(parents=True)
    out.write_text("a\n1\n", encoding="utf-8")
    manifest.record([out], "notebooks/x.ipynb", ["data/published/facts.csv"])
    data = json.loads(manifest.manifest_path().read_text(encoding="utf-8"))
    assert data == {"files": {"reports/tables/t.csv": {
        "inputs": ["data/published/facts.csv"],
        "sha256": sha256_bytes(b"a\n1\n"),
        "written_by": "notebooks/x.ipynb",
    }}}
    assert manifest.verify().empty


@pytest.mark.parametrize(
    ("change", "problem"),
    [("edit", "checksum differs"), ("delete", "missing file"), ("extra", "not in manifest")],
)
def test_verify_reports_each_problem(monkeypatch, tmp_path, change, problem):
    monkeypatch.setenv(paths.OUTPUT_ROOT_ENV, str(tmp_path))
    out = paths.tables_dir() / "t.csv"
    out.parent.mkdir(parents=True)
    out.write_text("a\n1\n", encoding="utf-8")
    manifest.record([out], "notebooks/x.ipynb")
    target = out
    if change == "edit":
        out.write_text("a\n2\n", encoding="utf-8")
    elif change == "delete":
        out.unlink()
    else:
        target = paths.tables_dir() / "stray.csv"
        target.write_text("b\n", encoding="utf-8")
    assert manifest.verify().to_dict("records") == [
        {"path": f"reports/tables/{target.name}", "problem": problem}
    ]

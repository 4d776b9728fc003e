"""Our .qdpx exports load in QualCoder's own REFI-QDA importer (pinned, LGPL, run headless), cases included.

QualCoder's code is not kept in this repository: the test reads ``src/qualcoder/refi.py`` and the
``CREATE TABLE`` statements of ``src/qualcoder/__main__.py`` from a local QualCoder checkout named by
``QUALCODER_SRC`` (its ``src/qualcoder`` folder, commit c3204641e0a997c08219d2377eb5736cd94504bc)
and is skipped without one. PyQt6 and QualCoder's GUI helpers are replaced by stand-ins written for
these tests (``data/qualcoder_refi/``). See ``data/qualcoder_refi/README.md``.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import os
import re
import shutil
import sqlite3
import sys
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from _exchange_helpers import CLOCK
from casestudy.consent import ConsentRecord
from casestudy.exchange.mapping import project_from_database
from casestudy.exchange.refi_export import qdpx_bytes
from casestudy.exchange.refi_import import import_qdpx
from casestudy.store import CaseDatabase

HERE = Path(__file__).parent
QC = HERE / "data" / "qualcoder_refi"
QUALCODER_SRC = Path(os.environ.get("QUALCODER_SRC", "/nonexistent-qualcoder-checkout"))
pytestmark = pytest.mark.skipif(
    not (QUALCODER_SRC / "refi.py").is_file() or not (QUALCODER_SRC / "__main__.py").is_file(),
    reason="set QUALCODER_SRC to a QualCoder checkout's src/qualcoder folder to run its importer",
)


def _qualcoder_schema() -> str:
    """The CREATE TABLE statements of QualCoder's ``__main__.py`` (its project database)."""
    tree = ast.parse((QUALCODER_SRC / "__main__.py").read_text(encoding="utf-8"))
    tables: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found = re.match(r"\s*CREATE TABLE (\w+)", node.value)
            if found:
                tables.setdefault(found.group(1), node.value.strip().rstrip(";") + ";")
    return "\n".join(tables.values())
ROOT = HERE.parents[1]


class _Anything:
    """Accepts any call or attribute: a progress dialog, a window modality..."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return _Anything()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _Anything()


def _qt_stubs(chosen: Path) -> dict[str, types.ModuleType]:
    widgets = types.ModuleType("PyQt6.QtWidgets")

    class QFileDialog:
        Option = _Anything()

        @staticmethod
        def getOpenFileName(*args: Any, **kwargs: Any) -> tuple[str, bool]:  # noqa: N802 - Qt's name
            return str(chosen), True

    widgets.QFileDialog = QFileDialog  # type: ignore[attr-defined]
    widgets.QProgressDialog = _Anything  # type: ignore[attr-defined]
    widgets.QDialog = _Anything  # type: ignore[attr-defined]
    core = types.ModuleType("PyQt6.QtCore")
    core.Qt = _Anything()  # type: ignore[attr-defined]
    package = types.ModuleType("PyQt6")
    package.QtWidgets, package.QtCore = widgets, core  # type: ignore[attr-defined]
    return {"PyQt6": package, "PyQt6.QtWidgets": widgets, "PyQt6.QtCore": core}


class _App:
    def __init__(self, folder: Path) -> None:
        self.project_path = str(folder / "project.qda")
        Path(self.project_path, "documents").mkdir(parents=True)
        self.conn = sqlite3.connect(folder / "qualcoder.sqlite")
        self.conn.executescript(_qualcoder_schema())
        self.conn.execute("INSERT INTO project (databaseversion, memo) VALUES ('v12', '')")
        self.settings = {"codername": "qualcoder_user", "directory": str(folder), "ai_enable": "False"}
        self.ai_models: Any = None

    def write_config_ini(self, *args: Any) -> None:
        pass


class _Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def append(self, text: str) -> None:
        self.lines.append(text)


def qualcoder_import(qdpx: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[sqlite3.Connection, list[str],
                                                                                         list[tuple[str, str]]]:
    """Run QualCoder's RefiImport on a copy of ``qdpx``; return its database, its log and its messages."""
    folder.mkdir()
    copy = folder / qdpx.name
    shutil.copyfile(qdpx, copy)
    for name, module in _qt_stubs(copy).items():
        monkeypatch.setitem(sys.modules, name, module)
    stand_ins = folder / "qualcoder_code"
    shutil.copytree(QC, stand_ins)
    shutil.copyfile(QUALCODER_SRC / "refi.py", stand_ins / "qualcoder" / "refi.py")
    monkeypatch.syspath_prepend(str(stand_ins))
    monkeypatch.setattr(builtins, "_", lambda text: text, raising=False)
    for name in [m for m in sys.modules if m == "qualcoder" or m.startswith("qualcoder.")]:
        monkeypatch.delitem(sys.modules, name)
    refi = importlib.import_module("qualcoder.refi")
    helpers = importlib.import_module("qualcoder.helpers")
    app, log = _App(folder), _Log()
    refi.RefiImport(app, log, "qdpx")
    return app.conn, log.lines, list(helpers.MESSAGES)


def _counts(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("project.qde"))
    tags = [etree.QName(e).localname for e in root.iter(etree.Element)]
    return {t: tags.count(t) for t in ("TextSource", "Coding", "Case", "Code")}


def _check_loaded(conn: sqlite3.Connection, log: list[str], qdpx: Path) -> None:
    problems = [line for line in log if any(w in line for w in ("Cannot", "Error", "error", "Duplicated"))]
    assert problems == []
    n = _counts(qdpx)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert one("select count(*) from source") == n["TextSource"]
    assert one("select count(*) from code_text") == n["Coding"]
    assert one("select count(*) from cases") == n["Case"]
    assert one("select count(*) from code_name") + one("select count(*) from code_cat") == n["Code"]
    # every coded text QualCoder stored is the text at its positions in the source it stored
    for fulltext, pos0, pos1, seltext in conn.execute(
            "select s.fulltext, c.pos0, c.pos1, c.seltext from code_text c join source s on s.id = c.fid"):
        assert fulltext[pos0:pos1] == seltext


def test_pt_xyz_export_loads_in_qualcoder_with_its_cases(tmp_path, monkeypatch):
    qdpx = ROOT / "reports" / "exchange" / "pt_xyz.qdpx"
    conn, log, messages = qualcoder_import(qdpx, tmp_path / "qc", monkeypatch)
    _check_loaded(conn, log, qdpx)
    assert conn.execute("select count(*) from cases").fetchone()[0] > 0
    case_values = conn.execute("select count(*) from attribute where attr_type = 'case'").fetchone()[0]
    assert case_values > 0
    assert [title for title, _ in messages] == ["REFI-QDA Project import"]  # only its closing notice
    with zipfile.ZipFile(qdpx) as z:
        root = etree.fromstring(z.read("project.qde"))
    journals = [n.get("name") for n in root.iter("{*}Note") if n.get("plainTextPath")]
    assert sorted(r[0] for r in conn.execute("select name from journal")) == sorted(journals)  # project memos


def test_round_trip_of_a_qualcoder_project_loads_back_in_qualcoder(tmp_path, monkeypatch):
    source = HERE / "data" / "vendor" / "qualcoder" / "qc_native.qdpx"
    with CaseDatabase(tmp_path / "v.sqlite", clock=CLOCK) as db:
        import_qdpx(source, db)
        sources = db.sources()  # consent recorded by the researcher (casestudy consent set)
        db.set_consent([ConsentRecord(i, "recorded") for i in
                        [*db.cases()["case_id"], *sources.loc[sources["release"].notna(), "source_id"]]])
        project = project_from_database(db, origin="casestudy test")
    out = tmp_path / "again.qdpx"
    out.write_bytes(qdpx_bytes(project))
    conn, log, _ = qualcoder_import(out, tmp_path / "qc", monkeypatch)
    _check_loaded(conn, log, out)
    assert {r[0] for r in conn.execute("select name from source")} == {"wawancara_01.txt", "catatan_lapangan.txt"}
    colours = dict(conn.execute("select name, color from code_name"))
    assert colours["Pricing"] == "#FF0000" and colours["Response time"] == "#AABBCC"
    memos = {r[0] for r in conn.execute("select memo from code_text where memo != ''")}
    assert memos == {"cheap price"}  # the selection Description, QualCoder's coding memo, came back
    journals = conn.execute("select name, jentry, date from journal").fetchall()
    assert [(n, d) for n, _, d in journals] == [("Reflexive journal", "2025-03-04 10:11:12")]  # name and time kept
    assert journals[0][1] == "First impressions: pricing dominates."

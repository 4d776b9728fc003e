"""Our pt_xyz.qdpx in the `qc` tool (the qualitative-coding package), run in a virtual environment of its own.

qualitative-coding pins versions that clash with our lock, so it is not installed with casestudy:
``make qc-tool-check`` makes ``.venv-qc`` with qualitative-coding 1.7.8 and runs this test with
``CASESTUDY_QC`` naming its ``qc``; elsewhere the test is skipped. qc 1.7.8 leaves a ``breakpoint()``
in its REFI reader, switched off here with ``PYTHONBREAKPOINT=0``. qc codes whole lines: codings
arrive as coded lines, several codings of one line by one coder as one.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

QC = os.environ.get("CASESTUDY_QC")
PT_XYZ = Path(__file__).resolve().parents[2] / "reports" / "exchange" / "pt_xyz.qdpx"


@pytest.mark.skipif(not QC, reason="qualitative-coding runs in its own venv: make qc-tool-check")
def test_pt_xyz_loads_in_the_qc_tool(tmp_path):
    run = subprocess.run([str(QC), "init", "-i", str(PT_XYZ)], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYTHONBREAKPOINT": "0"}, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    with zipfile.ZipFile(PT_XYZ) as z:
        root = etree.fromstring(z.read("project.qde"))
    tags = [etree.QName(e).localname for e in root.iter(etree.Element)]
    con = sqlite3.connect(tmp_path / "qualitative_coding.sqlite3")
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert one("select count(*) from document") == tags.count("TextSource")
    assert one("select count(*) from code") == tags.count("Code")  # folders included: qc has no folders
    assert one("select count(*) from coder") == tags.count("User")
    assert 0 < one("select count(*) from coded_line") <= tags.count("Coding")

"""Issue 12: ``make lab`` works as root and installs only when the lock changed."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from casestudy import paths


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_lab_runs_jupyter_without_reinstalling(tmp_path) -> None:
    root = paths.project_root()
    stamp = root / ".venv" / ".installed"
    if not stamp.exists():
        pytest.skip("no set-up virtual environment")
    dry = subprocess.run(["make", "-n", "lab"], cwd=root, capture_output=True, text=True, check=True).stdout
    assert "pip install" not in dry  # the stamp is newer than the lock: nothing to install
    assert ".venv/bin/jupyter lab" in dry and "--allow-root" in dry and "id -u" in dry
    flag = subprocess.run(["sh", "-c", 'test "$(id -u)" = 0 && echo --allow-root'], capture_output=True,
                          text=True).stdout.strip()
    assert flag == ("--allow-root" if os.getuid() == 0 else "")
    touched = subprocess.run(["make", "-n", "-W", "requirements/lock.txt", "lab"], cwd=root, capture_output=True,
                             text=True, check=True).stdout
    assert "pip install" in touched  # a changed lock does reinstall

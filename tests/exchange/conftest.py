"""Fixtures of the REFI-QDA exchange tests (helpers in ``_exchange_helpers``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _exchange_helpers import small_database
from casestudy.store import CaseDatabase

#: Test data holds third-party code run by the tests (QualCoder's importer), never collected as tests.
collect_ignore_glob = ["data/*"]


@pytest.fixture(autouse=True)
def _output_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASESTUDY_OUTPUT_ROOT", str(tmp_path / "out"))


@pytest.fixture
def db(tmp_path: Path) -> CaseDatabase:
    database = small_database(tmp_path / "case.sqlite")
    yield database
    database.close()

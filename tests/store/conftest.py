"""Fixtures of the case study database tests: a tiny project built in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from _store_helpers import CLOCK, fill
from casestudy.store import CaseDatabase


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "case.sqlite"
    with CaseDatabase(path, clock=CLOCK) as db:
        fill(db)
    return path


@pytest.fixture
def db(db_path: Path):
    with CaseDatabase(db_path, clock=CLOCK, backup=False) as database:
        yield database

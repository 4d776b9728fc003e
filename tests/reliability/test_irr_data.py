"""The consensus coding and codebook version 2 shipped with the illustrative corpus."""

from __future__ import annotations

import csv
import re

import pytest

from casestudy import paths
from casestudy.coding.codebook_yaml import load_codebook
from casestudy.reliability.consensus import RESOLUTIONS, parse_resolution
from casestudy.reliability.revisions import load_revisions

CODINGS = paths.corpus_dir() / "codings"
CONSENSUS = CODINGS / "consensus.csv"
REVISIONS = paths.codebooks_dir() / "buttle_crm_revisions.yaml"

pytestmark = pytest.mark.skipif(not CONSENSUS.is_file(), reason="consensus coding not written yet")


def _rows():
    with CONSENSUS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_consensus_has_the_coding_columns_and_explains_every_coding():
    rows = _rows()
    assert list(rows[0]) == ["source", "code", "quote", "occurrence", "coder", "memo"]
    assert {r["coder"] for r in rows} == {"consensus"}
    resolutions = [parse_resolution(r["memo"], f"consensus.csv, line {i}")[0] for i, r in enumerate(rows, start=2)]
    assert set(resolutions) <= set(RESOLUTIONS)
    assert all(parse_resolution(r["memo"])[1] for r in rows)  # a reason every time


def test_consensus_codes_exist_in_both_codebook_versions():
    v1 = load_codebook(paths.codebooks_dir() / "buttle_crm.yaml")
    v2 = load_revisions(REVISIONS, v1)
    codable = set(v1.ids(codable_only=True))
    assert {r["code"] for r in _rows()} <= codable
    assert all(v2.map_code(c) == (c,) for c in codable)  # redefinitions only: ids carry over


def test_revisions_cited_in_notes_exist_with_reasons():
    v1 = load_codebook(paths.codebooks_dir() / "buttle_crm.yaml")
    v2 = load_revisions(REVISIONS, v1)
    labels = {m.group(1) for r in v2.revisions if (m := re.match(r"(R\d+)[ .]", r.reason))}
    cited = {m for r in _rows() for m in re.findall(r"revision (R\d+)", r["memo"])}
    readme = (CODINGS / "consensus_README.md").read_text(encoding="utf-8")
    cited |= set(re.findall(r"revision (R\d+)", readme))
    assert cited and cited <= labels
    assert v2.version == 2 and all(r.reason for r in v2.revisions)
    assert "ILLUSTRATIVE" in readme.splitlines()[0]

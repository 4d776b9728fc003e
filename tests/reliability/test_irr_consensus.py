"""Consensus notes and moving codings to a revised codebook version."""

from __future__ import annotations

import pytest

from casestudy.records.codebook import Code, Codebook, CodebookRevision
from casestudy.records.segments import Coding
from casestudy.errors import CodingError, ReliabilityError
from casestudy.reliability.consensus import parse_resolution, resolution_counts, revise_codings

BASE = Codebook("demo", 1, "Demo", "Demo", codes=(
    Code("portfolio", "Portfolio", "Portofolio", codable=False, framework_ref="portfolio"),
    Code("a", "A", "A", parent="portfolio"), Code("b", "B", "B", parent="portfolio"),
    Code("c", "C", "C", parent="portfolio"), Code("d", "D", "D", parent="portfolio")))
V2 = BASE.revise([CodebookRevision("merge", ("a", "b"), ("a",), "never told apart"),
                  CodebookRevision("retire", ("d",), (), "never used")])


def test_resolutions_counted_and_unknown_rejected():
    counts = resolution_counts(["agreed: x", "coder_b: y", "recoded: z", "agreed: w"])
    assert dict(zip(counts["resolution"], counts["n_codings"])) == {
        "agreed": 2, "coder_a": 0, "coder_b": 1, "recoded": 1, "added": 0}
    with pytest.raises(ReliabilityError) as exc:
        resolution_counts(["agreed: x", "both: y"])
    assert str(exc.value) == ("consensus coding 2: 'memo' must be '<resolution>: <reason>' with a resolution of "
                              "agreed, coder_a, coder_b, recoded, added (got 'both: y')")
    assert parse_resolution("recoded: a: b") == ("recoded", "a: b")


def test_merge_maps_retire_drops_and_version_moves():
    old = [Coding("s", 0, 4, "b", "consensus", origin="consensus", memo="agreed: x", id=7),
           Coding("s", 5, 9, "c", "consensus", origin="consensus"),
           Coding("s", 9, 12, "d", "consensus", origin="consensus")]
    new = revise_codings(old, V2)
    assert [(c.code_id, c.codebook_version, c.id, c.memo) for c in new] == [("a", 2, None, "agreed: x"),
                                                                             ("c", 2, None, None)]


def test_split_needs_a_valid_choice():
    v2 = BASE.revise([CodebookRevision("split", ("c",), ("c1", "c2"), "two ideas")],
                     new_codes=[Code("c1", "C1", "C1", parent="portfolio"), Code("c2", "C2", "C2", parent="portfolio")])
    coding = Coding("s", 5, 9, "c", "consensus")
    assert revise_codings([coding], v2, lambda c: "c1")[0].code_id == "c1"
    with pytest.raises(CodingError) as exc:
        revise_codings([coding], v2, {("s", 5, 9, "c"): "c3"})
    assert str(exc.value) == ("coding of 's' 5-9: 'code_id' must be one of c1, c2 chosen for the split of 'c' "
                              "(got 'c3')")

"""Evidence selectors and their resolution."""

from __future__ import annotations

import pandas as pd
import pytest

from casestudy.design.evidence import EvidenceItem, QuoteSelector, Resolver, SegmentSelector, TableSelector
from casestudy.errors import CodingError, DesignError

TEXT = "INF03: satu dua satu tiga"


def test_quote_occurrence():
    r = Resolver(texts={"int_inf03": TEXT}).resolve(EvidenceItem("e", QuoteSelector("int_inf03", "satu", 2)))
    assert (r.status, r.start, r.end, TEXT[r.start:r.end]) == ("resolved", 16, 20, "satu")
    r3 = Resolver(texts={"int_inf03": TEXT}).resolve(EvidenceItem("e", QuoteSelector("int_inf03", "satu", 3)))
    assert (r3.status, r3.problem) == ("broken", "quote 'satu' occurs 2 times in int_inf03 (occurrence 3 asked)")


def test_missing_text_and_nothing_supplied():
    item = EvidenceItem("e", QuoteSelector("int_x", "a"))
    assert Resolver(texts={}).resolve(item).problem == "no canonical text for source int_x"

    def raising(source):
        raise CodingError("unknown")
    assert Resolver(texts=raising).resolve(item).status == "broken"
    assert Resolver().resolve(item).status == "unchecked"


def test_segments_from_frame_and_callable():
    df = pd.DataFrame({"source": ["s1", "s1"], "code": ["c", "c"], "coder": ["a", "a"],
                       "start": [10, 2], "end": [12, 4], "text": ["yy", "xx"]})
    item = EvidenceItem("e", SegmentSelector("s1", "c", "a", 1))
    assert Resolver(segments=df).resolve(item).text == "xx"

    class Seg:
        start, end, text = 2, 4, "xx"

    def lookup(source, code, coder, occurrence):
        if occurrence > 1:
            raise CodingError("segment selector: 'occurrence' must be at most 1")
        return Seg()
    assert Resolver(segments=lookup).resolve(item).start == 2
    bad = Resolver(segments=lookup).resolve(EvidenceItem("e", SegmentSelector("s1", "c", "a", 2)))
    assert (bad.status, bad.problem) == ("broken", "segment selector: 'occurrence' must be at most 1")


def test_tables():
    t = pd.DataFrame({"rival_id": ["r1", "r1"], "test": ["a", "b"], "p_value": [0.5, 0.01],
                      "provenance": ["published", "synthetic"]})
    res = Resolver(tables={"rival_tests": t})
    ok = res.resolve(EvidenceItem("e", TableSelector("rival_tests", (("rival_id", "r1"), ("test", "b")), "p_value")))
    assert (ok.value, ok.row_provenance) == (0.01, "synthetic")
    two = res.resolve(EvidenceItem("e", TableSelector("rival_tests", (("rival_id", "r1"),), "p_value")))
    assert two.problem == "2 rows of rival_tests match {'rival_id': 'r1'} (one expected)"
    col = res.resolve(EvidenceItem("e", TableSelector("rival_tests", (("rival_id", "r1"),), "estimate")))
    assert col.problem == "table rival_tests has no column estimate"


def test_errors():
    with pytest.raises(DesignError, match=r"^int_a: 'occurrence' must be a positive integer \(1-based\) \(got 0\)$"):
        QuoteSelector("int_a", "x", 0)
    with pytest.raises(DesignError, match=r"^e1: 'stance' must be one of supports, contradicts \(got 'refutes'\)$"):
        EvidenceItem("e1", QuoteSelector("int_a", "x"), stance="refutes")


def test_row_provenance_makes_evidence_less_real(mini):
    from dataclasses import replace
    src = replace(mini.sources[1], tables=("t",))
    item = EvidenceItem("e9", TableSelector("t", (("k", 1),), "v"))
    f1 = replace(mini.findings[0], evidence=(*mini.findings[0].evidence, item))
    d = replace(mini, sources=(mini.sources[0], src), findings=(f1, mini.findings[1]))
    res = d.resolve(tables={"t": pd.DataFrame({"k": [1], "v": [3], "provenance": ["synthetic"]})})
    row = res.set_index("evidence_id").loc["e9"]
    assert (row["source"], row["provenance"], row["value"]) == ("doc_a", "synthetic", 3)

"""One summary table; short reprs and escaped HTML for the database, codebook, design and transcript."""

from __future__ import annotations

import casestudy
from casestudy.records import Transcript
from casestudy.store import CaseDatabase, FixedClock
from casestudy.summary import Summary, format_value


def test_one_number_format_and_escaping_in_every_rendering() -> None:
    s = Summary("A & <B>", [("n", 3), ("alpha", 0.80712), ("flag", True), ("missing", None), ("x_y", "50%")])
    assert s.to_text() == "A & <B>\n  n        3\n  alpha    0.807\n  flag     yes\n  missing  \n  x_y      50%"
    html = s.to_html()
    assert "<caption>A &amp; &lt;B&gt;</caption>" in html and "<B>" not in html
    assert "x\\_y & 50\\% \\\\" in s.to_latex() and s.to_latex().startswith("% A \\& <B>")
    assert format_value(float("nan")) == "n/a"


def test_short_reprs_and_html_tables() -> None:
    t = Transcript.from_turns("int_x", [("A", "<script>alert(1)</script>")], title="<b>x</b>", language="id")
    assert repr(t) == "<Transcript int_x: 1 turns, 28 characters>"
    assert "&lt;b&gt;x&lt;/b&gt;" in t._repr_html_() and "<b>x</b>" not in t._repr_html_()
    with CaseDatabase(":memory:", clock=FixedClock()) as db:
        assert repr(db).startswith("<CaseDatabase :memory: (schema ")
        assert "<th style='text-align:left'>codings</th><td style='text-align:left'>0</td>" in db._repr_html_()
    cb = casestudy.load_codebook(casestudy.paths.codebooks_dir() / "buttle_crm.yaml")
    assert repr(cb) == f"<Codebook buttle_crm v1: {len(cb.codes)} codes>"
    d = casestudy.load_design(casestudy.paths.design_dir() / "pt_xyz.yaml", verify=False)
    assert repr(d) == f"<CaseStudyDesign pt_xyz: {len(d.findings)} findings, {len(d.sources)} sources, {len(d.rivals)} rivals>"
    assert len(repr(d)) < 120 and d.summary().title == "Case study design pt_xyz"



def test_the_synthetic_ledger_has_a_short_repr_a_summary_and_an_html_table() -> None:
    from casestudy.crm.synthetic import generate_ledger

    led = generate_ledger(20240101)
    assert repr(led) == f"SyntheticLedger(reading='segments-of-100', seed=20240101, orders=158, customers={len(led.customers)})"
    assert dict(led.summary().rows)["orders"] == 158 and dict(led.summary().rows)["years"] == "2017-2023"
    by_year = led.orders_by_year()
    assert by_year["total"].tolist() == [10, 19, 27, 16, 21, 34, 31]
    assert by_year[["B2B", "B2C", "B2G"]].sum(axis=1).tolist() == by_year["total"].tolist()
    html = led._repr_html_()
    assert "<caption>Synthetic ledger reading-segments-of-100_seed-20240101</caption>" in html
    assert "<b>Orders per year and segment</b> synthetic" in html and "<td>2017</td>" in html

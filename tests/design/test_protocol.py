"""The case study protocol and its Markdown."""

from __future__ import annotations

from casestudy.design.protocol import QUESTION_LEVELS, render_markdown


def test_levels():
    assert sorted(QUESTION_LEVELS) == [1, 2, 3, 4, 5]


def test_markdown(mini):
    md = render_markdown(mini)
    assert md.startswith("# Case study protocol: Mini\n\n## A. Overview of the case study\n\nOverview.\n")
    assert "### Level 1: asked of specific interviewees\n\n- **pq1**: Ask it Likely sources: int_a, doc_a " \
           "(documentation, interviews). Bears on: q1.\n" in md
    assert md.endswith("## D. Outline of the case study report\n\n1. Findings\n")


def test_pt_xyz_protocol_is_labelled_reconstructed(pt_xyz):
    md = render_markdown(pt_xyz)
    assert "> Provenance: **illustrative**. The paper publishes no protocol" in md
    assert pt_xyz.protocol.missing_sections() == ()
    assert {q.level for q in pt_xyz.protocol.questions} == {1, 2, 4, 5}

"""Fixtures of the design tests: a small design file, its texts, and the PT. XYZ design."""

from __future__ import annotations

import pandas as pd
import pytest

from casestudy.design.design import CaseStudyDesign
from casestudy.design.designfile import load_design, loads_design

MINI = """\
id: mini
title: Mini
citation: A citation.
yin_edition: "2009"
purpose:
  declared: [explanatory]
questions:
  - id: q1
    text: Why?
    form: why
propositions:
  - id: p1
    text: X causes Y.
    rationale: Theory says so.
    predicted_pattern: Y rises after X.
    causal: true
    questions: [q1]
    rule_out: [r1]
cases:
  - id: c1
    name: Case
    description: A case.
    units:
      - {id: u1, name: Buyers, description: People who buy.}
    informants:
      - {id: i1, unit: u1, role: buyer}
logic:
  - technique: pattern_matching
    how: Compare.
criteria:
  tests: [construct_validity]
theory:
  framework: buttle_2004
  role: Frames it.
  generalisation: analytic
sources:
  - id: int_a
    type: interviews
    description: Interview A.
    provenance: published
    informant: i1
  - id: doc_a
    type: documentation
    description: Document A.
    provenance: published
  - id: pub_t
    type: archival_records
    description: A result table.
    provenance: published
    tables: [t]
findings:
  - id: f1
    stage: intimacy
    title: F1
    statement: S1.
    bears_on: [p1]
    evidence:
      - id: e1
        selector: {source: int_a, quote: alpha}
      - id: e2
        selector: {source: doc_a, quote: beta}
  - id: f2
    stage: value
    title: F2
    statement: S2.
    bears_on: [q1]
    builds_on: [f1]
    evidence:
      - id: e3
        selector: {source: int_a, quote: gamma}
      - id: e5
        selector: {source: doc_a, quote: beta}
rivals:
  - id: r1
    kind: direct
    title: R1
    description: Something else.
    rivals: [p1]
    rules:
      - id: r1_test
        table: t
        row: {test: x}
        when: {p_value: "< 0.05"}
        then: rejected
        meaning: The test rejects it.
    otherwise: not_rejected
    otherwise_meaning: The test does not reject it.
    evidence:
      - id: e4
        selector: {source: doc_a, quote: delta}
        stance: contradicts
  - id: r2
    kind: investigator_bias
    title: R2
    description: The researcher wanted it.
    verdict: untested
    reasoning: Cannot tell.
    evidence:
      - id: e6
        selector: {source: int_a, quote: alpha}
review:
  planned: true
  reviewer_units: [u1]
  records:
    - {id: rv1, informant: i1, part: f1, date: "2024-05-01", outcome: confirmed}
    - {id: rv2, informant: i1, part: f2, date: "2024-05-02", outcome: corrected}
protocol:
  overview: Overview.
  procedures:
    - {id: pr1, title: Interviews, text: Interview everyone.}
  questions:
    - {id: pq1, level: 1, text: Ask it, sources: [int_a, doc_a], bears_on: [q1]}
  report_outline: [Findings]
database:
  description: A database.
"""

MINI_TEXTS = {"int_a": "I1: alpha gamma", "doc_a": "beta delta"}
MINI_TABLES = {"t": pd.DataFrame({"test": ["x"], "p_value": [0.01]})}


@pytest.fixture(autouse=True)
def _outputs(tmp_path, monkeypatch):
    """Never write into the repository."""
    monkeypatch.setenv("CASESTUDY_OUTPUT_ROOT", str(tmp_path))


@pytest.fixture(scope="session")
def mini() -> CaseStudyDesign:
    return loads_design(MINI, name="mini.yaml")


@pytest.fixture(scope="session")
def mini_text() -> str:
    return MINI


@pytest.fixture(scope="session")
def pt_xyz() -> CaseStudyDesign:
    return load_design("data/design/pt_xyz.yaml", verify=False)

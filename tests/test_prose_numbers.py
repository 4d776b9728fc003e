"""Numbers in notebook prose come from code: a markdown cell may state only allow-listed numbers.

Sentences that state results are rendered by code (e.g. ``casestudy.present.orders_prose``) and
appear as code-cell outputs; typed markdown may hold only years, section and notebook numbers,
citations (pages, figures), list markers and the thresholds the text names. Notebooks not yet
converted keep a recorded list of their typed numbers, which may shrink but never grow.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted(Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
_NUMBER = re.compile(r"(?<![\w.\-])\d+(?:[.,]\d+)?%?")
_STRIP = [
    re.compile(r"`[^`]*`"),                                 # code spans name things, they do not state results
    re.compile(r"\$[^$]*\$"),                               # formulas
    re.compile(r"\b(?:19|20)\d\d\b"),                       # years
    re.compile(r"\bpp?\. \d+(?:-\d+)?"),                    # page citations
    re.compile(r"\b(?:Figure|Gambar|Tabel|Table) \d+(?:\.\d+)?"),  # figure and table numbers
    re.compile(r"\b[Nn]otebooks? \d\d\b|^# \d\d\b|\b\d\d_\w+", re.M),  # notebook numbers
    re.compile(r"^\s*(?:#+ )?\d+\.\s", re.M),                 # list markers and section numbers
    re.compile(r"SHA-256|REFI-QDA 1\.5|Buttle \(?2004|Yin \(?20\d\d|\b\d+ dpi\b"),
    re.compile(r'"[^"]*"'),                                 # the paper's claims, quoted
]
#: Thresholds the text names (a 5% level, a 95% interval, Krippendorff's .800 and .667, the learned
#: suggestions' default probability threshold of 0.5).
THRESHOLDS = {"0.05", "5%", "95%", "0.800", "0.667", "0.5"}
#: Typed numbers of notebooks whose prose is not yet rendered by code (may shrink, never grow).
PENDING: dict[str, set[str]] = {
    "00_case_study_protocol.ipynb": {"2", "4"},
    "02_customer_portfolio_and_lifecycle.ipynb": {
        "1", "2", "3", "4", "5", "10", "20", "20%", "25%", "69", "31", "100", "158", "109", "0", "32"},
    "03_interview_coding.ipynb": {"1", "2", "3", "4", "5", "6", "8"},
    "04_intercoder_reliability.ipynb": {"1", "0", "2", "216", "500", "0.95", "0.96", "100", "0.8", "28", "47",
                                        "20"},
    "06_paper_figures.ipynb": {"1", "2", "3", "6", "6.3", "300"},
}


def typed_numbers(path: Path) -> set[str]:
    """Numbers typed in the markdown cells of a notebook, after the allow-list."""
    found: set[str] = set()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for pattern in _STRIP:
            text = pattern.sub(" ", text)
        found |= {n for n in _NUMBER.findall(text) if n not in THRESHOLDS}
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_markdown_states_no_typed_numbers(path):
    extra = typed_numbers(path) - PENDING.get(path.name, set())
    assert not extra, f"{path.name}: numbers typed in markdown, not rendered from the data: {sorted(extra)}"


def test_the_scanner_catches_a_typed_result(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": ["The 2020 dip (p = 0.17, Yin 2009, p. 41) in notebook 05."]}]}
    p = tmp_path / "x.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    assert typed_numbers(p) == {"0.17"}

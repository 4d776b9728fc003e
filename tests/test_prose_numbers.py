"""Numbers in prose come from code: no notebook, and no sentence of the report, types a number.

A result stated in prose is rendered by code from the computed values (e.g.
``casestudy.present.orders_prose``, or a code cell that displays Markdown built from
variables), so it appears as a code-cell output. What is typed, and so may state only
allow-listed numbers (years, section, notebook, figure and page numbers, versions,
list markers and the thresholds the text names), is:

* every markdown cell of every notebook;
* every string literal of every code cell (the literal parts of an f-string included; its
  replacement fields and format specifications are the computed part), since that is the
  text a code-cell output is built from;
* every string literal of the modules that write the notebooks' and the report's prose
  (:data:`PROSE_MODULES`) and the report's templates.

A number in a code-cell output or in the report is computed exactly when it is not typed
in one of these places; scanning the typed text is how the test tells the two apart
(after rendering, "0.70" looks the same whether it was typed or computed). The tests of
the test write a temporary notebook with a typed number and check that it fails, with
the notebook, the cell and the number in the message.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted(Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
#: Modules whose string literals become prose in notebooks or the report.
PROSE_MODULES = sorted(Path("casestudy/present").glob("*_prose.py")) + [
    Path("casestudy/present/report_analysis.py"), Path("casestudy/present/report_design.py"),
    Path("casestudy/present/report_study.py"), Path("casestudy/present/report_build.py")]
TEMPLATES = sorted(Path("casestudy/present/templates").glob("*.html*"))
_NUMBER = re.compile(r"(?<![\w.\-:/#])\d+(?:[.,]\d+)?%?")
_STRIP = [
    re.compile(r"`[^`]*`"),                                 # code spans name things, they do not state results
    re.compile(r"\$[^$]*\$"),                               # formulas
    re.compile(r"\d{4}-\d\d-\d\d(?:T[\d:+]+)?"),            # dates and time stamps (fixed inputs, named)
    re.compile(r"\b(?:19|20)\d\d\b"),                       # years
    re.compile(r"\bpp?\. \d+(?:-\d+)?"),                    # page citations
    re.compile(r"\b(?:Figure|Gambar|Tabel|Table|ch\.) \d+(?:\.\d+)?(?:(?:-| and |, )\d+(?:-\d+)?)*"),  # figures, tables
    re.compile(r"\b[Nn]otebooks? \d\d\b|^# \d\d\b|\b\d\d_\w+", re.M),  # notebook numbers
    re.compile(r"^\s*(?:#+ )?\d+\.\s|\(\d\)|^#+ \d+\.|\b[Ss]ections? \d+", re.M),  # list markers, sections, steps
    re.compile(r"\b[Vv]ersion \d+\b|\bv\d+\b|\b2x2\b"),      # codebook versions; Yin's 2x2 matrix
    re.compile(r"SHA-256|REFI-QDA 1\.5|Buttle \(?2004|Yin \(?20\d\d|\b\d+ dpi\b|UTF-8|ISO \d+"),
    re.compile(r"\b\d+ AIC points|p < 0\.001"),                # named thresholds of the decision rules
    re.compile(r'"[^"]*"'),                                 # the paper's claims, quoted
]
#: Thresholds the text names (a 5% level, a 95% interval, Krippendorff's .800 and .667, the learned
#: suggestions' default probability threshold of 0.5, 2 AIC points) and the digits of identities (x 1, / 100).
THRESHOLDS = {"0.05", "5%", "95%", "0.800", "0.667", "0.95", "0.5", "1", "0", "100%"}  # 0.95: TOO_GOOD


#: Typed numbers left in notebook 04's reliability prose, which is being rewritten with the reliability tables
#: (issue 16's reliability part: excluded units, minimum material, bias, span agreement); that rewrite renders
#: them from the result. The list may shrink, never grow, and a number listed here that is no longer typed fails.
PENDING: dict[str, set[str]] = {
}


def numbers_in(text: str) -> list[str]:
    """The numbers of ``text`` that are not allow-listed, in order."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return [n for n in _NUMBER.findall(text) if n not in THRESHOLDS]


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string literal, f-strings reduced to their literal parts; docstrings skipped."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skip |= {id(n) for n in ast.walk(node.format_spec)}
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.Subscript):  # df["col"], mapping["key"]: names, not prose
            skip |= {id(n) for n in ast.walk(node.slice)}
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "compile", "match", "search", "sub", "fullmatch", "findall", "strftime", "strptime"):
            skip |= {id(n) for a in node.args for n in ast.walk(a)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip]


def _code_text(source: str) -> list[tuple[int, str]]:
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    return _literals(ast.parse("\n".join(lines)))


def typed_in_notebook(path: Path) -> list[tuple[int, str, str]]:
    """(cell index, cell type, number) for each typed number of a notebook's markdown cells and code literals."""
    found = []
    for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            found += [(i, "markdown", n) for n in numbers_in(source)]
        elif cell["cell_type"] == "code":
            found += [(i, "code literal", n) for _, text in _code_text(source) for n in numbers_in(text)]
    return found


def typed_in_module(path: Path) -> list[tuple[int, str]]:
    """(line, number) for each typed number in the string literals of a prose-writing module."""
    return [(line, n) for line, text in _literals(ast.parse(path.read_text(encoding="utf-8")))
            for n in numbers_in(text)]


def typed_numbers(path: Path) -> set[str]:
    """The typed numbers of a notebook (markdown cells and code literals), after the allow-list."""
    return {n for _, _, n in typed_in_notebook(path)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_types_no_numbers(path):
    pending = PENDING.get(path.name, set())
    found = [f for f in typed_in_notebook(path) if f[2] not in pending]
    assert pending <= typed_numbers(path), f"{path.name}: no longer typed, remove from PENDING: " + str(
        sorted(pending - typed_numbers(path)))
    assert not found, "\n".join(f"{path.name}, cell {i} ({kind}): typed number {n!r}, not computed from the data"
                                for i, kind, n in found)


@pytest.mark.parametrize("path", PROSE_MODULES, ids=[p.name for p in PROSE_MODULES])
def test_prose_modules_type_no_numbers(path):
    found = typed_in_module(path)
    assert not found, "\n".join(f"{path}:{line}: typed number {n!r} in a sentence" for line, n in found)


def test_report_templates_type_no_numbers():
    found = [(p.name, n) for p in TEMPLATES if p.is_file() for n in numbers_in(re.sub(
        r"\{\{.*?\}\}|\{%.*?%\}|<style.*?</style>|<[^>]*>|&#?\w+;", " ", p.read_text(encoding="utf-8"), flags=re.S))]
    assert not found, found


def test_every_notebook_and_prose_module_is_scanned():
    assert len(NOTEBOOKS) >= 9 and Path("notebooks/08_start_your_own_study.ipynb") in NOTEBOOKS
    assert Path("casestudy/present/orders_prose.py") in PROSE_MODULES and all(p.exists() for p in PROSE_MODULES)


def _notebook(tmp_path: Path, cells: list[dict[str, object]]) -> Path:
    p = tmp_path / "x.ipynb"
    p.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    return p


def test_the_scanner_catches_a_typed_result_in_markdown(tmp_path):
    p = _notebook(tmp_path, [{"cell_type": "markdown",
                              "source": ["The 2020 dip (p = 0.17, Yin 2009, p. 41) in notebook 05, at the 5% level."]}])
    assert typed_in_notebook(p) == [(0, "markdown", "0.17")]
    with pytest.raises(AssertionError, match=r"x\.ipynb, cell 0 \(markdown\): typed number '0\.17'"):
        test_notebook_types_no_numbers(p)


def test_the_scanner_catches_a_typed_result_in_a_code_cell(tmp_path):
    p = _notebook(tmp_path, [
        {"cell_type": "markdown", "source": ["## 2. Results"]},
        {"cell_type": "code", "source": ['%matplotlib inline\nrr = fit()["rr"]\n',
                                         'Markdown(f"The ratio is {rr:.2f} (interval 0.42 to {hi:.2f}).")']}])
    assert typed_in_notebook(p) == [(1, "code literal", "0.42")]
    with pytest.raises(AssertionError, match=r"cell 1 \(code literal\): typed number '0\.42'"):
        test_notebook_types_no_numbers(p)


def test_computed_numbers_and_the_allow_list_pass(tmp_path):
    p = _notebook(tmp_path, [
        {"cell_type": "markdown", "source": ["# 01 · Orders\n\n1. Tabel 2 (p. 5), Gambar 1 and 3-6, version 2, "
                                             "Yin's 2x2 matrix, a 95% interval, \"32 transactions\", `BAND_SEEDS[:5]`."]},
        {"cell_type": "code", "source": ['x = df["2023"]\nprint(f"{x:.3f} orders up to 2023-12-31")']}])
    assert typed_in_notebook(p) == []

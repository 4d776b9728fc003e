"""One provenance vocabulary: defined in casestudy.provenance and spelled nowhere else."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import casestudy
from casestudy import provenance
from casestudy.errors import ReportError, ValidationError
from casestudy.provenance import EMPIRICAL, ILLUSTRATIVE, PUBLISHED, SYNTHETIC, combine

PACKAGE = Path(casestudy.__file__).parent
#: Former values that must not come back either ("derived" is a property, :func:`provenance.describe`).
RETIRED = ("derived", *provenance.RENAMED)


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _names_in_all(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            out |= {id(n) for n in ast.walk(node.value)}
    return out


def provenance_literals(root: Path, values: tuple[str, ...]) -> list[str]:
    """``file:line: 'value'`` for every string constant equal to a provenance value (docstrings and
    ``__all__`` aside: ``'published'`` is also the name of a module)."""
    hits = []
    for path in sorted(root.rglob("*.py")):
        if path == root / "provenance.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        skip = _docstrings(tree) | _names_in_all(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in values
                    and id(node) not in skip):
                hits.append(f"{path.relative_to(root.parent)}:{node.lineno}: {node.value!r}")
    return hits


def test_provenance_values_are_spelled_only_in_the_provenance_module() -> None:
    hits = provenance_literals(PACKAGE, (*provenance.PROVENANCES, "derived"))
    assert hits == [], "use the constants of casestudy.provenance instead:\n" + "\n".join(hits)


def test_the_literal_check_finds_a_planted_literal(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "provenance.py").write_text('X = "synthetic"\n')
    (pkg / "m.py").write_text('"""Docstring: synthetic."""\n__all__ = ["published"]\n\n\ndef f(p="illustrative"):\n'
                              '    """published"""\n    return p == "synthetic"\n')
    assert provenance_literals(pkg, provenance.PROVENANCES) == ["pkg/m.py:5: 'illustrative'",
                                                                "pkg/m.py:7: 'synthetic'"]


def test_order_is_strongest_to_weakest_and_the_weakest_input_wins() -> None:
    assert provenance.PROVENANCES == (PUBLISHED, EMPIRICAL, ILLUSTRATIVE, SYNTHETIC)
    assert combine(PUBLISHED) == PUBLISHED
    assert combine(PUBLISHED, EMPIRICAL) == EMPIRICAL
    assert combine([EMPIRICAL, ILLUSTRATIVE], PUBLISHED) == ILLUSTRATIVE
    assert combine(SYNTHETIC, PUBLISHED) == SYNTHETIC
    for a in provenance.PROVENANCES:
        for b in provenance.PROVENANCES:
            assert combine(a, b) == combine(b, a) == max(a, b, key=provenance.rank)


def test_errors_have_the_package_shape() -> None:
    with pytest.raises(ValidationError) as err:
        combine()
    assert str(err.value) == "'values' must be at least one provenance (got 'nothing')"
    with pytest.raises(ValidationError) as err:
        combine(PUBLISHED, "derived")
    assert str(err.value) == "'provenance' must be one of published, empirical, illustrative, synthetic (got 'derived')"
    with pytest.raises(ReportError) as err2:
        provenance.check("real", error=ReportError, where="Tabel 2")
    assert str(err2.value) == ("Tabel 2: 'provenance' must be one of published, empirical, illustrative, synthetic "
                               "(got 'real')")


def test_labels_and_words() -> None:
    assert [p for p in provenance.PROVENANCES if provenance.needs_label(p)] == [ILLUSTRATIVE, SYNTHETIC]
    assert provenance.describe(PUBLISHED) == PUBLISHED
    assert provenance.describe(SYNTHETIC, computed=True) == "computed from synthetic data"
    assert set(provenance.NOTES) == set(provenance.PROVENANCES)
    assert provenance.RENAMED == {"real": EMPIRICAL}
    assert set(RETIRED).isdisjoint(provenance.PROVENANCES)

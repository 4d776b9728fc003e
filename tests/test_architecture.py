"""Layers point one way: every import inside the package follows an edge listed in docs/architecture.md.

The package's own imports are read with ``ast`` (imports inside functions included) and
mapped to edges between *units*: a subpackage (``store``, ``coding``...) or a top-level
module (``errors``, ``provenance``...); ``casestudy`` itself is the package's
``__init__``; every command-line module (``commands``, ``*_commands``...) belongs
to the unit ``commands``. The allowed edges are parsed from the table under "Import edges" in
``docs/architecture.md``, so the document and the code cannot drift apart.
"""

from __future__ import annotations

import ast
import graphlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import casestudy

PACKAGE = Path(casestudy.__file__).parent
ARCHITECTURE = PACKAGE.parent / "docs" / "architecture.md"
SECTION = "## Import edges"
#: The unit of every command-line module, wherever it lives (the layer above the library).
COMMANDS = "commands"


@dataclass(frozen=True)
class Edge:
    """One import of one unit by another, where it is written."""

    file: str
    line: int
    source: str
    target: str
    module: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.source} -> {self.target} (imports {self.module})"


def allowed_edges(markdown: str) -> dict[str, set[str]]:
    """``unit -> units it may import`` from the table under :data:`SECTION` (``-`` for none)."""
    if SECTION not in markdown:
        raise AssertionError(f"docs/architecture.md has no section {SECTION!r}")
    body = markdown.split(SECTION, 1)[1].split("\n## ", 1)[0]
    out: dict[str, set[str]] = {}
    for line in body.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if not line.lstrip().startswith("|") or len(cells) < 2 or cells[0] in ("unit", "") or set(cells[0]) <= {"-"}:
            continue
        targets = {t.strip().strip("`") for t in cells[-1].split(",")} - {"-", ""}
        out[cells[0]] = targets
    return out


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str, root: Path) -> str:
    parts = module.split(".")
    if len(parts) > 1 and _is_command_line(parts[-1]):
        return COMMANDS
    return root.name if len(parts) == 1 else parts[1]


def _is_command_line(stem: str) -> bool:
    """The command-line modules (``commands``, ``*_commands``, ``command_db``, ``commandline``): one unit."""
    return stem in ("commands", "command_db", "commandline") or stem.endswith("_commands")


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, root: Path) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    out = []
    for alias in node.names:  # ``from casestudy import paths`` imports the module casestudy.paths
        candidate = f"{prefix}.{alias.name}"
        rel = Path(*candidate.split(".")[1:]) if "." in candidate else Path()
        is_module = (root / rel).with_suffix(".py").is_file() or (root / rel / "__init__.py").is_file()
        out.append(candidate if is_module else prefix)
    return out


def import_edges(root: Path) -> list[Edge]:
    """Every import of one unit of the package under ``root`` by another (lazy imports included)."""
    edges = []
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(node, module, path.name == "__init__.py", root):
                if target.split(".")[0] != root.name:
                    continue
                src, dst = _unit(module, root), _unit(target, root)
                if src != dst:
                    edges.append(Edge(str(path.relative_to(root.parent)), node.lineno, src, dst, target))
    return edges


def forbidden(edges: list[Edge], allowed: dict[str, set[str]]) -> list[str]:
    """The edges that the allow-list does not contain, one line each."""
    return [f"{e}: not an allowed edge (docs/architecture.md, {SECTION[3:]!r})"
            for e in edges if e.target not in allowed.get(e.source, set())]


def units(root: Path) -> set[str]:
    """Every unit of the package: its subpackages, top-level modules and the package itself."""
    found = {p.stem for p in root.glob("*.py") if p.name != "__init__.py" and not _is_command_line(p.stem)}
    return found | {p.parent.name for p in root.glob("*/__init__.py")} | {root.name, COMMANDS}


ALLOWED = allowed_edges(ARCHITECTURE.read_text(encoding="utf-8"))


def test_every_import_follows_an_allowed_edge() -> None:
    problems = forbidden(import_edges(PACKAGE), ALLOWED)
    assert problems == [], "\n".join(problems)


def test_the_package_never_imports_a_moved_path() -> None:
    from casestudy.deprecation import MOVED_MODULES

    old = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path, PACKAGE)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = _targets(node, module, path.name == "__init__.py", PACKAGE)
                if isinstance(node, ast.ImportFrom):  # ``from casestudy.coding import codebook`` (no file any more)
                    names += [f"{node.module}.{a.name}" for a in node.names]
                old += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {n}" for n in names if n in MOVED_MODULES]
    assert old == [], "import the new home instead:\n" + "\n".join(old)


def test_the_allow_list_names_every_unit_and_points_one_way() -> None:
    assert set(ALLOWED) == units(PACKAGE), "docs/architecture.md must list every unit of the package exactly"
    for unit, targets in ALLOWED.items():
        assert targets <= set(ALLOWED), f"{unit} may import unknown units {sorted(targets - set(ALLOWED))}"
    order = list(graphlib.TopologicalSorter(ALLOWED).static_order())  # raises CycleError on a cycle
    assert order.index("errors") == 0
    for rule in (("store", "coding"), ("store", "present"), ("crm", "present"), ("stats", "present"),
                 ("design", "coding"), ("design", "store"), ("reliability", "present"), ("records", "store")):
        assert rule[1] not in ALLOWED[rule[0]], f"{rule[0]} must not import {rule[1]}"


def test_a_wrong_edge_in_a_temporary_module_fails_with_file_line_and_edge(tmp_path: Path) -> None:
    root = tmp_path / "casestudy"
    for pkg in ("store", "coding", "present"):
        (root / pkg).mkdir(parents=True)
        (root / pkg / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "errors.py").write_text("")
    (root / "coding" / "suggest.py").write_text("from casestudy.store import database\n")  # allowed
    (root / "store" / "reads.py").write_text(
        '"""A store module."""\nfrom casestudy import errors\n\n\ndef lazy():\n'
        "    from ..coding import suggest  # a lazy import, relative: still an edge\n"
        "    import casestudy.present.style\n")
    problems = forbidden(import_edges(root), ALLOWED)
    assert problems == [
        "casestudy/store/reads.py:6: store -> coding (imports casestudy.coding.suggest): not an allowed edge "
        "(docs/architecture.md, 'Import edges')",
        "casestudy/store/reads.py:7: store -> present (imports casestudy.present.style): not an allowed edge "
        "(docs/architecture.md, 'Import edges')",
    ]


def test_the_allow_list_parser_reads_the_table() -> None:
    text = f"# x\n{SECTION} (enforced)\n| unit | may import |\n|---|---|\n| `errors` | - |\n| `store` | `errors`, `records` |\n## next\n| a | b |\n"
    assert allowed_edges(text) == {"errors": set(), "store": {"errors", "records"}}
    with pytest.raises(AssertionError, match="no section"):
        allowed_edges("# nothing")
    assert re.search(r"\| `store` \|", ARCHITECTURE.read_text(encoding="utf-8"))


def test_every_module_is_under_400_lines() -> None:
    """House rule: one concept per module, under 400 lines (split by concept when a module grows)."""
    package = Path(casestudy.__file__).parent
    long = {str(f.relative_to(package)): n for f in sorted(package.rglob("*.py"))
            if (n := len(f.read_text(encoding="utf-8").splitlines())) >= 400}
    assert long == {}

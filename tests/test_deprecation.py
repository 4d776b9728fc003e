"""Moved public paths keep importing for one release, with a DeprecationWarning that names the new path."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from casestudy.deprecation import MOVED_MODULES, RENAMED_NAMES

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("old", sorted(MOVED_MODULES))
def test_a_moved_module_imports_with_a_warning_naming_its_new_home(old: str) -> None:
    new = MOVED_MODULES[old]
    code = (f"import warnings; warnings.simplefilter('error')\n"
            f"try:\n    import {old}\nexcept DeprecationWarning as w:\n    print(w)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    homes = new if isinstance(new, str) else ", ".join(sorted(set(new.values())))
    assert out.stdout.strip() == f"{old} moved to {homes}; import it from there (the old path goes in the next release)"


@pytest.mark.parametrize("old", sorted(MOVED_MODULES))
def test_a_moved_module_serves_the_same_objects(old: str) -> None:
    with pytest.warns(DeprecationWarning):
        sys.modules.pop(old, None)
        module = importlib.import_module(old)
    new = MOVED_MODULES[old]
    if isinstance(new, str):
        assert module is importlib.import_module(new)
    else:
        for name, home in new.items():
            assert getattr(module, name) is getattr(importlib.import_module(home), name)
        assert sorted(dir(module)) == sorted(new)
        with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
            module.nothing  # noqa: B018


def test_the_new_homes_do_not_warn() -> None:
    code = ("import warnings; warnings.simplefilter('error')\n"
            "import casestudy.manifest, casestudy.pt_xyz, casestudy.records, casestudy.store.anchoring\n"
            "import casestudy.store.resolvers, casestudy.coding.informants\n"
            "from casestudy.coding import Codebook, Coding, Transcript, CodingCase, Memo, Coder\n"
            "from casestudy.design.case import DesignCase\n"
            "from casestudy.exchange.model import RefiCase, RefiCode, RefiCoding\n"
            "from casestudy.design.rivals import RIVAL_VERDICTS\n"
            "from casestudy.design.triangulation import TRIANGULATION_VERDICTS\n"
            "from casestudy.stats.audit import AUDIT_VERDICTS\n"
            "from casestudy.design.chain import CHAIN_LEVELS\n"
            "from casestudy.reliability import worked_examples\n"
            "import casestudy.stats.rival_tests, casestudy.reliability.worked_examples\n")
    subprocess.run([sys.executable, "-c", code], check=True)


RENAMED = sorted((owner, old) for owner, names in RENAMED_NAMES.items() for old in names)


@pytest.mark.parametrize(("owner", "old"), RENAMED)
def test_a_renamed_name_warns_naming_its_new_name_and_serves_the_same_object(owner: str, old: str) -> None:
    new_module, new = RENAMED_NAMES[owner][old]
    module = importlib.import_module(owner)
    with pytest.warns(DeprecationWarning) as caught:
        value = getattr(module, old)
    assert [str(w.message) for w in caught] == [
        f"{owner}.{old} moved to {new_module}.{new}; import it from there (the old path goes in the next release)"]
    assert value is getattr(importlib.import_module(new_module), new)
    assert old not in getattr(module, "__all__", ()) and old not in dir(module)
    assert new in getattr(importlib.import_module(new_module), "__all__", [new])


SERVED_BY_PACKAGE = sorted(old for old in MOVED_MODULES
                           if old.rpartition(".")[0] in ("casestudy.coding", "casestudy.reliability", "casestudy.stats"))


@pytest.mark.parametrize("old", SERVED_BY_PACKAGE)
def test_a_moved_module_is_served_as_an_attribute_of_its_package_with_a_warning(old: str) -> None:
    package_name, _, leaf = old.rpartition(".")
    package = importlib.import_module(package_name)
    vars(package).pop(leaf, None)  # an earlier import of the old path left it there
    sys.modules.pop(old, None)
    new = MOVED_MODULES[old]
    homes = new if isinstance(new, str) else ", ".join(sorted(set(new.values())))
    with pytest.warns(DeprecationWarning, match=rf"^{old} moved to {homes}; import it from there") as caught:
        value = getattr(package, leaf)
    assert len(caught) == 1
    assert value is importlib.import_module(new) if isinstance(new, str) else value.__name__ == old
    assert leaf not in package.__all__


def test_each_concept_has_its_own_name() -> None:
    from casestudy.design.case import DesignCase
    from casestudy.exchange.model import RefiCase, RefiCode, RefiCoding
    from casestudy.records import Code, CodingCase, Coding

    assert len({DesignCase, CodingCase, RefiCase}) == 3 and RefiCode is not Code and RefiCoding is not Coding
    assert [c.__name__ for c in (DesignCase, CodingCase, RefiCase, RefiCode, RefiCoding)] == [
        "DesignCase", "CodingCase", "RefiCase", "RefiCode", "RefiCoding"]


def _code_cells(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return "\n".join(line for line in "\n".join(lines).splitlines() if not line.lstrip().startswith(("%", "!")))


def deprecated_uses(source: str) -> list[str]:
    """The imports of an old module path or an old name in ``source`` (``line: what``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name in MOVED_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in MOVED_MODULES:
                found.append(f"{node.lineno}: from {node.module}")
            found += [f"{node.lineno}: from {node.module} import {a.name}" for a in node.names
                      if a.name in RENAMED_NAMES.get(node.module, {}) or f"{node.module}.{a.name}" in MOVED_MODULES]
    return found


def test_the_finder_of_old_names_finds_them() -> None:
    assert deprecated_uses("from casestudy.records import Case, Code\nimport casestudy.stats.rivals\n") == [
        "1: from casestudy.records import Case", "2: import casestudy.stats.rivals"]


def test_no_package_module_notebook_tool_benchmark_or_test_uses_an_old_name_or_path() -> None:
    files = [p for folder in ("casestudy", "tools", "benchmarks", "tests") for p in (ROOT / folder).rglob("*.py")
             if p.name != "test_deprecation.py" and "data" not in p.relative_to(ROOT).parts]
    uses = [f"{p.relative_to(ROOT)}:{u}" for p in files for u in deprecated_uses(p.read_text(encoding="utf-8"))]
    uses += [f"{nb.relative_to(ROOT)} (code cells):{u}" for nb in sorted((ROOT / "notebooks").glob("*.ipynb"))
             for u in deprecated_uses(_code_cells(nb))]
    assert uses == []


@pytest.mark.parametrize(("owner", "new_module", "new"), [
    ("casestudy", "casestudy.design.validity", "assess_validity"),
    ("casestudy.design", "casestudy.design.validity", "assess_validity"),
    ("casestudy.design.validity", "casestudy.design.validity", "assess_validity"),
    ("casestudy.reliability", "casestudy.reliability.result", "assess_agreement"),
    ("casestudy.reliability.result", "casestudy.reliability.result", "assess_agreement"),
])
def test_the_two_assess_functions_have_distinct_names_and_the_old_name_warns(owner, new_module, new) -> None:
    module = importlib.import_module(owner)
    with pytest.warns(DeprecationWarning, match=rf"^{owner}\.assess moved to {new_module}\.{new}; import it from there"):
        old = module.assess
    assert old is getattr(importlib.import_module(new_module), new)
    assert "assess" not in getattr(module, "__all__", []) and "assess" not in dir(module) or owner != "casestudy"

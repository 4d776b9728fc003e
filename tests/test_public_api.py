"""The top-level public API: every name resolves, and importing the package stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import casestudy


@pytest.mark.parametrize("name", sorted(casestudy.API))
def test_every_public_name_resolves_from_its_module(name):
    value = getattr(casestudy, name)
    module = sys.modules[casestudy.API[name]]
    assert value is getattr(module, name)
    assert name in getattr(module, "__all__", [name])


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match=r"^module 'casestudy' has no attribute 'nothing'$"):
        casestudy.nothing  # noqa: B018


def test_import_does_not_pull_in_matplotlib():
    code = "import sys, casestudy; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_subpackages_resolve_lazily_without_matplotlib():
    code = ("import sys, casestudy\n"
            "for name in ('reliability', 'store', 'coding', 'design', 'records', 'provenance', 'stats', 'crm'):\n"
            "    assert getattr(casestudy, name).__name__ == 'casestudy.' + name\n"
            "assert 'matplotlib' not in sys.modules\n"
            "print(casestudy.present.__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "casestudy.present"


def test_dir_lists_the_public_api_only():
    names = dir(casestudy)
    assert names == sorted(casestudy.__all__)
    assert not {"Any", "importlib", "annotations", "_deprecation"} & set(names)
    assert {"reliability", "load_design", "CaseDatabase", "provenance"} <= set(names)
    for name in casestudy.SUBMODULES:
        assert getattr(casestudy, name).__name__ == f"casestudy.{name}"


def test_every_module_all_names_exist():
    import importlib
    import pkgutil

    missing = []
    for info in pkgutil.walk_packages(casestudy.__path__, "casestudy."):
        if info.name.endswith(("widget",)):  # the Jupyter widget needs the front-end stack; tested in tests/view
            continue
        module = importlib.import_module(info.name)
        missing += [f"{info.name}.{n}" for n in getattr(module, "__all__", []) if not hasattr(module, n)]
    assert missing == []

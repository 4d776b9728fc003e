"""Moved public paths keep importing for one release, with a DeprecationWarning that names the new path."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from casestudy.deprecation import MOVED_MODULES


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
            "from casestudy.coding import Codebook, Coding, Transcript, Case, Memo, Coder\n")
    subprocess.run([sys.executable, "-c", code], check=True)


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

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

"""Notebook hygiene: every committed notebook was executed top to bottom, cleanly and portably.

nbval compares stored outputs with fresh ones; a notebook stored without outputs would pass
trivially, so these checks are what make the nbval run mean something.
"""

from __future__ import annotations

import json
import re

import pytest

from casestudy import paths

NOTEBOOKS = sorted(paths.notebooks_dir().glob("*.ipynb"))
ABSOLUTE_PATH = re.compile(r"(?<![\w:/.+=-])/(?:home|root|tmp|work|Users|var|usr|opt)/[\w.-]+")


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_notebooks_exist_and_are_numbered():
    names = [p.name for p in NOTEBOOKS]
    assert "01_orders_2017_2023.ipynb" in names
    assert all(re.match(r"^\d\d_[a-z0-9_]+\.ipynb$", n) for n in names), names
    numbers = [n[:2] for n in names]
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom_without_errors(path):
    cells = _code_cells(_load(path))
    assert cells, "a notebook without code cells"
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    errors = [o for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []
    assert any(c["outputs"] for c in cells), "stored without outputs: nbval would pass trivially"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_volatile_metadata(path):
    nb = _load(path)
    assert nb["metadata"] == {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "pygments_lexer": "ipython3"},
    }
    for cell in nb["cells"]:
        assert "execution" not in cell.get("metadata", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_machine_paths_or_addresses_in_outputs(path):
    for cell in _code_cells(_load(path)):
        for out in cell["outputs"]:
            texts = [out.get("text", "")] + [
                v for k, v in out.get("data", {}).items() if k.startswith("text/")
            ]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                assert not ABSOLUTE_PATH.search(text), text[:200]
                assert not re.search(r" at 0x[0-9a-f]{6,}", text), text[:200]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_sets_inline_backend(path):
    first = "".join(_code_cells(_load(path))[0]["source"])
    assert first.startswith("%matplotlib inline")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_widget_state_or_model_ids(path):
    """A notebook that shows the coding view keeps its static picture, never a live widget's model id."""
    nb = _load(path)
    assert "widgets" not in nb["metadata"]
    for cell in _code_cells(nb):
        for out in cell["outputs"]:
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})
            assert "application/vnd.jupyter.widget-state+json" not in out.get("data", {})

"""tools/run_notebooks.py executes in place and never damages a notebook that fails."""

from __future__ import annotations

import subprocess
import sys

import nbformat

from casestudy import paths

RUNNER = paths.project_root() / "tools" / "run_notebooks.py"


def _write(path, sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)


def test_failing_notebook_is_left_untouched(tmp_path):
    nb = tmp_path / "bad.ipynb"
    _write(nb, ["x = 1", "raise ValueError('boom')"])
    before = nb.read_bytes()
    result = subprocess.run([sys.executable, str(RUNNER), str(nb)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "bad.ipynb: a cell failed; the committed notebook is unchanged." in result.stderr
    assert nb.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ipynb"]


def test_success_writes_outputs_without_timing_and_is_repeatable(tmp_path):
    nb = tmp_path / "good.ipynb"
    _write(nb, ["print(6 * 7)", "{'b': 2, 'a': 1}"])
    for _ in range(2):
        subprocess.run([sys.executable, str(RUNNER), str(nb)], check=True, capture_output=True, timeout=120)
        done = nbformat.read(nb, as_version=4)
        assert [c.execution_count for c in done.cells] == [1, 2]
        assert done.cells[0].outputs[0]["text"] == "42\n"
        assert all("execution" not in c.metadata for c in done.cells)
        assert "version" not in done.metadata["language_info"]
    first = nb.read_bytes()
    subprocess.run([sys.executable, str(RUNNER), str(nb)], check=True, capture_output=True, timeout=120)
    assert nb.read_bytes() == first


def test_split_stream_outputs_are_merged():
    import importlib.util

    spec = importlib.util.spec_from_file_location("run_notebooks", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cell = nbformat.v4.new_code_cell("print('a'); print('b')")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("stream", name="stderr", text="w\n"),
        nbformat.v4.new_output("stream", name="stdout", text="c\n"),
    ]
    module.coalesce_streams(cell)
    assert [(o.name, o.text) for o in cell.outputs] == [("stdout", "a\nb\n"), ("stderr", "w\n"), ("stdout", "c\n")]

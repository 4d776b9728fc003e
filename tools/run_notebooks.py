"""Execute notebooks in place, deterministically, replacing a notebook only on success.

Usage: ``python tools/run_notebooks.py notebooks/01_x.ipynb [...]``

Each notebook runs in a fresh kernel of *this* interpreter (a private kernelspec,
so a stale system ``python3`` kernelspec cannot interfere), from the notebooks
folder, without per-cell timing metadata. Volatile notebook metadata (language
version) is stripped, and consecutive pieces of one output stream are merged (a
``print`` may arrive in several messages on a loaded machine). The result is written to a temporary file and moved over
the original only when every cell succeeded: a failing notebook leaves the
committed file untouched.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL_NAME = "python3"
METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME},
    "language_info": {"name": "python", "pygments_lexer": "ipython3"},
}


def private_kernelspec() -> str:
    """Write a kernelspec for this interpreter into a temporary JUPYTER_PATH; return the folder."""
    root = tempfile.mkdtemp(prefix="casestudy-kernels-")
    spec_dir = Path(root) / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": METADATA["kernelspec"]["display_name"],
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return root


def coalesce_streams(cell: nbformat.NotebookNode) -> None:
    """Merge consecutive stream outputs of the same stream (a ``print`` may arrive in pieces under load)."""
    merged: list[nbformat.NotebookNode] = []
    for out in cell.get("outputs", []):
        prev = merged[-1] if merged else None
        if (out.output_type == "stream" and prev is not None and prev.output_type == "stream"
                and prev.name == out.name):
            prev.text += out.text
        else:
            merged.append(out)
    cell.outputs = merged


def run(path: Path) -> float:
    """Execute one notebook in place; return the wall time in seconds."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name=KERNEL_NAME,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata = nbformat.from_dict(METADATA)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            coalesce_streams(cell)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".ipynb")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        nbformat.write(nb, fh)
    os.replace(tmp, path)
    return elapsed


def main(argv: list[str]) -> int:
    """Run every notebook named in ``argv`` in order; stop at the first failure."""
    if not argv:
        print("usage: run_notebooks.py NOTEBOOK.ipynb...", file=sys.stderr)
        return 2
    os.environ["JUPYTER_PATH"] = private_kernelspec()
    for name in argv:
        path = Path(name)
        try:
            elapsed = run(path)
        except CellExecutionError as exc:
            print(f"{name}: a cell failed; the committed notebook is unchanged.\n{exc}", file=sys.stderr)
            return 1
        print(f"executed {name} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

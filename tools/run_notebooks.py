"""Execute notebooks in place, deterministically, replacing a notebook only on success.

Usage: ``python tools/run_notebooks.py [--jobs N] notebooks/01_x.ipynb [...]``

Notebooks are independent (each builds what it needs through the library), so
``--jobs 2`` runs two at a time; the manifest is written under a file lock.

Each notebook runs in a fresh kernel of *this* interpreter (a private kernelspec,
so a stale system ``python3`` kernelspec cannot interfere), from the notebooks
folder, without per-cell timing metadata. Volatile notebook metadata (language
version) is stripped, and consecutive pieces of one output stream are merged (a
``print`` may arrive in several messages on a loaded machine). A live widget's view (its random model
id) is dropped from outputs, keeping its static text and HTML, so a notebook that shows the coding view
saves no widget state. The result is written to a temporary file and moved over
the original only when every cell succeeded: a failing notebook leaves the
committed file untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL_NAME = "python3"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
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


def drop_widget_views(cell: nbformat.NotebookNode) -> None:
    """Remove live widget views (random model ids) from a cell's outputs; keep their text and HTML."""
    kept: list[nbformat.NotebookNode] = []
    for out in cell.get("outputs", []):
        data = out.get("data")
        if data is not None and WIDGET_VIEW in data:
            del data[WIDGET_VIEW]
            if not data:
                continue
        kept.append(out)
    cell.outputs = kept


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
            drop_widget_views(cell)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".ipynb")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        nbformat.write(nb, fh)
    os.chmod(tmp, 0o644)  # mkstemp makes 0600 files
    os.replace(tmp, path)
    return elapsed


def _run_one(name: str) -> tuple[str, float | None, str]:
    try:
        return name, run(Path(name)), ""
    except CellExecutionError as exc:
        return name, None, str(exc)


def main(argv: list[str]) -> int:
    """Run every notebook named in ``argv``; report each; fail if any failed."""
    parser = argparse.ArgumentParser(prog="run_notebooks.py", description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", "-j", type=int, default=1, help="notebooks to run at once (default 1)")
    parser.add_argument("notebooks", nargs="+", help="notebooks to execute in place")
    args = parser.parse_args(argv)
    os.environ["JUPYTER_PATH"] = private_kernelspec()
    failed = 0
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(_run_one, args.notebooks))
    else:
        results = []
        for name in args.notebooks:
            results.append(_run_one(name))
            if results[-1][1] is None:
                break
    for name, elapsed, error in results:
        if elapsed is None:
            failed += 1
            print(f"{name}: a cell failed; the committed notebook is unchanged.\n{error}", file=sys.stderr)
        else:
            print(f"executed {name} in {elapsed:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

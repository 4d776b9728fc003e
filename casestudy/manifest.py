"""``reports/MANIFEST.json``: every generated file, its SHA-256, who wrote it and from what.

Writers call :func:`record` after writing; tests call :func:`verify` to check
the manifest against the files. Paths are relative to the output root.

Examples
--------
>>> manifest_path().name
'MANIFEST.json'
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from casestudy import paths
from casestudy.checksums import sha256_file

__all__ = ["MANIFEST_NAME", "manifest_path", "record", "load", "verify"]

MANIFEST_NAME = "MANIFEST.json"


def manifest_path() -> Path:
    """Location of the manifest under the output root."""
    return paths.reports_dir() / MANIFEST_NAME


def load() -> dict[str, dict[str, object]]:
    """Return the manifest's ``files`` mapping (empty when there is no manifest yet)."""
    p = manifest_path()
    if not p.exists():
        return {}
    return dict(json.loads(p.read_text(encoding="utf-8"))["files"])


def _key(path: str | os.PathLike[str]) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else paths.display_path(p)


def record(
    written: Iterable[str | os.PathLike[str]],
    written_by: str,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Add or update manifest entries for files just written.

    Parameters
    ----------
    written : iterable of path-like
        Files the caller has written (under the output root).
    written_by : str
        The notebook or command that wrote them, e.g.
        ``"notebooks/01_orders_2017_2023.ipynb"`` or ``"casestudy qdpx export"``.
    inputs : iterable of path-like
        Files read to produce them: absolute paths, or paths relative to the
        project root such as ``"data/published/orders_per_year.csv"``.

    Returns
    -------
    pathlib.Path
        The manifest's path. The file is replaced atomically and written with
        sorted keys so that the same outputs give the same bytes.
    """
    p = manifest_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    input_keys = sorted({_key(i) for i in inputs})
    entries: dict[str, dict[str, object]] = {_key(w): {"sha256": sha256_file(w), "written_by": written_by, "inputs": input_keys} for w in written}
    # Serialise read-modify-write across processes (notebooks may run side by side).
    with open(p.parent / ".manifest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        files = load()
        files.update(entries)
        text = json.dumps({"files": dict(sorted(files.items()))}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".manifest-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files
        os.replace(tmp, p)
    return p


def verify(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Compare the manifest with the files under ``reports/`` and ``data/synthetic/``.

    Returns
    -------
    pandas.DataFrame
        One row per problem with columns ``path`` and ``problem`` (``missing
        file``, ``checksum differs``, ``not in manifest``, ``input missing``);
        empty when the manifest is true.
    """
    base = Path(root) if root else paths.output_root()
    mpath = base / "reports" / MANIFEST_NAME
    files = json.loads(mpath.read_text(encoding="utf-8"))["files"] if mpath.exists() else {}
    problems: list[tuple[str, str]] = []
    for rel, entry in files.items():
        f = base / rel
        if not f.exists():
            problems.append((rel, "missing file"))
        elif sha256_file(f) != entry["sha256"]:
            problems.append((rel, "checksum differs"))
        for inp in entry.get("inputs", []):
            if not ((base / inp).exists() or (paths.project_root() / inp).exists()):
                problems.append((rel, f"input missing: {inp}"))
    on_disk = [
        p for d in ("reports", "data/synthetic") if (base / d).exists()
        for p in sorted((base / d).rglob("*")) if p.is_file() and p.name != MANIFEST_NAME
        and not p.name.startswith(".")
    ]
    for p in on_disk:
        rel = p.relative_to(base).as_posix()
        if rel not in files:
            problems.append((rel, "not in manifest"))
    return pd.DataFrame(problems, columns=["path", "problem"])

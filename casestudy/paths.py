"""Every location the package reads or writes, resolved from the project root.

Nothing else in the package builds paths by hand. Outputs go under the
*output root*, which is the project root unless ``CASESTUDY_OUTPUT_ROOT`` is
set: the test suite points it at a temporary directory so that running the
notebooks under nbval never rewrites the committed ``reports/``.

Examples
--------
>>> project_root().joinpath("pyproject.toml").is_file()
True
>>> display_path(reports_dir() / "tables" / "x.csv")
'reports/tables/x.csv'
"""

from __future__ import annotations

import os
from pathlib import Path

from casestudy.provenance import PUBLISHED, SYNTHETIC

__all__ = [
    "OUTPUT_ROOT_ENV",
    "project_root",
    "find_project_root",
    "output_root",
    "data_dir",
    "published_dir",
    "design_dir",
    "codebooks_dir",
    "corpus_dir",
    "synthetic_dir",
    "reports_dir",
    "figures_dir",
    "tables_dir",
    "build_dir",
    "notebooks_dir",
    "display_path",
]

OUTPUT_ROOT_ENV = "CASESTUDY_OUTPUT_ROOT"
_MARKERS = ("pyproject.toml", "data")


def _starts() -> list[Path]:
    starts = []
    if os.environ.get("CASESTUDY_PROJECT_ROOT"):
        starts.append(Path(os.environ["CASESTUDY_PROJECT_ROOT"]))
    return starts + [Path(__file__).resolve().parent, Path.cwd()]


def find_project_root() -> Path | None:
    """The project root (see :func:`project_root`), or None outside a checkout of this repository.

    A researcher's own study (``casestudy init``) needs none: its files resolve
    against the design or codebook file that names them.
    """
    for start in _starts():
        for folder in (start, *start.parents):
            if all((folder / m).exists() for m in _MARKERS):
                return folder
    return None


def project_root() -> Path:
    """Return the project root: the nearest folder holding ``pyproject.toml`` and ``data/``.

    The search starts from ``CASESTUDY_PROJECT_ROOT`` if set, else from this
    file's folder (an editable install), else from the working directory. Only the
    PT. XYZ reproduction needs it.
    """
    found = find_project_root()
    if found is not None:
        return found
    starts = _starts()
    raise FileNotFoundError(
        "'project root' must be a folder holding pyproject.toml and data/ "
        f"(got none above {', '.join(str(s) for s in starts)}); set CASESTUDY_PROJECT_ROOT"
    )


def output_root() -> Path:
    """Root under which ``reports/`` and generated data are written (the working directory outside a checkout)."""
    env = os.environ.get(OUTPUT_ROOT_ENV)
    return Path(env).resolve() if env else (find_project_root() or Path.cwd())


def data_dir() -> Path:
    """The project's ``data/`` folder (inputs; read-only for the package)."""
    return project_root() / "data"


def published_dir() -> Path:
    """Numbers the paper prints, as tidy CSV with their section."""
    return data_dir() / PUBLISHED


def design_dir() -> Path:
    """Case study design files (YAML)."""
    return data_dir() / "design"


def codebooks_dir() -> Path:
    """Codebooks (YAML)."""
    return data_dir() / "codebooks"


def corpus_dir() -> Path:
    """The illustrative PT. XYZ corpus: transcripts, field notes, documents, codings."""
    return data_dir() / "corpus"


def synthetic_dir() -> Path:
    """Synthetic data written by seeded code (under the output root)."""
    return output_root() / "data" / SYNTHETIC


def reports_dir() -> Path:
    """Generated reports (under the output root)."""
    return output_root() / "reports"


def figures_dir() -> Path:
    """Generated figures."""
    return reports_dir() / "figures"


def tables_dir() -> Path:
    """Generated tables."""
    return reports_dir() / "tables"


def build_dir() -> Path:
    """Scratch space for rebuilt artefacts that are not committed (the case study database)."""
    return output_root() / "build"


def notebooks_dir() -> Path:
    """The numbered notebooks."""
    return project_root() / "notebooks"


def display_path(path: str | os.PathLike[str]) -> str:
    """Show ``path`` relative to the output root or project root, never absolute.

    Parameters
    ----------
    path : path-like
        Any path under the output root or the project root.

    Returns
    -------
    str
        A POSIX relative path such as ``reports/tables/x.csv`` (relative to the output
        root, the project root or the working directory); the bare file name when the
        path lies elsewhere.
    """
    p = Path(path).resolve()
    roots = [output_root(), find_project_root(), Path.cwd()]
    for root in (r for r in roots if r is not None):
        try:
            return p.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return p.name

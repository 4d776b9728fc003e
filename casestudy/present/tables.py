"""Write result tables as CSV, Markdown and LaTeX, and record them in the manifest.

Tables built from synthetic or illustrative data carry a ``provenance`` column
in CSV and a visible note in Markdown and LaTeX.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from casestudy import paths
from casestudy.errors import ReportError, expectation
from casestudy import manifest
from casestudy.provenance import LABELS as PROVENANCE_LABELS
from casestudy.provenance import check as check_provenance
from casestudy.provenance import PUBLISHED

__all__ = ["write_table", "to_markdown", "to_latex"]


def to_markdown(df: pd.DataFrame, caption: str | None = None, provenance: str = PUBLISHED) -> str:
    """Render ``df`` as a GitHub Markdown table with an optional caption and provenance note."""
    lines = []
    if caption:
        lines += [f"**{caption}**", ""]
    lines.append(df.astype(object).where(df.notna(), None).to_markdown(index=False, missingval=""))
    if provenance in PROVENANCE_LABELS:
        lines += ["", f"*{PROVENANCE_LABELS[provenance]}.*"]
    return "\n".join(lines) + "\n"


def to_latex(df: pd.DataFrame, caption: str | None = None, provenance: str = PUBLISHED, label: str | None = None) -> str:
    """Render ``df`` as a LaTeX ``table`` (booktabs) with caption and provenance note."""
    cap = caption or ""
    if provenance in PROVENANCE_LABELS:
        cap = f"{cap} ({PROVENANCE_LABELS[provenance]}.)".strip()
    return df.to_latex(index=False, caption=cap or None, label=label, escape=True, float_format="%.4g")


def write_table(
    df: pd.DataFrame,
    name: str,
    *,
    written_by: str,
    provenance: str,
    subdir: str = "",
    inputs: Iterable[str | os.PathLike[str]] = (),
    formats: tuple[str, ...] = ("csv",),
    caption: str | None = None,
) -> list[Path]:
    """Write ``df`` to ``reports/tables/<subdir>/<name>.<fmt>`` for each format and record it.

    Parameters
    ----------
    df : pandas.DataFrame
    name : str
        File stem.
    written_by : str
        Notebook or command writing it.
    provenance : {'published', 'empirical', 'illustrative', 'synthetic'}
        Illustrative or synthetic tables get a ``provenance`` column (CSV) and a note.
    subdir : str
        Optional sub-folder of ``reports/tables``.
    inputs : iterable of path-like
        Files the table was built from.
    formats : tuple of str
        Any of ``csv``, ``md``, ``tex``.
    caption : str, optional
        Caption for Markdown and LaTeX.

    Returns
    -------
    list of pathlib.Path
    """
    check_provenance(provenance, error=ReportError)
    if provenance in PROVENANCE_LABELS and "provenance" not in df.columns:
        df = df.assign(provenance=provenance)
    folder = paths.tables_dir() / subdir
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        out = folder / f"{name}.{fmt}"
        if fmt == "csv":
            df.to_csv(out, index=False, lineterminator="\n")
        elif fmt == "md":
            out.write_text(to_markdown(df, caption, provenance), encoding="utf-8", newline="\n")
        elif fmt == "tex":
            out.write_text(to_latex(df, caption, provenance, label=f"tab:{name}"), encoding="utf-8", newline="\n")
        else:
            raise ReportError(expectation("formats", "a tuple of csv, md, tex", formats))
        written.append(out)
    manifest.record(written, written_by, inputs)
    return written

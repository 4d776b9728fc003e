"""House style for figures and deterministic saving (PNG, SVG, PDF).

The only place that sets matplotlib's global state. Figures are saved without
dates or version stamps and with a fixed SVG hash salt, so the same figure
gives the same bytes on every run with the pinned versions.

A figure built from synthetic or illustrative data carries a visible label
(:func:`label_provenance`), added by :func:`save_figure` when ``provenance``
says so.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import matplotlib

from casestudy import paths
from casestudy.errors import ReportError, expectation
from casestudy.provenance import LABELS
from casestudy.provenance import check as check_provenance
from casestudy import manifest

__all__ = [
    "COLUMN_WIDTH_IN",
    "PALETTE",
    "apply_style",
    "label_provenance",
    "save_figure",
]

#: Text width of the paper's single column, in inches (A4 with 2.5 cm margins).
COLUMN_WIDTH_IN = 6.3
#: Colour-blind-safe palette (Okabe-Ito), one colour per Buttle stage in order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")


def apply_style() -> None:
    """Set the house rcParams (fonts, sizes, deterministic SVG ids)."""
    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.titlesize": 10,
            "axes.labelsize": 9,
            "legend.fontsize": 8,
            "xtick.labelsize": 8,
            "ytick.labelsize": 8,
            "figure.dpi": 100,
            "savefig.dpi": 300,
            "svg.hashsalt": "casestudy",
            "svg.fonttype": "path",
            "pdf.fonttype": 42,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def label_provenance(fig: "matplotlib.figure.Figure", provenance: str) -> None:
    """Stamp a visible provenance label at the foot of ``fig`` when the data are not published.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    provenance : {'published', 'empirical', 'illustrative', 'synthetic'}
        One of :data:`casestudy.provenance.PROVENANCES`; labels come from :data:`casestudy.provenance.LABELS`.
    """
    text = LABELS.get(check_provenance(provenance, error=ReportError))
    if text and not any(getattr(t, "_casestudy_provenance", False) for t in fig.texts):
        t = fig.text(0.5, 0.005, text, ha="center", va="bottom",
                     fontsize=7, color="#A00000", style="italic")
        t._casestudy_provenance = True  # type: ignore[attr-defined]


def save_figure(
    fig: "matplotlib.figure.Figure",
    name: str,
    *,
    written_by: str,
    provenance: str,
    subdir: str = "",
    inputs: Iterable[str | os.PathLike[str]] = (),
    formats: tuple[str, ...] = ("png", "svg", "pdf"),
    dpi: int = 300,
) -> list[Path]:
    """Save ``fig`` under ``reports/figures/<subdir>/<name>.<fmt>`` and record it in the manifest.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem, e.g. ``"orders_per_year"``.
    written_by : str
        Notebook or command writing the figure (for the manifest).
    provenance : {'published', 'empirical', 'illustrative', 'synthetic'}
        What the figure's data are (the weakest of its inputs); illustrative and synthetic figures
        get a label.
    subdir : str
        Optional sub-folder of ``reports/figures``.
    inputs : iterable of path-like
        Files the figure was built from.
    formats : tuple of str
        Any of ``png``, ``svg``, ``pdf``.
    dpi : int
        Resolution of the PNG.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    apply_style()
    label_provenance(fig, provenance)
    folder = paths.figures_dir() / subdir
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}
    written = []
    for fmt in formats:
        if fmt not in metadata:
            raise ReportError(expectation("formats", "a tuple of png, svg, pdf", formats))
        out = folder / f"{name}.{fmt}"
        fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata[fmt], bbox_inches="tight", pad_inches=0.05)
        written.append(out)
    manifest.record(written, written_by, inputs)
    return written

"""Regenerate the paper's figures (Gambar 1-6) and tables (Tabel 1, 2) with bilingual captions.

Figures are drawn from the framework and design objects
(:mod:`casestudy.present.diagrams`, :mod:`casestudy.present.design_diagram`),
checked for text overlaps and cut-off text at the paper's column width, and
saved as PNG (300 dpi), SVG and PDF under ``reports/figures/paper/``; tables
come from :func:`casestudy.crm.ledger.tabel1_schema` and
:func:`casestudy.published.orders_per_year` and are written as CSV, Markdown
and LaTeX under ``reports/tables/paper/``. Captions (Indonesian and English,
saying each is a reconstruction) go to ``reports/figures/paper/captions.md``.

Examples
--------
>>> figs = paper_figures(design=None)
>>> sorted(figs)
['gambar_1', 'gambar_3', 'gambar_4', 'gambar_5', 'gambar_6']
>>> t = paper_tables()
>>> t["tabel_2"].columns.tolist()
['Tahun (year)', 'Transaksi (orders)']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from casestudy import paths, published
from casestudy.crm.ledger import tabel1_schema
from casestudy.framework import BUTTLE_2004, CRMFramework
from casestudy import manifest
from casestudy.present.captions import caption, captions_markdown
from casestudy.present.diagrams import DIAGRAMS
from casestudy.present.layout import assert_clean_layout
from casestudy.present.style import save_figure
from casestudy.present.tables import write_table
from casestudy.provenance import PUBLISHED

__all__ = ["paper_figures", "paper_tables", "write_paper_outputs", "SUBDIR"]

SUBDIR = "paper"


def paper_figures(framework: CRMFramework = BUTTLE_2004, design: Any | None = None, language: str = "en",
                  firm: str = "PT. XYZ") -> dict[str, Figure]:
    """Draw every paper figure that the given objects allow, in paper order.

    Parameters
    ----------
    framework : CRMFramework
        Drawn in Gambar 1, 3, 4, 5 and 6.
    design : CaseStudyDesign or None
        Drawn in Gambar 2; without a design Gambar 2 is left out (never faked).
    language : {'en', 'id'}
    firm : str
        The firm's name at the centre of Gambar 3.
    """
    figs: dict[str, Figure] = {}
    for name, draw in DIAGRAMS.items():
        if name == "gambar_3":
            figs[name] = draw(framework, language, firm=firm)
        else:
            figs[name] = draw(framework, language)
        if name == "gambar_1" and design is not None:
            from casestudy.present.design_diagram import draw_case_study_stages

            figs["gambar_2"] = draw_case_study_stages(design, language)
    return figs


def paper_tables() -> dict[str, pd.DataFrame]:
    """Tabel 1 (customer database variables, from the ledger schema) and Tabel 2 (orders per year)."""
    t1 = tabel1_schema().rename(columns={
        "variable_id": "Variabel", "sub_variable_id": "Sub variabel", "variable_en": "Variable (en)",
        "table": "Table", "column": "Column", "meaning_en": "Meaning (en)"})
    orders = published.orders_per_year()
    t2 = pd.DataFrame({"Tahun (year)": orders["year"].astype(int), "Transaksi (orders)": orders["orders"].astype(int)})
    return {"tabel_1": t1, "tabel_2": t2}


def write_paper_outputs(*, written_by: str, framework: CRMFramework = BUTTLE_2004, design: Any | None = None,
                        languages: tuple[str, ...] = ("en", "id"), firm: str = "PT. XYZ",
                        inputs: tuple[str, ...] = (), formats: tuple[str, ...] = ("png", "svg", "pdf")) -> list[Path]:
    """Check and save every paper figure and table, and the captions file; return the files written.

    English figures are named ``gambar_N``; other languages get a suffix (``gambar_N_id``).
    A figure whose text overlaps or is cut off raises ``AssertionError`` before anything is saved.
    """
    written: list[Path] = []
    for lang in languages:
        figs = paper_figures(framework, design, lang, firm)
        for name, fig in figs.items():
            assert_clean_layout(fig, f"{name} ({lang})")
        for name, fig in figs.items():
            stem = name if lang == "en" else f"{name}_{lang}"
            written += save_figure(fig, stem, written_by=written_by, provenance=PUBLISHED, subdir=SUBDIR,
                                   inputs=inputs, formats=formats)
    tabel_inputs = {"tabel_1": (), "tabel_2": ("data/published/orders_per_year.csv",)}
    for name, df in paper_tables().items():
        cap = f"{caption(name, 'id')} / {caption(name, 'en')}"
        written += write_table(df, name, written_by=written_by, provenance=PUBLISHED, subdir=SUBDIR, formats=("csv", "md", "tex"), caption=cap,
                               inputs=tabel_inputs[name])
    cap_path = paths.figures_dir() / SUBDIR / "captions.md"
    cap_path.parent.mkdir(parents=True, exist_ok=True)
    cap_path.write_text(captions_markdown(), encoding="utf-8", newline="\n")
    manifest.record([cap_path], written_by)
    return [*written, cap_path]

"""The analysis figures of the notebooks pass the same text-layout check as the paper figures."""

from __future__ import annotations

import matplotlib.pyplot as plt

from casestudy import paths, published
from casestudy.coding import queries
from casestudy.coding.codebook_yaml import load_codebook
from casestudy.pt_xyz import build_case_database
from casestudy.design import load_design, triangulation_matrix
from casestudy.present.coding_plots import plot_code_by_informant
from casestudy.present.design_plots import triangulation_figure
from casestudy.present.layout import layout_problems
from casestudy.present.style import label_provenance
from casestudy.stats.rival_tests import rival_tests
from casestudy.store import CaseDatabase, FixedClock


def test_code_by_informant_has_no_overlap_or_clipping(tmp_path):
    path = build_case_database(tmp_path / "pt.sqlite", clock=FixedClock(), coders=("coder_a",))
    with CaseDatabase(path, clock=FixedClock()) as db:
        matrix = queries.code_by_informant(db, coder="coder_a")
        codes = db.codes()
    codebook = load_codebook(paths.codebooks_dir() / "buttle_crm.yaml")
    fig = plot_code_by_informant(
        matrix,
        labels=dict(zip(codes["code_id"], codes["label_en"])),
        stages={c: codebook.root(c) for c in matrix.index},
        stage_labels={c.id: c.label_en for c in codebook.children(None)},
        title="Coder A's codings per code and informant (illustrative corpus)",
    )
    label_provenance(fig, "illustrative")
    try:
        assert layout_problems(fig).to_dict("records") == []
    finally:
        plt.close(fig)


def test_triangulation_matrix_has_no_overlap_or_clipping():
    design = load_design(paths.design_dir() / "pt_xyz.yaml")
    resolution = design.resolve(tables={**published.tables(), "rival_tests": rival_tests()})
    fig = triangulation_figure(triangulation_matrix(design, resolution))
    label_provenance(fig, "illustrative")
    try:
        assert layout_problems(fig).to_dict("records") == []
    finally:
        plt.close(fig)

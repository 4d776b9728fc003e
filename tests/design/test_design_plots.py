"""Figures of the design (casestudy.present.design_plots): built from the objects, saved with provenance."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from casestudy import paths  # noqa: E402
from casestudy.design import ChainOfEvidence, triangulation_matrix  # noqa: E402
from casestudy.present.design_plots import chain_figure, collapsed_chain, triangulation_figure  # noqa: E402
from casestudy.present.style import save_figure  # noqa: E402


def test_collapsed_chain_weights_and_status(mini):
    texts = {"int_a": "I1: gamma", "doc_a": "beta delta"}  # 'alpha' is gone: e1 and e6 break
    g = collapsed_chain(ChainOfEvidence(mini, mini.resolve(texts=texts)))
    assert "e1" not in g
    assert g.edges["f1", "int_a"] == {"weight": 1, "status": "broken"}
    assert g.edges["f2", "doc_a"] == {"weight": 1, "status": "resolved"}
    assert g.edges["int_a", "pq1"]["status"] == "resolved"


def test_figures_are_saved_with_their_label(mini):
    fig = triangulation_figure(triangulation_matrix(mini))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["f1", "f2"]
    written = save_figure(fig, "triangulation_matrix", written_by="test", provenance="illustrative")
    assert sorted(p.name for p in written) == ["triangulation_matrix.pdf", "triangulation_matrix.png",
                                              "triangulation_matrix.svg"]
    assert all(paths.figures_dir() in p.parents for p in written)
    assert any("Illustrative data" in t.get_text() for t in fig.texts)
    fig2 = chain_figure(ChainOfEvidence(mini))
    labels = {t.get_text() for t in fig2.axes[0].texts}
    assert {"q1", "p1", "f1", "r1", "int_a", "pq1"} <= labels
    plt.close("all")

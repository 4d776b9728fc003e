"""CRM figures: unobservable cohort cells stay blank; synthetic figures carry the label when saved."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from casestudy.crm.lifecycle import cohort_retention  # noqa: E402
from casestudy.crm.synthetic import generate_ledger  # noqa: E402
from casestudy.present.crm_plots import plot_cohort_retention  # noqa: E402
from casestudy.present.style import save_figure  # noqa: E402


def test_cohort_heatmap_labels_only_observable_cells(tmp_path, monkeypatch):
    monkeypatch.setenv("CASESTUDY_OUTPUT_ROOT", str(tmp_path))
    m = cohort_retention(generate_ledger(1).orders, "2023-12-31")
    fig = plot_cohort_retention(m)
    observable = int(m.retention.notna().to_numpy().sum())
    assert len(fig.axes[0].texts) == observable == 7 + 6 + 5 + 4 + 3 + 2  # cohorts 2017-2022, none in 2023
    written = save_figure(fig, "cohort_retention", written_by="test", provenance="synthetic")
    assert [p.suffix for p in written] == [".png", ".svg", ".pdf"]
    assert any("Synthetic data" in t.get_text() for t in fig.texts)
    plt.close(fig)

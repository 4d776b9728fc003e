"""The reliability figure: one row per code, pooled last and bold, thresholds drawn."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from casestudy.present.reliability_plots import plot_reliability  # noqa: E402


def test_rows_thresholds_and_undefined_codes():
    s = pd.DataFrame({"code": ["x", "y", "z", "(pooled)"], "krippendorff_alpha": [0.9, 0.5, float("nan"), 0.7],
                      "ci_low": [0.8, 0.2, float("nan"), 0.6], "ci_high": [1.0, 0.7, float("nan"), 0.8],
                      "n_coded": [5, 4, 0, 9]})
    fig = plot_reliability(s, labels={"x": "Code X"})
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["(pooled)", "z (n=0)", "y (n=4)", "Code X (n=5)"]
    assert ax.get_yticklabels()[0].get_fontweight() == "bold"
    assert sorted(round(line.get_xdata()[0], 3) for line in ax.lines) == [0.0, 0.667, 0.8]
    assert "undefined" in [t.get_text() for t in ax.texts]
    plt.close(fig)

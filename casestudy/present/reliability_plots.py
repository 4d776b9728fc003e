"""Figure of intercoder reliability: Krippendorff's alpha per code with its interval and thresholds.

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"code": ["a", "b", "(pooled)"], "krippendorff_alpha": [0.9, 0.55, 0.74],
...                   "ci_low": [0.8, 0.3, 0.65], "ci_high": [1.0, 0.75, 0.82],
...                   "percent_agreement": [0.97, 0.9, 0.95], "n_coded": [12, 8, 20]})
>>> fig = plot_reliability(s)
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['(pooled)', 'b (n=8)', 'a (n=12)']
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from casestudy.present.style import COLUMN_WIDTH_IN, PALETTE, apply_style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["plot_reliability"]

_RELY, _TENTATIVE = 0.800, 0.667


def plot_reliability(summary: pd.DataFrame, labels: Mapping[str, str] | None = None, pooled: str = "(pooled)",
                     title: str | None = None) -> "Figure":
    """Dot-and-whisker chart of alpha per code (bootstrap 95% interval), pooled row at the bottom.

    Parameters
    ----------
    summary : pandas.DataFrame
        A reliability summary: ``code, krippendorff_alpha, ci_low, ci_high`` and optionally ``n_coded``.
    labels : mapping of str to str, optional
        Display label per code id.
    pooled : str
        Code name of the pooled row (drawn last, in bold).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Dashed lines mark Krippendorff's thresholds (0.667 tentative, 0.800 rely). Codes whose
    alpha is undefined are listed with an ``undefined`` marker at 0.
    """
    import matplotlib.pyplot as plt

    apply_style()
    labels = dict(labels or {})
    rows = summary[summary["code"] != pooled].iloc[::-1]
    rows = pd.concat([summary[summary["code"] == pooled], rows])
    height = max(2.2, 0.17 * len(rows) + 0.9)
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN, height))
    y = np.arange(len(rows))
    alpha = rows["krippendorff_alpha"].to_numpy(dtype=float)
    low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
    colour = np.where(alpha >= _RELY, PALETTE[2], np.where(alpha >= _TENTATIVE, PALETTE[1], PALETTE[4]))
    ok = ~np.isnan(alpha)
    has_ci = ok & ~np.isnan(low)
    ax.hlines(y[has_ci], low[has_ci], high[has_ci], color="#777777", linewidth=1)
    ax.scatter(alpha[ok], y[ok], c=list(colour[ok]), s=22, zorder=3)
    for yi in y[~ok]:
        ax.text(0.0, yi, "undefined", va="center", ha="left", fontsize=7, color="#555555")
    ax.axvline(_TENTATIVE, color=PALETTE[1], linestyle="--", linewidth=0.8)
    ax.axvline(_RELY, color=PALETTE[2], linestyle="--", linewidth=0.8)
    ax.axvline(0.0, color="#BBBBBB", linewidth=0.6)
    names = []
    for r in rows.itertuples():
        code = cast(str, r.code)
        name = labels.get(code, code)
        if code != pooled and "n_coded" in rows.columns:
            name = f"{name} (n={int(cast(int, r.n_coded))})"
        names.append(name)
    ax.set_yticks(y, names)
    for tick, code in zip(ax.get_yticklabels(), rows["code"]):
        if code == pooled:
            tick.set_fontweight("bold")
    finite = np.concatenate([alpha[ok], low[has_ci]])
    left = min(-0.1, float(np.nanmin(finite)) - 0.05) if finite.size else -0.1
    ax.set_xlim(left, 1.02)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel("Krippendorff's alpha (nominal), with bootstrap 95% interval")
    ax.text(_TENTATIVE, len(rows) - 0.35, "0.667", ha="right", va="bottom", fontsize=7, color=PALETTE[1])
    ax.text(_RELY, len(rows) - 0.35, "0.800", ha="left", va="bottom", fontsize=7, color=PALETTE[2])
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig

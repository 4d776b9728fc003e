"""Figure of the interview coding: a code x informant heatmap grouped by Buttle stage.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"inf01": [2, 0], "inf02": [1, 3]}, index=pd.Index(["lifecycle_acquire", "value_plain_language"],
...                  name="code_id"))
>>> fig = plot_code_by_informant(m, labels={"lifecycle_acquire": "Acquire"}, stages={"lifecycle_acquire": "lifecycle",
...                              "value_plain_language": "value"})
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Acquire', 'value_plain_language']
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

import textwrap

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from casestudy.present.style import COLUMN_WIDTH_IN, PALETTE, apply_style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

__all__ = ["plot_code_by_informant"]

_STAGE_ORDER = ("portfolio", "intimacy", "network", "value", "lifecycle")


def plot_code_by_informant(matrix: pd.DataFrame, labels: Mapping[str, str] | None = None,
                           stages: Mapping[str, str] | None = None, title: str | None = None,
                           stage_labels: Mapping[str, str] | None = None) -> "Figure":
    """Heatmap of coding counts: codes (rows, in the matrix's order) x informants (columns).

    Parameters
    ----------
    matrix : pandas.DataFrame
        Counts, index code ids, columns informant ids (e.g. ``queries.code_by_informant``).
    labels : mapping, optional
        Code id -> display label.
    stages : mapping, optional
        Code id -> stage id; rows get a stage colour strip (Buttle stages in the house palette).
    title : str, optional
    stage_labels : mapping, optional
        Stage id -> label for the legend of the strip.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    apply_style()
    labels = dict(labels or {})
    stages = dict(stages or {})
    values = matrix.to_numpy(dtype=float)
    height = max(2.5, 0.17 * len(matrix) + 1.2)
    fig, (strip, ax) = plt.subplots(1, 2, figsize=(COLUMN_WIDTH_IN, height), sharey=True, layout="constrained",
                                    gridspec_kw={"width_ratios": [0.25, max(len(matrix.columns), 1)]})
    # Leave a strip at the foot for the provenance label that save_figure stamps.
    cast("ConstrainedLayoutEngine", fig.get_layout_engine()).set(w_pad=0.02, h_pad=0.04, wspace=0.0,
                                                                  rect=(0, 0.3 / height, 1, 1 - 0.3 / height))
    shown = np.where(values > 0, values, np.nan)
    image = ax.imshow(shown, aspect="auto", cmap="Blues", vmin=0, vmax=max(1.0, np.nanmax(values) if values.size
                                                                          else 1.0), interpolation="nearest")
    for (i, j), v in np.ndenumerate(values):
        if v > 0:
            ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=6,
                    color="white" if v > 0.6 * np.nanmax(values) else "black")
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=90)
    ax.set_yticks(range(len(matrix)), [labels.get(c, c) for c in matrix.index], fontsize=6)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Informant (pseudonymised)")
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(_STAGE_ORDER)}
    others = sorted({s for s in stages.values() if s not in colours})
    colours.update({s: "#999999" if i % 2 == 0 else "#CCCCCC" for i, s in enumerate(others)})
    for i, code in enumerate(matrix.index):
        strip.add_patch(plt.Rectangle((0, i - 0.5), 1, 1, color=colours.get(stages.get(code, ""), "#FFFFFF")))
    strip.set_xlim(0, 1)
    strip.set_xticks([])
    strip.tick_params(axis="y", length=0)
    for spine in (*strip.spines.values(), *ax.spines.values()):
        spine.set_visible(False)
    if stages:
        from matplotlib.patches import Patch

        used = [s for s in (*_STAGE_ORDER, *others) if s in set(stages.values())]
        names = dict(stage_labels or {})
        fig.legend(handles=[Patch(color=colours[s], label=textwrap.fill(names.get(s, s), 18)) for s in used],
                   loc="outside right upper", ncol=1, frameon=False, fontsize=6)
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01, label="codings")
    fig.suptitle(title or "Coded segments per code and informant", fontsize=10)
    return fig

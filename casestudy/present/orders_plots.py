"""Figures of the published yearly order counts (Tabel 2).

Examples
--------
>>> import pandas as pd
>>> fig = plot_orders_per_year(pd.DataFrame({"year": [2019, 2020, 2021], "orders": [27, 16, 21]}))
>>> [t.get_text() for t in fig.axes[0].texts]
['27', '16', '21', 'COVID-19 (2020)']
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from casestudy.present.style import COLUMN_WIDTH_IN, PALETTE, apply_style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["plot_orders_per_year"]


def plot_orders_per_year(
    df: pd.DataFrame,
    time: str = "year",
    value: str = "orders",
    mark_year: int | None = 2020,
    mark_label: str = "COVID-19 (2020)",
) -> "Figure":
    """Bar chart of orders per year with one year (COVID-19, 2020) marked.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per year.
    time, value : str
        Column names.
    mark_year : int or None
        Year to shade and label; ``None`` marks nothing.
    mark_label : str
        Label of the marked year.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    apply_style()
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN * 0.75, 2.8))
    years = df[time].astype(int).tolist()
    values = df[value].astype(int).tolist()
    colours = [PALETTE[4] if y == mark_year else PALETTE[0] for y in years]
    bars = ax.bar(years, values, color=colours, width=0.7)
    ax.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=8)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlabel("Year")
    ax.set_ylabel("Orders")
    ax.set_ylim(0, max(values) * 1.25)
    ax.set_title("Orders per year (Tabel 2, as published)")
    if mark_year in years:
        top = values[years.index(mark_year)]
        ax.annotate(mark_label, xy=(mark_year, top + max(values) * 0.1), xytext=(mark_year, max(values) * 1.12),
                    ha="center", fontsize=8, color=PALETTE[4],
                    arrowprops={"arrowstyle": "-", "color": PALETTE[4], "lw": 0.8})
    fig.tight_layout()
    return fig

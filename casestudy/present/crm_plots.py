"""Figures of the orders models and the CRM analytics (segment shares, cohort retention).

Figures built from synthetic ledgers say so in their titles, and
:func:`casestudy.present.style.save_figure` stamps the provenance label when
called with ``provenance="synthetic"``.

Examples
--------
>>> import pandas as pd
>>> from casestudy.stats.counts_models import fit_orders_models
>>> orders = pd.DataFrame({"year": range(2017, 2024), "orders": [10, 19, 27, 16, 21, 34, 31]})
>>> fig = plot_orders_model_fit(orders, fit_orders_models(orders))
>>> [line.get_label() for line in fig.axes[0].get_lines()]
['Poisson: trend', 'Poisson: trend + 2020', 'Negative binomial: trend']
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from casestudy.present.style import COLUMN_WIDTH_IN, PALETTE, apply_style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from casestudy.crm.lifecycle import CohortMatrix
    from casestudy.stats.counts_models import OrdersModels

__all__ = ["plot_orders_model_fit", "plot_segment_shares", "plot_cohort_retention", "plot_assumption_sensitivity"]

_MODELS = (("poisson_trend", "Poisson: trend", "-"), ("poisson_trend_2020", "Poisson: trend + 2020", "--"),
           ("negbin_trend", "Negative binomial: trend", ":"))


def plot_orders_model_fit(orders: pd.DataFrame, models: "OrdersModels", year: str = "year",
                          count: str = "orders") -> "Figure":
    """Observed yearly orders with the fitted means of the Poisson and negative-binomial models."""
    import matplotlib.pyplot as plt

    apply_style()
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN * 0.75, 2.8))
    years = orders[year].astype(int).to_numpy()
    ax.scatter(years, orders[count], color="black", zorder=3, s=18, label="Orders (Tabel 2)")
    for i, (key, label, style) in enumerate(_MODELS):
        if key in models.fits:
            ax.plot(years, models.fits[key].fitted, style, color=PALETTE[i], lw=1.4, label=label)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlabel("Year")
    ax.set_ylabel("Orders")
    ax.set_ylim(0, max(orders[count]) * 1.2)
    ax.set_title("Yearly orders and fitted count models (7 points)")
    ax.legend(loc="upper left", frameon=False)
    fig.tight_layout()
    return fig


def plot_segment_shares(bands: pd.DataFrame, by: str = "segment") -> "Figure":
    """Share of orders per segment and year across seeds: median line, min-max band, one panel per reading.

    Parameters
    ----------
    bands : pandas.DataFrame
        Columns ``reading, period, <by>, share_min, share_median, share_max``.
    by : str

    Examples
    --------
    >>> b = pd.DataFrame({"reading": "r", "period": [2020, 2021], "segment": "B2G",
    ...                   "share_min": [0.5, 0.6], "share_median": [0.6, 0.7], "share_max": [0.7, 0.8]})
    >>> fig = plot_segment_shares(b)
    >>> fig.axes[0].get_title()
    'Reading: r'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    apply_style()
    readings = list(dict.fromkeys(bands["reading"]))
    fig, axes = plt.subplots(1, len(readings), figsize=(COLUMN_WIDTH_IN, 2.8), sharey=True, squeeze=False)
    for ax, reading in zip(axes[0], readings):
        sub = bands[bands["reading"] == reading]
        for i, (level, g) in enumerate(sub.groupby(by, sort=True)):
            g = g.sort_values("period")
            ax.fill_between(g["period"], g["share_min"], g["share_max"], color=PALETTE[i], alpha=0.2, lw=0)
            ax.plot(g["period"], g["share_median"], color=PALETTE[i], lw=1.4, label=str(level))
        periods = sorted(sub["period"].unique())
        ax.set_xticks(periods, [str(p) for p in periods], rotation=45)
        ax.set_title(f"Reading: {reading}")
        ax.set_xlabel("Year")
        ax.set_ylim(0, 1)
    axes[0][0].set_ylabel("Share of orders")
    axes[0][-1].legend(loc="upper right", frameon=False, fontsize=7)
    fig.suptitle("Segment shares in synthetic ledgers (median and band across seeds)", fontsize=9)
    fig.tight_layout()
    return fig


def plot_cohort_retention(matrix: "CohortMatrix", title: str = "Cohort retention (synthetic ledger)") -> "Figure":
    """Heat map of a cohort retention matrix; unobservable cells are left blank and hatched, not shown as 0.

    Examples
    --------
    >>> from casestudy.crm.lifecycle import cohort_retention
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                   "order_date": pd.to_datetime(["2020-01-01", "2021-01-01", "2021-02-01"])})
    >>> fig = plot_cohort_retention(cohort_retention(o, "2021-12-31"))
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['1.00', '1.00', '1.00']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    apply_style()
    ret = matrix.retention
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN * 0.8, 0.45 * len(ret) + 1.4))
    values = np.ma.masked_invalid(ret.to_numpy(dtype=float))
    ax.set_facecolor("white")
    ax.add_patch(plt.Rectangle((-0.5, -0.5), ret.shape[1], len(ret), fill=False, hatch="///",
                               edgecolor="#CCCCCC", lw=0, zorder=0))
    image = ax.imshow(values, cmap="Blues", vmin=0, vmax=1, aspect="auto", zorder=1)
    for (i, j), v in np.ndenumerate(ret.to_numpy(dtype=float)):
        if not np.isnan(v):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if v > 0.6 else "black")
    ax.set_xticks(range(ret.shape[1]), [str(c) for c in ret.columns])
    ax.set_yticks(range(len(ret)), [f"{c} (n={n})" for c, n in zip(ret.index, matrix.sizes)])
    unit = "years" if matrix.freq == "year" else "months"
    ax.set_xlabel(f"{unit.capitalize()} since first order (hatched: not yet observable)")
    ax.set_ylabel("Cohort (first order)")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="Share buying again")
    fig.tight_layout()
    return fig


def plot_assumption_sensitivity(summary: pd.DataFrame, measures: list[str]) -> "Figure":
    """Share measures of synthetic ledgers as each named assumption varies: one panel per assumption.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`casestudy.crm.sensitivity.summarise` (``assumption, setting, default, measure, value_median,
        value_min, value_max``).
    measures : list of str
        Measures to draw (shares, on one 0-1 axis); the median over the seeds with their min-max as error bars,
        the assumption's own value dashed.
    """
    import matplotlib.pyplot as plt

    apply_style()
    assumptions = list(dict.fromkeys(summary["assumption"]))
    fig, axes = plt.subplots(1, len(assumptions), figsize=(COLUMN_WIDTH_IN, 2.6), sharey=True, squeeze=False)
    for ax, a in zip(axes[0], assumptions):
        sub = summary[summary["assumption"] == a]
        for i, m in enumerate(measures):
            d = sub[sub["measure"] == m].sort_values("setting")
            err = np.vstack([d["value_median"] - d["value_min"], d["value_max"] - d["value_median"]])
            ax.errorbar(d["setting"], d["value_median"], yerr=err, color=PALETTE[i % len(PALETTE)], lw=1.2, ms=3,
                        marker="o", capsize=2, label=m.replace("_", " "))
        ax.axvline(float(sub.loc[sub["default"], "setting"].iloc[0]), color="grey", ls="--", lw=0.8)
        ax.set_xlabel(a.replace("_", " "))
        ax.set_ylim(0, 1)
    axes[0][0].set_ylabel("share (median, seed min-max)")
    axes[0][0].legend(loc="lower left", frameon=False, fontsize=6)
    fig.suptitle("Synthetic ledgers: measures as each named assumption varies (dashed: the generator's value)",
                 fontsize=8)
    fig.tight_layout()
    return fig

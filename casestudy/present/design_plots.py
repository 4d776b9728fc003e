"""Figures of the case study design: the triangulation matrix and the chain of evidence.

Both are drawn from the design objects (:func:`casestudy.design.triangulation.triangulation_matrix`,
:class:`casestudy.design.chain.ChainOfEvidence`), so a changed design changes its figure.
Saving goes through :func:`casestudy.present.style.save_figure`, which labels figures
built on illustrative or synthetic evidence.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from casestudy.design import load_design, triangulation_matrix, ChainOfEvidence
>>> d = load_design("data/design/pt_xyz.yaml", verify=False)
>>> fig = triangulation_figure(triangulation_matrix(d))
>>> len(fig.axes)
1
>>> fig2 = chain_figure(ChainOfEvidence(d))
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from casestudy.design.sources import SOURCE_TYPES
from casestudy.present.style import COLUMN_WIDTH_IN, PALETTE, apply_style

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.chain import ChainOfEvidence

__all__ = ["triangulation_figure", "chain_figure", "collapsed_chain"]

_VERDICT_COLOURS = {"convergent": "#009E73", "divergent": "#D55E00", "single-source": "#E69F00",
                    "no evidence": "#666666"}
_KIND_COLUMNS = {"question": 0, "proposition": 1, "finding": 2, "rival": 2, "source": 3, "protocol_question": 4}
_KIND_COLOURS = {"question": PALETTE[0], "proposition": PALETTE[5], "finding": PALETTE[2], "rival": PALETTE[4],
                 "source": PALETTE[1], "protocol_question": PALETTE[3]}
_STATUS_STYLES: dict[str, tuple[str, Literal["-", ":", "--"]]] = {
    "resolved": ("#333333", "-"), "unchecked": ("#999999", ":"), "broken": ("#D55E00", "--")}


def triangulation_figure(matrix: pd.DataFrame, title: str = "Triangulation of findings by source type") -> Figure:
    """Heatmap of supporting evidence items per finding (rows) and Yin source type (columns), with verdicts.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`~casestudy.design.triangulation.triangulation_matrix`.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    apply_style()
    counts = matrix[list(SOURCE_TYPES)].to_numpy(dtype=float)
    n = len(matrix)
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN, 1.4 + 0.32 * n))
    vmax = max(1.0, float(counts.max()) if counts.size else 1.0)
    ax.imshow(np.where(counts > 0, counts, np.nan), cmap="Blues", vmin=0, vmax=vmax * 1.3, aspect="auto")
    for i in range(n):
        for j in range(len(SOURCE_TYPES)):
            v = int(counts[i, j])
            ax.text(j, i, str(v) if v else "·", ha="center", va="center", fontsize=8,
                    color="#000000" if v else "#AAAAAA")
    ax.set_xticks(range(len(SOURCE_TYPES)), [t.replace("_", " ") for t in SOURCE_TYPES], fontsize=7,
                  rotation=90, ha="center", va="top")
    ax.set_yticks(range(n), matrix["finding"].tolist(), fontsize=7)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for i, (verdict, contra) in enumerate(zip(matrix["verdict"], matrix["contradicting"])):
        label = verdict + (f" ({contra} against)" if contra else "")
        ax.text(len(SOURCE_TYPES) - 0.35, i, label, ha="left", va="center", fontsize=7,
                color=_VERDICT_COLOURS.get(verdict, "#000000"), fontweight="bold")
    ax.set_xlim(-0.5, len(SOURCE_TYPES) + 1.6)
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig


def collapsed_chain(chain: "ChainOfEvidence") -> nx.DiGraph:
    """The chain with evidence items collapsed into weighted finding/rival -> source edges.

    Each collapsed edge carries ``weight`` (number of evidence items) and ``status``
    (``broken`` if any item is broken, else ``unchecked`` if any is, else ``resolved``).
    """
    g, out = chain.graph, nx.DiGraph()
    for n, data in g.nodes(data=True):
        if data["kind"] != "evidence":
            out.add_node(n, **data)
    for u, v in g.edges():
        if g.nodes[u]["kind"] != "evidence" and g.nodes[v]["kind"] != "evidence":
            out.add_edge(u, v, weight=1, status="resolved")
    rank = {"resolved": 0, "unchecked": 1, "broken": 2}
    for e, data in g.nodes(data=True):
        if data["kind"] != "evidence":
            continue
        for owner in g.predecessors(e):
            for src in g.successors(e):
                prev = out.get_edge_data(owner, src, {"weight": 0, "status": "resolved"})
                status = max(prev["status"], data["status"], key=rank.__getitem__)
                out.add_edge(owner, src, weight=prev["weight"] + 1, status=status)
    return out


def chain_figure(chain: "ChainOfEvidence", title: str = "Chain of evidence") -> Figure:
    """Layered drawing: questions, propositions, findings and rivals, sources, protocol questions.

    Evidence items are collapsed into the finding -> source edges (line width = number of
    items; dotted = not resolved against the corpus, dashed red = broken).
    """
    apply_style()
    g = collapsed_chain(chain)
    columns: dict[int, list[str]] = {c: [] for c in range(5)}
    for n, data in g.nodes(data=True):
        columns[_KIND_COLUMNS[data["kind"]]].append(n)
    for c in columns:
        columns[c].sort(key=lambda n: (g.nodes[n]["kind"] == "rival", n))
    tallest = max(len(v) for v in columns.values())
    char = 0.021  # approximate width of one 5.5 pt character in data units
    xs, widths, x = [], [], 0.0
    for c in range(5):
        w = 0.06 + char * max((len(n) for n in columns[c]), default=4)
        xs.append(x)
        widths.append(w)
        x += w + 0.45
    pos = {}
    for c, nodes in columns.items():
        for i, n in enumerate(nodes):
            pos[n] = (xs[c], 1 - (i + 0.5) / max(len(nodes), 1))
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN * 1.25, max(4.0, 0.16 * tallest + 1.2)))
    for u, v, data in g.edges(data=True):
        colour, style = _STATUS_STYLES[data["status"]]
        (x0, y0), (x1, y1) = pos[u], pos[v]
        x0 += 0.06 + char * len(u)  # leave from the end of the node's label, not across it
        ax.plot([x0, x1], [y0, y1], color=colour, linestyle=style, linewidth=0.4 + 0.35 * data["weight"], alpha=0.45,
                zorder=1)
    for n, (x, y) in pos.items():
        kind = g.nodes[n]["kind"]
        ax.scatter([x], [y], s=18, color=_KIND_COLOURS[kind], zorder=2)
        ax.text(x + 0.04, y, n, fontsize=5.5, va="center", ha="left", zorder=3)
    heads = ["study\nquestions", "propositions", "findings\nand rivals", "sources", "protocol\nquestions"]
    for c, h in enumerate(heads):
        ax.text(xs[c] + widths[c] / 2, 1.02, h, ha="center", va="bottom", fontsize=7, fontweight="bold")
    handles = [Line2D([], [], color=col, linestyle=ls, label=s) for s, (col, ls) in _STATUS_STYLES.items()]
    ax.legend(handles=handles, title="evidence", loc="lower left", bbox_to_anchor=(0.0, -0.08), ncol=3,
              fontsize=6, title_fontsize=6, frameon=False)
    ax.set_xlim(-0.1, xs[-1] + widths[-1] + 0.05)
    ax.set_ylim(-0.04, 1.1)
    ax.axis("off")
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig

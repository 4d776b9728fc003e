"""The chain of evidence as a graph, traversable both ways, with its gaps reported.

Yin (2009, pp. 122-124; Figure 4.2, p. 123) asks that a reader can follow the
derivation of any evidence from the study questions to the conclusions and back:
question -> proposition -> finding -> evidence -> source (in the case study
database) -> protocol question. :class:`ChainOfEvidence` builds that chain as a
:class:`networkx.DiGraph` (edges point "down", from question to protocol question;
rivals hang from the propositions they compete with), walks it either way, and
lists broken links (evidence that does not resolve) and dangling nodes (a finding
that bears on nothing, a proposition no finding bears on, a source no protocol
question asks for...).

Examples
--------
>>> from casestudy.design.designfile import load_design
>>> chain = ChainOfEvidence(load_design("data/design/pt_xyz.yaml", verify=False))
>>> chain.graph.nodes["q_why"]["kind"]
'question'
>>> "p_crm_sales" in set(chain.up("f_intimacy_on_site")["node"])
True
>>> sorted(set(chain.problems()["severity"]))
['dangling', 'unchecked']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import networkx as nx
import pandas as pd

from casestudy.deprecation import deprecated_names
from casestudy.errors import DesignError, expectation

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["CHAIN_LEVELS", "ChainOfEvidence"]

#: ``LEVELS`` is ``CHAIN_LEVELS`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)

#: Node kinds by their level in the chain (top to bottom).
CHAIN_LEVELS = {"question": 0, "proposition": 1, "finding": 2, "rival": 2, "evidence": 3, "source": 4,
                "protocol_question": 5}
_PROBLEM_COLUMNS = ["node", "kind", "severity", "problem"]


class ChainOfEvidence:
    """The design's chain of evidence.

    Parameters
    ----------
    design : CaseStudyDesign
    resolution : pandas.DataFrame, optional
        Output of :meth:`CaseStudyDesign.resolve`; without it every evidence link is
        reported ``unchecked``.
    """

    def __init__(self, design: "CaseStudyDesign", resolution: pd.DataFrame | None = None) -> None:
        self.design = design
        self.resolution = design.resolve() if resolution is None else resolution
        self.graph = self._build()

    def _build(self) -> nx.DiGraph:
        d = self.design
        g = nx.DiGraph()
        for q in d.questions:
            g.add_node(q.id, kind="question", label=q.text)
        for p in d.propositions:
            g.add_node(p.id, kind="proposition", label=p.text)
            g.add_edges_from((q, p.id) for q in p.questions)
        for f in d.findings:
            g.add_node(f.id, kind="finding", label=f.title, stage=f.stage)
            g.add_edges_from((b, f.id) for b in f.bears_on)
        for r in d.rivals:
            g.add_node(r.id, kind="rival", label=r.title, verdict=r.verdict)
            g.add_edges_from((p, r.id) for p in r.rivals)
        for s in d.sources:
            g.add_node(s.id, kind="source", label=s.description, type=s.type, provenance=s.provenance)
        status = dict(zip(self.resolution["evidence_id"], self.resolution["status"]))
        for _, owner, e in d.evidence_items():
            g.add_node(e.id, kind="evidence", label=e.note or e.kind, stance=e.stance,
                       status=status.get(e.id, "unchecked"))
            g.add_edge(owner, e.id)
            g.add_edge(e.id, d.source_of(e))
        for pq in d.protocol.questions:
            g.add_node(pq.id, kind="protocol_question", label=pq.text, level=pq.level)
            g.add_edges_from((s, pq.id) for s in pq.sources)
        return g

    def _walk(self, node: str, up: bool) -> pd.DataFrame:
        if node not in self.graph:
            raise DesignError(expectation("node", "a node of the chain of evidence", node, self.design.id))
        g = self.graph.reverse(copy=False) if up else self.graph
        depth = nx.single_source_shortest_path_length(g, node)
        rows = [(n, self.graph.nodes[n]["kind"], k, self.graph.nodes[n]["label"]) for n, k in depth.items() if n != node]
        df = pd.DataFrame(rows, columns=["node", "kind", "distance", "label"])
        return df.sort_values(["distance", "node"], kind="stable").reset_index(drop=True)

    def down(self, node: str) -> pd.DataFrame:
        """Everything below ``node`` (e.g. from a finding to its evidence, sources and protocol questions)."""
        return self._walk(node, up=False)

    def up(self, node: str) -> pd.DataFrame:
        """Everything above ``node`` (e.g. from a quote up to the study question)."""
        return self._walk(node, up=True)

    def quotes(self, finding_id: str) -> pd.DataFrame:
        """The resolved evidence of one finding: item, source, status and the quoted text or value."""
        df = self.resolution[(self.resolution["owner_kind"] == "finding") & (self.resolution["owner"] == finding_id)]
        return df[["evidence_id", "kind", "stance", "source", "source_type", "provenance", "status", "text"]].reset_index(
            drop=True)

    def problems(self) -> pd.DataFrame:
        """Broken, dangling and unchecked links (columns node, kind, severity, problem)."""
        d, g = self.design, self.graph
        rows: list[tuple[str, str, str, str]] = []
        for q in d.questions:
            if g.out_degree(q.id) == 0:
                rows.append((q.id, "question", "dangling", "no proposition or finding bears on this question"))
        for p in d.propositions:
            if not any(g.nodes[c]["kind"] == "finding" for c in g.successors(p.id)):
                rows.append((p.id, "proposition", "dangling", "no finding bears on this proposition"))
            if not p.questions:
                rows.append((p.id, "proposition", "dangling", "answers no study question"))
        for f in d.findings:
            if not f.bears_on:
                rows.append((f.id, "finding", "dangling", "bears on no study question or proposition"))
            if not f.evidence:
                rows.append((f.id, "finding", "dangling", "has no evidence" + (f": {f.gap}" if f.gap else "")))
        for r in self.resolution.itertuples():
            if r.status == "broken":
                rows.append((cast(str, r.evidence_id), "evidence", "broken", str(r.problem)))
            elif r.status == "unchecked":
                rows.append((cast(str, r.evidence_id), "evidence", "unchecked", str(r.problem)))
        cited = {d.source_of(e) for _, _, e in d.evidence_items()}
        for s in d.sources:
            if s.id in cited and not any(g.nodes[c]["kind"] == "protocol_question" for c in g.successors(s.id)):
                rows.append((s.id, "source", "dangling", "cited as evidence but asked for by no protocol question"))
        for pq in d.protocol.questions:
            if not pq.sources:
                rows.append((pq.id, "protocol_question", "dangling", "names no likely source"))
        return pd.DataFrame(rows, columns=_PROBLEM_COLUMNS)

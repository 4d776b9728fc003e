"""Data triangulation: a findings x source-type matrix with a verdict per finding.

Yin (2009, pp. 114-118; Figure 4.2 "Convergence and nonconvergence of multiple
sources of evidence", p. 117) asks that a finding rest on converging lines of
inquiry from several sources. The matrix counts, for each finding, the evidence
items that support it by Yin's source type (broken evidence does not count). The
verdict is:

- ``divergent`` when any usable evidence contradicts the finding;
- ``convergent`` when supporting evidence comes from two or more source types
  *and* two or more independent lines of inquiry;
- ``one origin`` when it comes from two or more source types that share one
  origin: a publication's own sentences and tables are one line, and texts written
  from that publication (``illustrative``) repeat it, so they never corroborate it;
- ``single-source`` when it comes from one type;
- ``no evidence`` when none is usable.

Independent lines (``independent_lines``): every ``published`` or ``illustrative``
item counts as the one line "the publication"; each ``empirical`` source type the
researcher collected is its own line; ``synthetic`` items are generated and count
as none.

The ``basis`` column says what the counted evidence is: ``published``,
``illustrative``, ``synthetic`` or a mix (``illustrative+published``...).

Examples
--------
>>> from casestudy.design.designfile import load_design
>>> m = triangulation_matrix(load_design("data/design/pt_xyz.yaml", verify=False))
>>> list(m.columns[:3])
['finding', 'stage', 'documentation']
>>> m.set_index("finding").loc[["f_network_partners", "f_profitability"], "verdict"].tolist()
['single-source', 'no evidence']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from casestudy.deprecation import deprecated_names
from casestudy.design.sources import SOURCE_TYPES
from casestudy.provenance import ILLUSTRATIVE, PUBLISHED, SYNTHETIC

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["TRIANGULATION_VERDICTS", "triangulation_matrix", "basis_of"]

#: ``VERDICTS`` is ``TRIANGULATION_VERDICTS`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)

#: Verdicts on a finding's convergence of evidence (Yin 2009, Figure 4.2).
TRIANGULATION_VERDICTS = ("convergent", "divergent", "one origin", "single-source", "no evidence")


def _origins(ev: pd.DataFrame) -> set[str]:
    out = set()
    for prov, stype in zip(ev["provenance"], ev["source_type"]):
        if prov in (PUBLISHED, ILLUSTRATIVE):  # illustrative interviews are written from the publication
            out.add("publication")
        elif prov != SYNTHETIC:
            out.add(f"{prov}:{stype}")
    return out


def basis_of(provenances: "pd.Series | list[str]") -> str:
    """Join the distinct provenances of some evidence (``'none'`` when empty).

    Examples
    --------
    >>> basis_of(["illustrative", "published", "illustrative"])
    'illustrative+published'
    """
    values = sorted(set(provenances))
    return "+".join(values) if values else "none"


def triangulation_matrix(design: "CaseStudyDesign", resolution: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the findings x source-type matrix.

    Parameters
    ----------
    design : CaseStudyDesign
    resolution : pandas.DataFrame, optional
        Output of :meth:`CaseStudyDesign.resolve`; without it, evidence counts as
        declared (unchecked).

    Returns
    -------
    pandas.DataFrame
        One row per finding: ``finding``, ``stage``, one column per source type
        (count of supporting items), ``contradicting``, ``source_types``,
        ``independent_lines``, ``verdict``, ``basis``.
    """
    res = design.resolve() if resolution is None else resolution
    usable = res[(res["owner_kind"] == "finding") & (res["status"] != "broken")]
    rows = []
    for f in design.findings:
        ev = usable[usable["owner"] == f.id]
        sup = ev[ev["stance"] == "supports"]
        counts = {t: int((sup["source_type"] == t).sum()) for t in SOURCE_TYPES}
        n_types = sum(1 for v in counts.values() if v)
        contra = int((ev["stance"] == "contradicts").sum())
        lines = len(_origins(sup))
        if contra:
            verdict = "divergent"
        elif n_types >= 2 and lines >= 2:
            verdict = "convergent"
        elif n_types >= 2:
            verdict = "one origin"
        elif n_types == 1:
            verdict = "single-source"
        else:
            verdict = "no evidence"
        rows.append({"finding": f.id, "stage": f.stage, **counts, "contradicting": contra,
                     "source_types": n_types, "independent_lines": lines, "verdict": verdict,
                     "basis": basis_of(ev["provenance"])})
    columns = ["finding", "stage", *SOURCE_TYPES, "contradicting", "source_types", "independent_lines", "verdict",
               "basis"]
    return pd.DataFrame(rows, columns=columns)

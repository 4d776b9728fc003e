"""Yin's case study design as validated objects that check themselves.

Modules: :mod:`~casestudy.design.components` (questions, propositions, purpose,
techniques, criteria, theory), :mod:`~casestudy.design.case`, :mod:`~casestudy.design.sources`,
:mod:`~casestudy.design.evidence`, :mod:`~casestudy.design.findings`,
:mod:`~casestudy.design.rivals`, :mod:`~casestudy.design.review`,
:mod:`~casestudy.design.protocol`, :mod:`~casestudy.design.design` (the aggregate),
:mod:`~casestudy.design.chain`, :mod:`~casestudy.design.triangulation`,
:mod:`~casestudy.design.validity` and :mod:`~casestudy.design.designfile` (YAML I/O).

Examples
--------
>>> from casestudy.design import load_design, assess_validity
>>> d = load_design("data/design/pt_xyz.yaml", verify=False)
>>> assess_validity(d).status("replication_logic")
'not applicable'
"""

from casestudy.design.chain import ChainOfEvidence
from casestudy.design.design import CaseStudyDesign
from casestudy.design.designfile import dump_design, dumps_design, load_design, loads_design
from casestudy.design.evidence import EvidenceItem, QuoteSelector, Resolver, SegmentSelector, TableSelector
from casestudy.design.protocol import render_markdown
from casestudy.design.triangulation import triangulation_matrix
from casestudy.design.validity import ValidityAssessment, assess_validity
from casestudy.deprecation import deprecated_names

__all__ = [
    "CaseStudyDesign", "ChainOfEvidence", "EvidenceItem", "QuoteSelector", "SegmentSelector", "TableSelector",
    "Resolver", "ValidityAssessment", "assess_validity", "dump_design", "dumps_design", "load_design", "loads_design",
    "render_markdown", "triangulation_matrix",
]

#: Old names kept for one release (``DeprecationWarning``): ``assess`` is now ``assess_validity``.
__getattr__ = deprecated_names(__name__, {"assess": ("casestudy.design.validity", "assess_validity")})

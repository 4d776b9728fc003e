"""Intercoder reliability: units of agreement, verified statistics, results, consensus.

Modules: :mod:`~casestudy.reliability.units` (reliability data from codings at an
explicit unit), :mod:`~casestudy.reliability.statistics` (percent agreement,
Cohen's and Fleiss' kappa via statsmodels, Krippendorff's alpha via
``krippendorff``, seeded bootstrap), :mod:`~casestudy.reliability.result`
(summary per code and pooled, disagreement listing), :mod:`~casestudy.reliability.thresholds`
(Krippendorff's 0.800/0.667, agreement too good to be true),
:mod:`~casestudy.reliability.table` (long CSV reader),
:mod:`~casestudy.reliability.worked_examples` (published worked examples),
:mod:`~casestudy.reliability.consensus` and :mod:`~casestudy.reliability.revisions`
(consensus coding, codebook revisions).

Examples
--------
>>> from casestudy.reliability import assess_matrix, worked_examples
>>> res = assess_matrix(worked_examples.krippendorff_2011_missing(), n_boot=100, warn=False)
>>> round(float(res.pooled()["krippendorff_alpha"]), 3)
0.743
"""

from casestudy.reliability import worked_examples
from casestudy.deprecation import deprecated_names
from casestudy.reliability.result import ReliabilityResult, assess_agreement, assess_matrix
from casestudy.reliability.statistics import cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement
from casestudy.reliability.units import ReliabilityData, from_database, reliability_data

__all__ = ["worked_examples", "ReliabilityResult", "assess_agreement", "assess_matrix", "cohen_kappa", "fleiss_kappa",
           "krippendorff_alpha", "percent_agreement", "ReliabilityData", "from_database", "reliability_data"]

#: Old names kept for one release (``DeprecationWarning``): ``assess`` is now ``assess_agreement``,
#: the module ``published`` (a second module of that name) ``worked_examples``.
__getattr__ = deprecated_names(__name__)

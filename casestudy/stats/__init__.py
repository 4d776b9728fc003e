"""Statistics of the yearly order series: growth, count models, exact tests, rivals and the audit.

Modules: :mod:`~casestudy.stats.growth` (year-on-year change, CAGR),
:mod:`~casestudy.stats.counts_models` (Poisson and negative-binomial GLMs,
dispersion, LR tests, break-year sensitivity), :mod:`~casestudy.stats.rate_tests`
(exact rate comparisons), :mod:`~casestudy.stats.rival_tests` (the ``rival_tests``
table) and :mod:`~casestudy.stats.audit` (the audit of the paper's numbers).
"""

from casestudy.deprecation import deprecated_names

__all__: list[str] = []

#: The module ``rivals`` (a second module of that name, beside :mod:`casestudy.design.rivals`) is
#: ``rival_tests``: ``casestudy.stats.rivals`` still works for one release (``DeprecationWarning``).
__getattr__ = deprecated_names(__name__)

"""Statistics of the yearly order series: growth, count models, exact tests, rivals and the audit.

Modules: :mod:`~casestudy.stats.growth` (year-on-year change, CAGR),
:mod:`~casestudy.stats.counts_models` (Poisson and negative-binomial GLMs,
dispersion, LR tests, break-year sensitivity), :mod:`~casestudy.stats.rate_tests`
(exact rate comparisons), :mod:`~casestudy.stats.rivals` (the ``rival_tests``
table) and :mod:`~casestudy.stats.audit` (the audit of the paper's numbers).
"""

__all__: list[str] = []

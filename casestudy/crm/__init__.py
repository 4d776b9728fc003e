"""CRM analytics on order ledgers: Buttle's stages measured on orders.

Modules: :mod:`~casestudy.crm.ledger` (schema, validation, CSV read/write),
:mod:`~casestudy.crm.assumptions` (published targets, segment readings, named
assumptions), :mod:`~casestudy.crm.synthetic` (seeded generator),
:mod:`~casestudy.crm.constraints` (published-constraint validator),
:mod:`~casestudy.crm.synthetic_io` (writing ``data/synthetic``),
:mod:`~casestudy.crm.bands` (results across seeds), :mod:`~casestudy.crm.portfolio`,
:mod:`~casestudy.crm.lifecycle`, :mod:`~casestudy.crm.stages` (per-stage measures)
and :mod:`~casestudy.crm.commands` (``casestudy ledger ...``, ``casestudy audit``).
Submodules are imported explicitly; this package imports nothing on its own.
"""

__all__: list[str] = []

"""REFI-QDA 1.5 exchange: ``.qdc`` codebooks and ``.qdpx`` projects, validated on export, safe on import.

Modules, in the order data flows through them:

- :mod:`~casestudy.exchange.safe_archive`, :mod:`~casestudy.exchange.parsing`: untrusted ZIP and XML;
- :mod:`~casestudy.exchange.validate`: the shipped XSD (``schemas/``) and the standard's semantic rules;
- :mod:`~casestudy.exchange.positions`, :mod:`~casestudy.exchange.canonical`: code-point positions, canonical text;
- :mod:`~casestudy.exchange.model`: the neutral frozen model, stable GUIDs;
- :mod:`~casestudy.exchange.mapping`: case study database -> model (the documented mapping);
- :mod:`~casestudy.exchange.refi_export`: model -> validated, deterministic files;
- :mod:`~casestudy.exchange.refi_read`: files -> model, every element accounted for;
- :mod:`~casestudy.exchange.refi_import`: model -> case study database, one transaction;
- :mod:`~casestudy.exchange.commands`: ``casestudy qdpx ...`` and ``casestudy qdc ...``.
"""

__all__: list[str] = []

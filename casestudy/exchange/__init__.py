"""REFI-QDA 1.5 exchange: ``.qdc`` codebooks and ``.qdpx`` projects, validated on export, safe on import.

Modules, in the order data flows through them:

- :mod:`~casestudy.exchange.safe_archive`, :mod:`~casestudy.exchange.parsing`: untrusted ZIP and XML;
- :mod:`~casestudy.exchange.validate`: the shipped XSD (``schemas/``) and the standard's semantic rules;
- :mod:`~casestudy.exchange.deviations`: known deviations of real programs, repaired with a note;
- :mod:`~casestudy.exchange.positions`: the file's counting of positions, decided from its selections, converted;
- :mod:`~casestudy.exchange.model`: the neutral frozen model, stable GUIDs;
- :mod:`~casestudy.exchange.mapping`: case study database -> model (the documented mapping);
- :mod:`~casestudy.exchange.refi_export`: model -> validated, deterministic files;
- :mod:`~casestudy.exchange.refi_read`: files -> model, every element accounted for;
- :mod:`~casestudy.exchange.import_plan`: model -> what an import would store (``--dry-run`` prints it);
- :mod:`~casestudy.exchange.refi_import`: the plan -> case study database, one transaction, nothing replaced silently;
- :mod:`~casestudy.exchange.commands`: ``casestudy qdpx ...`` and ``casestudy qdc ...``.
"""

__all__: list[str] = []

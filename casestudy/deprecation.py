"""Public paths and names that moved: kept for one release, with a ``DeprecationWarning``.

:data:`MOVED_MODULES` maps an old module path to its new home (a module, or for a
module that was split, a mapping of each public name to the module that now owns it);
:data:`RENAMED_NAMES` maps a module to its renamed public names (old name -> the module
and new name). :func:`install` (called by ``import casestudy``) lets the old paths import
with a warning that names the new one. :func:`deprecated_names` gives a package or module a
``__getattr__`` serving its renamed names with a warning.

Examples
--------
>>> import importlib, sys, warnings
>>> _ = sys.modules.pop("casestudy.present.manifest", None)
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     manifest = importlib.import_module("casestudy.present.manifest")
>>> manifest.__name__, str(caught[0].message)
('casestudy.manifest', 'casestudy.present.manifest moved to casestudy.manifest; import it from there (the old path goes in the next release)')
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["MOVED_MODULES", "RENAMED_NAMES", "install", "deprecated_names", "warn_moved"]

#: Old module path -> new module path, or name -> new module path for a module that was split.
MOVED_MODULES: dict[str, str | dict[str, str]] = {
    "casestudy.present.manifest": "casestudy.manifest",
    "casestudy.coding.anchoring": "casestudy.store.anchoring",
    "casestudy.coding.cases": "casestudy.records.cases",
    "casestudy.coding.codebook": "casestudy.records.codebook",
    "casestudy.coding.coders": "casestudy.records.coders",
    "casestudy.coding.memos": "casestudy.records.memos",
    "casestudy.coding.segments": "casestudy.records.segments",
    "casestudy.coding.transcripts": "casestudy.records.transcripts",
    "casestudy.coding.project": {
        "build_case_database": "casestudy.pt_xyz",
        "read_corpus": "casestudy.pt_xyz",
        "default_pseudonyms": "casestudy.pt_xyz",
        "CODER_NAMES": "casestudy.pt_xyz",
        "read_consent": "casestudy.coding.informants",
        "cases_from_transcripts": "casestudy.coding.informants",
        "source_texts": "casestudy.store.resolvers",
        "segment_lookup": "casestudy.store.resolvers",
        "Segment": "casestudy.store.resolvers",
    },
    # two modules were called ``rivals`` and two ``published``
    "casestudy.stats.rivals": "casestudy.stats.rival_tests",
    "casestudy.reliability.published": "casestudy.reliability.worked_examples",
}

_VALIDITY, _AGREEMENT = ("casestudy.design.validity", "assess_validity"), ("casestudy.reliability.result",
                                                                           "assess_agreement")
_CODING_CASE = ("casestudy.records.cases", "CodingCase")

#: Module -> {old public name: (module, new name)}: names that said too little (one name, two or three
#: concepts), served by the module's ``__getattr__`` (:func:`deprecated_names`) for one release.
RENAMED_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "casestudy": {"assess": _VALIDITY},
    "casestudy.design": {"assess": _VALIDITY},
    "casestudy.design.validity": {"assess": _VALIDITY},
    "casestudy.reliability": {"assess": _AGREEMENT},
    "casestudy.reliability.result": {"assess": _AGREEMENT},
    # three ``Case``: a case of the design, of the case study database (coding), of a REFI-QDA file
    "casestudy.design.case": {"Case": ("casestudy.design.case", "DesignCase")},
    "casestudy.records": {"Case": _CODING_CASE},
    "casestudy.records.cases": {"Case": _CODING_CASE},
    "casestudy.coding": {"Case": _CODING_CASE},
    # the REFI-QDA model's ``Case``, ``Code``, ``Coding`` beside the codebook's ``Code`` and the database's ``Coding``
    "casestudy.exchange.model": {"Case": ("casestudy.exchange.model", "RefiCase"),
                                 "Code": ("casestudy.exchange.model", "RefiCode"),
                                 "Coding": ("casestudy.exchange.model", "RefiCoding")},
    # three ``VERDICTS`` and two ``LEVELS``
    "casestudy.design.rivals": {"VERDICTS": ("casestudy.design.rivals", "RIVAL_VERDICTS")},
    "casestudy.design.triangulation": {"VERDICTS": ("casestudy.design.triangulation", "TRIANGULATION_VERDICTS")},
    "casestudy.stats.audit": {"VERDICTS": ("casestudy.stats.audit", "AUDIT_VERDICTS")},
    "casestudy.design.chain": {"LEVELS": ("casestudy.design.chain", "CHAIN_LEVELS")},
}


def _internal(filename: str) -> bool:
    # The frames ``warnings`` itself skips when counting a stacklevel (importlib's bootstrap).
    return "importlib" in filename and "_bootstrap" in filename


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first frame outside importlib and this module."""
    frame, level = sys._getframe(2), 1  # the frame of warn_moved's caller; stacklevel 1 is warn_moved
    while frame is not None and (frame.f_code.co_filename == __file__ or "importlib" in frame.f_code.co_filename):
        if not _internal(frame.f_code.co_filename):
            level += 1
        frame = frame.f_back  # type: ignore[assignment]
    return level + 1


def warn_moved(old: str, new: str) -> None:
    """Warn that ``old`` moved to ``new`` (a ``DeprecationWarning`` aimed at the caller)."""
    warnings.warn(f"{old} moved to {new}; import it from there (the old path goes in the next release)",
                  DeprecationWarning, stacklevel=_caller_level())


def _split_module(old: str, names: Mapping[str, str]) -> types.ModuleType:
    module = types.ModuleType(old, f"Deprecated: the names of {old} moved to " + ", ".join(sorted(set(names.values()))))
    module.__all__ = sorted(names)  # type: ignore[attr-defined]

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        return getattr(importlib.import_module(names[name]), name)

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    module.__dir__ = lambda: sorted(names)  # type: ignore[method-assign]
    return module


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import an old module path as its new module (after the regular finders found no file)."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED_MODULES:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        new = MOVED_MODULES[spec.name]
        if isinstance(new, str):
            warn_moved(spec.name, new)
            return importlib.import_module(new)
        warn_moved(spec.name, ", ".join(sorted(set(new.values()))))
        return _split_module(spec.name, new)

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the module is the new one."""


def install() -> None:
    """Register the finder of moved modules once (at the end of ``sys.meta_path``)."""
    if not any(isinstance(f, _MovedModules) for f in sys.meta_path):
        sys.meta_path.append(_MovedModules())


def deprecated_names(owner: str, renamed: Mapping[str, tuple[str, str]] | None = None,
                     fallback: Callable[[str], Any] | None = None) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving ``renamed`` (old name -> (module, new name)) with a warning.

    ``renamed`` defaults to the module's entry in :data:`RENAMED_NAMES`. A package's submodule that moved
    (:data:`MOVED_MODULES`) is served too, through the finder's warning.

    Examples
    --------
    >>> getattr_ = deprecated_names("pkg", {"old": ("casestudy.provenance", "combine")})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     getattr_("old").__name__, str(caught[0].message)
    ('combine', 'pkg.old moved to casestudy.provenance.combine; import it from there (the old path goes in the next release)')
    """

    names = RENAMED_NAMES.get(owner, {}) if renamed is None else renamed

    def __getattr__(name: str) -> Any:
        if name in names:
            module, new = names[name]
            warn_moved(f"{owner}.{name}", f"{module}.{new}")
            return getattr(importlib.import_module(module), new)
        if f"{owner}.{name}" in MOVED_MODULES:  # ``package.old_module``: the finder warns
            return importlib.import_module(f"{owner}.{name}")
        if fallback is not None:
            return fallback(name)
        raise AttributeError(f"module {owner!r} has no attribute {name!r}")

    return __getattr__

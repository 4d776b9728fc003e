"""Public paths and names that moved: kept for one release, with a ``DeprecationWarning``.

:data:`MOVED_MODULES` maps an old module path to its new home (a module, or for a
module that was split, a mapping of each public name to the module that now owns it).
:func:`install` (called by ``import casestudy``) lets the old paths import with a
warning that names the new one. :func:`deprecated_names` gives a package or module a
``__getattr__`` for renamed names.

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

__all__ = ["MOVED_MODULES", "install", "deprecated_names", "warn_moved"]

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


def deprecated_names(owner: str, renamed: Mapping[str, tuple[str, str]],
                     fallback: Callable[[str], Any] | None = None) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving ``renamed`` (old name -> (module, new name)) with a warning.

    Examples
    --------
    >>> getattr_ = deprecated_names("pkg", {"old": ("casestudy.provenance", "combine")})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     getattr_("old").__name__, str(caught[0].message)
    ('combine', 'pkg.old moved to casestudy.provenance.combine; import it from there (the old path goes in the next release)')
    """

    def __getattr__(name: str) -> Any:
        if name in renamed:
            module, new = renamed[name]
            warn_moved(f"{owner}.{name}", f"{module}.{new}")
            return getattr(importlib.import_module(module), new)
        if fallback is not None:
            return fallback(name)
        raise AttributeError(f"module {owner!r} has no attribute {name!r}")

    return __getattr__

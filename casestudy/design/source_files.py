"""The sources' files of a design: their SHA-256 checksums, verified, computed, or written into the file.

A source's ``file`` is relative to the design file's folder (``root``), or absolute. Either way it
must lie inside the study's folder: the design file's folder, or the one above it that the file
declares with ``study_folder: ..`` (PT. XYZ keeps its design in ``data/design/`` and its transcripts
in ``data/corpus/``). A file elsewhere is refused, naming the field and the file, unless the caller
allows it (``allow_outside=True``; ``--allow-outside`` on the command line).
:func:`refresh_checksums` rewrites (or adds) the ``sha256`` values in the design file's
text, keeping comments and layout, and refuses, returning nothing, what ``design check``
refuses. :mod:`casestudy.design.designfile` re-exports these functions.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from casestudy.checksums import sha256_file
from casestudy.design.decisions import rules_checksum
from casestudy.errors import DataFileNotFoundError, DataIntegrityError, DesignError, expectation

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["verify_checksums", "with_checksums", "refresh_checksums", "take_study_folder", "STUDY_FOLDER_KEY"]

#: The design file's top-level key naming the study's folder (relative to the design file: ``.``, ``..``...).
STUDY_FOLDER_KEY = "study_folder"


def take_study_folder(node: yaml.Node, root: Path, name: str) -> Path:
    """The study's folder a design file declares (``study_folder:``; default its own folder ``root``),
    removed from ``node`` so that the rest reads as the design.

    Raises
    ------
    DesignError
        For a value that is not the design file's folder or one above it (``.``, ``..``, ``../..``).
    """
    if not isinstance(node, yaml.MappingNode):
        return root
    for i, (k, v) in enumerate(node.value):
        if getattr(k, "value", None) != STUDY_FOLDER_KEY:
            continue
        text = v.value if isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:str" else None
        parts = [] if text is None else [x for x in text.split("/") if x not in ("", ".")]
        if text is None or text.startswith("/") or any(x != ".." for x in parts):
            raise DesignError(expectation(STUDY_FOLDER_KEY, "the design file's folder or one above it ('.', '..', "
                                          "'../..')", text if text is not None else getattr(v, "value", None),
                                          f"{name}, line {k.start_mark.line + 1}"))
        del node.value[i]
        return root.joinpath(*parts) if parts else root
    return root


def _inside(f: Path, folder: Path, field: str, shown: str, where: str, allow_outside: bool) -> None:
    """Refuse a source file outside the study's folder (unless allowed). The paths are compared as written
    (``..`` taken lexically), so a symbolic link the researcher placed inside the folder is followed."""
    inside = Path(os.path.abspath(folder))
    if allow_outside or Path(os.path.abspath(f)).is_relative_to(inside):
        return
    from casestudy import paths

    raise DesignError(expectation(field, f"a file inside the study's folder {paths.display_path(inside)}/ (declare "
                                  "a wider one "
                                  f"with '{STUDY_FOLDER_KEY}: ..', or allow it: --allow-outside)", shown, where))


def verify_checksums(design: "CaseStudyDesign", *, root: str | os.PathLike[str] | None = None,
                     locate: Any = None, name: str = "", folder: str | os.PathLike[str] | None = None,
                     allow_outside: bool = False) -> None:
    """Check that every source file lies in the study's ``folder`` (default ``root``; unless
    ``allow_outside``), exists and matches its recorded SHA-256; raise on the first that does not."""
    base = Path(root) if root else Path.cwd()
    for k, s in enumerate(design.sources):
        if not s.file:
            continue
        where = f"{name or design.id}, line {locate(f'sources[{k}].file')}" if locate else (name or design.id)
        f = base / s.file
        _inside(f, Path(folder) if folder is not None else base, f"sources[{k}].file", s.file, where, allow_outside)
        if not f.is_file():
            raise DataFileNotFoundError(expectation(f"sources[{k}].file", "an existing file", s.file, where))
        actual = sha256_file(f)
        if actual != s.sha256:
            where = f"{name or design.id}, line {locate(f'sources[{k}].sha256')}" if locate else where
            raise DataIntegrityError(expectation(f"sources[{k}].sha256", f"the SHA-256 of {s.file}, {actual}",
                                                 s.sha256, where))


def with_checksums(design: "CaseStudyDesign", *, root: str | os.PathLike[str] | None = None) -> "CaseStudyDesign":
    """Return the design with every source's ``sha256`` computed from its file (paths relative to ``root``)."""
    base = Path(root) if root else Path.cwd()
    sources = tuple(dataclasses.replace(s, sha256=sha256_file(base / s.file)) if s.file else s for s in design.sources)
    return dataclasses.replace(design, sources=sources)


def refresh_checksums(text: str, *, root: str | os.PathLike[str] | None = None, name: str = "<string>",
                      allow_outside: bool = False) -> str:
    """Return design-file text with every source's ``sha256`` computed from its file.

    Only the checksum values change (a source with a ``file`` but no ``sha256`` gets one,
    on the line after ``file``); comments and layout are kept. The result must pass what
    ``design check`` checks (:func:`loads_design` with ``verify=True``), else nothing is
    returned and the same error is raised. A source file outside the study's folder is refused
    unless ``allow_outside`` (module docstring).
    """
    from casestudy.design.designfile import _NOTHING, _compose, loads_design

    base = Path(root) if root else Path.cwd()
    node = _compose(text, name)
    folder = take_study_folder(node, base, name)
    sources = next((v for k, v in node.value if k.value == "sources"), None) if isinstance(node, yaml.MappingNode) else None
    edits: list[tuple[int, int, str]] = []
    for k, item in enumerate(sources.value if isinstance(sources, yaml.SequenceNode) else []):
        keys = {kn.value: (kn, vn) for kn, vn in item.value} if isinstance(item, yaml.MappingNode) else {}
        if "file" not in keys or not isinstance(keys["file"][1], yaml.ScalarNode):
            continue
        fk, fv = keys["file"]
        f = Path(str(fv.value))
        f = f if f.is_absolute() else base / f
        _inside(f, folder, f"sources[{k}].file", str(fv.value), f"{name}, line {fk.start_mark.line + 1}",
                allow_outside)
        if not f.is_file():
            raise DataFileNotFoundError(expectation(f"sources[{k}].file", "an existing file", fv.value,
                                                    f"{name}, line {fk.start_mark.line + 1}"))
        digest = f'"{sha256_file(f)}"'
        if "sha256" in keys:
            v = keys["sha256"][1]
            edits.append((v.start_mark.index, v.end_mark.index, digest))
        elif item.flow_style:
            edits.append((fv.end_mark.index, fv.end_mark.index, f", sha256: {digest}"))
        else:
            edits.append((fv.end_mark.index, fv.end_mark.index, "\n" + " " * fk.start_mark.column + f"sha256: {digest}"))
    protocol = _child(node, "protocol")
    rules = _child(protocol, "rules") if protocol is not None else None
    if rules is not None:
        sha = _child(rules, "sha256")
        if sha is None:
            raise DesignError(expectation("protocol.rules.sha256", "given when the rules are frozen (any value)",
                                          _NOTHING, f"{name}, line {rules.start_mark.line + 1}"))
        design = loads_design(text, name, verify=False, root=base, allow_outside=allow_outside)
        edits.append((sha.start_mark.index, sha.end_mark.index, f'"{rules_checksum(design)}"'))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    loads_design(text, name, verify=True, root=base, allow_outside=allow_outside)
    return text


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if k.value == key), None)

"""The design file (YAML): the whole design from one file, with errors that point at the line.

The file's structure mirrors :class:`~casestudy.design.design.CaseStudyDesign`:
each mapping is one frozen dataclass, each list a tuple, and a selector is a mapping
with ``quote``, ``code`` or ``table``. The reader walks the YAML node tree (so it
knows every value's line), refuses unknown and duplicate keys, missing fields and
wrong types, and re-raises any validation error of the objects with the file, the
line and the field's path::

    pt_xyz.yaml, line 12: 'questions[0].form' must be one of how, why, ... (got 'when')

This is the design's only I/O module: it also computes and verifies the SHA-256
checksums of the sources' files. Writing a loaded design back gives an equal design
(:func:`dumps_design`).

Examples
--------
>>> d = load_design("data/design/pt_xyz.yaml", verify=False)
>>> loads_design(dumps_design(d)) == d
True
>>> loads_design("id: x\\ntitle: t\\ncolour: red\\n", name="bad.yaml")
Traceback (most recent call last):
...
casestudy.errors.DesignError: bad.yaml, line 3: 'colour' must be a known key (one of id, title, citation, yin_edition, purpose, questions, propositions, cases, logic, criteria, theory, sources, findings, rivals, review, protocol, database) (got 'colour')
"""

from __future__ import annotations

import ast
import os
import re
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from pathlib import Path
from typing import Any, Union, cast

import yaml

from casestudy import paths
from casestudy.design.decisions import DecisionRule, rules_checksum
from casestudy.design.design import CaseStudyDesign
from casestudy.design.evidence import QuoteSelector, SegmentSelector, TableSelector
from casestudy.design.source_files import refresh_checksums, take_study_folder, verify_checksums, with_checksums
from casestudy.errors import DataFileNotFoundError, DataIntegrityError, DesignError, ValidationError, expectation
from casestudy.safe_yaml import check_yaml

__all__ = ["load_design", "loads_design", "design_path", "dumps_design", "dump_design", "verify_checksums",
           "with_checksums", "refresh_checksums"]

_SELECTORS = {"quote": QuoteSelector, "code": SegmentSelector, "table": TableSelector}
_MESSAGE = re.compile(r"^(?:(?P<where>[^']*?): )?'(?P<field>[^']+)' must be (?P<rest>.*)$", re.DOTALL)
_STEP = re.compile(r"([^.\[\]]+)|\[(\d*)\]")


class _Nothing:
    def __repr__(self) -> str:
        return "nothing"


_NOTHING = _Nothing()


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _steps(path: str) -> list[str | int | None]:
    out: list[str | int | None] = []
    for name, idx in _STEP.findall(path):
        out.append(name if name else (int(idx) if idx else None))
    return out


class _Reader:
    """Converts a YAML node tree into the design's dataclasses, remembering lines."""

    def __init__(self, name: str, root: yaml.Node) -> None:
        self.name = name
        self.root = root
        self.scalars = yaml.constructor.SafeConstructor()
        #: Values that are not keys of the file, given to a dataclass on construction (the framework).
        self.extra: dict[type, dict[str, Any]] = {}

    # -- locating -------------------------------------------------------------------------------
    def locate(self, path: str, got: Any = None) -> int:
        """1-based line of the node at ``path`` (or its deepest existing ancestor)."""
        node = self.root
        for step in _steps(path):
            nxt = None
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                nxt = next((v for k, v in node.value if k.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                nxt = node.value[step]
            elif isinstance(node, yaml.SequenceNode) and step is None:
                nxt = self._duplicate(node, path, got)
            if nxt is None:
                break
            node = nxt
        return node.start_mark.line + 1

    @staticmethod
    def _duplicate(seq: yaml.SequenceNode, path: str, got: Any) -> yaml.Node | None:
        key = path.rsplit(".", 1)[-1]
        hits = [it for it in seq.value if isinstance(it, yaml.MappingNode)
                for k, v in it.value if k.value == key and getattr(v, "value", None) == got]
        return hits[1] if len(hits) > 1 else None

    def _index_duplicate(self, path: str, got: Any) -> str:
        """Replace ``list[].key`` by ``list[i].key`` for the second item whose key equals ``got``."""
        head, _, key = path.partition("[].")
        seq: yaml.Node | None = self.root
        for step in _steps(head):
            if isinstance(seq, yaml.MappingNode) and isinstance(step, str):
                seq = next((v for k, v in seq.value if k.value == step), None)
            elif isinstance(seq, yaml.SequenceNode) and isinstance(step, int) and step < len(seq.value):
                seq = seq.value[step]
            else:
                return path
        if not isinstance(seq, yaml.SequenceNode):
            return path
        hits = [i for i, it in enumerate(seq.value) if isinstance(it, yaml.MappingNode)
                and any(k.value == key and getattr(v, "value", None) == got for k, v in it.value)]
        return f"{head}[{hits[1]}].{key}" if len(hits) > 1 else path

    def fail(self, path: str, expected: str, got: Any, line: int | None = None) -> DesignError:
        line = line if line is not None else self.locate(path)
        return DesignError(expectation(path or "<design>", expected, got, f"{self.name}, line {line}"))

    def remap(self, exc: ValidationError, path: str) -> DesignError:
        """Turn an object's validation error into one naming file, line and full field path."""
        m = _MESSAGE.match(str(exc))
        if not m:
            return DesignError(f"{self.name}, line {self.locate(path)}: {path}: {exc}")
        full = _join(path, m["field"]) if path else m["field"]
        got_text = m["rest"].rsplit("(got ", 1)[-1].rstrip(")")
        try:
            got = ast.literal_eval(got_text)
        except (ValueError, SyntaxError):
            got = None
        if "[]" in full:
            full = self._index_duplicate(full, got)
        line = self.locate(full, got)
        return DesignError(f"{self.name}, line {line}: '{full}' must be {m['rest']}")

    # -- converting -----------------------------------------------------------------------------
    def convert(self, node: yaml.Node, typ: Any, path: str) -> Any:
        origin, args = typing.get_origin(typ), typing.get_args(typ)
        line = node.start_mark.line + 1
        if origin in (Union, types.UnionType):
            if type(None) in args and node.tag == "tag:yaml.org,2002:null":
                return None
            if set(args) == set(_SELECTORS.values()):
                return self.selector(node, path)
            inner = [a for a in args if a is not type(None)]
            return self.convert(node, inner[0], path)
        if is_dataclass(typ):
            return self.dataclass(node, cast(type, typ), path)  # a dataclass type, not an instance
        if origin is tuple:
            if args[0] == tuple[str, Any]:
                if not isinstance(node, yaml.MappingNode):
                    raise self.fail(path, "a mapping of column to value", self.plain(node), line)
                return tuple((str(k.value), self.plain(v)) for k, v in self.pairs(node, path))
            if not isinstance(node, yaml.SequenceNode):
                raise self.fail(path, "a list", self.plain(node), line)
            return tuple(self.convert(item, args[0], _join(path, i)) for i, item in enumerate(node.value))
        if typ is Any:
            return self.plain(node)
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(path, f"a {_TYPE_NAMES.get(typ, 'value')}", self.plain(node), line)
        value = self.plain(node)
        if typ is str:
            if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
                return str(node.value)
            raise self.fail(path, "a string", value, line)
        if typ is bool and not isinstance(value, bool):
            raise self.fail(path, "true or false", value, line)
        if typ is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.fail(path, "an integer", value, line)
        return value

    def plain(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)
        return self.scalars.construct_object(node, deep=True)

    def pairs(self, node: yaml.MappingNode, path: str) -> list[tuple[yaml.Node, yaml.Node]]:
        seen: set[str] = set()
        for k, _ in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise self.fail(path, "a mapping with plain keys", self.plain(k), k.start_mark.line + 1)
            if k.value in seen:
                raise self.fail(_join(path, k.value), "given once (no duplicate keys)", k.value, k.start_mark.line + 1)
            seen.add(k.value)
        return list(node.value)

    def dataclass(self, node: yaml.Node, cls: type, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(path, f"a mapping ({cls.__name__})", self.plain(node), node.start_mark.line + 1)
        hints = typing.get_type_hints(cls)
        known = [f.name for f in fields(cls) if f.metadata.get("file", True)]
        kwargs: dict[str, Any] = dict(self.extra.get(cls, {}))
        for k, v in self.pairs(node, path):
            if k.value not in known:
                raise self.fail(_join(path, k.value), "a known key (one of " + ", ".join(known) + ")", k.value,
                                k.start_mark.line + 1)
            kwargs[k.value] = self.convert(v, hints[k.value], _join(path, k.value))
        for f in fields(cls):
            if f.name not in known:
                continue
            required = f.metadata.get("required") or (f.default is MISSING and f.default_factory is MISSING)
            if f.name not in kwargs and required:
                raise self.fail(_join(path, f.name), "given", _NOTHING, node.start_mark.line + 1)
        try:
            return cls(**kwargs)
        except ValidationError as exc:
            raise self.remap(exc, path) from None

    def selector(self, node: yaml.Node, path: str) -> Any:
        keys = [k.value for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []
        kinds = [k for k in _SELECTORS if k in keys]
        if len(kinds) != 1:
            raise self.fail(path, "a quote, segment or table selector (a mapping with one of quote, code, table)",
                            self.plain(node), node.start_mark.line + 1)
        return self.dataclass(node, _SELECTORS[kinds[0]], path)


_TYPE_NAMES = {str: "string", int: "integer", bool: "boolean"}


def _compose(text: str, name: str) -> yaml.Node:
    check_yaml(text, name, DesignError, field="<design>")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DesignError(expectation("<design>", "well-formed YAML", exc.problem, f"{name}, line {line}")) from None
    if node is None:
        raise DesignError(expectation("<design>", "a mapping (the design)", "an empty file", f"{name}, line 1"))
    return node


def _framework_spec(node: yaml.Node) -> tuple[str | None, yaml.Node | None]:
    theory = next((v for k, v in node.value if k.value == "theory"), None) if isinstance(node, yaml.MappingNode) else None
    spec = next((v for k, v in theory.value if k.value == "framework"), None) if isinstance(
        theory, yaml.MappingNode) else None
    return (str(spec.value), spec) if isinstance(spec, yaml.ScalarNode) else (None, None)


def _read_framework(node: yaml.Node, name: str, base: Path) -> Any:
    """The framework a design names (None for ``none``), read with paths relative to ``base``."""
    from casestudy.framework.framework_yaml import is_framework_file, load_framework

    spec, at = _framework_spec(node)
    if spec is None or not is_framework_file(spec) or at is None:
        return None
    try:
        return load_framework(spec, base)
    except ValidationError as exc:
        raise DesignError(f"{name}, line {at.start_mark.line + 1}: 'theory.framework': {exc}") from None


def loads_design(text: str, name: str = "<string>", *, verify: bool = False,
                 root: str | os.PathLike[str] | None = None, allow_outside: bool = False) -> CaseStudyDesign:
    """Parse a design from YAML text; ``name`` is shown in errors.

    ``root`` is the folder the file's relative paths (sources' files, a framework file)
    are taken from: the design file's folder (default: the working directory). With
    ``verify=True`` every source file's checksum is checked, and a file outside the study's
    folder is refused unless ``allow_outside`` (:mod:`casestudy.design.source_files`).
    """
    base = Path(root) if root is not None else Path.cwd()
    node = _compose(text, name)
    folder = take_study_folder(node, base, name)
    reader = _Reader(name, node)
    framework = _read_framework(node, name, base)
    if framework is not None:
        reader.extra[CaseStudyDesign] = {"framework_def": framework}
    try:
        design = reader.dataclass(node, CaseStudyDesign, "")
    except RecursionError:  # pragma: no cover - absurdly deep files
        raise DesignError(expectation("<design>", "nested less deeply", "too deep", name)) from None
    _check_no_typed_verdicts(design, reader)
    if verify:
        verify_checksums(design, root=base, locate=reader.locate, name=name, folder=folder,
                         allow_outside=allow_outside)
        _verify_rules_frozen(design, reader)
    return design


def design_path(path: str | os.PathLike[str]) -> Path:
    """The design file ``path`` names: as given, else (a relative path) under the project root if there is one."""
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        root = paths.find_project_root()
        if root is not None and (root / p).is_file():
            p = root / p
    if not p.is_file():
        raise DataFileNotFoundError(expectation("design file", "an existing file", paths.display_path(p)))
    return p


def _check_no_typed_verdicts(design: CaseStudyDesign, reader: _Reader) -> None:
    for k, p in enumerate(design.propositions):
        if p.pattern_outcome or p.pattern_reading:
            raise reader.fail(f"propositions[{k}].pattern_outcome", "absent (it is computed from the pattern rules "
                              "and the data)", p.pattern_outcome or p.pattern_reading[:40])
    for k, r in enumerate(design.rivals):
        if r.rules and r.verdict:
            raise reader.fail(f"rivals[{k}].verdict", "absent when rules decide the verdict (it is computed from the "
                              "rules and the data)", r.verdict)
        if r.rules and r.reasoning:
            raise reader.fail(f"rivals[{k}].reasoning", "absent when rules decide the verdict (the rules' meanings "
                              "and the data give it)", " ".join(r.reasoning.split())[:40])
        if not r.rules and r.verdict != "untested":
            raise reader.fail(f"rivals[{k}].verdict", "untested unless rules decide it (a verdict is computed from "
                              "declared rules and the data, never typed)", r.verdict)


def _verify_rules_frozen(design: CaseStudyDesign, reader: _Reader) -> None:
    """A frozen rule set (``protocol.rules.sha256``) must still match its rules; unfrozen rules pass."""
    freeze = design.protocol.rules
    if freeze is None or not freeze.sha256:
        return
    actual = rules_checksum(design)
    if freeze.sha256 != actual:
        raise DataIntegrityError(expectation(
            "protocol.rules.sha256", f"the checksum of the decision rules, {actual} (the rules changed after they "
            "were frozen; run casestudy design checksums and record why)", freeze.sha256,
            f"{reader.name}, line {reader.locate('protocol.rules.sha256')}"))


def load_design(path: str | os.PathLike[str], *, verify: bool = True,
                root: str | os.PathLike[str] | None = None, allow_outside: bool = False) -> CaseStudyDesign:
    """Load a design file; paths inside it are relative to its folder.

    Parameters
    ----------
    path : path-like
        The YAML file.
    verify : bool
        Check the sources' checksums (default); raises :class:`~casestudy.errors.DataIntegrityError`.
    root : path-like, optional
        Folder the sources' ``file`` paths are relative to (default: the design file's folder).
    allow_outside : bool
        Accept source files outside the study's folder (``--allow-outside``).
    """
    p = design_path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DesignError(expectation("encoding", "UTF-8", f"invalid byte at offset {exc.start}",
                                      paths.display_path(p))) from None
    return loads_design(text, paths.display_path(p), verify=verify, root=root if root is not None else p.parent,
                        allow_outside=allow_outside)


def _plain(obj: Any) -> Any:
    if isinstance(obj, (QuoteSelector, SegmentSelector, TableSelector)) or is_dataclass(obj):
        out: dict[str, Any] = {}
        for f in fields(obj):
            if not f.metadata.get("file", True):
                continue
            value = getattr(obj, f.name)
            default = f.default if f.default is not MISSING else (
                f.default_factory() if f.default_factory is not MISSING else MISSING)
            if value == default and default is not MISSING:
                continue
            if f.name in ("row", "when") and isinstance(obj, (TableSelector, DecisionRule)):
                out[f.name] = {k: v for k, v in value}
            else:
                out[f.name] = _plain(value)
        return out
    if isinstance(obj, tuple):
        return [_plain(v) for v in obj]
    return obj


def dumps_design(design: CaseStudyDesign) -> str:
    """Write a design as YAML text (fields in declaration order, defaults left out)."""
    return yaml.safe_dump(_plain(design), sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def dump_design(design: CaseStudyDesign, path: str | os.PathLike[str]) -> Path:
    """Write a design file; returns its path."""
    p = Path(path)
    p.write_text(dumps_design(design), encoding="utf-8", newline="\n")
    return p

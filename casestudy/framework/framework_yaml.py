"""Frameworks as YAML files: the shipped ones by name, a study's own by path.

The format (``casestudy/framework/data/servqual_1988.yaml``)::

    framework: {id, title, citation, sequence, languages}
    stages:                    # in the framework's order
      - id: tangibles
        name: {en: Tangibles}  # one name per language; the first language is the default
        description: "..."
        elements:              # optional; elements may nest (elements: [...])
          - {id, name, description, source, elements}
    supporting_conditions:     # optional
      - {id, name, description, source}

:func:`load_framework` takes a shipped name (:data:`SHIPPED_FRAMEWORKS`: ``buttle_2004``,
the default, and ``servqual_1988``), a path to such a file (relative paths against
``base``, the folder of the file that names it), or ``none``. Unknown and repeated
keys are errors naming the file and the line.

Examples
--------
>>> fw = load_framework("servqual_1988")
>>> fw.stage_ids()
('tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy')
>>> load_framework("none") is None
True
>>> framework_from_text(framework_to_yaml(fw), "again.yaml") == fw
True
>>> framework_from_text("framework: {id: x, title: X, citation: C}\\nstages:\\n  - {id: a, nmae: {en: A}}\\n", "x.yaml")
Traceback (most recent call last):
...
casestudy.errors.FrameworkError: x.yaml, line 3: 'nmae' must be a known key (one of id, name, description, elements) (got 'nmae')
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from casestudy.errors import FrameworkError, expectation
from casestudy.framework.model import Framework, FrameworkElement, FrameworkStage

__all__ = ["SHIPPED_FRAMEWORKS", "NO_FRAMEWORK", "load_framework", "framework_from_text", "framework_to_yaml",
           "shipped_framework_text", "is_framework_file"]

#: Frameworks shipped as package data, by name.
SHIPPED_FRAMEWORKS = ("buttle_2004", "servqual_1988")
#: The value of ``theory.framework`` (or ``--framework``) for a study without a framework.
NO_FRAMEWORK = "none"
_TOP = ("framework", "stages", "supporting_conditions")
_META = ("id", "title", "citation", "sequence", "languages")
_STAGE = ("id", "name", "description", "elements")
_ELEMENT = ("id", "name", "description", "source", "elements")


def is_framework_file(spec: str) -> bool:
    """Whether ``spec`` names a YAML file rather than a shipped framework."""
    return spec.lower().endswith((".yaml", ".yml"))


def shipped_framework_text(name: str) -> str:
    """The YAML text of a shipped framework."""
    if name not in SHIPPED_FRAMEWORKS:
        raise FrameworkError(expectation("framework", "one of " + ", ".join([*SHIPPED_FRAMEWORKS, NO_FRAMEWORK])
                                         + " or a .yaml file", name))
    return resources.files("casestudy.framework").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _shipped(name: str) -> Framework:
    return framework_from_text(shipped_framework_text(name), f"{name}.yaml")


def load_framework(spec: str, base: str | os.PathLike[str] | None = None) -> Framework | None:
    """Return the framework ``spec`` names: a shipped name, a YAML file, or ``none`` (None).

    Parameters
    ----------
    spec : str
        ``buttle_2004``, ``servqual_1988``, ``none`` or a path ending in ``.yaml``/``.yml``.
    base : path-like, optional
        Folder relative paths are taken from (the folder of the design or codebook file);
        default the working directory.
    """
    if spec == NO_FRAMEWORK:
        return None
    if not is_framework_file(spec):
        return _shipped(spec)
    p = Path(spec)
    if not p.is_absolute():
        p = Path(base or ".") / p
    if not p.is_file():
        raise FrameworkError(expectation("framework", "an existing framework file", spec))
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FrameworkError(expectation("framework", "a UTF-8 text file", p.name)) from None
    return framework_from_text(text, p.name)


def _mapping(node: yaml.Node, where: str, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
    at = f"{where}, line {node.start_mark.line + 1}"
    if not isinstance(node, yaml.MappingNode):
        raise FrameworkError(expectation("entry", "a mapping", getattr(node, "value", node.tag), at))
    out: dict[str, yaml.Node] = {}
    for k, v in node.value:
        at = f"{where}, line {k.start_mark.line + 1}"
        if k.value in out:
            raise FrameworkError(expectation(k.value, "given once", "a repeated key", at))
        if k.value not in allowed:
            raise FrameworkError(expectation(k.value, "a known key (one of " + ", ".join(allowed) + ")", k.value, at))
        out[k.value] = v
    return out


class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where
        self.c = yaml.constructor.SafeConstructor()

    def at(self, node: yaml.Node) -> str:
        return f"{self.where}, line {node.start_mark.line + 1}"

    def value(self, node: yaml.Node) -> Any:
        return self.c.construct_object(node, deep=True)

    def names(self, node: yaml.Node | None, field: str) -> tuple[tuple[str, str], ...]:
        if node is None:
            raise FrameworkError(expectation(field, "given", None))
        v = self.value(node)
        if isinstance(v, str):
            v = {"en": v}
        if not isinstance(v, dict) or not v:
            raise FrameworkError(expectation(field, "a mapping language -> name", v, self.at(node)))
        return tuple((str(k), str(n) if isinstance(n, str) else n) for k, n in v.items())

    def seq(self, node: yaml.Node | None, field: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise FrameworkError(expectation(field, "a list", self.value(node), self.at(node)))
        return list(node.value)

    def text(self, m: dict[str, yaml.Node], key: str) -> str:
        if key not in m:
            return ""
        v = self.value(m[key])
        if not isinstance(v, str):
            raise FrameworkError(expectation(key, "a string", v, self.at(m[key])))
        return v

    def element(self, node: yaml.Node) -> FrameworkElement:
        m = _mapping(node, self.where, _ELEMENT)
        try:
            return FrameworkElement(self.value(m["id"]) if "id" in m else "", self.names(m.get("name"), "name"),
                                    self.text(m, "description"), self.text(m, "source"),
                                    tuple(self.element(e) for e in self.seq(m.get("elements"), "elements")))
        except FrameworkError as exc:
            raise self._wrap(exc, node) from None

    def stage(self, node: yaml.Node) -> FrameworkStage:
        m = _mapping(node, self.where, _STAGE)
        try:
            return FrameworkStage(self.value(m["id"]) if "id" in m else "", self.names(m.get("name"), "name"),
                                  self.text(m, "description"),
                                  tuple(self.element(e) for e in self.seq(m.get("elements"), "elements")))
        except FrameworkError as exc:
            raise self._wrap(exc, node) from None

    def _wrap(self, exc: FrameworkError, node: yaml.Node) -> FrameworkError:
        msg = str(exc)
        return exc if msg.startswith(f"{self.where}, line") else FrameworkError(f"{self.at(node)}: {msg}")


def framework_from_text(text: str, where: str = "framework") -> Framework:
    """Parse framework YAML ``text``; ``where`` names the file in errors."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = f"{where}, line {mark.line + 1}" if mark else where
        raise FrameworkError(expectation("file", "well-formed YAML", exc.problem, at)) from None
    if root is None:
        raise FrameworkError(expectation("file", "a framework with 'framework' and 'stages'", "an empty file", where))
    r = _Reader(where)
    top = _mapping(root, where, _TOP)
    for key in ("framework", "stages"):
        if key not in top:
            raise FrameworkError(expectation(key, "present", None, where))
    meta = _mapping(top["framework"], where, _META)
    values = {k: r.value(v) for k, v in meta.items()}
    for key in ("id", "title", "citation"):
        if key not in values:
            raise FrameworkError(expectation(key, "present in 'framework'", None, r.at(top["framework"])))
    langs = values.get("languages", ["en"])
    if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
        raise FrameworkError(expectation("languages", "a list of language codes", langs, r.at(meta["languages"])))
    sequence = values.get("sequence", True)
    if not isinstance(sequence, bool):
        raise FrameworkError(expectation("sequence", "true or false", sequence, r.at(meta["sequence"])))
    stages = tuple(r.stage(s) for s in r.seq(top["stages"], "stages"))
    conditions = tuple(r.element(e) for e in r.seq(top.get("supporting_conditions"), "supporting_conditions"))
    try:
        return Framework(values["id"], values["title"], values["citation"], stages, conditions, sequence,
                         tuple(langs))
    except FrameworkError as exc:
        raise FrameworkError(f"{r.at(top['framework'])}: {exc}") from None


def _element_data(e: FrameworkElement) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "name": dict(e.names)}
    if e.description:
        out["description"] = e.description
    if e.source:
        out["source"] = e.source
    if e.elements:
        out["elements"] = [_element_data(x) for x in e.elements]
    return out


def framework_to_yaml(fw: Framework, header: str = "") -> str:
    """Write ``fw`` in the format above (round-trips through :func:`framework_from_text`)."""
    data: dict[str, Any] = {
        "framework": {"id": fw.id, "title": fw.title, "citation": fw.citation, "sequence": fw.sequence,
                      "languages": list(fw.languages)},
        "stages": [{"id": s.id, "name": dict(s.names), **({"description": s.description} if s.description else {}),
                    **({"elements": [_element_data(e) for e in s.elements]} if s.elements else {})}
                   for s in fw.stages],
    }
    if fw.supporting_conditions:
        data["supporting_conditions"] = [_element_data(e) for e in fw.supporting_conditions]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return header + body

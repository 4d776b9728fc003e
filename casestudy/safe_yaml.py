"""Hardened YAML reading: every YAML file the package reads goes through here.

PyYAML's safe loader still overwrites a duplicate key silently (a second
``entries:`` block would disable a pseudonym key), expands aliases without
bound (an "alias bomb" of a few kilobytes takes gigabytes), and turns an
impossible date into a ``ValueError`` traceback. This reader refuses duplicate
keys, more than :data:`MAX_ALIASES` aliases, explicit tags (``!!python/...``,
``!custom``), nesting deeper than :data:`MAX_DEPTH` and documents larger than
:data:`MAX_BYTES`, each with one line naming the file and line.

Examples
--------
>>> load_yaml("a: 1\\nb: [x, y]\\n", "k.yaml")
{'a': 1, 'b': ['x', 'y']}
>>> load_yaml("entries: []\\nentries: [1]\\n", "k.yaml")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: k.yaml, line 2: 'entries' must be a key given once (got 'a second entries')
>>> load_yaml("a: !!python/name:os.system x\\n", "k.yaml")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: k.yaml, line 1: 'yaml' must be plain YAML without tags (got '!!python/name:os.system')
>>> load_yaml("d: 2024-02-30\\n", "k.yaml")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: k.yaml, line 1: 'd' must be a real date (got '2024-02-30')
"""

from __future__ import annotations

from typing import Any

import yaml

from casestudy.errors import ValidationError, expectation

__all__ = ["load_yaml", "compose_yaml", "check_yaml", "MAX_ALIASES", "MAX_DEPTH", "MAX_BYTES"]

#: Aliases (``*name``) a document may use.
MAX_ALIASES = 20
#: Nesting depth of mappings and sequences.
MAX_DEPTH = 64
#: Size of one YAML document, in characters.
MAX_BYTES = 20_000_000
_SHORT = {"tag:yaml.org,2002:": "!!"}


def _line(mark: Any) -> str:
    return f", line {mark.line + 1}" if mark is not None else ""


def check_yaml(text: str, where: str, error: type[Exception] = ValidationError, field: str = "yaml") -> None:
    """Refuse what the package never reads from YAML: tags, many aliases, deep nesting, huge size.

    Raises
    ------
    error
        Naming ``where`` and the line; ``'yaml' must be well-formed YAML`` for a syntax error.
    """
    if len(text) > MAX_BYTES:
        raise error(expectation("yaml", f"at most {MAX_BYTES:,} characters", len(text), where))
    aliases = depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", (True, True))
            explicit = tag not in (None, "!") and not (isinstance(implicit, tuple) and any(implicit)) \
                and not (isinstance(implicit, bool) and implicit)
            if explicit:
                shown = str(tag)  # not None: an explicit tag
                for long, short in _SHORT.items():
                    shown = shown.replace(long, short)
                raise error(expectation("yaml", "plain YAML without tags", shown, where + _line(event.start_mark)))
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise error(expectation("yaml", f"YAML with at most {MAX_ALIASES} aliases", f"alias {aliases}",
                                            where + _line(event.start_mark)))
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise error(expectation("yaml", f"nested at most {MAX_DEPTH} levels deep", depth,
                                            where + _line(event.start_mark)))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise error(expectation(field, "well-formed YAML", problem, where + _line(mark))) from None


class _StrictLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicate keys and impossible dates."""

    where = "YAML"
    error: type[Exception] = ValidationError

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise self.error(expectation("key", "a plain scalar", key,
                                             self.where + _line(key_node.start_mark))) from None
            if key in seen:
                raise self.error(expectation(str(key), "a key given once", f"a second {key}",
                                             self.where + _line(key_node.start_mark)))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise self.error(expectation(self._field, "a real date", node.value,
                                         self.where + _line(node.start_mark))) from None

    _field = "date"


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def load_yaml(text: str, where: str, error: type[Exception] = ValidationError) -> Any:
    """Parse one YAML document strictly (see the module notes); return plain Python data.

    Parameters
    ----------
    text : str
        The document.
    where : str
        The file, for messages.
    error : type of Exception
        The package error to raise (``CodebookError``, ``PseudonymError``...).
    """
    check_yaml(text, where, error)
    loader = _StrictLoader(text)
    loader.where, loader.error = where, error
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _label_dates(loader, node)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise error(expectation("yaml", "well-formed YAML", problem, where + _line(mark))) from None
    finally:
        loader.dispose()


def _label_dates(loader: _StrictLoader, node: yaml.Node) -> None:
    """Give each timestamp scalar the key it sits under, so a bad date names its field."""
    stack = [node]
    names: dict[int, str] = {}
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    names[id(v)] = k.value
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    original = loader.construct_yaml_timestamp

    def construct(node: yaml.ScalarNode) -> Any:
        loader._field = names.get(id(node), "date")
        return original(node)

    loader.yaml_constructors = dict(loader.yaml_constructors)  # type: ignore[misc]  # this loader's own copy, by design
    loader.yaml_constructors["tag:yaml.org,2002:timestamp"] = lambda _l, n: construct(n)


def compose_yaml(text: str, where: str, error: type[Exception] = ValidationError) -> yaml.Node | None:
    """Check ``text`` (:func:`check_yaml`) and return its node tree (for readers that report node paths)."""
    check_yaml(text, where, error)
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise error(expectation("yaml", "well-formed YAML", problem, where + _line(mark))) from None

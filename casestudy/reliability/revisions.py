"""Read codebook revisions suggested by a disagreement review into a new codebook version.

A revisions file lists how version ``n + 1`` of a codebook differs from version
``n``, one :class:`~casestudy.records.codebook.CodebookRevision` per change, each
with the reason (usually the disagreements that prompted it)::

    codebook: buttle_crm            # id of the revised codebook
    from_version: 1
    version: 2
    provenance: illustrative
    note: "..."
    revisions:
      - kind: redefine              # rename | merge | split | add | retire | redefine
        from_ids: [aspect_problem]
        to_ids: [aspect_problem]
        reason: "..."
        changes: {when_not_to_use: "..."}          # fields of the resulting code
      - kind: split
        from_ids: [lifecycle_retain]
        to_ids: [lifecycle_retain_care, lifecycle_retain_rewards]
        reason: "..."
        new_codes:                                  # new ids: fields over the split code's
          lifecycle_retain_care: {label_en: "...", label_id: "..."}

The codebook engine applies them (:meth:`Codebook.revise`); this module only
reads the file, with errors naming the file and line. Codings then move to the
new version through :func:`casestudy.reliability.consensus.revise_codings`.

Examples
--------
>>> from casestudy.records.codebook import Code, Codebook
>>> base = Codebook("demo", 1, "Demo", "Demo", codes=(
...     Code("portfolio", "Portfolio", "Portofolio", codable=False, framework_ref="portfolio"),
...     Code("a", "A", "A", parent="portfolio"), Code("b", "B", "B", parent="portfolio")))
>>> text = '''
... codebook: demo
... from_version: 1
... version: 2
... revisions:
...   - {kind: merge, from_ids: [a, b], to_ids: [a], reason: "never told apart",
...      changes: {label_en: "A or B"}}
... '''
>>> v2 = revisions_from_text(text, base, "rev.yaml")
>>> v2.version, v2.ids(), v2.code("a").label_en, v2.map_code("b")
(2, ('portfolio', 'a'), 'A or B', ('a',))
>>> revisions_from_text(text.replace("merge", "mrege"), base, "rev.yaml")
Traceback (most recent call last):
...
casestudy.errors.CodebookError: rev.yaml, line 6: revision: 'kind' must be one of rename, merge, split, add, retire, redefine (got 'mrege')
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from casestudy import paths
from casestudy.records.codebook import Code, Codebook, CodebookRevision
from casestudy.coding.codebook_yaml import CODE_KEYS
from casestudy.errors import CodebookError, DataFileNotFoundError, expectation
from casestudy.safe_yaml import load_yaml

__all__ = ["TOP_KEYS", "REVISION_KEYS", "revisions_from_text", "load_revisions"]

TOP_KEYS = ("codebook", "from_version", "version", "provenance", "note", "revisions")
REVISION_KEYS = ("kind", "from_ids", "to_ids", "reason", "changes", "new_codes")
_FIELDS = tuple(k for k in CODE_KEYS if k not in ("id", "keywords"))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _fields(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CodebookError(expectation("changes", "a mapping of code fields", value, where))
    for k in value:
        if k not in _FIELDS:
            raise CodebookError(expectation(k, "a code field (one of " + ", ".join(_FIELDS) + ")", "an unknown key",
                                            where))
    return dict(value)


def revisions_from_text(text: str, base: Codebook, where: str = "revisions") -> Codebook:
    """Apply the revisions in YAML ``text`` to ``base``; return the new codebook version.

    Raises
    ------
    CodebookError
        Unknown keys, a codebook id or version that does not follow ``base``, a bad
        revision (kind, arity, unknown code), naming the file and line.
    """
    data = load_yaml(text, where, CodebookError)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{where}, line {mark.line + 1}" if mark else where
        raise CodebookError(expectation("file", "valid YAML", getattr(exc, "problem", str(exc)), at)) from None
    if not isinstance(data, dict) or node is None:
        raise CodebookError(expectation("file", "a mapping with 'revisions'", type(data).__name__, where))
    lines = {k.value: _line(k) for k, _ in node.value}
    for key in data:
        if key not in TOP_KEYS:
            raise CodebookError(expectation(key, "a known key (one of " + ", ".join(TOP_KEYS) + ")", "an unknown key",
                                            f"{where}, line {lines[key]}"))
    if data.get("codebook") != base.id:
        raise CodebookError(expectation("codebook", f"the id of the revised codebook ({base.id})",
                                        data.get("codebook"), f"{where}, line {lines.get('codebook', 1)}"))
    if data.get("from_version") != base.version or data.get("version") != base.version + 1:
        raise CodebookError(expectation("version", f"{base.version + 1}, revising version {base.version}",
                                        data.get("version"), f"{where}, line {lines.get('version', 1)}"))
    items = data.get("revisions") or []
    nodes = dict(node.value)
    item_nodes = [n for k, n in nodes.items() if k.value == "revisions"]
    item_lines = [_line(n) for n in item_nodes[0].value] if item_nodes else []
    revisions, extra, changes = [], {}, {}
    for item, line in zip(items, item_lines):
        at = f"{where}, line {line}"
        if not isinstance(item, dict):
            raise CodebookError(expectation("revision", "a mapping", item, at))
        for key in item:
            if key not in REVISION_KEYS:
                raise CodebookError(expectation(key, "a known key (one of " + ", ".join(REVISION_KEYS) + ")",
                                                "an unknown key", at))
        try:
            rev = CodebookRevision(item.get("kind", ""), tuple(item.get("from_ids") or ()),
                                   tuple(item.get("to_ids") or ()), str(item.get("reason") or ""))
        except CodebookError as exc:
            raise CodebookError(f"{at}: {exc}") from None
        if not rev.reason.strip():
            raise CodebookError(expectation("reason", "the rationale of the revision", rev.reason, at))
        for new_id, fields in (item.get("new_codes") or {}).items():
            template: Code | None = None
            if rev.from_ids and rev.from_ids[0] in base.ids():
                template = base.code(rev.from_ids[0])
            fields = _fields(fields, at)
            try:
                extra[new_id] = replace(template, id=new_id, **fields) if template else Code(new_id, **fields)
            except (TypeError, CodebookError) as exc:
                raise CodebookError(expectation(f"new_codes[{new_id}]", "a valid code", str(exc), at)) from None
        target = rev.to_ids[0] if rev.to_ids else None
        if item.get("changes") and target:
            changes[target] = _fields(item["changes"], at)
        revisions.append(rev)
    try:
        revised = base.revise(revisions, new_codes=extra.values(), note=data.get("note"))
        codes = tuple(replace(c, **changes[c.id]) if c.id in changes else c for c in revised.codes)
        return replace(revised, codes=codes, provenance=data.get("provenance") or base.provenance)
    except CodebookError as exc:
        raise CodebookError(f"{where}: {exc}") from None


def load_revisions(path: str | os.PathLike[str], base: Codebook) -> Codebook:
    """Read a revisions file (UTF-8) and return the revised codebook version.

    Examples
    --------
    >>> from casestudy.coding.codebook_yaml import load_codebook
    >>> v1 = load_codebook(paths.codebooks_dir() / "buttle_crm.yaml")
    >>> v2 = load_revisions(paths.codebooks_dir() / "buttle_crm_revisions.yaml", v1)
    >>> v2.version, len(v2.revisions), v2.map_code("outcome_loyalty")
    (2, 10, ('outcome_loyalty',))
    """
    path = Path(path)
    where = paths.display_path(path)
    if not path.is_file():
        raise DataFileNotFoundError(expectation("revisions file", "an existing file", where))
    return revisions_from_text(path.read_text(encoding="utf-8"), base, where)

"""Read and write codebooks as YAML, with errors that name the file, the line and the code.

The format (``data/codebooks/buttle_crm.yaml``)::

    codebook: {id, version, title_en, title_id, languages, framework, provenance, note}
    codes:                     # list; parents usually before children
      - {id, parent, codable, framework_ref, label_en, label_id, definition_en, definition_id,
         when_to_use, when_not_to_use, example, colour, keywords: {id: [...], en: [...]}}
    revisions:                 # optional: how this version differs from the previous one
      - {kind, from_ids, to_ids, reason}

Unknown or repeated keys are errors, never dropped.

Examples
--------
>>> text = '''
... codebook: {id: demo, version: 1, title_en: Demo, title_id: Demo}
... codes:
...   - {id: portfolio, label_en: Portfolio, label_id: Portofolio, codable: false}
...   - {id: portfolio_pricing, parent: portfolio, label_en: Pricing, label_id: Harga,
...      keywords: {id: [harga], en: [price]}}
... '''
>>> cb = codebook_from_text(text, "demo.yaml")
>>> cb.code("portfolio_pricing").phrases()
('harga', 'price')
>>> codebook_from_text(to_yaml(cb), "again.yaml") == cb
True
>>> codebook_from_text(text.replace("parent: portfolio", "parent: pricing"), "demo.yaml")
Traceback (most recent call last):
...
casestudy.errors.CodebookError: demo.yaml, line 5, code 'portfolio_pricing': 'parent' must be the id of a code of this codebook (got 'pricing')
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from casestudy import paths
from casestudy.records.codebook import CODEBOOK_LANGUAGES, Code, Codebook, CodebookRevision, framework_refs, validate_codes
from casestudy.coding.textfiles import read_utf8
from casestudy.errors import CodebookError, ValidationError, expectation
from casestudy.provenance import EMPIRICAL

__all__ = ["load_codebook", "codebook_from_text", "to_yaml", "CODEBOOK_KEYS", "CODE_KEYS"]

CODEBOOK_KEYS = ("id", "version", "title_en", "title_id", "languages", "framework", "provenance", "note")
CODE_KEYS = ("id", "parent", "codable", "framework_ref", "label_en", "label_id", "definition_en", "definition_id",
             "when_to_use", "when_not_to_use", "example", "colour", "keywords")
_REQUIRED_CODE = ("id",)
_REVISION_KEYS = ("kind", "from_ids", "to_ids", "reason")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, where: str, allowed: tuple[str, ...]) -> dict[str, tuple[int, Any]]:
    """Return ``{key: (line, value node)}``, refusing non-mappings, repeated and unknown keys."""
    if not isinstance(node, yaml.MappingNode):
        raise CodebookError(expectation("entry", "a mapping", node.value if isinstance(node, yaml.ScalarNode)
                                        else node.tag.rsplit(":", 1)[-1], f"{where}, line {_line(node)}"))
    out: dict[str, tuple[int, Any]] = {}
    for key, value in node.value:
        name = key.value
        if name in out:
            raise CodebookError(expectation(name, "given once", "a repeated key", f"{where}, line {_line(key)}"))
        if name not in allowed:
            raise CodebookError(expectation(name, "a known key (one of " + ", ".join(allowed) + ")",
                                            "an unknown key", f"{where}, line {_line(key)}"))
        out[name] = (_line(key), value)
    return out


def codebook_from_text(text: str, where: str = "codebook", base: str | os.PathLike[str] | None = None) -> Codebook:
    """Parse codebook YAML ``text``; ``where`` names the file in errors.

    ``base`` is the folder a framework file named by ``framework`` is read from (the
    codebook file's folder).

    Raises
    ------
    CodebookError
        One error naming the file, the line, the code and what was expected.
    """
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise CodebookError(expectation("file", "a codebook with 'codebook' and 'codes'", "an empty file", where))
        top = _mapping(root, where, ("codebook", "codes", "revisions"))
        for key in ("codebook", "codes"):
            if key not in top:
                raise CodebookError(expectation(key, "present", None, where))
        meta_fields = _mapping(top["codebook"][1], where, CODEBOOK_KEYS)
        meta = {k: loader.construct_object(v, deep=True) for k, (_, v) in meta_fields.items()}
        codes_node = top["codes"][1]
        if not isinstance(codes_node, yaml.SequenceNode):
            raise CodebookError(expectation("codes", "a list of codes", "not a list", f"{where}, line {top['codes'][0]}"))
        codes, lines = [], []
        for item in codes_node.value:
            fields = _mapping(item, where, CODE_KEYS)
            values = {k: loader.construct_object(v, deep=True) for k, (_, v) in fields.items()}
            codes.append(_code(values, fields, where, _line(item)))
            lines.append(_line(item))
        revisions = []
        if "revisions" in top:
            for item in top["revisions"][1].value:
                fields = _mapping(item, where, _REVISION_KEYS)
                d = {k: loader.construct_object(v, deep=True) for k, (_, v) in fields.items()}
                try:
                    revisions.append(CodebookRevision(d.get("kind", ""), tuple(d.get("from_ids") or ()),
                                                      tuple(d.get("to_ids") or ()), d.get("reason") or ""))
                except CodebookError as exc:
                    raise CodebookError(f"{where}, line {_line(item)}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{where}, line {mark.line + 1}" if mark else where
        raise CodebookError(expectation("file", "valid YAML", getattr(exc, "problem", str(exc)), at)) from None
    finally:
        loader.dispose()
    head = f"{where}, line {top['codebook'][0]}"
    try:
        refs = framework_refs(meta.get("framework"), str(base) if base is not None else None)
    except ValidationError as exc:
        at = f"{where}, line {meta_fields['framework'][0]}" if "framework" in meta_fields else head
        raise CodebookError(f"{at}: {exc}") from None
    languages = _languages(meta.get("languages"), f"{where}, line {meta_fields['languages'][0]}"
                           if "languages" in meta_fields else head)
    validate_codes(codes, lambda i, cid: f"{where}, line {lines[i]}, code {cid!r}", refs[1] if refs else None,
                   refs[0] if refs else "", languages)
    for key in ("id", "version"):
        if key not in meta:
            raise CodebookError(expectation(key, "present in 'codebook'", None, head))
    if "title_en" not in meta and "title_id" not in meta:
        raise CodebookError(expectation("title_en", "present in 'codebook' (or title_id)", None, head))
    try:
        return Codebook(meta["id"], meta["version"], meta.get("title_en") or "", meta.get("title_id") or "",
                        tuple(codes), meta.get("framework"), meta.get("provenance") or EMPIRICAL,
                        meta.get("note") or "", tuple(revisions), languages)
    except CodebookError as exc:
        raise CodebookError(f"{head}: {exc}") from None


def _languages(value: Any, head: str) -> tuple[str, ...]:
    langs = [value] if isinstance(value, str) else (value or [])
    if not isinstance(langs, list) or not all(x in CODEBOOK_LANGUAGES for x in langs):
        raise CodebookError(expectation("languages", "a list of " + " and ".join(CODEBOOK_LANGUAGES)
                                        + " (the label fields are label_en and label_id)", value, head))
    return tuple(langs)


def _code(values: dict[str, Any], fields: dict[str, tuple[int, Any]], where: str, line: int) -> Code:
    cid = values.get("id")
    for key in _REQUIRED_CODE:
        if key not in values:
            raise CodebookError(expectation(key, "present", None, f"{where}, line {line}, code {cid!r}"))
    keywords = values.get("keywords") or {}
    if not isinstance(keywords, dict) or not all(isinstance(v, list) for v in keywords.values()):
        at = fields.get("keywords", (line,))[0]
        raise CodebookError(expectation("keywords", "a mapping language -> list of phrases", keywords,
                                        f"{where}, line {at}, code {cid!r}"))
    kw = tuple((str(lang), tuple(phrases)) for lang, phrases in keywords.items())
    text = {k: values.get(k) or "" for k in ("definition_en", "definition_id", "when_to_use", "when_not_to_use",
                                             "example")}
    try:
        return Code(values["id"], values.get("label_en") or "", values.get("label_id") or "", values.get("parent"),
                    values.get("codable", True), values.get("framework_ref"), colour=values.get("colour"),
                    keywords=kw, **text)
    except CodebookError as exc:
        message = str(exc)
        field = re.search(r"'(\w+)' must", message)
        at = fields.get(field.group(1), (line,))[0] if field else line
        message = re.sub(r"^(code '[^']*'|codebook): ", "", message)
        raise CodebookError(f"{where}, line {at}, code {cid!r}: {message}") from None


def load_codebook(path: str | os.PathLike[str]) -> Codebook:
    """Load a codebook YAML file (UTF-8).

    Raises
    ------
    CodebookError
        For a missing file, bad YAML, unknown key or invalid code (with file, line and code).
    """
    text = read_utf8(path, CodebookError, "codebook file")
    return codebook_from_text(text, paths.display_path(Path(path)), base=Path(path).parent)


def _scalar(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip().removesuffix(
        "\n...").removesuffix("...").strip()


def to_yaml(codebook: Codebook) -> str:
    """Write ``codebook`` in the YAML format above (round-trips through :func:`codebook_from_text`)."""
    lines = ["codebook:"]
    meta = {"id": codebook.id, "version": codebook.version, "title_en": codebook.title_en,
            "title_id": codebook.title_id, **({"languages": list(codebook.languages)} if codebook.languages else {}),
            "framework": codebook.framework, "provenance": codebook.provenance, "note": codebook.note}
    lines += [f"  {k}: {_scalar(v)}" for k, v in meta.items()]
    lines.append("codes:")
    for c in codebook.codes:
        entry = {"id": c.id, "parent": c.parent, "codable": c.codable, "framework_ref": c.framework_ref,
                 "label_en": c.label_en, "label_id": c.label_id, "definition_en": c.definition_en,
                 "definition_id": c.definition_id, "when_to_use": c.when_to_use, "when_not_to_use": c.when_not_to_use,
                 "example": c.example, "colour": c.colour}
        lines += [("  - " if i == 0 else "    ") + f"{k}: {_scalar(v)}" for i, (k, v) in enumerate(entry.items())]
        if c.keywords:
            lines.append("    keywords:")
            lines += [f"      {lang}: {_scalar(list(ps))}" for lang, ps in c.keywords]
    if codebook.revisions:
        lines.append("revisions:")
        for r in codebook.revisions:
            d = r.as_dict()
            lines += [("  - " if i == 0 else "    ") + f"{k}: {_scalar(v)}" for i, (k, v) in enumerate(d.items())]
    return "\n".join(lines) + "\n"

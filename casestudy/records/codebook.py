"""The codebook: hierarchical codes in one or two languages, validated, versioned, with revisions.

Codes carry labels and definitions in the codebook's declared languages (English, Indonesian or
both), when to use and when not to use, an example, a colour, an optional reference to an element of
the study's framework (:mod:`casestudy.framework`) and optional keyword lexicons per language for
automatic suggestions. A new version records how it differs from the previous one as
:class:`CodebookRevision` items (rename, merge, split...); YAML is :mod:`casestudy.coding.codebook_yaml`.

Examples
--------
>>> root = Code("portfolio", "Portfolio", "Portofolio", codable=False, framework_ref="portfolio")
>>> leaf = Code("portfolio_pricing", "Pricing", "Harga", parent="portfolio", framework_ref="portfolio_pricing",
...             keywords=(("id", ("harga",)), ("en", ("price",))))
>>> cb = Codebook("demo", 1, "Demo", "Demo", codes=(root, leaf))
>>> [c.id for c in cb.children("portfolio")], cb.path("portfolio_pricing")
(['portfolio_pricing'], ('portfolio', 'portfolio_pricing'))
>>> v2 = cb.revise([CodebookRevision("rename", ("portfolio_pricing",), ("portfolio_price",), "shorter")])
>>> v2.version, [c.id for c in v2.codes], v2.map_code("portfolio_pricing")
(2, ['portfolio', 'portfolio_price'], ('portfolio_price',))
>>> Codebook("demo", 1, "Demo", "Demo", codes=(root, root))
Traceback (most recent call last):
...
casestudy.errors.CodebookError: codebook 'demo', code 'portfolio': 'id' must be unique (got 'portfolio')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from casestudy.errors import CodebookError, expectation
from casestudy.validators import check_hex_colour, check_id, check_one_of
from casestudy.provenance import EMPIRICAL
from casestudy.summary import Summary

__all__ = ["Code", "Codebook", "CodebookRevision", "REVISION_KINDS", "CODEBOOK_LANGUAGES", "MAX_CODE_DEPTH",
           "validate_codes", "framework_refs"]

#: How deep a code tree may nest (the check is linear; a deeper tree is a mistake, not a codebook).
MAX_CODE_DEPTH = 64

#: Languages a codebook's labels may be in (its fields are ``label_en``/``definition_en`` and ``label_id``/...).
CODEBOOK_LANGUAGES = ("en", "id")
REVISION_KINDS = ("rename", "merge", "split", "add", "retire", "redefine")
_ARITY = {"rename": ((1, 1), (1, 1)), "merge": ((2, None), (1, 1)), "split": ((1, 1), (2, None)),
          "add": ((0, 0), (1, None)), "retire": ((1, None), (0, 0)), "redefine": ((1, 1), (1, 1))}


@dataclass(frozen=True)
class Code:
    """One code of a codebook (a folder when ``codable`` is False).

    Parameters
    ----------
    id : str
        Lower-case id; framework codes use ids of ``BUTTLE_2004``.
    label_en, label_id : str
        Labels in English and Indonesian; a monolingual codebook leaves the other empty
        (at least one is required; the codebook's ``languages`` says which).
    parent : str, optional
        Parent code id.
    codable : bool
        False for folders.
    framework_ref : str, optional
        Id in ``BUTTLE_2004``.
    definition_en, definition_id, when_to_use, when_not_to_use, example : str
        The usual codebook entries.
    colour : str, optional
        ``#rrggbb``.
    keywords : tuple of (language, tuple of str)
        Lexicons for suggestions, e.g. ``(("id", ("harga",)), ("en", ("price",)))``.
    """

    id: str
    label_en: str
    label_id: str
    parent: str | None = None
    codable: bool = True
    framework_ref: str | None = None
    definition_en: str = ""
    definition_id: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    example: str = ""
    colour: str | None = None
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        where = f"code {self.id!r}"
        check_id("id", self.id, CodebookError)
        for name in ("label_en", "label_id"):
            if not isinstance(getattr(self, name), str):
                raise CodebookError(expectation(name, "a string", getattr(self, name), where))
        if not self.label_en.strip() and not self.label_id.strip():
            raise CodebookError(expectation("label_en", "a non-empty string (a label in at least one language)",
                                            self.label_en, where))
        if self.parent is not None:
            check_id("parent", self.parent, CodebookError, where)
        if not isinstance(self.codable, bool):
            raise CodebookError(expectation("codable", "true or false", self.codable, where))
        if self.colour is not None:
            check_hex_colour("colour", self.colour, CodebookError, where)
        for name in ("definition_en", "definition_id", "when_to_use", "when_not_to_use", "example"):
            if not isinstance(getattr(self, name), str):
                raise CodebookError(expectation(name, "a string", getattr(self, name), where))
        for item in self.keywords:
            ok = isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], tuple)
            if not ok or not all(isinstance(k, str) and k.strip() for k in item[1]):
                raise CodebookError(expectation("keywords", "a mapping language -> list of non-empty phrases",
                                                item, where))

    def phrases(self, language: str | None = None) -> tuple[str, ...]:
        """Keyword phrases in ``language`` (all languages when None)."""
        return tuple(p for lang, ps in self.keywords if language in (None, lang) for p in ps)

    def label(self, language: str = "en") -> str:
        """Label in ``language`` (``en`` or ``id``); the other language's when this one has none."""
        first, other = (self.label_id, self.label_en) if language == "id" else (self.label_en, self.label_id)
        return first or other


@dataclass(frozen=True)
class CodebookRevision:
    """One change between two codebook versions.

    Parameters
    ----------
    kind : {'rename', 'merge', 'split', 'add', 'retire', 'redefine'}
    from_ids : tuple of str
        Codes of the previous version (empty for ``add``).
    to_ids : tuple of str
        Codes of the new version (empty for ``retire``).
    reason : str
        Why (e.g. the disagreement that suggested it).

    Examples
    --------
    >>> CodebookRevision("merge", ("a",), ("b",), "same idea")
    Traceback (most recent call last):
    ...
    casestudy.errors.CodebookError: revision merge: 'from_ids' must be at least 2 code id(s) (got ('a',))
    """

    kind: str
    from_ids: tuple[str, ...]
    to_ids: tuple[str, ...]
    reason: str = ""


    def __post_init__(self) -> None:
        check_one_of("kind", self.kind, REVISION_KINDS, CodebookError, "revision")
        where = f"revision {self.kind}"
        for name, (lo, hi) in zip(("from_ids", "to_ids"), _ARITY[self.kind]):
            ids = getattr(self, name)
            if not isinstance(ids, tuple) or len(ids) < lo or (hi is not None and len(ids) > hi):
                size = f"exactly {lo}" if lo == hi else f"at least {lo}" if hi is None else f"{lo} to {hi}"
                raise CodebookError(expectation(name, f"{size} code id(s)", ids, where))
            for i in ids:
                check_id(name, i, CodebookError, where)

    def as_dict(self) -> dict[str, object]:
        """Plain-data form (YAML, JSON, the database)."""
        return {"kind": self.kind, "from_ids": list(self.from_ids), "to_ids": list(self.to_ids), "reason": self.reason}


def validate_codes(codes: Iterable[Code], where: Callable[[int, str], str],
                   framework_ids: Iterable[str] | None = None, framework_title: str = "Buttle 2004",
                   languages: Iterable[str] = ()) -> None:
    """Check ids unique, parents exist, no cycles, framework refs known, labels; raise :class:`CodebookError`.

    ``where(i, code_id)`` names the place of code ``i`` (file and line, or codebook id). Every code
    has a label in each of ``languages`` (when not declared: each language any code has a label in),
    and no two codes under the same parent share a label.
    """
    codes = tuple(codes)
    langs = tuple(languages) or tuple(x for x in CODEBOOK_LANGUAGES
                                      if any(getattr(c, f"label_{x}").strip() for c in codes))
    for i, c in enumerate(codes):
        for lang in langs:
            if not getattr(c, f"label_{lang}").strip():
                raise CodebookError(expectation(f"label_{lang}", f"present (the codebook's labels are in "
                                                f"{', '.join(langs)})", None, where(i, c.id)))
    index: dict[str, int] = {}
    for i, c in enumerate(codes):
        if c.id in index:
            raise CodebookError(expectation("id", "unique", c.id, where(i, c.id)))
        index[c.id] = i
    known = set(framework_ids) if framework_ids is not None else None
    for i, c in enumerate(codes):
        if c.parent is not None and c.parent not in index:
            raise CodebookError(expectation("parent", "the id of a code of this codebook", c.parent, where(i, c.id)))
        if known is not None and c.framework_ref is not None and c.framework_ref not in known:
            expected = f"an id of {framework_title}" if known else "empty (the codebook names no framework)"
            raise CodebookError(expectation("framework_ref", expected, c.framework_ref, where(i, c.id)))
    labels: dict[tuple[str | None, str, str], str] = {}
    for i, c in enumerate(codes):
        for name in ("label_en", "label_id"):
            key = (c.parent, name, " ".join(getattr(c, name).split()).casefold())
            if not key[2]:
                continue
            if key in labels:
                under = f"under {c.parent!r}" if c.parent else "at the top level"
                raise CodebookError(expectation(name, f"unique among sibling codes {under} (code {labels[key]!r} "
                                                "has it)", getattr(c, name), where(i, c.id)))
            labels[key] = c.id
    parents = {c.id: c.parent for c in codes}
    depth: dict[str, int] = {}  # levels below the top, for codes already checked (linear in the number of codes)
    for i, c in enumerate(codes):
        chain: list[str] = []
        on_chain: set[str] = set()
        node: str | None = c.id
        while node is not None and node not in depth:
            if node in on_chain:
                raise CodebookError(expectation("parent", "a code that is not its own ancestor (no cycles)",
                                                " -> ".join([*chain[chain.index(node):], node]), where(i, c.id)))
            chain.append(node)
            on_chain.add(node)
            node = parents[node]
        base = -1 if node is None else depth[node]
        for k, n in enumerate(reversed(chain), start=1):
            depth[n] = base + k
        if depth[c.id] >= MAX_CODE_DEPTH:
            raise CodebookError(expectation("parent", f"a code at most {MAX_CODE_DEPTH} levels deep", depth[c.id] + 1,
                                            where(i, c.id)))


def framework_refs(spec: str | None, base: str | None = None) -> tuple[str, tuple[str, ...]] | None:
    """The framework's title and the ids a codebook's ``framework_ref`` may take, from its ``framework`` entry.

    No entry means the shipped default (Buttle 2004); ``none`` means no framework (no
    reference allowed); a shipped framework is named by id or title; a YAML file is read
    relative to ``base`` (None when no base is known: the file is then checked where it is read).
    """
    from casestudy.framework.framework_yaml import (
        NO_FRAMEWORK, SHIPPED_FRAMEWORKS, is_framework_file, load_framework,
    )

    if spec is None:
        spec = "buttle_2004"
    if spec == NO_FRAMEWORK:
        return "", ()
    if is_framework_file(spec):
        if base is None:
            return None
        fw = load_framework(spec, base)
        return (fw.title, fw.ids()) if fw else ("", ())
    for name in SHIPPED_FRAMEWORKS:
        fw = load_framework(name)
        if fw is not None and spec in (fw.id, fw.title):
            return fw.title, fw.ids()
    raise CodebookError(expectation("framework", "one of " + ", ".join([*SHIPPED_FRAMEWORKS, NO_FRAMEWORK])
                                    + " or a framework .yaml file", spec))


@dataclass(frozen=True)
class Codebook:
    """A version of a codebook.

    Parameters
    ----------
    id : str
        Codebook id (``buttle_crm``).
    version : int
        Version number, from 1.
    title_en, title_id : str
        Titles (at least one; a monolingual codebook leaves the other empty).
    codes : tuple of Code
        Parents before children is customary but not required.
    framework : str, optional
        The framework codes' ``framework_ref`` refer to: a shipped one by id or title
        (``buttle_2004``, ``"Buttle 2004"``, ``servqual_1988``), a framework YAML file (relative to
        the codebook file), or ``none``; not given means the shipped default, Buttle 2004.
    provenance : str
        One of :data:`casestudy.provenance.PROVENANCES`; ``empirical`` (the researcher's own codebook)
        unless given.
    note : str
        Free note.
    revisions : tuple of CodebookRevision
        How this version differs from the previous one.
    languages : tuple of str
        The languages of the labels, ``("en",)``, ``("id",)`` or both; each code then needs a
        label in each. Empty: not declared (each code needs a label in at least one).
    """

    id: str
    version: int
    title_en: str
    title_id: str
    codes: tuple[Code, ...] = ()
    framework: str | None = None
    provenance: str = EMPIRICAL
    note: str = ""
    revisions: tuple[CodebookRevision, ...] = ()
    languages: tuple[str, ...] = ()

    def summary(self) -> Summary:
        """Id, version, titles, code counts, framework and provenance (:class:`casestudy.summary.Summary`)."""
        return Summary(f"Codebook {self.id} v{self.version}", [
            ("title", self.title_en or self.title_id), ("codes", len(self.codes)),
            ("codable", sum(1 for c in self.codes if c.codable)), ("framework", self.framework or ""),
            ("provenance", self.provenance), ("revisions", len(self.revisions))])

    def __repr__(self) -> str:
        return f"<Codebook {self.id} v{self.version}: {len(self.codes)} codes>"

    def _repr_html_(self) -> str:
        return self.summary().to_html()

    def __post_init__(self) -> None:
        check_id("id", self.id, CodebookError, "codebook")
        where = f"codebook {self.id!r}"
        if not any(isinstance(t, str) and t.strip() for t in (self.title_en, self.title_id)):
            raise CodebookError(expectation("title_en", "a non-empty title (in at least one language)", self.title_en,
                                            where))
        for lang in self.languages:
            check_one_of("languages", lang, CODEBOOK_LANGUAGES, CodebookError, where)
        if not isinstance(self.version, int) or isinstance(self.version, bool) or self.version < 1:
            raise CodebookError(expectation("version", "a positive integer", self.version, f"codebook {self.id!r}"))
        if self.framework is not None and not isinstance(self.framework, str):
            raise CodebookError(expectation("framework", "a framework name or file", self.framework,
                                            f"codebook {self.id!r}"))
        refs = framework_refs(self.framework)
        validate_codes(self.codes, lambda i, cid: f"codebook {self.id!r}, code {cid!r}",
                       refs[1] if refs else None, refs[0] if refs else "", self.languages)

    def code(self, code_id: str) -> Code:
        """Return the code ``code_id``."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {c.id: c for c in self.codes}
            object.__setattr__(self, "_index", index)
        if code_id in index:
            return index[code_id]
        raise CodebookError(expectation("code_id", f"a code of codebook {self.id!r} v{self.version}", code_id))

    def ids(self, codable_only: bool = False) -> tuple[str, ...]:
        """Code ids in codebook order."""
        return tuple(c.id for c in self.codes if c.codable or not codable_only)

    def children(self, code_id: str | None) -> tuple[Code, ...]:
        """Direct children of ``code_id`` (roots when None)."""
        return tuple(c for c in self.codes if c.parent == code_id)

    def path(self, code_id: str) -> tuple[str, ...]:
        """Ids from the root down to ``code_id``."""
        out = [self.code(code_id).id]
        while (parent := self.code(out[0]).parent) is not None:
            out.insert(0, parent)
        return tuple(out)

    def root(self, code_id: str) -> str:
        """Id of the top-level ancestor of ``code_id`` (e.g. its Buttle stage)."""
        return self.path(code_id)[0]

    def map_code(self, old_id: str) -> tuple[str, ...]:
        """Ids in this version that code ``old_id`` of the previous version maps to (empty if retired)."""
        for r in self.revisions:
            if old_id in r.from_ids:
                return r.to_ids
        return (old_id,) if old_id in self.ids() else ()

    def revise(self, revisions: Iterable[CodebookRevision], *, new_codes: Iterable[Code] = (),
               note: str | None = None) -> "Codebook":
        """Return version ``version + 1`` after applying ``revisions``.

        ``new_codes`` supplies codes that ``add``, ``split``, ``redefine`` (or a ``merge`` into a
        new id) bring in. Children of removed codes move to the code that replaced them.
        """
        revisions = tuple(revisions)
        extra = {c.id: c for c in new_codes}
        codes = {c.id: c for c in self.codes}
        moved: dict[str, str] = {}
        for r in revisions:
            missing = [i for i in r.from_ids if i not in codes]
            if missing:
                raise CodebookError(expectation("from_ids", f"codes of version {self.version}", missing[0],
                                                f"revision {r.kind}"))
            if r.kind == "rename":
                old = codes.pop(r.from_ids[0])
                codes[r.to_ids[0]] = extra.get(r.to_ids[0], replace(old, id=r.to_ids[0]))
            elif r.kind == "redefine":
                codes[r.to_ids[0]] = extra.get(r.to_ids[0], codes[r.to_ids[0]])
            else:
                for i in r.from_ids:
                    if i not in r.to_ids:
                        codes.pop(i)
                for i in r.to_ids:
                    if i not in codes:
                        if i not in extra:
                            raise CodebookError(expectation("new_codes", "a Code for every new id", i,
                                                            f"revision {r.kind}"))
                        codes[i] = extra[i]
            for i in r.from_ids:
                if i not in r.to_ids and r.to_ids:
                    moved[i] = r.to_ids[0]
        fixed = tuple(replace(c, parent=moved.get(c.parent, c.parent)) if c.parent in moved else c
                      for c in codes.values())
        return replace(self, version=self.version + 1, codes=fixed, revisions=revisions,
                       note=self.note if note is None else note)

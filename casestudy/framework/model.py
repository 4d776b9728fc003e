"""A study's theoretical framework as data: ordered stages, their elements, supporting conditions.

Any framework a study names (Buttle's CRM value chain, SERVQUAL's five dimensions,
or one a researcher writes in a YAML file, :mod:`casestudy.framework.framework_yaml`)
is a :class:`Framework`: stages in order, each with its elements (which may nest),
optional supporting conditions and the citation. Names are given per language
(``{"en": ..., "id": ...}``); a label in a language the framework lacks falls back
to its first language. Findings' ``stage``, codes' ``framework_ref`` and the report's
stage coverage all refer to these ids.

:func:`framework_from_crm` derives the generic form of Buttle (2004) from
:data:`casestudy.framework.BUTTLE_2004`, the master copy; the shipped
``buttle_2004.yaml`` is written from it (and a test keeps them equal).

Examples
--------
>>> stage = FrameworkStage("tangibles", (("en", "Tangibles"),), "Physical facilities.")
>>> fw = Framework("demo", "Demo", "A. Author, Demo. 2000.", (stage,))
>>> fw.stage_ids(), fw.stage("tangibles").label("id")
(('tangibles',), 'Tangibles')
>>> Framework("demo", "Demo", "A. Author, Demo. 2000.", (stage, stage))
Traceback (most recent call last):
...
casestudy.errors.FrameworkError: framework 'demo': 'id' must be unique across the framework (got 'tangibles')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from casestudy.errors import FrameworkError, expectation
from casestudy.framework.buttle import CRMFramework
from casestudy.framework.elements import Element
from casestudy.validators import check_id, check_text

__all__ = ["Names", "FrameworkElement", "FrameworkStage", "Framework", "framework_from_crm"]

#: Names per language, e.g. ``(("en", "Tangibles"), ("id", "Bukti fisik"))``; the first is the default.
Names = tuple[tuple[str, str], ...]


def _check_names(names: object, where: str) -> None:
    ok = isinstance(names, tuple) and len(names) > 0 and all(
        isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) and p[0].strip()
        and isinstance(p[1], str) and p[1].strip() for p in names)
    if not ok:
        raise FrameworkError(expectation("name", "a mapping language -> non-empty name (at least one)", names, where))
    langs = [lang for lang, _ in cast(Names, names)]  # checked above
    if len(set(langs)) != len(langs):
        raise FrameworkError(expectation("name", "one name per language", langs, where))


def _label(names: Names, language: str) -> str:
    return dict(names).get(language, names[0][1])


@dataclass(frozen=True)
class FrameworkElement:
    """An element of a stage (or a supporting condition); elements may nest.

    Parameters
    ----------
    id : str
        Unique across the framework.
    names : tuple of (language, name)
    description : str
    source : str
        Where the framework's author (or the applying study) states it.
    elements : tuple of FrameworkElement
        Sub-elements (e.g. the aspects of a value factor).
    """

    id: str
    names: Names
    description: str = ""
    source: str = ""
    elements: tuple["FrameworkElement", ...] = ()

    def __post_init__(self) -> None:
        check_id("id", self.id, FrameworkError)
        _check_names(self.names, self.id)

    def label(self, language: str = "en") -> str:
        """The name in ``language`` (the first language's name when it has none)."""
        return _label(self.names, language)

    def walk(self) -> Iterator["FrameworkElement"]:
        """This element and all its sub-elements, depth first."""
        yield self
        for e in self.elements:
            yield from e.walk()


@dataclass(frozen=True)
class FrameworkStage:
    """A stage (or dimension) of a framework, in the framework's order.

    Parameters
    ----------
    id : str
    names : tuple of (language, name)
    description : str
        What the stage is about (the question it answers).
    elements : tuple of FrameworkElement
    """

    id: str
    names: Names
    description: str = ""
    elements: tuple[FrameworkElement, ...] = ()

    def __post_init__(self) -> None:
        check_id("id", self.id, FrameworkError)
        _check_names(self.names, self.id)

    @property
    def name_en(self) -> str:
        """The English name (the first name when there is none)."""
        return self.label("en")

    def label(self, language: str = "en") -> str:
        """The name in ``language`` (the first language's name when it has none)."""
        return _label(self.names, language)

    def walk(self) -> Iterator[FrameworkElement]:
        """Every element of the stage, depth first."""
        for e in self.elements:
            yield from e.walk()


@dataclass(frozen=True)
class Framework:
    """A theoretical framework: stages in order, supporting conditions, citation.

    Parameters
    ----------
    id : str
        ``buttle_2004``, ``servqual_1988``, or the id a study's YAML file gives.
    title : str
        Short name shown in reports (``Buttle 2004``).
    citation : str
        Full reference.
    stages : tuple of FrameworkStage
        In the framework's order (for a value chain, the chain's order).
    supporting_conditions : tuple of FrameworkElement
    sequence : bool
        Whether the stages form a sequence (Buttle's chain) or are parallel dimensions (SERVQUAL).
    languages : tuple of str
        Languages the names are given in; the first is the framework's own.
    """

    id: str
    title: str
    citation: str
    stages: tuple[FrameworkStage, ...]
    supporting_conditions: tuple[FrameworkElement, ...] = ()
    sequence: bool = True
    languages: tuple[str, ...] = ("en",)

    def __post_init__(self) -> None:
        where = f"framework {self.id!r}"
        check_id("id", self.id, FrameworkError, where)
        check_text("title", self.title, FrameworkError, where)
        check_text("citation", self.citation, FrameworkError, where)
        if not self.stages:
            raise FrameworkError(expectation("stages", "at least one stage", self.stages, where))
        seen: set[str] = set()
        for i in self.ids():
            if i in seen:
                raise FrameworkError(expectation("id", "unique across the framework", i, where))
            seen.add(i)

    @property
    def edition(self) -> str:
        """The short name (kept for code written against :class:`CRMFramework`)."""
        return self.title

    def stage_ids(self) -> tuple[str, ...]:
        """Stage ids in order."""
        return tuple(s.id for s in self.stages)

    def ids(self) -> tuple[str, ...]:
        """Every id of the framework (stages, their elements, supporting conditions), in a fixed order."""
        out: list[str] = []
        for s in self.stages:
            out.append(s.id)
            out += [e.id for e in s.walk()]
        for c in self.supporting_conditions:
            out += [e.id for e in c.walk()]
        return tuple(out)

    def stage(self, stage_id: str) -> FrameworkStage:
        """Return the stage ``stage_id``."""
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise FrameworkError(expectation("stage", "one of " + ", ".join(self.stage_ids()), stage_id, self.title))

    def stage_of(self, id_: str) -> str:
        """The stage an id belongs to (``conditions`` for a supporting condition)."""
        for s in self.stages:
            if id_ == s.id or any(e.id == id_ for e in s.walk()):
                return s.id
        if any(e.id == id_ for c in self.supporting_conditions for e in c.walk()):
            return "conditions"
        raise FrameworkError(expectation("id", f"an id of the {self.title} framework", id_))


def _from_element(e: Element, subs: tuple[FrameworkElement, ...] = ()) -> FrameworkElement:
    return FrameworkElement(e.id, (("en", e.name_en), ("id", e.name_id)), e.description, e.source, subs)


def framework_from_crm(fw: CRMFramework, id_: str = "buttle_2004") -> Framework:
    """The generic form of a :class:`CRMFramework` (value aspects, lifecycle phases, ties as elements).

    Examples
    --------
    >>> from casestudy.framework.buttle import BUTTLE_2004
    >>> g = framework_from_crm(BUTTLE_2004)
    >>> set(g.ids()) == set(BUTTLE_2004.ids()), g.stage_of("aspect_event")
    (True, 'value')
    """
    aspects = {a.id: a for a in fw.value_aspects}
    stages = []
    for s in fw.stages:
        elements: list[FrameworkElement] = []
        for e in s.elements:
            subs: tuple[FrameworkElement, ...] = ()
            if e.id == "value_aspects":
                subs = tuple(_from_element(f.element, tuple(_from_element(aspects[a]) for a in f.aspect_ids))
                             for f in fw.value_factors)
            elif s.id == "network":
                kind = "direct" if e.id == "network_direct_ties" else "indirect"
                subs = tuple(_from_element(t.element) for t in fw.network if t.kind == kind)
            elements.append(_from_element(e, subs))
        if s.id == "lifecycle":
            elements += [_from_element(p.element) for p in fw.lifecycle]
        stages.append(FrameworkStage(s.id, (("en", s.name_en), ("id", s.name_id)), s.question, tuple(elements)))
    return Framework(id_, fw.edition, fw.citation, tuple(stages),
                     tuple(_from_element(c) for c in fw.supporting_conditions), sequence=True, languages=("en", "id"))

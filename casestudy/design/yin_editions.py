"""Yin's textbook editions as data: which book a design follows, and how the editions differ.

A design names the edition it follows (``yin_edition``). Four are known: the 4th
edition (2009), the *Applications* book the PT. XYZ paper cites (2012, which
follows the 2009 wording), the 5th edition (2014) and the 6th (2018), whose title
adds "and Applications". What differs between them that the package uses (the
names of the five components) is kept here as data; the differences that matter
to a reader are listed per edition, each against the edition before it.

Examples
--------
>>> YIN_EDITIONS["2018"].title
'Case Study Research and Applications: Design and Methods'
>>> [e for e in YIN_EDITIONS if YIN_EDITIONS[e].component_names[2] == "the case"]
['2014', '2018']
>>> YIN_EDITIONS["2012"].differences[0]
'A companion volume of applications; the five components are named as in the 2009 edition.'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["YinEdition", "YIN_EDITIONS", "COMPONENT_NAMES"]

_NAMES_2009 = ("study questions", "propositions", "units of analysis",
               "logic linking the data to the propositions", "criteria for interpreting the findings")
_NAMES_2014 = ("study questions", "propositions", "the case",
               "logic linking the data to the propositions", "criteria for interpreting the findings")


@dataclass(frozen=True)
class YinEdition:
    """One edition of Yin's case study book.

    Parameters
    ----------
    year : str
    edition : str
        ``4th``, ``3rd``...
    title : str
    citation : str
    component_names : tuple of str
        The five components of a research design in this edition's words.
    differences : tuple of str
        What changed against the previous edition (as the package uses it).
    """

    year: str
    edition: str
    title: str
    citation: str
    component_names: tuple[str, ...]
    differences: tuple[str, ...] = ()


YIN_EDITIONS: dict[str, YinEdition] = {
    "2009": YinEdition(
        "2009", "4th", "Case Study Research: Design and Methods",
        "R. K. Yin, Case Study Research: Design and Methods, 4th ed. Thousand Oaks, CA: SAGE, 2009.",
        _NAMES_2009, ("The edition the package's page references follow (ch. 2 components, ch. 5 techniques).",)),
    "2012": YinEdition(
        "2012", "3rd", "Applications of Case Study Research",
        "R. K. Yin, Applications of Case Study Research, 3rd ed. Thousand Oaks, CA: SAGE, 2012.",
        _NAMES_2009, ("A companion volume of applications; the five components are named as in the 2009 edition.",)),
    "2014": YinEdition(
        "2014", "5th", "Case Study Research: Design and Methods",
        "R. K. Yin, Case Study Research: Design and Methods, 5th ed. Thousand Oaks, CA: SAGE, 2014.",
        _NAMES_2014, ("The third component is discussed as defining and bounding 'the case'.",)),
    "2018": YinEdition(
        "2018", "6th", "Case Study Research and Applications: Design and Methods",
        "R. K. Yin, Case Study Research and Applications: Design and Methods, 6th ed. Thousand Oaks, CA: SAGE, "
        "2018.",
        _NAMES_2014, ("The applications of the separate Applications book are folded into the textbook (new title).",
                      "Components named as in the 2014 edition.")),
}

#: The names of the five components by edition (kept for code written before :data:`YIN_EDITIONS`).
COMPONENT_NAMES: dict[str, tuple[str, ...]] = {y: e.component_names for y, e in YIN_EDITIONS.items()}

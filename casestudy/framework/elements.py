"""Building blocks of the CRM framework: bilingual named elements.

Every object of the framework is a frozen, validated value with a stable
``id`` that findings, codebooks and analytics refer to.

Examples
--------
>>> e = Element("portfolio_segments", "Segments", "Segmen", "Who buys.", items=(("B2B", "B2B"),))
>>> e.label("id")
'Segmen'
>>> Element("portfolio_segments", "", "Segmen", "x")
Traceback (most recent call last):
...
casestudy.errors.FrameworkError: portfolio_segments: 'name_en' must be a non-empty string (got '')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casestudy.errors import FrameworkError, expectation
from casestudy.validators import check_id, check_text

__all__ = ["Element", "LANGUAGES"]

LANGUAGES = ("en", "id")


@dataclass(frozen=True)
class Element:
    """A named element of the framework (a stage's sub-element, an aspect, a phase, a tie).

    Parameters
    ----------
    id : str
        Stable identifier, unique across the whole framework.
    name_en, name_id : str
        Labels in English and Indonesian (the paper's term where it has one).
    description : str
        One sentence in English, in the package's own words.
    items : tuple of (str, str)
        Optional enumerated contents as (English, Indonesian) pairs, e.g. the
        four business lines.
    source : str
        Where the paper (or the framework's author) states it.
    """

    id: str
    name_en: str
    name_id: str
    description: str
    items: tuple[tuple[str, str], ...] = field(default=())
    source: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, FrameworkError)
        for name in ("name_en", "name_id", "description"):
            check_text(name, getattr(self, name), FrameworkError, where=self.id)
        for i, pair in enumerate(self.items):
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) and s for s in pair)):
                raise FrameworkError(
                    expectation(f"items[{i}]", "an (English, Indonesian) pair of strings", pair, self.id)
                )

    def label(self, language: str = "en") -> str:
        """Return the label in ``language`` ('en' or 'id')."""
        if language not in LANGUAGES:
            raise FrameworkError(expectation("language", "one of en, id", language))
        return self.name_en if language == "en" else self.name_id

    def item_labels(self, language: str = "en") -> tuple[str, ...]:
        """Return the enumerated items in ``language``."""
        if language not in LANGUAGES:
            raise FrameworkError(expectation("language", "one of en, id", language))
        return tuple(en if language == "en" else ind for en, ind in self.items)

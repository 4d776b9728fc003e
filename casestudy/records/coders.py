"""Coders and their assignments to sources.

An assignment says a coder was asked to code a source, so that "not coded"
(assigned, no codings) differs from "not assigned" (missing data for
reliability).

Examples
--------
>>> Coder("coder_a", "Coder A").role
'coder'
>>> Assignment("coder_a", "int_inf01")
Assignment(coder_id='coder_a', source_id='int_inf01')
>>> Coder("", "x")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: coder: 'id' must be a non-empty string (got '')
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.errors import ValidationError
from casestudy.validators import check_text

__all__ = ["Coder", "Assignment"]


@dataclass(frozen=True)
class Coder:
    """A person (or program) who codes.

    Parameters
    ----------
    id : str
        Stable id (``coder_a``; ``autocoder`` for suggestions; ``consensus``).
    name : str
        Display name (a pseudonym or role, never a real name in shipped data).
    role : str
        ``coder``, ``program`` or ``consensus``.
    """

    id: str
    name: str = ""
    role: str = "coder"

    def __post_init__(self) -> None:
        check_text("id", self.id, ValidationError, "coder")
        if not isinstance(self.name, str):
            check_text("name", self.name, ValidationError, f"coder {self.id!r}")
        check_text("role", self.role, ValidationError, f"coder {self.id!r}")


@dataclass(frozen=True)
class Assignment:
    """Coder ``coder_id`` is assigned source ``source_id``."""

    coder_id: str
    source_id: str

    def __post_init__(self) -> None:
        check_text("coder_id", self.coder_id, ValidationError, "assignment")
        check_text("source_id", self.source_id, ValidationError, "assignment")

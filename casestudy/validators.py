"""Field validators shared by the package's frozen value objects.

Each raises the error class it is given with a message of the package's one
shape (see :func:`casestudy.errors.expectation`).

Examples
--------
>>> check_id("stage_id", "portfolio")
'portfolio'
>>> check_id("stage_id", "Portfolio Analysis")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: 'stage_id' must be a lower-case identifier of letters, digits, '_' or '-' starting with a letter (got 'Portfolio Analysis')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

from casestudy.errors import ValidationError, expectation

__all__ = ["ID_PATTERN", "check_id", "check_text", "check_one_of", "check_unique", "check_hex_colour"]

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_\-]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
T = TypeVar("T")


def check_id(
    field: str, value: Any, error: type[Exception] = ValidationError, where: str | None = None
) -> str:
    """Return ``value`` if it is a lower-case identifier, else raise ``error``."""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise error(
            expectation(
                field,
                "a lower-case identifier of letters, digits, '_' or '-' starting with a letter",
                value,
                where,
            )
        )
    return value


def check_text(
    field: str, value: Any, error: type[Exception] = ValidationError, where: str | None = None
) -> str:
    """Return ``value`` if it is a non-blank string, else raise ``error``."""
    if not isinstance(value, str) or not value.strip():
        raise error(expectation(field, "a non-empty string", value, where))
    return value


def check_one_of(
    field: str,
    value: Any,
    allowed: Iterable[str],
    error: type[Exception] = ValidationError,
    where: str | None = None,
) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise ``error``."""
    allowed = tuple(allowed)
    if value not in allowed:
        expected = "one of " + ", ".join(allowed) if allowed else "one of the available values (there are none yet)"
        raise error(expectation(field, expected, value, where))
    return value


def check_unique(
    field: str, values: Iterable[T], error: type[Exception] = ValidationError, where: str | None = None
) -> tuple[T, ...]:
    """Return ``values`` as a tuple if no value repeats, else raise on the first repeat."""
    seen: set[Any] = set()
    out = tuple(values)
    for v in out:
        if v in seen:
            raise error(expectation(field, "unique", v, where))
        seen.add(v)
    return out


def check_hex_colour(
    field: str, value: Any, error: type[Exception] = ValidationError, where: str | None = None
) -> str:
    """Return ``value`` if it is a ``#rrggbb`` colour, else raise ``error``."""
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise error(expectation(field, "a colour '#rrggbb'", value, where))
    return value

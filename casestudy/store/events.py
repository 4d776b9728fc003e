"""Clocks and the append-only event log's record type.

Nothing in the case study database reads the clock implicitly: every time
stamp comes from a :class:`Clock` the caller passes. :class:`FixedClock` makes a
rebuilt database (and everything exported from it) identical run after run.

Examples
--------
>>> clock = FixedClock("2024-01-01T00:00:00+00:00")
>>> clock.now()
'2024-01-01T00:00:00+00:00'
>>> Event(1, "2024-01-01T00:00:00+00:00", "coder_a", "add_codings", {"n": 3}).detail["n"]
3
>>> FixedClock("yesterday")
Traceback (most recent call last):
...
casestudy.errors.StoreError: FixedClock: 'time' must be an ISO 8601 time with a UTC offset (got 'yesterday')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol, runtime_checkable

from casestudy.errors import StoreError, expectation

__all__ = ["Clock", "FixedClock", "SystemClock", "Event"]


@runtime_checkable
class Clock(Protocol):
    """Anything with a ``now()`` returning an ISO 8601 time string with a UTC offset."""

    def now(self) -> str:  # pragma: no cover - protocol
        """Return the current time as ISO 8601 text."""
        ...


def _check_iso(value: Any) -> str:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise StoreError(expectation("time", "an ISO 8601 time with a UTC offset", value, "FixedClock"))
    return value


@dataclass(frozen=True)
class FixedClock:
    """A clock that always returns the same time (notebooks, ``make reproduce``, tests).

    Parameters
    ----------
    time : str
        ISO 8601 time with offset, e.g. ``"2024-01-01T00:00:00+00:00"``.
    """

    time: str = "2024-01-01T00:00:00+00:00"

    def __post_init__(self) -> None:
        _check_iso(self.time)

    def now(self) -> str:
        """Return the fixed time."""
        return self.time


@dataclass(frozen=True)
class SystemClock:
    """The real clock, in UTC to the second (interactive use only).

    Examples
    --------
    >>> SystemClock().now().endswith("+00:00")
    True
    """

    def now(self) -> str:
        """Return the current UTC time."""
        return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Event:
    """One entry of the event log: one batch or action, never one row.

    Parameters
    ----------
    id : int
        Event (batch) id; rows a batch created carry it in their ``event_id``.
    time : str
        ISO time from the database's clock.
    actor : str
        Who acted (a coder id, ``casestudy``, a command).
    action : str
        What was done (``add_transcripts``, ``add_codings``, ``set_status``, ``undo``...).
    detail : dict
        JSON-serialisable detail, enough to audit and undo.
    """

    id: int
    time: str
    actor: str
    action: str
    detail: dict[str, Any] = field(default_factory=dict)

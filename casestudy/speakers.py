"""Declared speakers and their roles: who speaks in a transcript, and as what.

A transcript may declare its speakers (front matter ``speakers:`` or
``transcripts import --speakers``), each with one role of :data:`SPEAKER_ROLES`.
When speakers are declared, a paragraph ``Name: text`` whose name is not one of
them is a continuation of the previous turn, never a new speaker (the reader
warns and names the line). Roles are stored per turn (``turns.role``) so that
suggestions can skip turns no coder may code, and reliability can leave them
out of its units.

Front matter accepts a mapping or a list::

    speakers:
      Pewawancara: interviewer
      Hendra Wijayakusuma: informant

    speakers:
      - {name: Pewawancara, role: interviewer}

Examples
--------
>>> parse_speakers({"Pewawancara": "interviewer", "INF03": "informant"}, "inf03.md")
(('Pewawancara', 'interviewer'), ('INF03', 'informant'))
>>> parse_speakers("Interviewer=interviewer, Ana=informant", "--speakers")
(('Interviewer', 'interviewer'), ('Ana', 'informant'))
>>> parse_speakers({"Ana": "boss"}, "inf03.md")
Traceback (most recent call last):
...
casestudy.errors.TranscriptError: inf03.md: 'speakers.Ana' must be one of interviewer, informant, observer, other (got 'boss')
"""

from __future__ import annotations

import unicodedata
from typing import Any

from casestudy.errors import TranscriptError, expectation

__all__ = ["SPEAKER_ROLES", "CODABLE_ROLES", "UNCODED_ROLES", "may_be_coded", "parse_speakers", "speaker_key"]

#: Roles a declared speaker may have.
SPEAKER_ROLES = ("interviewer", "informant", "observer", "other")
#: Roles whose turns no coder codes at all (the interviewer's questions). The one definition: suggestions
#: and the coding view skip these turns, reliability leaves them out of its units, and the informants'
#: quotes never come from them, each unless asked (``--all-turns``). An observer's field-note
#: descriptions are coded, so they are not listed here.
UNCODED_ROLES = ("interviewer",)
#: Roles whose turns may be coded: every other role (derived from :data:`UNCODED_ROLES`, never a second list).
CODABLE_ROLES = tuple(r for r in SPEAKER_ROLES if r not in UNCODED_ROLES)


def may_be_coded(role: object) -> bool:
    """Whether a turn of a speaker with this declared role may be coded (an undeclared role may).

    Examples
    --------
    >>> [may_be_coded(r) for r in ("interviewer", "informant", "observer", None)]
    [False, True, True, True]
    """
    return not (isinstance(role, str) and role in UNCODED_ROLES)


def speaker_key(name: str) -> str:
    """How speaker names are compared: NFC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _pair(name: Any, role: Any, where: str) -> tuple[str, str]:
    if not isinstance(name, str) or not name.strip() or ":" in name or "\n" in name:
        raise TranscriptError(expectation("speakers", "names without ':' or line breaks", name, where))
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if role not in SPEAKER_ROLES:
        raise TranscriptError(expectation(f"speakers.{name}", "one of " + ", ".join(SPEAKER_ROLES), role, where))
    return name, role


def parse_speakers(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    """Read a speaker declaration into ``((name, role), ...)`` in declaration order.

    Parameters
    ----------
    value : dict, list or str
        ``{name: role}``, ``[{name:, role:}]``, or ``"Name=role, Name=role"`` (command line).
    where : str
        The file (or option) for messages.

    Raises
    ------
    TranscriptError
        For an unknown role, a name with ':' or a name declared twice.
    """
    pairs: list[tuple[str, str]] = []
    if isinstance(value, str):
        for item in (x for x in value.split(",") if x.strip()):
            name, sep, role = item.rpartition("=")
            if not sep:
                raise TranscriptError(expectation("speakers", "NAME=ROLE items separated by commas", item.strip(),
                                                  where))
            pairs.append(_pair(name.strip(), role.strip(), where))
    elif isinstance(value, dict):
        pairs = [_pair(k, v, where) for k, v in value.items()]
    elif isinstance(value, list):
        for item in value:
            if not isinstance(item, dict) or set(item) != {"name", "role"}:
                raise TranscriptError(expectation("speakers[]", "a mapping with name and role", item, where))
            pairs.append(_pair(item["name"], item["role"], where))
    else:
        raise TranscriptError(expectation("speakers", "a mapping of speaker name -> role", value, where))
    seen: set[str] = set()
    for name, _ in pairs:
        if speaker_key(name) in seen:
            raise TranscriptError(expectation("speakers", "each name once", name, where))
        seen.add(speaker_key(name))
    return tuple(pairs)

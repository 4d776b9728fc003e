"""Transcripts and their canonical text.

A transcript is a sequence of speaker turns. Its **canonical text** is one
paragraph per turn, ``Speaker: text``, turns separated by one blank line, NFC,
``\\n`` line endings, no front matter, cue numbers or timestamps (those are turn
metadata). Offsets everywhere are code points into it. An optional English
gloss per turn is a separate layer, never part of the canonical text.
Reading files is :mod:`casestudy.coding.transcript_readers`.

Examples
--------
>>> t = Transcript.from_turns("int_inf03", [("Pewawancara", "Apa kabar?"), ("INF03", "Baik 🙂.")],
...                           informant_id="inf03", language="id")
>>> print(t.text)
Pewawancara: Apa kabar?
<BLANKLINE>
INF03: Baik 🙂.
>>> t.turns[1].start, t.turns[1].body_start, t.turns[1].end
(25, 32, 39)
>>> t.turn_at(33).speaker
'INF03'
>>> Transcript.from_turns("int_inf03", [("Pewa: wancara", "x")], language="id")
Traceback (most recent call last):
...
casestudy.errors.TranscriptError: int_inf03, turn 1: 'speaker' must be a name without ':' or line breaks (got 'Pewa: wancara')

The language is declared, never assumed; the provenance, unless given, is the researcher's own
(``empirical``):

>>> t.provenance
'empirical'
>>> Transcript.from_turns("int_inf03", [("INF03", "Baik.")])
Traceback (most recent call last):
...
casestudy.errors.TranscriptError: int_inf03: 'language' must be a language code given with language= ('en', 'id'...) (got None)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from casestudy.consent import CONSENT_STATES
from casestudy.errors import TranscriptError, expectation
from casestudy.speakers import parse_speakers, speaker_key
from casestudy.validators import check_one_of, check_text
from casestudy.provenance import EMPIRICAL
from casestudy.summary import Summary

__all__ = ["Turn", "Transcript", "SOURCE_TYPES", "TEXT_SPEAKER", "canonical_paragraph"]

SOURCE_TYPES = ("documentation", "archival_records", "interviews", "direct_observation",
                "participant_observation", "physical_artifacts")


#: Speaker of the lines of a verbatim text that carry no ``Speaker:`` label.
TEXT_SPEAKER = "Text"
_LABELLED = re.compile(r"^([^:\s](?:[^:\n]*[^:\s])?): (\S.*)$")


def canonical_paragraph(speaker: str, body: str) -> str:
    """Return the canonical paragraph of one turn: ``"Speaker: body"``."""
    return f"{speaker}: {body}"


@dataclass(frozen=True)
class Turn:
    """One speaker turn, placed in its transcript's canonical text.

    Parameters
    ----------
    index : int
        1-based turn number.
    speaker : str
        Speaker label as it appears in the canonical text (after pseudonymisation).
    body : str
        What was said (no line breaks).
    start, end : int
        Offsets of the whole paragraph ``Speaker: body``.
    timestamp : str, optional
        ``hh:mm:ss`` (or a cue's start time) when the source had one.
    gloss_en : str, optional
        English gloss of the turn (a separate layer).
    body_at : int, optional
        Where the body begins in a verbatim text (:meth:`Transcript.from_text`), when that is not after
        ``"Speaker: "`` (a line without a speaker label).
    role : str, optional
        The speaker's declared role (:data:`casestudy.speakers.SPEAKER_ROLES`); None when the
        transcript declares no speakers. Set by :class:`Transcript` from its ``speakers``.
    """

    index: int
    speaker: str
    body: str
    start: int
    end: int
    timestamp: str | None = None
    gloss_en: str | None = None
    body_at: int | None = None
    role: str | None = None

    @property
    def body_start(self) -> int:
        """Offset where the body begins (after ``"Speaker: "``, or ``body_at`` in a verbatim text)."""
        return self.body_at if self.body_at is not None else self.start + len(self.speaker) + 2


@dataclass(frozen=True)
class Transcript:
    """A transcript (interview or field notes) with its canonical text.

    Build it with :meth:`from_turns`; ``text`` and turn offsets are derived.

    Parameters
    ----------
    source_id : str
        ``int_inf01``.., ``obs_*``.
    turns : tuple of Turn
    source_type : str
        One of Yin's six source types.
    title : str
        Title (defaults to the source id).
    informant_id : str, optional
        The interviewee (interviews).
    informant_ids : tuple of str
        Informants present (field notes); includes ``informant_id`` when set.
    language : str
        ``id``, ``en``...; required (keyword): declared, never assumed. A transcript read from a file
        has the language its front matter or the reader's ``language`` declares.
    provenance : str
        One of :data:`casestudy.provenance.PROVENANCES`; ``empirical`` (the researcher's own source)
        unless given.
    file_name : str, optional
        Name of the original file (no folders).
    checksum : str, optional
        ``sha256:<hex>`` of the original file's bytes.
    normalisation : tuple of str
        What reading did to the text (``bom_removed``, ``crlf_to_lf``, ``nfc``...).
    metadata : tuple of (str, str)
        Other front-matter fields (date, role, unit, note...).
    verbatim : bool
        The text was kept as it came (an imported REFI-QDA source, :meth:`from_text`) and the turns
        are spans over it; otherwise the text is made from the turns.
    speakers : tuple of (str, str)
        Declared speakers ``(name, role)``; when given, every turn's speaker must be one of
        them and each turn carries its role.
    release : str
        Release status of a source *without* informant (``recorded``, ``refused``, ``unknown``;
        see :mod:`casestudy.consent`); ignored when the source has informants, whose consent rules.
    key_fingerprint : str, optional
        Fingerprint of the pseudonym key the text was pseudonymised with (set by
        :meth:`casestudy.coding.pseudonyms.PseudonymKey.apply_transcript`).
    """

    source_id: str
    turns: tuple[Turn, ...]
    source_type: str = "interviews"
    title: str = ""
    informant_id: str | None = None
    informant_ids: tuple[str, ...] = ()
    language: str = cast(str, None)  # required: __post_init__ refuses a transcript without one
    provenance: str = EMPIRICAL
    file_name: str | None = None
    checksum: str | None = None
    normalisation: tuple[str, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    speakers: tuple[tuple[str, str], ...] = ()
    release: str = "unknown"
    key_fingerprint: str | None = None
    text: str = field(default="", compare=False)
    verbatim: bool = False

    def summary(self) -> Summary:
        """Source, type, informant, language, provenance, turns and length (:class:`casestudy.summary.Summary`)."""
        return Summary(f"Transcript {self.source_id}", [
            ("title", self.title), ("source type", self.source_type), ("informant", self.informant_id or ""),
            ("language", self.language), ("provenance", self.provenance), ("turns", len(self.turns)),
            ("characters", len(self.text))])

    def __repr__(self) -> str:
        return f"<Transcript {self.source_id}: {len(self.turns)} turns, {len(self.text)} characters>"

    def _repr_html_(self) -> str:
        return self.summary().to_html()

    def __post_init__(self) -> None:
        check_text("source_id", self.source_id, TranscriptError)
        if not isinstance(self.language, str) or not self.language.strip():
            raise TranscriptError(expectation("language", "a language code given with language= ('en', 'id'...)",
                                              self.language, self.source_id))
        check_one_of("source_type", self.source_type, SOURCE_TYPES, TranscriptError, self.source_id)
        if self.verbatim:
            self._check_spans()
        elif not self.turns:
            raise TranscriptError(expectation("turns", "at least one speaker turn", 0, self.source_id))
        else:
            check_one_of("release", self.release, CONSENT_STATES, TranscriptError, self.source_id)
            declared = [{"name": n, "role": r} for n, r in self.speakers]
            roles = {speaker_key(n): r for n, r in parse_speakers(declared, self.source_id)} if self.speakers else {}
            pos = 0
            for i, turn in enumerate(self.turns, start=1):
                where = f"{self.source_id}, turn {i}"
                _check_turn(turn.speaker, turn.body, where)
                if turn.index != i or turn.start != pos or turn.end != pos + len(turn.speaker) + 2 + len(turn.body):
                    raise TranscriptError(expectation("turns", "built by Transcript.from_turns", turn.index, where))
                if roles and speaker_key(turn.speaker) not in roles:
                    raise TranscriptError(expectation("speaker", "one of the declared speakers ("
                                                      + ", ".join(n for n, _ in self.speakers) + ")", turn.speaker,
                                                      where))
                pos = turn.end + 2
            if roles:
                object.__setattr__(self, "turns", tuple(
                    t if t.role == roles[speaker_key(t.speaker)] else replace(t, role=roles[speaker_key(t.speaker)])
                    for t in self.turns))
            text = "\n\n".join(canonical_paragraph(t.speaker, t.body) for t in self.turns)
            object.__setattr__(self, "text", text)
        if not self.title:
            object.__setattr__(self, "title", self.source_id)
        if self.informant_id and self.informant_id not in self.informant_ids:
            object.__setattr__(self, "informant_ids", (self.informant_id, *self.informant_ids))

    @classmethod
    def from_turns(cls, source_id: str, turns: Iterable[Sequence[str | None]], **fields: object) -> "Transcript":
        """Build a transcript from ``(speaker, body[, timestamp[, gloss_en]])`` items.

        Bodies are NFC-normalised and stripped; other keyword arguments are fields of the class.
        """
        built: list[Turn] = []
        pos = 0
        for i, item in enumerate(turns, start=1):
            speaker, body, *rest = (*item, None, None)[:4]
            where = f"{source_id}, turn {i}"
            speaker = unicodedata.normalize("NFC", speaker.strip()) if isinstance(speaker, str) else speaker
            body = unicodedata.normalize("NFC", body.strip()) if isinstance(body, str) else body
            _check_turn(speaker, body, where)
            end = pos + len(speaker) + 2 + len(body)  # type: ignore[arg-type]
            built.append(Turn(i, speaker, body, pos, end, rest[0], rest[1]))  # type: ignore[arg-type]
            pos = end + 2
        return cls(source_id, tuple(built), **fields)  # type: ignore[arg-type]

    def _check_spans(self) -> None:
        if not isinstance(self.text, str):
            raise TranscriptError(expectation("text", "a string", self.text, self.source_id))
        pos = 0
        for i, turn in enumerate(self.turns, start=1):
            ok = (turn.index == i and pos <= turn.start <= turn.body_start < turn.end <= len(self.text)
                  and self.text[turn.body_start:turn.end] == turn.body)
            if not ok:
                raise TranscriptError(expectation("turns", "spans over the text, in order (Transcript.from_text)",
                                                  (turn.start, turn.end), f"{self.source_id}, turn {i}"))
            pos = turn.end

    @classmethod
    def from_text(cls, source_id: str, text: str, **fields: object) -> "Transcript":
        """Keep ``text`` exactly as given; its turns are spans over its non-blank lines.

        A line reading ``Speaker: text`` is a turn of that speaker, whose body follows the label;
        any other line is a turn of the speaker :data:`TEXT_SPEAKER` whose body is the whole line
        (without surrounding blanks). An empty or blank text has no turns. Offsets are code points
        of ``text`` as given: nothing is normalised, so positions from another program stay exact.

        Examples
        --------
        >>> t = Transcript.from_text("doc", "Q: Halo?\\r\\n\\r\\n  catatan 🙂\\n", language="id")
        >>> [(u.speaker, u.body, u.start, u.body_start, u.end) for u in t.turns]
        [('Q', 'Halo?', 0, 3, 8), ('Text', 'catatan 🙂', 14, 14, 23)]
        >>> t.text == "Q: Halo?\\r\\n\\r\\n  catatan 🙂\\n", Transcript.from_text("e", "\\n", language="id").turns
        (True, ())
        """
        built: list[Turn] = []
        pos = 0
        for line in text.split("\n"):
            content = line.strip()
            if content:
                start = pos + len(line) - len(line.lstrip())
                end = start + len(content)
                match = _LABELLED.match(content)
                if match:
                    built.append(Turn(len(built) + 1, match.group(1), match.group(2), start, end,
                                      body_at=start + match.start(2)))
                else:
                    built.append(Turn(len(built) + 1, TEXT_SPEAKER, content, start, end, body_at=start))
            pos += len(line) + 1
        return cls(source_id, tuple(built), text=text, verbatim=True, **fields)  # type: ignore[arg-type]

    def turn_at(self, offset: int) -> Turn:
        """Return the turn whose paragraph contains ``offset`` (the next turn for a separator)."""
        for turn in self.turns:
            if offset < turn.end:
                return turn
        raise TranscriptError(expectation("offset", f"below {len(self.text)}", offset, self.source_id))

    def with_gloss(self, glosses: dict[int, str]) -> "Transcript":
        """Return a copy with English glosses for the given 1-based turn numbers."""
        for n in glosses:
            if not isinstance(n, int) or not 1 <= n <= len(self.turns):
                raise TranscriptError(expectation("gloss turn", f"a turn number from 1 to {len(self.turns)}", n,
                                                  self.source_id))
        turns = tuple(replace(t, gloss_en=glosses.get(t.index, t.gloss_en)) for t in self.turns)
        return replace(self, turns=turns)

    def meta(self, name: str) -> str | None:
        """Return a front-matter field from ``metadata`` (or None)."""
        return dict(self.metadata).get(name)


def _check_turn(speaker: object, body: object, where: str) -> None:
    if not isinstance(speaker, str) or not speaker or ":" in speaker or "\n" in speaker:
        raise TranscriptError(expectation("speaker", "a name without ':' or line breaks", speaker, where))
    if not isinstance(body, str) or not body or "\n" in body:
        raise TranscriptError(expectation("text", "non-empty text on one line", body, where))

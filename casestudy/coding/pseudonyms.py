"""Pseudonymisation with a key file: consistent, whole-word, reversible only with the key.

The key (YAML) maps real names and indirect identifiers (agencies, places,
products) to neutral tokens: persons to informant tokens (``INF03``),
organisations to ``[USAHA-1]``-style tokens::

    note: "..."
    entries:
      - {real: "Budi Hartono", token: INF03, kind: person, informant: inf03}
      - {real: "Kopi Senja", token: "[USAHA-1]", kind: organisation}

Replacement is case-insensitive, longest match first, on whole words only
(``(?<!\\w)`` / ``(?!\\w)`` after NFC), so ``Budi`` never fires inside
``Budiman``. Real keys must never be committed: ignore ``data/**/pseudonyms*.yaml``
except ``pseudonyms_demo.yaml`` (the demonstration key of plainly fictional names).

Examples
--------
>>> key = PseudonymKey.from_dict({"entries": [
...     {"real": "Budi", "token": "INF03", "kind": "person", "informant": "inf03"},
...     {"real": "Budi Hartono", "token": "INF03", "kind": "person", "informant": "inf03"},
...     {"real": "Kopi Senja", "token": "[USAHA-1]", "kind": "organisation"}]}, "demo")
>>> key.apply("Pak Budi Hartono dari kopi senja; Budiman tetap.")
'Pak INF03 dari [USAHA-1]; Budiman tetap.'
>>> key.reverse("INF03 dari [USAHA-1]")
'Budi dari Kopi Senja'
>>> key.find_names("tidak ada nama di sini")
[]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casestudy import paths
from casestudy.coding.name_matching import NameMatcher, fold
from casestudy.records.transcripts import Transcript
from casestudy.coding.textfiles import read_yaml
from casestudy.errors import PseudonymError, expectation
from casestudy.validators import check_one_of, check_text

__all__ = ["KeyEntry", "PseudonymKey", "load_key", "GITIGNORE_PATTERNS", "KINDS"]

KINDS = ("person", "organisation", "place", "product")
#: Patterns that keep real keys out of version control (the demo key stays).
GITIGNORE_PATTERNS = ("data/**/pseudonyms*.yaml", "!data/**/pseudonyms_demo.yaml")


@dataclass(frozen=True)
class KeyEntry:
    """One mapping real -> token (``informant`` links a person to a case id)."""

    real: str
    token: str
    kind: str = "person"
    informant: str | None = None

    def __post_init__(self) -> None:
        check_text("real", self.real, PseudonymError, "key entry")
        check_text("token", self.token, PseudonymError, f"key entry {self.real!r}")
        check_one_of("kind", self.kind, KINDS, PseudonymError, f"key entry {self.real!r}")


@dataclass(frozen=True)
class PseudonymKey:
    """A pseudonymisation key: entries applied longest first, whole words, case-insensitively.

    Parameters
    ----------
    entries : tuple of KeyEntry
        The first entry of each token gives the name :meth:`reverse` restores.
    name : str
        Where the key came from (for messages).
    note : str
        The key file's note.
    """

    entries: tuple[KeyEntry, ...]
    name: str = "key"
    note: str = ""

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        reals = {self._fold(e.real) for e in self.entries}
        for e in self.entries:
            folded = self._fold(e.real)
            if folded in seen and seen[folded] != e.token:
                raise PseudonymError(expectation("real", "mapped to one token only", e.real, self.name))
            seen[folded] = e.token
            if self._fold(e.token) in reals:
                raise PseudonymError(expectation("token", "different from every real name", e.token, self.name))
        matcher = NameMatcher(e.real for e in self.entries)
        object.__setattr__(self, "_matcher", matcher)
        object.__setattr__(self, "_forward", {name: seen[self._fold(name)] for name in matcher.by_fold.values()})
        tokens = sorted({e.token for e in self.entries}, key=lambda s: (-len(s), s))
        back: dict[str, str] = {}
        for e in self.entries:
            back.setdefault(e.token, e.real)
        object.__setattr__(self, "_back", back)
        tpat = "|".join(re.escape(t) for t in tokens) or r"(?!x)x"
        object.__setattr__(self, "_tokens", re.compile(rf"(?<!\w)(?:{tpat})(?!\w)"))

    @staticmethod
    def _fold(s: str) -> str:
        return fold(s)

    @classmethod
    def from_dict(cls, data: Any, name: str = "key") -> "PseudonymKey":
        """Build a key from parsed YAML (``{note, entries: [...]}``)."""
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise PseudonymError(expectation("entries", "a list of {real, token, kind, informant}", data, name))
        unknown = set(data) - {"note", "entries"}
        if unknown:
            raise PseudonymError(expectation(sorted(unknown)[0], "a known key (note, entries)", "an unknown key", name))
        entries = []
        for i, d in enumerate(data["entries"]):
            where = f"{name}, entries[{i}]"
            if not isinstance(d, dict) or set(d) - {"real", "token", "kind", "informant"}:
                raise PseudonymError(expectation("entry", "a mapping with real, token, kind, informant", d, where))
            try:
                entries.append(KeyEntry(str(d.get("real", "")), str(d.get("token", "")), d.get("kind", "person"),
                                        d.get("informant")))
            except PseudonymError as exc:
                raise PseudonymError(f"{where}: {exc}") from None
        return cls(tuple(entries), name, str(data.get("note") or ""))

    def apply(self, text: str, identifiers: bool = False) -> str:
        """Replace every real name in ``text`` (NFC) by its token.

        Names are found past case, accents, white space and invisible characters
        (:mod:`casestudy.coding.name_matching`); with ``identifiers=True`` also past ``_`` and ``-``
        (file names, source ids).
        """
        text = unicodedata.normalize("NFC", text)
        return self._matcher.replace(text, self._forward, identifiers)  # type: ignore[attr-defined]

    def reverse(self, text: str) -> str:
        """Put names back (key holders only): each token becomes its first real name."""
        return self._tokens.sub(lambda m: self._back[m.group(0)], text)  # type: ignore[attr-defined]

    def find_names(self, text: str, identifiers: bool = False) -> list[str]:
        """Real names of the key still present in ``text`` (sorted, unique, as the key spells them): for leak
        checks; found past case, accents, spacing and invisible characters."""
        return sorted({name for _, _, name in self._matcher.find(text, identifiers)})  # type: ignore[attr-defined]

    def find_spans(self, text: str, identifiers: bool = False) -> list[tuple[int, int, str]]:
        """Every occurrence of a real name: ``(start, end, name)`` in ``text``."""
        return self._matcher.find(text, identifiers)  # type: ignore[attr-defined]

    def token_for_informant(self, informant: str) -> str | None:
        """The token of informant ``informant`` (e.g. ``INF03``), if the key has one."""
        return next((e.token for e in self.entries if e.informant == informant), None)

    def apply_transcript(self, transcript: Transcript) -> Transcript:
        """Return ``transcript`` with speakers, turns, title and metadata pseudonymised."""
        items = [(self.apply(t.speaker), self.apply(t.body), t.timestamp, t.gloss_en and self.apply(t.gloss_en))
                 for t in transcript.turns]
        fields = {f: getattr(transcript, f) for f in ("source_type", "informant_id", "informant_ids", "language",
                                                     "provenance", "checksum", "release")}
        speakers = tuple((self.apply(n), r) for n, r in transcript.speakers)
        file_name = transcript.file_name and self.apply(transcript.file_name, identifiers=True)
        return Transcript.from_turns(self.apply(transcript.source_id, identifiers=True), items, title=self.apply(transcript.title),
                                     normalisation=(*transcript.normalisation, "pseudonymised"),
                                     metadata=tuple((k, self.apply(v)) for k, v in transcript.metadata),
                                     speakers=speakers, file_name=file_name, key_fingerprint=self.fingerprint,
                                     **fields)

    @property
    def fingerprint(self) -> str:
        """A short fingerprint of the key's entries (``key:<16 hex>``), stored with every source it
        pseudonymised so that a re-import without the same key is refused. Order and comments do not
        change it; any entry does."""
        entries = sorted((self._fold(e.real), e.token, e.kind, e.informant or "") for e in self.entries)
        digest = hashlib.sha256(json.dumps(entries, ensure_ascii=False).encode("utf-8")).hexdigest()
        return f"key:{digest[:16]}"


def load_key(path: str | os.PathLike[str]) -> PseudonymKey:
    """Load a key file (YAML, UTF-8).

    Raises
    ------
    PseudonymError
        Naming the file and the entry for a malformed key.
    """
    data = read_yaml(path, PseudonymError, "key file")
    return PseudonymKey.from_dict(data, paths.display_path(Path(path)))

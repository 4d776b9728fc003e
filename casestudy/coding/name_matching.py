"""Finding names the way a reader sees them: past case, accents, spacing and invisible characters.

A name written with a non-breaking space, a double space, a line break, a soft
hyphen or a zero-width space inside it, in another case (Unicode-aware:
``İlker``/``ilker``, ``STRASSE``/``Straße``) or with or without accents is the same
name to a reader, so it must be the same name to the pseudonymisation key and to
the privacy check. :func:`fold_with_map` turns a text into its *folded* form
(NFKD without combining marks, case-folded, invisible characters dropped, every
run of white space one space) together with the position in the original text of
every folded character, so that a match found in the folded text replaces exactly
the original characters it came from.

With ``identifiers=True`` the characters ``_`` and ``-`` also count as spaces, so a
file name or source id such as ``Budi_Hartono`` matches ``Budi Hartono``.

Examples
--------
>>> m = NameMatcher(["Budi Hartono", "José"])
>>> text = "Pak BUDI\\u00a0 har\\u00adtono dan Jose\\u0301 datang; Budiman tidak."
>>> m.find(text)
[(4, 18, 'Budi Hartono'), (23, 28, 'José')]
>>> m.replace(text, {"Budi Hartono": "INF03", "José": "INF01"})
'Pak INF03 dan INF01 datang; Budiman tidak.'
>>> m.find("Budi\\nHartono")[0][2]
'Budi Hartono'
>>> m.find("budi_hartono.md"), m.find("budi_hartono.md", identifiers=True)[0][2]
([], 'Budi Hartono')
>>> fold("İlker  Straße")
'ilker strasse'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["fold", "fold_with_map", "NameMatcher", "INVISIBLE"]

#: Characters a reader does not see inside a word (soft hyphen, zero-width space/joiners, word joiner, BOM...).
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\u034f")


def fold_with_map(text: str, identifiers: bool = False) -> tuple[str, list[int]]:
    """Return ``(folded, where)``: the folded text and, per folded character, its index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    seps = "_-" if identifiers else ""
    for i, ch in enumerate(text):
        if ch in INVISIBLE or (unicodedata.category(ch) == "Cf"):
            continue
        if ch.isspace() or ch in seps:
            if out and out[-1] == " ":
                continue
            out.append(" ")
            where.append(i)
            continue
        if ch.isascii():
            out.append(ch.lower())
            where.append(i)
            continue
        for c in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(c):
                continue
            for f in c.casefold():
                out.append(f)
                where.append(i)
    return "".join(out), where


def fold(text: str, identifiers: bool = False) -> str:
    """The folded form of ``text`` (see :func:`fold_with_map`), without the position map."""
    return fold_with_map(text, identifiers)[0].strip()


class NameMatcher:
    """Whole-word matching of a list of names in folded text, mapped back to the original spans.

    Parameters
    ----------
    names : iterable of str
        The names (their folded forms must not be empty); longer names win over shorter ones.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.by_fold: dict[str, str] = {}
        for name in names:
            key = fold(name)
            if key:
                self.by_fold.setdefault(key, name)
        alternatives = sorted(self.by_fold, key=lambda s: (-len(s), s))
        body = "|".join(re.escape(a) for a in alternatives) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")

    def find(self, text: str, identifiers: bool = False) -> list[tuple[int, int, str]]:
        """Every match as ``(start, end, name)``: ``text[start:end]`` is the original spelling."""
        folded, where = fold_with_map(text, identifiers)
        out = []
        for m in self._pattern.finditer(folded):
            start, end = where[m.start()], where[m.end() - 1] + 1
            while end < len(text) and (unicodedata.combining(text[end]) or text[end] in INVISIBLE):
                end += 1
            out.append((start, end, self.by_fold[m.group(0)]))
        return out

    def replace(self, text: str, replacement: dict[str, str], identifiers: bool = False) -> str:
        """Replace every match by ``replacement[name]`` (keys are the names as given)."""
        parts, pos = [], 0
        for start, end, name in self.find(text, identifiers):
            parts += [text[pos:start], replacement[name]]
            pos = end
        return "".join(parts) + text[pos:]

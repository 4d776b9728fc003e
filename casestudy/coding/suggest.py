"""Automatic coding suggestions from the codebook's keyword lexicons, and how good they are.

Matching: every phrase of every codable code, both languages, whole words,
case-insensitive on a length-preserving fold (:func:`fold`: ``İ`` is mapped
first so offsets never move; odd spaces such as NBSP become plain spaces). The
text is scanned once with an Aho-Corasick automaton (pyahocorasick) over a
*scan image* made at C speed (one character per code point, so offsets are kept):
ASCII word characters lowered, anything folding to a space -> space, other
non-word characters -> ``\\x00``, other word characters -> ``\\x80``. Each phrase
is stored with one boundary character (space or ``\\x00``) on either side, so
every hit the automaton reports is already a whole word, and the automaton
rests at its root inside words that cannot start a phrase. Phrases whose image
is ambiguous (with ``\\x00`` or ``\\x80``) are checked against the folded text.

Overlap semantics (tested): :meth:`Lexicon.find` reports **every occurrence of
every phrase**, overlapping and nested hits included (``aplikasi`` inside
``aplikasi absensi`` is a hit too). :func:`suggest` then merges overlapping or
touching hits *of the same code* in a source into one suggested span, so a code
is suggested once per passage; different codes never merge.

Suggestions are stored with status ``suggested`` (origin ``auto``, coder
``autocoder``, ``rule`` naming the phrases that fired) and count as codings only
once a coder accepts them (:func:`accept`: the coder's own coding, origin kept;
:func:`reject`). They skip turns no coder may code (the interviewer's) unless asked. :func:`precision_recall` measures them against a
reference coding instead of claiming they are right.

Examples
--------
>>> from casestudy.records.codebook import Code, Codebook
>>> cb = Codebook("demo", 1, "D", "D", codes=(
...     Code("apps", "Apps", "Aplikasi", keywords=(("id", ("aplikasi", "aplikasi absensi")), ("en", ("app",)))),))
>>> lex = Lexicon.from_codebook(cb)
>>> [(h.start, h.end, h.phrase) for h in lex.find("Aplikasi absensi, bukan aplikasinya; App 🙂 app.")]
[(0, 8, 'aplikasi'), (0, 16, 'aplikasi absensi'), (37, 40, 'app'), (43, 46, 'app')]
>>> [(c.start, c.end, c.status) for c in suggest({"s1": "Aplikasi absensi."}, lex)]
[(0, 16, 'suggested')]
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import ahocorasick
import pandas as pd

from casestudy.records.codebook import Codebook
from casestudy.records.segments import Coding
from casestudy.errors import CodebookError, expectation
from casestudy.speakers import UNCODED_ROLES

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["Hit", "Lexicon", "fold", "suggest", "codable_regions", "autocode", "accept", "reject",
           "precision_recall", "AUTOCODER", "PR_COLUMNS"]

AUTOCODER = "autocoder"
PR_COLUMNS = ("code_id", "n_suggested", "n_reference", "suggested_matching", "reference_found", "precision",
              "recall", "f1")
_ODD_SPACE = re.compile(r"[^\S \n]")
#: Whitespace other than space and newline (NBSP, narrow NBSP, tabs...), mapped to a space by :func:`fold`.
_ODD_SPACES = tuple(chr(c) for c in range(0x3001) if chr(c).isspace() and chr(c) not in " \n")
_ASCII_ODD_SPACES = tuple(c for c in _ODD_SPACES if c.isascii())


def fold(text: str) -> str:
    """Lower ``text`` keeping its length (so offsets into the result are offsets into ``text``).

    ``İ`` becomes ``i`` (``lower()`` would add a combining dot) and every odd space
    (:data:`_ODD_SPACES`) becomes a space; a character never changes from word to non-word.

    Examples
    --------
    >>> fold("İSTANBUL\\u00a0Kafé\\x0bB2B")
    'istanbul kafé b2b'
    """
    low = (text.replace("İ", "i") if "İ" in text else text).lower()
    if any(c in low for c in (_ASCII_ODD_SPACES if low.isascii() else _ODD_SPACES)):
        low = _ODD_SPACE.sub(" ", low)
    return low


def _is_word(ch: str) -> bool:
    """``\\w`` as ``re`` sees it, plus combining marks (so a hit never ends inside a letter + accent)."""
    return ch.isalnum() or ch == "_" or (ch > "\x7f" and unicodedata.category(ch)[0] == "M")


_SPACE, _OTHER, _WORD = " ", "\x00", "\x80"  # scan images of spaces, other non-word and non-ASCII word chars


def _image(ch: str) -> str:
    """Scan image of one character (word-ness is kept: :func:`fold` never changes it)."""
    low = fold(ch)
    if low == " ":
        return _SPACE
    if not _is_word(ch):
        return _OTHER
    return low if low.isascii() else _WORD


class _NonAsciiImages(dict):
    """Code point -> code point of its scan image, filled on first use (a ``str.translate`` table)."""

    def __missing__(self, cp: int) -> int:
        self[cp] = image = ord(_image(chr(cp)))
        return image


_NON_ASCII_IMAGES = _NonAsciiImages()
_ASCII_IMAGES = bytes(ord(_image(chr(b))) if b < 128 else b for b in range(256))  # a bytes.translate table
_ERRORS = "casestudy.coding.suggest.image"


def _encode_non_ascii(err: UnicodeError) -> tuple[bytes, int]:
    """Codec error handler: one image byte per non-ASCII code point of the failing run."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return err.object[err.start:err.end].translate(_NON_ASCII_IMAGES).encode("latin-1"), err.end


codecs.register_error(_ERRORS, _encode_non_ascii)


def _scan_image(text: str) -> str:
    """``text`` mapped char by char to its scan image, with a space added at both ends."""
    return (b" " + text.encode("ascii", _ERRORS) + b" ").translate(_ASCII_IMAGES).decode("latin-1")


class Hit(NamedTuple):
    """One phrase occurrence: span, the phrase (lowered) and the codes it suggests (a light tuple)."""

    start: int
    end: int
    phrase: str
    code_ids: tuple[str, ...]


class Lexicon:
    """Phrases -> codes, compiled into one Aho-Corasick automaton.

    Parameters
    ----------
    phrases : mapping of str to iterable of str
        Phrase -> code ids (phrases are NFC-normalised and folded).
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        merged: dict[str, set[str]] = {}
        for phrase, codes in phrases.items():
            key = fold(unicodedata.normalize("NFC", " ".join(phrase.split())))
            if not key:
                raise CodebookError(expectation("keywords", "non-empty phrases", phrase, "lexicon"))
            merged.setdefault(key, set()).update(codes)
        self.phrases = {p: tuple(sorted(c)) for p, c in sorted(merged.items())}
        images: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for p, codes in self.phrases.items():
            images.setdefault(_scan_image(p)[1:-1], []).append((p, codes))
        self._automaton = ahocorasick.Automaton()
        for left in (_SPACE, _OTHER):  # spaces first: the root tries its children in insertion order
            for image, entries in images.items():
                length = len(entries[0][0])
                # value: (phrase length + 1, phrase, codes), or (..., None, candidates) when ambiguous
                value = ((length + 1, *entries[0]) if len(entries) == 1 and _OTHER not in image
                         and _WORD not in image else (length + 1, None, tuple(entries)))
                for right in (_SPACE, _OTHER):
                    self._automaton.add_word(left + image + right, value)
        if self.phrases:
            self._automaton.make_automaton()

    @classmethod
    def from_codebook(cls, codebook: Codebook, languages: Iterable[str] = ("id", "en")) -> "Lexicon":
        """Lexicon of the codable codes' keywords in ``languages``."""
        langs = tuple(languages)
        phrases: dict[str, set[str]] = {}
        for code in codebook.codes:
            if code.codable:
                for lang in langs:
                    for p in code.phrases(lang):
                        phrases.setdefault(p, set()).add(code.id)
        return cls(phrases)

    def __len__(self) -> int:
        return len(self.phrases)

    def find(self, text: str) -> list[Hit]:
        """Every whole-word occurrence of every phrase in ``text`` (NFC), in order of end position.

        Hits with the same end come longest first (the automaton's output order).
        """
        if not self.phrases:
            return []
        low = None
        out: list[Hit] = []
        append, new, hit = out.append, tuple.__new__, Hit  # tuple.__new__: what Hit._make does, minus a call
        # ``pos`` indexes the padded image: the phrase is text[pos - n:pos - 1], its right boundary text[pos - 1]
        for pos, (n, phrase, codes) in self._automaton.iter(_scan_image(text)):
            if phrase is None:  # ambiguous image: ``codes`` holds the candidates, checked on the folded text
                if low is None:
                    low = fold(text)
                phrase, codes = _candidate(codes, low[pos - n:pos - 1])
                if phrase is None:
                    continue
            append(new(hit, (pos - n, pos - 1, phrase, codes)))
        return out


def _candidate(candidates: tuple[tuple[str, tuple[str, ...]], ...],
               quote: str) -> tuple[str | None, tuple[str, ...]]:
    """The ``(phrase, codes)`` candidate equal to the folded ``quote``, or ``(None, ())``."""
    for phrase, codes in candidates:
        if phrase == quote:
            return phrase, codes
    return None, ()


def _inside(regions: list[tuple[int, int]] | None, start: int, end: int) -> bool:
    """Is ``[start, end)`` inside one of ``regions`` (sorted, disjoint)? Always True without regions."""
    if regions is None:
        return True
    i = bisect.bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]


def suggest(texts: Mapping[str, str], lexicon: Lexicon, *, coder_id: str = AUTOCODER,
            codebook_version: int = 1, regions: Mapping[str, list[tuple[int, int]]] | None = None) -> list[Coding]:
    """Suggested codings for ``texts`` (source id -> canonical text): same-code overlapping hits merged.

    Hits arrive sorted by start, so each code's spans merge in one pass. Each
    suggestion records its ``rule``: ``keyword:`` and the phrases that fired, joined
    by ``|``. With ``regions`` (source id -> sorted ``(start, end)`` spans that may be
    coded, e.g. the informants' turns), hits outside them are dropped. The spans
    come from the matcher (inside the text, start < end) and the codes from the
    lexicon, so the codings are built with :meth:`Coding.trusted`, which skips
    re-validating them one by one.
    """
    Coding(next(iter(sorted(texts)), "s"), 0, 1, "c", coder_id, "suggested", "auto", codebook_version)  # checks args
    out: list[Coding] = []
    make = Coding.trusted
    for sid in sorted(texts):
        hits = lexicon.find(texts[sid])
        if regions is not None:
            allowed = sorted(regions.get(sid, []))
            hits = [h for h in hits if _inside(allowed, h.start, h.end)]
        open_: dict[str, list[Any]] = {}
        spans: list[tuple[int, int, str, Any]] = []
        for start, end, phrase, code_ids in hits:
            for code in code_ids:
                cur = open_.get(code)
                if cur is not None and start <= cur[1]:
                    if end > cur[1]:
                        cur[1] = end
                    if phrase != cur[2]:  # most spans have one phrase: a set only when a second one comes
                        cur[2] = (cur[2] if isinstance(cur[2], set) else {cur[2]}) | {phrase}
                else:
                    if cur is not None:
                        spans.append((cur[0], cur[1], code, cur[2]))
                    open_[code] = [start, end, phrase]
        spans.extend((s, e, code, p) for code, (s, e, p) in open_.items())
        spans.sort(key=_span_key)
        out.extend(make(sid, s, e, code, coder_id, "suggested", "auto", codebook_version,
                        "keyword:" + p if isinstance(p, str) else _rule(p))
                   for s, e, code, p in spans)
    return out


def _span_key(span: tuple[int, int, str, Any]) -> tuple[int, int, str]:
    return span[0], span[1], span[2]


def _rule(phrases: set[str]) -> str:
    return "keyword:" + "|".join(sorted(phrases))


def codable_regions(db: CaseDatabase, source_ids: Iterable[str] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Source id -> ``(start, end)`` of the turns a coder may code (every turn whose speaker's role allows it).

    A turn may be coded unless its speaker's declared role is one no coder codes
    (the interviewer's questions); turns of undeclared speakers may be coded.
    """
    ids = None if source_ids is None else list(source_ids)
    if ids is not None and len(ids) == 1:
        turns = db.turns(source_id=ids[0])      # one source: read its turns only (linear over a study)
    else:
        turns = db.turns()
        if ids is not None:
            turns = turns[turns["source_id"].isin(set(ids))]
    if "role" in turns.columns:
        turns = turns[turns["role"].isna() | ~turns["role"].isin(UNCODED_ROLES)]
    out: dict[str, list[tuple[int, int]]] = {}
    for sid, start, end in zip(turns["source_id"], turns["start"], turns["end"]):
        out.setdefault(sid, []).append((int(start), int(end)))
    return out


def autocode(db: CaseDatabase, codebook: Codebook | None = None, *, source_ids: Iterable[str] | None = None,
             coder_id: str = AUTOCODER, actor: str | None = None, all_turns: bool = False) -> int:
    """Store suggestions for the database's sources (one batch); return the event id.

    ``codebook`` defaults to the latest stored version (it is stored first if new).
    Turns no coder may code (:func:`codable_regions`: the interviewer's) get no
    suggestion unless ``all_turns``.
    """
    from casestudy.records.coders import Coder

    with db.batch("autocode", actor=actor or coder_id) as event:
        if codebook is None:
            codebook = db.codebook()
        else:
            db.add_codebook(codebook)
        ids = sorted(source_ids) if source_ids is not None else list(db.sources()["source_id"])
        texts = {sid: db.source_text(sid) for sid in ids}
        regions = None if all_turns else codable_regions(db, ids)
        db.add_coders([Coder(coder_id, "Keyword suggestions", "program")])
        db.add_codings(suggest(texts, Lexicon.from_codebook(codebook), coder_id=coder_id,
                               codebook_version=codebook.version, regions=regions))
    return event


def accept(db: CaseDatabase, coding_ids: Iterable[int], *, coder: str) -> int:
    """Accept suggestions as ``coder`` (each becomes that coder's coding, origin kept); return the event id."""
    return db.accept_suggestions(list(coding_ids), coder)


def reject(db: CaseDatabase, coding_ids: Iterable[int], *, coder: str) -> int:
    """Reject suggestions as ``coder``; return the event id."""
    return db.reject_suggestions(list(coding_ids), coder)


def _overlaps(a: pd.DataFrame, b: pd.DataFrame) -> pd.Series:
    """For each row of ``a``: does a row of ``b`` with the same source and code overlap it?"""
    if a.empty:
        return pd.Series([], dtype=bool)
    if b.empty:
        return pd.Series(False, index=a.index)
    m = a.reset_index().merge(b[["source_id", "code_id", "start", "end"]], on=["source_id", "code_id"],
                              how="left", suffixes=("", "_b"))
    hit = (m["start_b"] < m["end"]) & (m["start"] < m["end_b"])
    return hit.groupby(m["index"]).any().reindex(a.index, fill_value=False)


def precision_recall(suggested: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of suggestions per code against a reference coding.

    Span rule: a suggestion *matches* when it overlaps (shares at least one code
    point with) a reference coding of the same code in the same source; a
    reference coding is *found* when some suggestion of its code overlaps it.
    precision = matching suggestions / suggestions; recall = found reference
    codings / reference codings (NaN when the denominator is 0).

    Parameters
    ----------
    suggested, reference : DataFrame
        Columns ``source_id, code_id, start, end`` (e.g. from ``db.codings(...)``).

    Returns
    -------
    DataFrame
        :data:`PR_COLUMNS`, one row per code in either frame, sorted by code, plus a final
        ``(all)`` row pooling every code.

    Examples
    --------
    >>> s = pd.DataFrame({"source_id": ["a", "a"], "code_id": ["x", "x"], "start": [0, 50], "end": [5, 55]})
    >>> r = pd.DataFrame({"source_id": ["a", "a"], "code_id": ["x", "y"], "start": [3, 0], "end": [9, 4]})
    >>> precision_recall(s, r)[["code_id", "precision", "recall"]].to_string(index=False)
    'code_id  precision  recall\\n      x        0.5     1.0\\n      y        NaN     0.0\\n  (all)        0.5     0.5'
    """
    cols = ["source_id", "code_id", "start", "end"]
    s, r = suggested[cols].reset_index(drop=True), reference[cols].reset_index(drop=True)
    s = s.assign(ok=_overlaps(s, r).to_numpy(dtype=bool) if len(s) else [])
    r = r.assign(ok=_overlaps(r, s).to_numpy(dtype=bool) if len(r) else [])
    codes = sorted(set(s["code_id"]) | set(r["code_id"]))
    rows = []
    for code, ss, rr in [(c, s[s["code_id"] == c], r[r["code_id"] == c]) for c in codes] + [("(all)", s, r)]:
        p = ss["ok"].sum() / len(ss) if len(ss) else float("nan")
        rc = rr["ok"].sum() / len(rr) if len(rr) else float("nan")
        f1 = 2 * p * rc / (p + rc) if len(ss) and len(rr) and (p + rc) > 0 else float("nan")
        rows.append((code, len(ss), len(rr), int(ss["ok"].sum()), int(rr["ok"].sum()), p, rc, f1))
    return pd.DataFrame(rows, columns=list(PR_COLUMNS)).round({"precision": 3, "recall": 3, "f1": 3})

"""Sentences inside a turn, found by a documented rule (the ``sentence`` unit of agreement).

Examples
--------
>>> split_sentences("Kami di PT. Nusa. Harga naik? Ya, 1.5 kali!")
[(0, 17), (18, 29), (30, 43)]
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "split_sentences"]

#: Words after which a full stop does not end a sentence (Indonesian and English, lower case).
ABBREVIATIONS = frozenset({
    "pt", "cv", "tbk", "ud", "dr", "drs", "dra", "ir", "h", "hj", "bpk", "bp", "ibu", "bu", "sdr", "yth", "no",
    "jl", "jln", "rp", "dll", "dsb", "dst", "tsb", "kab", "kec", "prov", "a.n", "u.p", "s.kom", "s.e", "m.m",
    "mr", "mrs", "ms", "prof", "st", "etc", "e.g", "i.e", "vs", "approx", "tel", "hlm",
})
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+\S)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    The splitter is a documented rule, not a language model: a sentence ends at
    ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed by
    whitespace, except after an abbreviation of :data:`ABBREVIATIONS` (``PT.``,
    ``Rp.``, ``dll.``) or a single letter (an initial). Decimal points (``1.5``)
    never split, since no whitespace follows them. Spans exclude surrounding
    whitespace.

    Examples
    --------
    >>> t = "Ibu Sari dari Dinas A. Wulan datang. Lalu?  Selesai"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Ibu Sari dari Dinas A. Wulan datang.', 'Lalu?', 'Selesai']
    """
    end = len(text) if end is None else end
    spans, begin = [], start
    for m in _END.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, begin, m.start())
        if m.group().startswith(".") and word is not None and len(m.group().rstrip("\"'\u201d\u2019)]")) == 1:
            w = word.group(1).lower()
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, end))
    out = []
    for s, e in spans:
        seg = text[s:e]
        s2 = s + (len(seg) - len(seg.lstrip()))
        e2 = e - (len(seg) - len(seg.rstrip()))
        if e2 > s2:
            out.append((s2, e2))
    return out

"""Krippendorff's unitizing alpha: agreement on where a code applies in a continuum, not in given units.

Coders code spans of free length. Turn-level alpha (:mod:`casestudy.reliability.result`) asks whether
both coders applied a code *somewhere* in a turn; the unitizing alpha ``u-alpha`` asks whether they
marked the same stretches of text. It is Krippendorff's coefficient for unitizing a continuum
(Krippendorff 1995, "On the reliability of unitizing continuous data", *Sociological Methodology* 25;
in the form of Krippendorff 2004, "Measuring the reliability of qualitative text analysis data",
*Quality & Quantity* 38: 787-800, and *Content Analysis*, 2nd ed., section 12.4), computed per code:

- the continuum is the text a coder may code, of length ``L`` code points; every coder divides it,
  for code ``c``, into sections: the stretches coded ``c`` (the union of the coder's spans with that
  code, ``w = 1``) and the gaps between them (``w = 0``);
- two overlapping sections ``g`` (of coder ``i``) and ``h`` (of coder ``j``) differ by
  ``(b_g - b_h)**2 + (e_g - e_h)**2`` when both are coded (their boundaries' squared distances),
  by ``l_g**2`` when ``g`` is coded and lies wholly inside a gap of ``j`` (and vice versa), and by 0
  otherwise;
- observed disagreement ``uDo = sum over coder pairs (i != j) of those distances / (m (m-1) L**2)``;
- expected disagreement, over all ways of placing the coders' sections in the continuum::

      uDe = 2/L * sum_g w_g [ (N_c - 1) (2 l_g**3 - 3 l_g**2 + l_g) / 3
                              + l_g**2 * sum_{gaps h, l_h >= l_g} (l_h - l_g + 1) ]
            / ( m L (m L - 1) - sum_g w_g l_g (l_g - 1) )

  with ``N_c`` the number of coded sections of all coders;
- ``u-alpha = 1 - uDo / uDe``; pooled over codes, ``1 - sum uDo / sum uDe``.

Checked against Krippendorff's published worked example (2004, Figure 2 and its appendix; the same
data in *Content Analysis*, 2nd ed., p. 254): a continuum from 150 to 450, two observers, values
``c`` and ``k``, giving ``uDo_c = .0144``, ``uDe_c = .0532``, ``u-alpha_c = .7286`` and
``u-alpha_k = 1`` (:func:`krippendorff_2004_example`, and ``tests/reliability/test_irr_unitizing.py``).

Krippendorff, Mathet, Bouvry and Widlöcher (2016, *Quality & Quantity* 50) changed the definition for
more than two observers and added the family ``|u-alpha`` (unit or gap only), ``cu-alpha`` (values
where units overlap) and ``(k)u-alpha``; that family is not implemented here. With two coders, as in
the PT. XYZ corpus, the per-code coefficient above is the one to read; with more coders it is
computed as written in 2004 and carries a note. There is no bootstrap interval: characters are not
independent units.

Examples
--------
>>> res = unitizing_alpha(krippendorff_2004_example(), continuum=[("fig2", 150, 450)])
>>> res.summary[["code", "observed", "expected", "u_alpha"]].round(4).values.tolist()
[['c', 0.0144, 0.0532, 0.7286], ['k', 0.0, 0.049, 1.0], ['(pooled)', 0.0144, 0.1022, 0.8587]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd

from casestudy.errors import ReliabilityError, expectation
from casestudy.reliability.result import POOLED
from casestudy.reliability.units import accepted_codings

__all__ = ["UNITIZING_COLUMNS", "UnitizingResult", "unitizing_alpha", "sections", "krippendorff_2004_example"]

#: Columns of :attr:`UnitizingResult.summary`.
UNITIZING_COLUMNS = ("code", "n_sections", "coded_length", "observed", "expected", "u_alpha", "note")


@dataclass(frozen=True)
class UnitizingResult:
    """Unitizing alpha per code and pooled over codes.

    Parameters
    ----------
    summary : pandas.DataFrame
        Columns :data:`UNITIZING_COLUMNS`: ``n_sections`` coded sections of all coders, ``coded_length``
        code points coded by any coder, ``observed``/``expected`` the disagreements ``uDo``/``uDe``,
        ``u_alpha``; ``note`` says why a value is undefined.
    coders : tuple of str
    length : int
        Length ``L`` of the continuum (code points).
    """

    summary: pd.DataFrame
    coders: tuple[str, ...]
    length: int
    notes: tuple[str, ...] = field(default=())

    def pooled(self) -> pd.Series:
        """The pooled row."""
        return self.summary.iloc[-1]

    def by_code(self) -> pd.Series:
        """``u_alpha`` per code (the pooled row under ``(pooled)``)."""
        return self.summary.set_index("code")["u_alpha"]


def sections(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int, int]]:
    """A coder's division of ``[0, length)`` into coded sections and gaps: ``(begin, length, w)``.

    Overlapping or touching spans merge into one coded section (``w = 1``); the rest are gaps (``w = 0``).

    Examples
    --------
    >>> sections([(2, 4), (3, 6), (8, 9)], 10)
    [(0, 2, 0), (2, 4, 1), (6, 2, 0), (8, 1, 1), (9, 1, 0)]
    >>> sections([], 3)
    [(0, 3, 0)]
    """
    out: list[tuple[int, int, int]] = []
    pos = 0
    for s, e in sorted((max(0, int(s)), min(length, int(e))) for s, e in spans):
        if e <= s:
            continue
        if out and out[-1][2] == 1 and s <= out[-1][0] + out[-1][1]:
            b, ln, _ = out[-1]
            out[-1] = (b, max(ln, e - b), 1)
            pos = b + out[-1][1]
            continue
        s = max(s, pos)
        if e <= s:
            continue
        if s > pos:
            out.append((pos, s - pos, 0))
        out.append((s, e - s, 1))
        pos = e
    if pos < length:
        out.append((pos, length - pos, 0))
    return out


def _distance(g: tuple[int, int, int], h: tuple[int, int, int]) -> int:
    """Krippendorff's squared distance between two overlapping sections of different coders."""
    (bg, lg, wg), (bh, lh, wh) = g, h
    if wg and wh:
        return (bg - bh) ** 2 + (bg + lg - bh - lh) ** 2
    if wg and not wh and bh <= bg and bg + lg <= bh + lh:
        return lg * lg
    if wh and not wg and bg <= bh and bh + lh <= bg + lg:
        return lh * lh
    return 0


def _observed(parts: list[list[tuple[int, int, int]]], length: int) -> float:
    m = len(parts)
    total = 0
    for i in range(m):
        for j in range(i + 1, m):
            a, b, x, y = parts[i], parts[j], 0, 0
            while x < len(a) and y < len(b):  # sweep: every pair of sections that overlap
                total += _distance(a[x], b[y])
                if a[x][0] + a[x][1] <= b[y][0] + b[y][1]:
                    x += 1
                else:
                    y += 1
    return 2.0 * total / (m * (m - 1) * float(length) ** 2)


def _expected(parts: list[list[tuple[int, int, int]]], length: int) -> float:
    m = len(parts)
    coded = np.array([ln for p in parts for _, ln, w in p if w], dtype=float)
    gaps = np.sort(np.array([ln for p in parts for _, ln, w in p if not w], dtype=float))
    n_c = len(coded)
    # sum over gaps at least as long as l of (l_gap - l + 1), for every coded length l
    suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    first = np.searchsorted(gaps, coded, side="left")
    fits = suffix[first] - (len(gaps) - first) * (coded - 1)
    numerator = ((n_c - 1) * (2 * coded ** 3 - 3 * coded ** 2 + coded) / 3 + coded ** 2 * fits).sum()
    denominator = m * length * (m * length - 1.0) - (coded * (coded - 1)).sum()
    return float(2.0 / length * numerator / denominator)


def unitizing_alpha(codings: pd.DataFrame, continuum: Sequence[tuple[str, int, int]], *,
                    coders: Sequence[str] | None = None, codes: Sequence[str] | None = None,
                    where: str = "unitizing alpha") -> UnitizingResult:
    """Krippendorff's unitizing alpha per code and pooled, on the codable text of the sources.

    Parameters
    ----------
    codings : pandas.DataFrame
        ``source_id, start, end, code_id, coder_id`` (code-point offsets, end exclusive); with a
        ``status`` column only ``accepted`` codings count.
    continuum : sequence of (source_id, start, end)
        The stretches of text that make up the continuum, in order (e.g. the turns a coder may code);
        they are laid end to end, and a coding counts only where it falls inside one of them.
    coders : sequence of str, optional
        At least two (default: every coder in ``codings``).
    codes : sequence of str, optional
        Codes to assess (default: every code the coders applied).
    where : str
        Name of the data for messages.

    Returns
    -------
    UnitizingResult

    Examples
    --------
    >>> c = pd.DataFrame({"source_id": ["s"] * 3, "start": [0, 0, 10], "end": [5, 5, 12],
    ...                   "code_id": ["x", "x", "x"], "coder_id": ["a", "b", "a"]})
    >>> unitizing_alpha(c, [("s", 0, 20)]).summary[["code", "n_sections", "u_alpha"]].round(3).values.tolist()
    [['x', 3, 0.867], ['(pooled)', 3, 0.867]]
    """
    codings = accepted_codings(codings, where)
    coders = tuple(sorted(set(codings["coder_id"]))) if coders is None else tuple(coders)
    if len(set(coders)) < 2:
        raise ReliabilityError(expectation("coders", "at least two different coders", list(coders), where))
    offset, pieces = 0, []
    for sid, s, e in continuum:
        if e > s:
            pieces.append((sid, int(s), int(e), offset))
            offset += int(e) - int(s)
    length = offset
    if length < 2:
        raise ReliabilityError(expectation("continuum", "at least two code points long", length, where))
    mapped = []  # codings clipped to the continuum's pieces, in continuum offsets
    for sid, s, e, off in pieces:
        sub = codings[(codings["source_id"] == sid) & (codings["start"] < e) & (codings["end"] > s)]
        for r in cast(Iterable[Any], sub.itertuples(index=False)):
            mapped.append((r.coder_id, r.code_id, off + max(int(r.start), s) - s, off + min(int(r.end), e) - s))
    spans = pd.DataFrame(mapped, columns=["coder_id", "code_id", "start", "end"])
    spans = spans[spans["coder_id"].isin(coders)]
    names = list(codes) if codes is not None else sorted(set(spans["code_id"]))
    notes = ("computed as Krippendorff (2004) writes it for m observers; Krippendorff et al. (2016) "
             "changed the definition for more than two",) if len(coders) > 2 else ()
    rows, sum_do, sum_de = [], 0.0, 0.0
    for code in names:
        sub = spans[spans["code_id"] == code]
        parts = [sections(list(zip(sub.loc[sub["coder_id"] == c, "start"], sub.loc[sub["coder_id"] == c, "end"])),
                          length) for c in coders]
        n_sections = sum(w for p in parts for _, _, w in p)
        coded = np.zeros(length, dtype=bool)
        for p in parts:
            for b, ln, w in p:
                if w:
                    coded[b:b + ln] = True
        if n_sections == 0:
            rows.append((code, 0, 0, float("nan"), float("nan"), float("nan"), "no coder applied the code"))
            continue
        do, de = _observed(parts, length), _expected(parts, length)
        sum_do, sum_de = sum_do + do, sum_de + de
        rows.append((code, n_sections, int(coded.sum()), do, de, 1.0 - do / de if de > 0 else float("nan"),
                     "" if de > 0 else "no expected disagreement"))
    n_all = sum(r[1] for r in rows)
    covered = int(sum(r[2] for r in rows))
    rows.append((POOLED, n_all, covered, sum_do, sum_de, 1.0 - sum_do / sum_de if sum_de > 0 else float("nan"),
                 "" if sum_de > 0 else "no code applied"))
    summary = pd.DataFrame(rows, columns=list(UNITIZING_COLUMNS))
    return UnitizingResult(summary, coders, length, notes)


def krippendorff_2004_example() -> pd.DataFrame:
    """Krippendorff's worked example of unitizing (2004, Figure 2): two observers, values c and k.

    The continuum runs from 150 to 450; observer ``i`` marks c at 225-295 and 370-400, k at 180-240
    and 300-350; observer ``j`` marks c at 220-300, 355-375 and 400-420, and k where ``i`` does.
    Published: ``uDo_c = .0144``, ``uDe_c = .0532``, ``u-alpha_c = .7286``, ``u-alpha_k = 1``.
    """
    rows = [("i", "c", 225, 295), ("i", "c", 370, 400), ("i", "k", 180, 240), ("i", "k", 300, 350),
            ("j", "c", 220, 300), ("j", "c", 355, 375), ("j", "c", 400, 420), ("j", "k", 180, 240),
            ("j", "k", 300, 350)]
    df = pd.DataFrame(rows, columns=["coder_id", "code_id", "start", "end"])
    return df.assign(source_id="fig2")[["source_id", "start", "end", "code_id", "coder_id"]]

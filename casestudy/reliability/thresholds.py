"""Reading agreement: Krippendorff's thresholds, and agreement too good to be true.

Krippendorff (2004, p. 241; 2011) advises relying on variables with alpha >= 0.800
and drawing only tentative conclusions from 0.667 <= alpha < 0.800. Below that the
coding is not reliable enough to build on. The statistic is always reported; the
threshold only adds a :class:`~casestudy.errors.ReliabilityWarning`.

Agreement can also be *too* good. Two people coding open interview text from a
codebook alone rarely agree on more than 95% of the chance-corrected decisions;
when they do on a corpus of a few hundred units, the likelier explanation is
that the codings were not independent (one coder saw the other's work, codings
were copied and edited, a shared auto-coding was accepted wholesale). The same
holds when most spans match character for character. Such results are flagged,
not hidden.

Examples
--------
>>> [reading(a) for a in (0.91, 0.70, 0.41, float("nan"))]
['reliable', 'tentative', 'unreliable', 'undefined']
>>> reading(0.97, pooled=True)
'suspiciously high'
"""

from __future__ import annotations

import math
import warnings

import pandas as pd

from casestudy.errors import ReliabilityWarning

__all__ = ["RELY", "TENTATIVE", "TOO_GOOD", "IDENTICAL_SPAN_SHARE", "MIN_CODED", "reading", "reading_on_interval",
           "warn_thresholds", "identical_spans"]

RELY = 0.800
TENTATIVE = 0.667
#: Pooled alpha above which agreement is reported as a sign the coding may not have been independent.
TOO_GOOD = 0.95
#: Fewest units a code must be applied to (by any coder) before its agreement is read at all. This is the
#: package's default, not a published constant: with fewer coded units a bootstrap interval degenerates
#: (e.g. [1, 1] from three turns both coders coded), and Krippendorff (2004, section 11.4.2) ties the sample
#: a reading needs to the frequency of the rarest value, which a code applied to a handful of units is.
MIN_CODED = 10
#: Share of one coder's spans identical (source, start, end, code) to the other's that is reported likewise.
IDENTICAL_SPAN_SHARE = 0.5


def reading(alpha: float, pooled: bool = False) -> str:
    """How to read ``alpha``: reliable, tentative, unreliable, undefined (or suspiciously high if pooled)."""
    if alpha is None or (isinstance(alpha, float) and math.isnan(alpha)):
        return "undefined"
    if pooled and alpha > TOO_GOOD:
        return "suspiciously high"
    if alpha >= RELY:
        return "reliable"
    if alpha >= TENTATIVE:
        return "tentative"
    return "unreliable"


def reading_on_interval(alpha: float, ci_low: float, n_coded: int, *, pooled: bool = False,
                        min_coded: int = MIN_CODED) -> str:
    """Read agreement on the interval's lower bound, and only with enough coded material.

    A code applied to fewer than ``min_coded`` units reads ``too little material``; otherwise the
    reading of :func:`reading` is taken at the lower bound of the interval (the point estimate when
    there is no interval), so "reliable" means the data rule out alpha below 0.800 at that level.

    Examples
    --------
    >>> reading_on_interval(0.91, 0.74, 40), reading_on_interval(1.0, 1.0, 3), reading_on_interval(0.9, float("nan"), 40)
    ('tentative', 'too little material', 'reliable')
    """
    if alpha is None or (isinstance(alpha, float) and math.isnan(alpha)):
        return "undefined"
    if pooled and alpha > TOO_GOOD:
        return "suspiciously high"
    if n_coded < min_coded:
        return "too little material"
    low = alpha if ci_low is None or (isinstance(ci_low, float) and math.isnan(ci_low)) else ci_low
    return reading(low)


def warn_thresholds(summary: pd.DataFrame, where: str = "intercoder reliability") -> list[str]:
    """Emit a :class:`ReliabilityWarning` per reading that needs care; return the messages.

    Parameters
    ----------
    summary : pandas.DataFrame
        A reliability summary (``code, n_units, krippendorff_alpha, reading``).
    where : str
        Prefix of the messages.

    Examples
    --------
    >>> s = pd.DataFrame({"code": ["a", "b", "(pooled)"], "n_units": [40, 40, 80],
    ...                   "krippendorff_alpha": [0.5, 0.9, 0.97],
    ...                   "reading": ["unreliable", "reliable", "suspiciously high"]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     messages = warn_thresholds(s)
    >>> [type(w.message).__name__ for w in caught]
    ['ReliabilityWarning', 'ReliabilityWarning']
    >>> print(messages[0])
    intercoder reliability: alpha below 0.667 (do not rely on these codes): a (0.500)
    """
    messages = []
    col = "reading_point" if "reading_point" in summary else "reading"  # a low estimate warns on any material
    low = summary[summary[col] == "unreliable"]
    mid = summary[summary[col] == "tentative"]
    high = summary[summary[col] == "suspiciously high"]
    if len(low):
        messages.append(f"{where}: alpha below {TENTATIVE:.3f} (do not rely on these codes): "
                        + ", ".join(f"{r.code} ({r.krippendorff_alpha:.3f})" for r in low.itertuples()))
    if len(mid):
        messages.append(f"{where}: alpha between {TENTATIVE:.3f} and {RELY:.3f} (tentative conclusions only): "
                        + ", ".join(f"{r.code} ({r.krippendorff_alpha:.3f})" for r in mid.itertuples()))
    for r in high.itertuples():
        messages.append(f"{where}: {r.code} alpha = {r.krippendorff_alpha:.3f} over {r.n_units} units is above "
                        f"{TOO_GOOD:.2f}: agreement this high between independent coders of interview text is "
                        "rare; check that the coding was independent (no coder saw another's codings)")
    for m in messages:
        warnings.warn(m, ReliabilityWarning, stacklevel=2)
    return messages


def identical_spans(codings: pd.DataFrame, coders: tuple[str, str], units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of each coder's codings that match the other's exactly (source, start, end, code).

    Independent coders choose their own span boundaries, so a high share (above
    :data:`IDENTICAL_SPAN_SHARE`) suggests that codings were copied, unless both coders
    code whole units (e.g. sentences), where exact matches are expected. Given ``units``
    (``source_id, start, end``), the table also counts codings whose span starts and ends
    on unit boundaries (``n_whole_units``) and identical codings that do not
    (``n_identical_partial``): identical *partial* spans are the telling ones.

    Examples
    --------
    >>> c = pd.DataFrame({"source_id": ["s"] * 3, "start": [0, 0, 10], "end": [5, 5, 20],
    ...                   "code_id": ["x", "x", "y"], "coder_id": ["a", "b", "a"]})
    >>> identical_spans(c, ("a", "b"))
      coder_id  n_codings  n_identical  share_identical
    0        a          2            1              0.5
    1        b          1            1              1.0
    >>> sentences = pd.DataFrame({"source_id": ["s", "s"], "start": [0, 6], "end": [5, 20]})
    >>> identical_spans(c, ("a", "b"), sentences)[["coder_id", "n_whole_units", "n_identical_partial"]]
      coder_id  n_whole_units  n_identical_partial
    0        a              1                    0
    1        b              1                    0
    """
    key = ["source_id", "start", "end", "code_id"]
    sets = {c: set(map(tuple, codings.loc[codings["coder_id"] == c, key].drop_duplicates().to_numpy().tolist()))
            for c in coders}
    starts = ends = None
    if units is not None:
        starts = set(zip(units["source_id"], units["start"]))
        ends = set(zip(units["source_id"], units["end"]))
    rows = []
    for c in coders:
        others = set().union(*(sets[o] for o in coders if o != c))
        n = len(sets[c])
        same = sets[c] & others
        row: list[object] = [c, n, len(same), len(same) / n if n else float("nan")]
        if starts is not None and ends is not None:
            def whole(k: tuple) -> bool:  # type: ignore[type-arg]
                return (k[0], k[1]) in starts and (k[0], k[2]) in ends
            row += [sum(whole(k) for k in sets[c]), sum(not whole(k) for k in same)]
        rows.append(tuple(row))
    cols = ["coder_id", "n_codings", "n_identical", "share_identical"]
    if units is not None:
        cols += ["n_whole_units", "n_identical_partial"]
    return pd.DataFrame(rows, columns=cols)

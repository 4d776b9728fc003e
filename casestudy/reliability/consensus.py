"""Consensus coding after a disagreement review, and moving codings to a revised codebook.

After two coders code independently and their disagreements are listed
(:attr:`ReliabilityResult.disagreements`), the coders meet and settle each one. The
result is a *consensus coding*, stored like any other coding (coder ``consensus``,
origin ``consensus``) with a ``note`` saying how each coding was settled. The note
starts with one of :data:`RESOLUTIONS` followed by ``:`` and the reason:

``agreed``
    both coders applied the code in the unit (spans may differ; the consensus span is given);
``coder_a`` / ``coder_b``
    only that coder applied it; the meeting kept it;
``recoded``
    the coders applied different codes; the meeting chose this one (maybe neither's);
``added``
    neither coder applied it; the meeting added it.

Codings one coder made that the meeting dropped are not in the consensus coding;
list them with their reasons beside the data.

When the review suggests codebook changes, they become a new codebook version
(:mod:`casestudy.reliability.revisions`) and :func:`revise_codings` moves codings to
it: renamed and merged codes map one to one, retired codes drop out, and a coding
of a split code needs an explicit choice of the new code.

Examples
--------
>>> parse_resolution("coder_b: the on-site helper is care, not acquisition")
('coder_b', 'the on-site helper is care, not acquisition')
>>> notes = pd.Series(["agreed: same sentence", "coder_a: kept", "agreed: spans differ"])
>>> resolution_counts(notes)
  resolution  n_codings
0     agreed          2
1    coder_a          1
2    coder_b          0
3   recoded          0
4      added          0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, cast

import pandas as pd

from casestudy.records.codebook import Codebook
from casestudy.records.segments import Coding
from casestudy.errors import CodingError, ReliabilityError, expectation

__all__ = ["RESOLUTIONS", "parse_resolution", "resolution_counts", "codings_from_frame", "revise_codings"]

RESOLUTIONS = ("agreed", "coder_a", "coder_b", "recoded", "added")


def parse_resolution(note: str, where: str = "consensus coding") -> tuple[str, str]:
    """Split a consensus coding's memo ``"<resolution>: <reason>"``; raise if the resolution is unknown.

    Examples
    --------
    >>> parse_resolution("kept it", where="consensus.csv, line 3")
    Traceback (most recent call last):
    ...
    casestudy.errors.ReliabilityError: consensus.csv, line 3: 'memo' must be '<resolution>: <reason>' with a resolution of agreed, coder_a, coder_b, recoded, added (got 'kept it')
    """
    head, sep, reason = (note or "").partition(":")
    if not sep or head.strip() not in RESOLUTIONS:
        raise ReliabilityError(expectation("memo", "'<resolution>: <reason>' with a resolution of "
                                           + ", ".join(RESOLUTIONS), note, where))
    return head.strip(), reason.strip()


def resolution_counts(notes: Iterable[str]) -> pd.DataFrame:
    """How many consensus codings were settled each way (every resolution listed, zeros included)."""
    counts = {r: 0 for r in RESOLUTIONS}
    for i, note in enumerate(notes, start=1):
        counts[parse_resolution(note, f"consensus coding {i}")[0]] += 1
    return pd.DataFrame({"resolution": list(counts), "n_codings": list(counts.values())})


def codings_from_frame(frame: pd.DataFrame) -> list[Coding]:
    """Codings read from the case study database (``CaseDatabase.codings()``) as :class:`Coding` objects.

    Examples
    --------
    >>> frame = pd.DataFrame({"source_id": ["s"], "start": [0], "end": [4], "code_id": ["a"], "coder_id": ["x"],
    ...                       "status": ["accepted"], "origin": ["manual"], "codebook_version": [1], "memo": [None],
    ...                       "coding_id": [3]})
    >>> codings_from_frame(frame)[0]
    Coding(source_id='s', start=0, end=4, code_id='a', coder_id='x', status='accepted', origin='manual', codebook_version=1, memo=None, id=3, rule=None, suggestion_id=None)
    """
    return [Coding(r.source_id, int(r.start), int(r.end), r.code_id, r.coder_id, r.status, r.origin,
                   int(r.codebook_version), None if pd.isna(r.memo) else r.memo, int(r.coding_id))
            for r in cast(Iterable[Any], frame.itertuples(index=False))]


def revise_codings(codings: Iterable[Coding], codebook: Codebook,
                   choose: Mapping[tuple[str, int, int, str], str] | Callable[[Coding], str | None] | None = None,
                   ) -> list[Coding]:
    """Move codings of version ``codebook.version - 1`` to ``codebook`` (its revisions say how).

    Parameters
    ----------
    codings : iterable of Coding
        Codings of the previous version.
    codebook : Codebook
        The revised version (with ``revisions``).
    choose : mapping or callable, optional
        For codings of a split code: ``(source_id, start, end, old_code) -> new code``
        or a function of the coding returning the new code.

    Returns
    -------
    list of Coding
        ``codebook_version`` set to the new version; codings of retired codes dropped.

    Raises
    ------
    CodingError
        A coding of a split code without a choice, or a choice outside the split's codes.

    Examples
    --------
    >>> from casestudy.records.codebook import Code, CodebookRevision
    >>> base = Codebook("demo", 1, "Demo", "Demo", codes=(
    ...     Code("portfolio", "Portfolio", "Portofolio", codable=False, framework_ref="portfolio"),
    ...     Code("a", "A", "A", parent="portfolio"), Code("b", "B", "B", parent="portfolio")))
    >>> v2 = base.revise([CodebookRevision("split", ("a",), ("a1", "a2"), "two ideas")],
    ...                  new_codes=[Code("a1", "A1", "A1", parent="portfolio"), Code("a2", "A2", "A2", parent="portfolio")])
    >>> old = [Coding("s", 0, 5, "a", "consensus"), Coding("s", 9, 12, "b", "consensus")]
    >>> [(c.code_id, c.codebook_version) for c in revise_codings(old, v2, {("s", 0, 5, "a"): "a2"})]
    [('a2', 2), ('b', 2)]
    >>> revise_codings(old, v2)
    Traceback (most recent call last):
    ...
    casestudy.errors.CodingError: coding of 's' 0-5: 'code_id' must be one of a1, a2 chosen for the split of 'a' (got None)
    """
    out = []
    for c in codings:
        targets = codebook.map_code(c.code_id)
        if not targets:
            continue
        if len(targets) == 1:
            new = targets[0]
        else:
            if callable(choose):
                new = cast(str, choose(c))
            else:
                new = cast(str, (choose or {}).get((c.source_id, c.start, c.end, c.code_id)))
            if new not in targets:
                raise CodingError(expectation("code_id", ", ".join(targets).join(("one of ", "")) +
                                              f" chosen for the split of {c.code_id!r}", new,
                                              f"coding of {c.source_id!r} {c.start}-{c.end}"))
        out.append(replace(c, code_id=new, codebook_version=codebook.version, id=None))
    return out

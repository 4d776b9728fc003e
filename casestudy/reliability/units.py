"""Reliability data from codings, at an explicit unit of agreement.

Coders code spans of free length; agreement needs units both coders judged.
The unit is chosen explicitly:

``turn``
    a speaker turn of the canonical text (the database's ``turns``);
``sentence``
    a sentence inside a turn's body (after the speaker label), found by :func:`split_sentences`;
``character``
    every character (code point) of the canonical text (the convention of
    NVivo-style coding comparisons);
``document``
    a whole source (code present anywhere in it or not).

A coder applied a code in a unit when one of the coder's spans with that code
overlaps the unit (``start < unit_end and end > unit_start``). Under the
``presence`` scheme every code is a binary variable (1 present, 0 absent) per
unit; under the ``category`` scheme each unit gets one value per coder: the
code applied there (after an optional mapping, e.g. code -> Buttle stage),
``(none)``, or several codes joined by ``+``. Units of a source a coder was not
assigned are *missing* (NaN), never disagreement. Only codings with status
``accepted`` count (suggestions are not codings until a coder accepts them).

Units no coder may code are left out: those inside a turn whose speaker's declared role is one of
:data:`casestudy.speakers.UNCODED_ROLES` (the interviewer's questions). Counting them would add
agreed absences no coder could have broken. They are counted by role in
:attr:`ReliabilityData.excluded`; ``all_turns=True`` keeps them.

Examples
--------
>>> text = "A: Satu. Dua.\\n\\nB: Tiga."
>>> turns = pd.DataFrame({"source_id": ["s", "s"], "turn": [1, 2], "start": [0, 15], "end": [13, 23],
...                       "body_start": [3, 18]})
>>> make_units(turns, {"s": text}, "sentence")[["unit_id", "text"]]
  unit_id   text
0     1.1  Satu.
1     1.2   Dua.
2     2.1  Tiga.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from casestudy.errors import ReliabilityError, expectation
from casestudy.reliability.sentences import ABBREVIATIONS, split_sentences
from casestudy.reliability.uncoded import EXCLUDED_COLUMNS, leave_out_uncoded, unit_roles

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["UNIT_KINDS", "SCHEMES", "ABBREVIATIONS", "NO_CODE", "EXCLUDED_COLUMNS", "split_sentences", "make_units",
           "unit_roles", "ReliabilityData", "accepted_codings", "reliability_data", "from_database"]

UNIT_KINDS = ("turn", "sentence", "character", "document")
SCHEMES = ("presence", "category")
#: Value of a unit in which a coder applied no code (``category`` scheme).
NO_CODE = "(none)"

def make_units(turns: pd.DataFrame, texts: Mapping[str, str], unit: str) -> pd.DataFrame:
    """Units of the sources in ``texts``: ``source_id, unit_id, start, end, text``.

    Parameters
    ----------
    turns : pandas.DataFrame
        The database's turns (``source_id, turn, start, end, body_start``).
    texts : mapping of str to str
        Canonical text per source id (the sources to include).
    unit : {'turn', 'sentence', 'character', 'document'}

    Returns
    -------
    pandas.DataFrame
        ``unit_id`` is the turn number (``"3"``), turn and sentence (``"3.2"``),
        the character offset (``"1024"``) or the source id.

    Examples
    --------
    >>> turns = pd.DataFrame({"source_id": ["s"], "turn": [1], "start": [0], "end": [9], "body_start": [3]})
    >>> make_units(turns, {"s": "A: Hi. Ok"}, "turn").values.tolist()
    [['s', '1', 0, 9, 'A: Hi. Ok']]
    >>> make_units(turns, {"s": "A: Hi. Ok"}, "character")["text"].str.cat()
    'A: Hi. Ok'
    """
    if unit not in UNIT_KINDS:
        raise ReliabilityError(expectation("unit", "one of " + ", ".join(UNIT_KINDS), unit, "make_units"))
    rows: list[tuple[str, str, int, int, str]] = []
    for sid in sorted(texts):
        text = texts[sid]
        if unit == "document":
            rows.append((sid, sid, 0, len(text), text))
            continue
        if unit == "character":
            rows.extend((sid, str(i), i, i + 1, ch) for i, ch in enumerate(text))
            continue
        for t in cast(Iterable[Any], turns[turns["source_id"] == sid].sort_values("turn").itertuples(index=False)):
            if unit == "turn":
                rows.append((sid, str(t.turn), int(t.start), int(t.end), text[t.start:t.end]))
                continue
            spans = split_sentences(text, int(t.body_start), int(t.end))  # the speaker label is no sentence
            rows.extend((sid, f"{t.turn}.{k}", s, e, text[s:e]) for k, (s, e) in enumerate(spans, start=1))
    return pd.DataFrame(rows, columns=["source_id", "unit_id", "start", "end", "text"])


@dataclass(frozen=True)
class ReliabilityData:
    """Reliability data of a set of codings at one unit: one units x coders matrix per variable.

    Parameters
    ----------
    unit : str
        One of :data:`UNIT_KINDS`.
    scheme : str
        ``presence`` (one binary variable per code) or ``category`` (one variable).
    coders : tuple of str
    units : pandas.DataFrame
        ``source_id, unit_id, start, end, text``, one row per unit (row i of every matrix).
    matrices : dict of str to pandas.DataFrame
        Variable (code id, or ``(category)``) -> units x coders values, NaN where not assigned.
    applied : pandas.DataFrame
        Codes each coder applied in each unit: ``row, coder_id, code_id`` (for disagreement listings).
    excluded : pandas.DataFrame
        Units left out because no coder may code them, per role (:data:`EXCLUDED_COLUMNS`).

    Examples
    --------
    >>> ReliabilityData("paragraph", "presence", ("a", "b"), pd.DataFrame(), {}, pd.DataFrame())
    Traceback (most recent call last):
    ...
    casestudy.errors.ReliabilityError: ReliabilityData: 'unit' must be one of turn, sentence, character, document (got 'paragraph')
    """

    unit: str
    scheme: str
    coders: tuple[str, ...]
    units: pd.DataFrame
    matrices: dict[str, pd.DataFrame] = field(repr=False)
    applied: pd.DataFrame = field(repr=False)
    excluded: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(EXCLUDED_COLUMNS)),
                                   repr=False)

    def __post_init__(self) -> None:
        where = "ReliabilityData"
        if self.unit not in UNIT_KINDS:
            raise ReliabilityError(expectation("unit", "one of " + ", ".join(UNIT_KINDS), self.unit, where))
        if self.scheme not in SCHEMES:
            raise ReliabilityError(expectation("scheme", "one of " + ", ".join(SCHEMES), self.scheme, where))
        if len(self.coders) < 2:
            raise ReliabilityError(expectation("coders", "at least two coders", list(self.coders), where))
        for name, m in self.matrices.items():
            if m.shape != (len(self.units), len(self.coders)):
                raise ReliabilityError(expectation(f"matrices[{name!r}]", "units x coders in shape",
                                                   m.shape, where))

    def assigned(self) -> pd.DataFrame:
        """Boolean units x coders: was the coder assigned the unit's source."""
        first = next(iter(self.matrices.values()))
        return first.notna()

    def n_excluded(self) -> int:
        """How many units were left out because no coder may code them."""
        return int(self.excluded["n_units"].sum()) if len(self.excluded) else 0

    def continuum(self) -> list[tuple[str, int, int]]:
        """The units as stretches of text ``(source_id, start, end)``: the continuum of unitizing alpha."""
        return [(str(s), int(a), int(b)) for s, a, b in zip(self.units["source_id"], self.units["start"],
                                                             self.units["end"])]


def _check_coders(coders: Sequence[str] | None, known: list[str], where: str) -> tuple[str, ...]:
    if coders is None:
        coders = known
    coders = tuple(coders)
    for c in coders:
        if c not in known:
            raise ReliabilityError(expectation("coders", "coders of the database (" + ", ".join(known) + ")", c, where))
    if len(set(coders)) < 2:
        raise ReliabilityError(expectation("coders", "at least two different coders", list(coders), where))
    return coders


def accepted_codings(codings: pd.DataFrame, where: str) -> pd.DataFrame:
    """The accepted span codings of a table (``source_id, start, end, code_id, coder_id[, status]``).

    Used by the unit-based data here and by :func:`casestudy.reliability.unitizing.unitizing_alpha`.
    """
    needed = ["source_id", "start", "end", "code_id", "coder_id"]
    if any(c not in codings.columns for c in needed):
        raise ReliabilityError(expectation("codings columns", "to include " + ", ".join(needed),
                                           list(codings.columns), where))
    return codings[codings["status"] == "accepted"] if "status" in codings.columns else codings


def reliability_data(codings: pd.DataFrame, turns: pd.DataFrame, texts: Mapping[str, str], *, unit: str = "turn",
                     coders: Sequence[str] | None = None, assignments: pd.DataFrame | None = None,
                     codes: Sequence[str] | None = None, scheme: str = "presence",
                     categories: Mapping[str, str] | None = None, known_coders: Sequence[str] | None = None,
                     where: str = "reliability data", all_turns: bool = False) -> ReliabilityData:
    """Build reliability data from codings (DataFrames of the case study database API).

    Parameters
    ----------
    codings : pandas.DataFrame
        ``source_id, start, end, code_id, coder_id`` and optionally ``status`` (only ``accepted`` counts).
    turns : pandas.DataFrame
        ``source_id, turn, start, end, body_start`` and optionally ``role`` (the speaker's declared role).
    texts : mapping of str to str
        Canonical text per source id.
    unit : {'turn', 'sentence', 'character', 'document'}
    coders : sequence of str, optional
        Coders to compare (default: every coder in ``assignments`` or ``codings``).
    assignments : pandas.DataFrame, optional
        ``coder_id, source_id``; a coder's units of unassigned sources are missing.
        None means every coder was assigned every source in ``texts``.
    codes : sequence of str, optional
        Codes to assess (default: every code the compared coders applied).
    scheme : {'presence', 'category'}
    categories : mapping of str to str, optional
        Code -> category (``category`` scheme), e.g. code -> Buttle stage.
    known_coders : sequence of str, optional
        Every coder of the project (default: those in ``assignments`` or ``codings``).
    where : str
        Name of the data for error messages.
    all_turns : bool
        Keep the units no coder may code (turns of a role in :data:`casestudy.speakers.UNCODED_ROLES`);
        by default they are left out and counted in :attr:`ReliabilityData.excluded`.

    Returns
    -------
    ReliabilityData

    Examples
    --------
    >>> text = "A: Harga murah.\\n\\nB: Layanan cepat."
    >>> turns = pd.DataFrame({"source_id": ["s", "s"], "turn": [1, 2], "start": [0, 17],
    ...                       "end": [15, 34], "body_start": [3, 20]})
    >>> codings = pd.DataFrame({"source_id": ["s", "s", "s"], "start": [3, 3, 20], "end": [14, 8, 33],
    ...                         "code_id": ["price", "price", "service"], "coder_id": ["a", "b", "a"]})
    >>> data = reliability_data(codings, turns, {"s": text}, unit="turn")
    >>> data.matrices["service"]
    coder_id    a    b
    0         0.0  0.0
    1         1.0  0.0
    """
    if unit not in UNIT_KINDS:
        raise ReliabilityError(expectation("unit", "one of " + ", ".join(UNIT_KINDS), unit, where))
    if scheme not in SCHEMES:
        raise ReliabilityError(expectation("scheme", "one of " + ", ".join(SCHEMES), scheme, where))
    codings = accepted_codings(codings, where)
    if known_coders is not None:
        known = sorted(set(known_coders))
    elif assignments is None:
        known = sorted(set(codings["coder_id"]))
    else:
        known = sorted(set(assignments["coder_id"]) | set(codings["coder_id"]))
    coders = _check_coders(coders, known, where)
    if assignments is None:
        assignments = pd.DataFrame([(c, s) for c in coders for s in texts], columns=["coder_id", "source_id"])
    assignments = assignments[assignments["coder_id"].isin(coders) & assignments["source_id"].isin(list(texts))]
    sources = {s: texts[s] for s in sorted(set(assignments["source_id"]))}
    if not sources:
        raise ReliabilityError(expectation("assignments", "at least one source assigned to the coders",
                                           list(coders), where))
    units = make_units(turns, sources, unit)
    if all_turns:
        excluded = pd.DataFrame(columns=list(EXCLUDED_COLUMNS))
    else:
        units, excluded = leave_out_uncoded(units, turns, unit)
    codings = codings[codings["coder_id"].isin(coders) & codings["source_id"].isin(list(sources))]
    if categories is not None:
        codings = codings.assign(code_id=codings["code_id"].map(lambda c: categories.get(c, c)))
    # which unit rows each coding overlaps
    hits: list[tuple[int, str, str]] = []
    for sid, group in units.groupby("source_id", sort=False):
        starts, ends = group["start"].to_numpy(), group["end"].to_numpy()
        rows = group.index.to_numpy()
        for c in cast(Iterable[Any], codings[codings["source_id"] == sid].itertuples(index=False)):
            if unit == "character":  # one code point each, in order: the characters in [start, end)
                sel = rows[np.searchsorted(starts, c.start):np.searchsorted(starts, c.end)]
            else:
                sel = rows[(starts < c.end) & (ends > c.start)]
            hits.extend((int(r), c.coder_id, c.code_id) for r in sel)
    applied = pd.DataFrame(hits, columns=["row", "coder_id", "code_id"]).drop_duplicates()
    applied = applied.sort_values(["row", "coder_id", "code_id"], ignore_index=True)
    assigned = np.zeros((len(units), len(coders)), dtype=bool)
    src = units["source_id"].to_numpy()
    for j, c in enumerate(coders):
        assigned[:, j] = np.isin(src, assignments.loc[assignments["coder_id"] == c, "source_id"].to_numpy())
    col = {c: j for j, c in enumerate(coders)}
    matrices: dict[str, pd.DataFrame] = {}
    if scheme == "presence":
        names = list(codes) if codes is not None else sorted(set(applied["code_id"]))
        for code in names:
            values = np.where(assigned, 0.0, np.nan)
            sub = applied[applied["code_id"] == code]
            values[sub["row"].to_numpy(), sub["coder_id"].map(col).to_numpy()] = 1.0
            matrices[code] = pd.DataFrame(values, columns=pd.Index(coders, name="coder_id"))
    else:
        labels = np.full((len(units), len(coders)), NO_CODE, dtype=object)
        joined = applied.groupby(["row", "coder_id"])["code_id"].agg(lambda s: "+".join(sorted(s)))
        for key, label in joined.items():
            r, c = cast(tuple[int, str], key)
            labels[r, col[c]] = label
        labels[~assigned] = np.nan
        matrices["(category)"] = pd.DataFrame(labels, columns=pd.Index(coders, name="coder_id"))
    return ReliabilityData(unit, scheme, coders, units, matrices, applied, excluded)


def from_database(db: CaseDatabase, *, unit: str = "turn", coders: Sequence[str] | None = None,
                  codes: Sequence[str] | None = None, scheme: str = "presence",
                  categories: Mapping[str, str] | None = None, sources: Sequence[str] | None = None,
                  codebook_version: int | None = None, include_auto: bool = False,
                  all_turns: bool = False) -> ReliabilityData:
    """Reliability data of the accepted codings in a case study database (its read API).

    Parameters
    ----------
    db : casestudy.store.CaseDatabase
        Read through ``codings``, ``assignments``, ``turns``, ``coders``, ``source_text``.
    unit, coders, codes, scheme, categories
        As :func:`reliability_data`; ``coders`` must be coders of the database (default: every
        coder whose role is neither ``consensus`` nor ``program``: the automatic coder is a rater
        only when asked, by name or with ``include_auto``).
    sources : sequence of str, optional
        Restrict to these sources (default: every source assigned to a compared coder).
    codebook_version : int, optional
        Compare codings of this codebook version. Required when the compared coders'
        codings refer to more than one version (codes of different versions are
        different variables).
    include_auto : bool
        Count programs (role ``program``, e.g. ``autocoder``) among the default coders.
    all_turns : bool
        Keep the turns no coder may code (declared interviewer turns) as units; by default they are left
        out and counted (:attr:`ReliabilityData.excluded`).

    Examples
    --------
    >>> from casestudy.store import CaseDatabase, FixedClock
    >>> with CaseDatabase(":memory:", clock=FixedClock()) as db:
    ...     from_database(db)
    Traceback (most recent call last):
    ...
    casestudy.errors.ReliabilityError: case study database: 'coders' must be at least two different coders (got [])
    """
    assignments = db.assignments()
    table = db.coders()
    known = sorted(set(table["coder_id"]))
    where = "case study database"
    if coders is None and "role" in table.columns:
        left_out = ["consensus"] if include_auto else ["consensus", "program"]
        coders = sorted(set(table.loc[~table["role"].isin(left_out), "coder_id"]))
    coders = _check_coders(coders, known, where)
    if sources is not None:
        assignments = assignments[assignments["source_id"].isin(list(sources))]
    wanted = sorted(set(assignments.loc[assignments["coder_id"].isin(coders), "source_id"]))
    texts = {sid: db.source_text(sid) for sid in wanted}
    codings = db.codings(status="accepted")
    codings = codings[codings["coder_id"].isin(coders) & codings["source_id"].isin(wanted)]
    if codebook_version is not None:
        used = sorted(int(v) for v in codings["codebook_version"].unique())
        if codebook_version not in used:
            raise ReliabilityError(expectation("codebook_version", "a codebook version of the compared codings ("
                                               + (", ".join(map(str, used)) or "there are none") + ")",
                                               codebook_version, where))
        codings = codings[codings["codebook_version"] == codebook_version]
    elif codings["codebook_version"].nunique() > 1:
        versions = sorted(int(v) for v in codings["codebook_version"].unique())
        raise ReliabilityError(expectation("codebook_version", "given: the codings refer to versions "
                                           + ", ".join(map(str, versions)), None, where))
    return reliability_data(codings, db.turns(), texts, unit=unit, coders=coders, assignments=assignments,
                            codes=codes, scheme=scheme, categories=categories, known_coders=known, where=where,
                            all_turns=all_turns)

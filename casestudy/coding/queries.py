"""Queries over the case study database, each answered as a DataFrame.

Coded segments with text and context, code frequencies, code x informant and
code x informant-attribute matrices, code co-occurrence (overlapping spans or
the same speaker turn), keyword in context and quotes per Buttle stage. By
default only accepted codings of sources whose informants consented are used,
and codings flagged ``unanchored`` (after a text correction) are left out.

Examples
--------
>>> import tempfile, pathlib
>>> from casestudy.pt_xyz import build_case_database
>>> from casestudy.store import CaseDatabase, FixedClock
>>> path = build_case_database(pathlib.Path(tempfile.mkdtemp()) / "db.sqlite", clock=FixedClock(), coders=())
>>> with CaseDatabase(path, clock=FixedClock()) as db:
...     kwic = keyword_in_context(db, "absensi", width=20)
>>> sorted(set(kwic["keyword"].str.lower())), "int_inf03" in set(kwic["source_id"])
(['absensi'], True)
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, cast

import pandas as pd

from casestudy.coding.suggest import fold
from casestudy.errors import StoreError, expectation
from casestudy.speakers import UNCODED_ROLES

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["SEGMENT_COLUMNS", "coded_segments", "code_frequencies", "code_by_informant", "code_by_attribute", "NO_INFORMANT",
           "cooccurrence", "keyword_in_context", "quotes_per_stage", "coding_export", "suggestion_shares"]

SEGMENT_COLUMNS = ("coding_id", "source_id", "informant_id", "turn", "speaker", "role", "stage", "code_id", "coder_id",
                   "status", "start", "end", "text", "context_before", "context_after")


def _turn_index(db: CaseDatabase) -> dict[str, tuple[list[int], list[int], list[str], list[str | None]]]:
    out: dict[str, tuple[list[int], list[int], list[str], list[str | None]]] = {}
    for sid, g in db.turns().groupby("source_id", sort=True):
        out[cast(str, sid)] = (g["start"].tolist(), g["turn"].tolist(), g["speaker"].tolist(),
                               [r if isinstance(r, str) else None for r in g["role"]])
    return out


def coded_segments(db: CaseDatabase, *, code: str | None = None, coder: str | None = None, status: str | None = "accepted",
                   context: int = 60, consented_only: bool = True) -> pd.DataFrame:
    """Coded segments with their text, turn, speaker, Buttle stage and context.

    Returns
    -------
    DataFrame
        :data:`SEGMENT_COLUMNS`; ``stage`` is the code's top-level ancestor (a Buttle stage
        id, or ``outcomes``/``rivals``...), ``context_*`` are ``context`` code points each side.
    """
    rows = db.codings(coder=coder, status=status, code=code)
    rows = rows[rows["flag"].isna() | (rows["flag"] != "unanchored")]
    if consented_only:
        rows = rows[rows["source_id"].isin(db.releasable_sources())]
    sources = db.sources().set_index("source_id")
    turns = _turn_index(db)
    texts = {sid: db.source_text(sid) for sid in sorted(set(rows["source_id"]))}
    roots: dict[tuple[str, int], str] = {}
    for v in sorted(set(rows["codebook_version"])):
        cb = db.codebook(int(v))
        roots.update({(c.id, int(v)): cb.root(c.id) for c in cb.codes})
    out = []
    for r in rows.itertuples():
        sid, code, start, end = cast(str, r.source_id), cast(str, r.code_id), cast(int, r.start), cast(int, r.end)
        starts, numbers, speakers, roles = turns.get(sid, ([0], [1], [""], [None]))
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        text = texts[sid]
        informant = sources.at[sid, "informant_id"]
        out.append((r.coding_id, sid, informant if isinstance(informant, str) else None, numbers[i],
                    speakers[i], roles[i], roots.get((code, int(cast(int, r.codebook_version)))), code, r.coder_id,
                    r.status, start, end, text[start:end], text[max(0, start - context):start],
                    text[end:end + context]))
    return pd.DataFrame(out, columns=list(SEGMENT_COLUMNS))


def code_frequencies(db: CaseDatabase, *, coder: str | None = None, status: str | None = "accepted",
                     consented_only: bool = True) -> pd.DataFrame:
    """Per codable code: ``code_id, label_en, stage, n_codings, n_sources, n_informants, n_chars`` (codebook order)."""
    seg = coded_segments(db, coder=coder, status=status, context=0, consented_only=consented_only)
    cb = db.codebook()
    rows = []
    for c in cb.codes:
        if not c.codable:
            continue
        s = seg[seg["code_id"] == c.id]
        rows.append((c.id, c.label_en, cb.root(c.id), len(s), s["source_id"].nunique(),
                     s["informant_id"].dropna().nunique(), int((s["end"] - s["start"]).sum())))
    return pd.DataFrame(rows, columns=["code_id", "label_en", "stage", "n_codings", "n_sources", "n_informants",
                                       "n_chars"])


def _one_coder(seg: pd.DataFrame, coder: str | None, where: str) -> None:
    """Refuse to add up several coders' codings in one matrix when no coder is named."""
    coders = sorted(set(seg["coder_id"]))
    if coder is None and len(coders) > 1:
        raise StoreError(expectation("coder", f"given: the codings are by {len(coders)} coders "
                                     f"({', '.join(coders)}) and a matrix counts one coder's codings", None, where))


#: Column label of a source without an informant (a field note, a document) in :func:`code_by_informant`.
NO_INFORMANT = "{source} (no informant)"


def code_by_informant(db: CaseDatabase, *, coder: str | None = None, status: str | None = "accepted",
                      consented_only: bool = True, drop_empty: bool = True) -> pd.DataFrame:
    """Matrix code x informant: number of one coder's codings in each informant's sources.

    Index ``code_id`` (codebook order), one column per informant (``inf01``..), then one per
    source without an informant, labelled ``<source> (no informant)`` (:data:`NO_INFORMANT`),
    ints. ``drop_empty`` drops codes with no coding.

    Raises
    ------
    StoreError
        If ``coder`` is not given and the codings are by more than one coder.
    """
    seg = coded_segments(db, coder=coder, status=status, context=0, consented_only=consented_only)
    _one_coder(seg, coder, "code_by_informant")
    seg = seg.assign(column=[i if isinstance(i, str) and i else NO_INFORMANT.format(source=s)
                             for i, s in zip(seg["informant_id"], seg["source_id"])])
    cases = db.cases().set_index("case_id")
    informants = [c for c in cases.index if not consented_only or cases.at[c, "consent"] == "recorded"]
    loose = sorted(set(seg["column"]) - set(informants) - set(cases.index))
    codes = list(db.codebook().ids(codable_only=True))
    m = pd.crosstab(seg["code_id"], seg["column"]).reindex(index=codes, columns=[*informants, *loose], fill_value=0)
    m = m.fillna(0).astype(int)
    m.index.name, m.columns.name = "code_id", "informant_id"
    return m[m.sum(axis=1) > 0] if drop_empty else m


def code_by_attribute(db: CaseDatabase, attribute: str, *, coder: str | None = None, status: str | None = "accepted",
                      consented_only: bool = True) -> pd.DataFrame:
    """Matrix code x value of a case attribute (``unit``, ``role``, ``interview_date``...): one coder's codings.

    Raises
    ------
    StoreError
        If no case has the attribute, or ``coder`` is not given and the codings are by more than one coder.
    """
    attrs = db.case_attributes()
    attrs = attrs[attrs["name"] == attribute]
    if attrs.empty:
        known = sorted(set(db.case_attributes()["name"]))
        raise StoreError(expectation("attribute", "one of " + ", ".join(known), attribute, "code_by_attribute"))
    seg = coded_segments(db, coder=coder, status=status, context=0, consented_only=consented_only)
    _one_coder(seg, coder, "code_by_attribute")
    seg = seg.merge(attrs.rename(columns={"case_id": "informant_id"}), on="informant_id", how="inner")
    codes = [c for c in db.codebook().ids(codable_only=True) if c in set(seg["code_id"])]
    m = pd.crosstab(seg["code_id"], seg["value"]).reindex(index=codes, fill_value=0).astype(int)
    m.index.name, m.columns.name = "code_id", attribute
    return m


def cooccurrence(db: CaseDatabase, *, by: str = "overlap", coder: str | None = None, status: str | None = "accepted",
                 consented_only: bool = True) -> pd.DataFrame:
    """Symmetric code x code matrix of co-occurrence.

    ``by="overlap"``: pairs of codings of two codes in the same source whose spans share a code
    point (diagonal: number of codings of the code). ``by="turn"``: number of speaker turns
    carrying both codes (diagonal: turns carrying the code).
    """
    if by not in ("overlap", "turn"):
        raise StoreError(expectation("by", "one of overlap, turn", by, "cooccurrence"))
    seg = coded_segments(db, coder=coder, status=status, context=0, consented_only=consented_only)
    codes = [c for c in db.codebook().ids(codable_only=True) if c in set(seg["code_id"])]
    m = pd.DataFrame(0, index=pd.Index(codes, name="code_id"), columns=pd.Index(codes, name="code_id"))
    if by == "turn":
        units = seg.groupby(["source_id", "turn"])["code_id"].apply(lambda s: sorted(set(s)))
        for present in units:
            for a in present:
                for b in present:
                    m.at[a, b] = cast(int, m.at[a, b]) + 1
        return m
    for _, g in seg.groupby("source_id"):
        rows = list(g[["start", "end", "code_id"]].itertuples(index=False))
        for i, (s1, e1, c1) in enumerate(rows):
            m.at[c1, c1] = cast(int, m.at[c1, c1]) + 1
            for s2, e2, c2 in rows[i + 1:]:
                if c1 != c2 and s2 < e1 and s1 < e2:
                    m.at[c1, c2] = cast(int, m.at[c1, c2]) + 1
                    m.at[c2, c1] = cast(int, m.at[c2, c1]) + 1
    return m


def keyword_in_context(db: CaseDatabase, keyword: str, *, width: int = 40, consented_only: bool = True) -> pd.DataFrame:
    """Whole-word, case-insensitive occurrences of ``keyword``: ``source_id, informant_id, turn, speaker,
    start, end, left, keyword, right``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(fold(" ".join(keyword.split()))) + r"(?!\w)")
    turns = _turn_index(db)
    sources = db.sources()
    allowed = set(db.releasable_sources()) if consented_only else set(sources["source_id"])
    out = []
    for sid, informant in zip(sources["source_id"], sources["informant_id"]):
        if sid not in allowed:
            continue
        text = db.source_text(sid)
        starts, numbers, speakers, _ = turns[sid]
        for m in pattern.finditer(fold(text)):
            i = max(bisect.bisect_right(starts, m.start()) - 1, 0)
            out.append((sid, informant if isinstance(informant, str) else None, numbers[i], speakers[i], m.start(),
                        m.end(), text[max(0, m.start() - width):m.start()], text[m.start():m.end()],
                        text[m.end():m.end() + width]))
    return pd.DataFrame(out, columns=["source_id", "informant_id", "turn", "speaker", "start", "end", "left",
                                      "keyword", "right"])


def quotes_per_stage(db: CaseDatabase, *, coder: str | None = None, per_stage: int = 2, max_chars: int = 160,
                     consented_only: bool = True) -> pd.DataFrame:
    """The first ``per_stage`` informant quotes per top-level code (Buttle stage) in codebook order:
    ``stage, code_id, source_id, informant_id, turn, quote`` (quotes cut at ``max_chars``; sources without
    recorded consent only with ``consented_only=False``)."""
    seg = coded_segments(db, coder=coder, context=0, consented_only=consented_only)
    seg = seg[seg["informant_id"].notna() & ~seg["role"].isin(UNCODED_ROLES)]  # NULL: undeclared, coded
    cb = db.codebook()
    order = {c.id: i for i, c in enumerate(cb.codes)}
    seg = seg.assign(_o=seg["code_id"].map(order)).sort_values(["_o", "source_id", "start"], kind="stable")
    rows = []
    for stage in [c.id for c in cb.children(None)]:
        for r in seg[seg["stage"] == stage].drop_duplicates("code_id").head(per_stage).itertuples():
            quote = r.text if len(r.text) <= max_chars else r.text[:max_chars - 1].rstrip() + "…"
            rows.append((stage, r.code_id, r.source_id, r.informant_id, r.turn, quote))
    return pd.DataFrame(rows, columns=["stage", "code_id", "source_id", "informant_id", "turn", "quote"])


def coding_export(db: CaseDatabase, *, status: str | None = None, coder: str | None = None,
                  consented_only: bool = True) -> pd.DataFrame:
    """One row per coding in the codings CSV schema (:data:`casestudy.coding.coding_csv.CSV_COLUMNS`).

    Codings flagged ``unanchored`` are left out (their offsets no longer hold), and by
    default so are sources without recorded consent. What this returns,
    written by :func:`~casestudy.coding.coding_csv.write_codings_csv`, is read back by
    ``codings import`` unchanged.
    """
    from casestudy.coding.coding_csv import CSV_COLUMNS, codings_rows

    rows = db.codings(coder=coder, status=status)
    rows = rows[rows["flag"].isna() | (rows["flag"] != "unanchored")]
    if consented_only:
        rows = rows[rows["source_id"].isin(db.consented_sources())]
    texts = {sid: db.source_text(sid) for sid in sorted(set(rows["source_id"]))}
    return pd.DataFrame(codings_rows(rows.to_dict(orient="records", into=dict), texts), columns=list(CSV_COLUMNS))


def suggestion_shares(db: CaseDatabase, coders: list[str] | None = None) -> pd.DataFrame:
    """Per coder: ``coder_id, n_accepted, from_suggestions, share`` of accepted codings that came from
    accepted suggestions (a decision on a suggestion, or origin ``auto``), so a reader sees how much of a
    coder's coding a program proposed."""
    rows = db.codings(status="accepted")
    out = []
    for coder in coders if coders is not None else sorted(set(rows["coder_id"])):
        mine = rows[rows["coder_id"] == coder]
        n = len(mine)
        auto = int((mine["suggestion_id"].notna() | (mine["origin"] == "auto")).sum())
        out.append((coder, n, auto, auto / n if n else float("nan")))
    return pd.DataFrame(out, columns=["coder_id", "n_accepted", "from_suggestions", "share"])

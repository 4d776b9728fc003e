"""The result of an agreement assessment: summary per code and pooled, and the disagreements.

:func:`assess_agreement` runs the statistics of :mod:`casestudy.reliability.statistics` on
every variable of a :class:`~casestudy.reliability.units.ReliabilityData` (one
binary variable per code, or one category variable) and on all of them pooled,
and lists every unit where coders differ, ready for a consensus meeting.
:func:`assess_matrix` does the same for any units x coders table.

Pooled agreement stacks the per-code variables (each unit x code decision is one
pairable value), the usual "pooled" statistic of coding comparisons; its
bootstrap interval resamples text units with all their codes. Presence/absence
data are dominated by agreed absences, which inflates percent agreement: read
the chance-corrected statistics.

Examples
--------
>>> from casestudy.reliability.worked_examples import krippendorff_2011_missing
>>> res = assess_matrix(krippendorff_2011_missing(), level="interval", n_boot=200, warn=False)
>>> row = res.summary.iloc[0]
>>> int(row.n_units), int(row.n_coders), round(float(row.krippendorff_alpha), 3), round(float(row.fleiss_kappa), 3)
(11, 4, 0.849, 0.641)
>>> res.disagreements.unit.tolist()
[2, 6, 8]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd

from casestudy.deprecation import deprecated_names
from casestudy.errors import ReliabilityError, expectation
from casestudy.reliability import statistics as st
from casestudy.reliability.thresholds import MIN_CODED, reading, reading_on_interval, warn_thresholds
from casestudy.reliability.units import ReliabilityData
from casestudy.summary import SummaryTable

__all__ = ["SUMMARY_COLUMNS", "TABLE_COLUMNS", "POOLED", "ReliabilityResult", "assess_agreement", "assess_matrix", "summarise"]

#: Old names kept for one release (``DeprecationWarning``).
__getattr__ = deprecated_names(__name__, {"assess": ("casestudy.reliability.result", "assess_agreement")})


SUMMARY_COLUMNS = ("code", "unit", "n_units", "n_coders", "percent_agreement", "cohen_kappa", "fleiss_kappa",
                   "krippendorff_alpha", "ci_low", "ci_high", "cohen_se", "cohen_ci_low", "cohen_ci_high",
                   "n_coded", "min_coded", "level", "reading", "reading_point", "n_excluded", "note")
#: Columns :meth:`ReliabilityResult.table` adds: the units left out (in words), coder bias, unitizing alpha.
TABLE_COLUMNS = ("excluded", "bias_only_a", "bias_only_b", "bias_p_value", "bias_leans_to", "u_alpha")
#: Name of the pooled row of a summary.
POOLED = "(pooled)"


@dataclass(frozen=True)
class ReliabilityResult:
    """Agreement per variable and pooled, and the units where coders differ.

    Parameters
    ----------
    summary : pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`: ``n_units`` counts units two or more coders
        judged; ``cohen_kappa`` applies to two coders, ``fleiss_kappa`` to three or
        more; ``ci_low``/``ci_high`` is the seeded bootstrap interval of alpha;
        ``n_coded`` counts units in which any coder applied the code, ``min_coded`` is the
        fewest a reading needs (:data:`~casestudy.reliability.thresholds.MIN_CODED`);
        ``n_excluded`` counts the units left out because no coder may code them (see
        ``excluded``); ``note`` says why a statistic is undefined.
    disagreements : pandas.DataFrame
        One row per unit where coders differ: ``source_id, unit_id, start, end, text``,
        one ``codes_<coder>`` column per coder (``;``-joined; ``(not assigned)``), ``differing``.
    unit : str
    level : str
    coders : tuple of str
    messages : tuple of str
        The threshold and independence warnings issued.
    excluded : pandas.DataFrame
        Units left out because no coder may code them: ``role, n_units, reason``
        (:attr:`~casestudy.reliability.units.ReliabilityData.excluded`).
    """

    summary: pd.DataFrame
    disagreements: pd.DataFrame = field(repr=False)
    unit: str
    level: str
    coders: tuple[str, ...]
    messages: tuple[str, ...] = ()
    excluded: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["role", "n_units", "reason"]),
                                   repr=False)

    def __post_init__(self) -> None:
        missing = [c for c in SUMMARY_COLUMNS if c not in self.summary.columns]
        if missing:
            raise ReliabilityError(expectation("summary columns", "to include " + ", ".join(SUMMARY_COLUMNS),
                                               missing, "ReliabilityResult"))

    def pooled(self) -> pd.Series:
        """The pooled row (the only row for a single variable)."""
        rows = self.summary[self.summary["code"] == POOLED]
        return (rows if len(rows) else self.summary).iloc[-1]

    def excluded_text(self) -> str:
        """The units left out, in words (empty when none were)."""
        return "; ".join(f"{int(r.n_units)} {self.unit}s of role {r.role} ({r.reason})"
                         for r in cast(Iterable[Any], self.excluded.itertuples()))

    def table(self, bias: pd.DataFrame | None = None, unitizing: pd.DataFrame | None = None) -> pd.DataFrame:
        """The reliability table: the summary with the units left out, coder bias and unitizing alpha.

        Parameters
        ----------
        bias : pandas.DataFrame, optional
            :func:`casestudy.reliability.bias.coder_bias` of the same data (McNemar per code and pooled).
        unitizing : pandas.DataFrame, optional
            ``UnitizingResult.summary`` of :func:`casestudy.reliability.unitizing.unitizing_alpha`.

        Returns
        -------
        pandas.DataFrame
            :data:`SUMMARY_COLUMNS` then :data:`TABLE_COLUMNS` (NaN or empty where not given).
        """
        out = self.summary.assign(excluded=self.excluded_text())
        b = pd.DataFrame({"code": pd.Series(dtype=object)}) if bias is None else bias[
            ["code", "only_a", "only_b", "p_value", "leans_to"]].rename(columns={
                "only_a": "bias_only_a", "only_b": "bias_only_b", "p_value": "bias_p_value",
                "leans_to": "bias_leans_to"})
        u = pd.DataFrame({"code": pd.Series(dtype=object)}) if unitizing is None else unitizing[["code", "u_alpha"]]
        out = out.merge(b, on="code", how="left").merge(u, on="code", how="left")
        return out.reindex(columns=[*SUMMARY_COLUMNS, *TABLE_COLUMNS])

    def _table(self) -> pd.DataFrame:
        cols = ["code", "n_units", "percent_agreement", "cohen_kappa" if len(self.coders) == 2 else "fleiss_kappa",
                "krippendorff_alpha", "ci_low", "ci_high", "reading"]
        return self.summary[cols]

    def __repr__(self) -> str:
        head = (f"ReliabilityResult: {len(self.coders)} coders ({', '.join(self.coders)}), unit={self.unit}, "
                f"level={self.level}, {len(self.disagreements)} disagreements")
        return head + "\n" + self._table().to_string(index=False, float_format=lambda v: f"{v:.3f}")

    def _repr_html_(self) -> str:
        head = (f"{len(self.coders)} coders ({', '.join(self.coders)}), unit = {self.unit}, "
                f"level = {self.level}, {len(self.disagreements)} units with disagreements")
        return SummaryTable("Intercoder reliability", self._table(), head).to_html()


def summarise(matrix: pd.DataFrame, code: str, unit: str, level: str = "nominal", n_boot: int = 1000,
              seed: int = 20240101, groups: np.ndarray | None = None, bootstrap: bool = True,
              pooled: bool = False) -> dict[str, object]:
    """One summary row for one variable (units x coders); undefined statistics are NaN with a note.

    Examples
    --------
    >>> m = pd.DataFrame({"a": [1.0, 0.0, np.nan], "b": [1.0, 0.0, 0.0]})
    >>> row = summarise(m, "demo", "turn", n_boot=50)
    >>> row["n_units"], row["percent_agreement"], row["krippendorff_alpha"], row["reading_point"], row["reading"]
    (2, 1.0, 1.0, 'reliable', 'too little material')
    >>> summarise(pd.DataFrame({"a": [0.0, 0.0], "b": [0.0, 0.0]}), "none", "turn")["note"]
    'no variation: every value is 0.0, so chance agreement is undefined'
    """
    nan = float("nan")
    reason = st.undefined_reason(matrix)
    judged = int(sum(matrix[c].notna().any() for c in matrix.columns))
    pairable = st.pairable_units(matrix)
    coded = int((pairable.fillna(0) != 0).any(axis=1).sum()) if matrix.dtypes.map(
        pd.api.types.is_numeric_dtype).all() else int(len(pairable))
    row: dict[str, object] = {"code": code, "unit": unit, "n_units": int(len(pairable)), "n_coders": judged,
                              "percent_agreement": st.percent_agreement(matrix), "cohen_kappa": nan,
                              "fleiss_kappa": nan, "krippendorff_alpha": nan, "ci_low": nan, "ci_high": nan,
                              "cohen_se": nan, "cohen_ci_low": nan, "cohen_ci_high": nan, "n_coded": coded,
                              "min_coded": MIN_CODED, "level": level, "reading": "undefined",
                              "reading_point": "undefined", "n_excluded": 0, "note": reason or ""}
    if reason is not None:
        return row
    active = matrix[[c for c in matrix.columns if matrix[c].notna().any()]]
    if active.shape[1] == 2:
        k = st.cohen_kappa(active)
        row.update(cohen_kappa=k.kappa, cohen_se=k.se, cohen_ci_low=k.ci_low, cohen_ci_high=k.ci_high)
    else:
        row["fleiss_kappa"] = st.fleiss_kappa(active)
        complete = int(len(active.dropna()))
        if complete < len(pairable):
            row["note"] = f"Fleiss' kappa uses the {complete} of {len(pairable)} units every coder judged"
    alpha = st.krippendorff_alpha(matrix, level)
    row["krippendorff_alpha"] = alpha
    if bootstrap and n_boot > 0:
        row["ci_low"], row["ci_high"] = st.bootstrap_alpha_ci(matrix, level, n_boot=n_boot, seed=seed,
                                                              groups=None if groups is None else list(groups))
    elif not bootstrap:  # (bootstrap with n_boot=0: no interval was asked for)
        row["note"] = "; ".join(filter(None, [str(row["note"]),
                                              "no bootstrap interval: characters are not independent units"]))
    row["reading_point"] = reading(alpha, pooled=pooled)
    row["reading"] = reading_on_interval(alpha, float(row["ci_low"]), coded, pooled=pooled)  # type: ignore[arg-type]
    return row


def _disagreements(data: ReliabilityData) -> pd.DataFrame:
    """Units where coders' values differ on any variable, with each coder's codes."""
    assigned = data.assigned().to_numpy()
    differing: dict[int, list[str]] = {}
    pairable = assigned.sum(axis=1) >= 2
    for name, m in data.matrices.items():
        codes, _ = st._integer_codes(m)
        codes = np.where(assigned, codes, np.nan)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows (no coder assigned)
            spread = np.nanmax(codes, axis=1) != np.nanmin(codes, axis=1)
        for hit in np.flatnonzero(pairable & spread).tolist():
            differing.setdefault(int(hit), []).append(name)
    sub = data.applied[data.applied["row"].isin(list(differing))].drop_duplicates()
    sub = sub.sort_values(["row", "coder_id", "code_id"])
    by_unit: dict[tuple[int, str], str] = {}
    for (r, c), codes in zip(zip(sub["row"], sub["coder_id"]), sub["code_id"]):
        key = (int(r), c)
        by_unit[key] = f"{by_unit[key]}; {codes}" if key in by_unit else codes
    rows = []
    for r in sorted(differing):
        u = data.units.iloc[r]
        rec = {"source_id": u["source_id"], "unit_id": u["unit_id"], "start": int(u["start"]), "end": int(u["end"]),
               "text": u["text"]}
        for j, c in enumerate(data.coders):
            rec[f"codes_{c}"] = by_unit.get((r, c), "") if assigned[r, j] else "(not assigned)"
        rec["differing"] = "; ".join(differing[r]) if data.scheme == "presence" else ""
        rows.append(rec)
    cols = ["source_id", "unit_id", "start", "end", "text", *[f"codes_{c}" for c in data.coders], "differing"]
    out = pd.DataFrame(rows, columns=cols)
    if data.unit == "character" and len(out):
        out = _merge_runs(out, data)
    return out


def _merge_runs(out: pd.DataFrame, data: ReliabilityData) -> pd.DataFrame:
    """Merge consecutive differing characters with the same codes into one span."""
    key = [c for c in out.columns if c.startswith("codes_")] + ["differing", "source_id"]
    run = (out[key].ne(out[key].shift()).any(axis=1) | out["start"].ne(out["end"].shift())).cumsum()
    merged = out.groupby(run, sort=False).agg({**{k: "first" for k in key}, "start": "min", "end": "max"})
    texts = {s: "".join(data.units.loc[data.units["source_id"] == s, "text"]) for s in merged["source_id"].unique()}
    merged["unit_id"] = [f"{s}-{e}" for s, e in zip(merged["start"], merged["end"])]
    merged["text"] = [texts[s][a:b] for s, a, b in zip(merged["source_id"], merged["start"], merged["end"])]
    return merged[list(out.columns)].reset_index(drop=True)


def assess_agreement(data: ReliabilityData, level: str = "nominal", n_boot: int = 1000, seed: int = 20240101,
           warn: bool = True, pooled_only: bool = False, listing: bool = True) -> ReliabilityResult:
    """Agreement per code and pooled for ``data``, with the disagreement listing.

    Parameters
    ----------
    data : ReliabilityData
    level : str
        Level of measurement of alpha (nominal for codes).
    n_boot : int
        Bootstrap resamples for the interval of alpha; 0 for none (there is none at the character level).
    seed : int
        Seed of the bootstrap.
    warn : bool
        Issue :class:`~casestudy.errors.ReliabilityWarning` for codes below the thresholds and for
        pooled agreement too good to be true.
    pooled_only : bool
        Only the pooled row (quick comparisons across units).
    listing : bool
        Build the disagreement listing (else it is empty, with its columns).

    Returns
    -------
    ReliabilityResult

    Examples
    --------
    >>> from casestudy.reliability.units import reliability_data
    >>> text = "A: Harga murah.\\n\\nB: Layanan cepat.\\n\\nA: Mahal."
    >>> turns = pd.DataFrame({"source_id": ["s"] * 3, "turn": [1, 2, 3], "start": [0, 17, 36],
    ...                       "end": [15, 34, 44], "body_start": [3, 20, 39]})
    >>> codings = pd.DataFrame({"source_id": ["s"] * 4, "start": [3, 3, 20, 39], "end": [14, 14, 33, 44],
    ...                         "code_id": ["price", "price", "service", "price"],
    ...                         "coder_id": ["a", "b", "a", "a"]})
    >>> res = assess_agreement(reliability_data(codings, turns, {"s": text}), n_boot=50, warn=False)
    >>> res.summary[["code", "n_units", "percent_agreement", "krippendorff_alpha"]].round(3)
           code  n_units  percent_agreement  krippendorff_alpha
    0     price        3              0.667               0.444
    1   service        3              0.667               0.000
    2  (pooled)        6              0.667               0.312
    >>> res.disagreements[["unit_id", "codes_a", "codes_b", "differing"]].values.tolist()
    [['2', 'service', '', 'service'], ['3', 'price', '', 'price']]
    """
    boot = data.unit != "character"
    rows: list[dict[str, object]] = [] if pooled_only and len(data.matrices) > 1 else [
        summarise(m, name, data.unit, level, n_boot, seed, bootstrap=boot) for name, m in data.matrices.items()]
    if len(data.matrices) > 1:
        stacked = pd.concat(list(data.matrices.values()), ignore_index=True)
        groups = np.tile(np.arange(len(data.units)), len(data.matrices))
        rows.append(summarise(stacked, POOLED, data.unit, level, n_boot, seed, groups=groups, bootstrap=boot,
                              pooled=True))
    elif rows:
        rows[0]["reading_point"] = reading(float(rows[0]["krippendorff_alpha"]), pooled=True)  # type: ignore[arg-type]
        rows[0]["reading"] = reading_on_interval(rows[0]["krippendorff_alpha"], rows[0]["ci_low"],  # type: ignore[arg-type]
                                                 rows[0]["n_coded"], pooled=True)  # type: ignore[arg-type]
    summary = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS)).assign(n_excluded=data.n_excluded())
    messages = tuple(warn_thresholds(summary)) if warn else ()
    disagreements = _disagreements(data) if listing else pd.DataFrame(columns=[
        "source_id", "unit_id", "start", "end", "text", *[f"codes_{c}" for c in data.coders], "differing"])
    return ReliabilityResult(summary, disagreements, data.unit, level, data.coders, messages, data.excluded)


def assess_matrix(matrix: pd.DataFrame, level: str = "nominal", n_boot: int = 1000, seed: int = 20240101,
                  name: str = "(all)", warn: bool = True) -> ReliabilityResult:
    """Agreement of any units x coders table (e.g. from ``casestudy irr --table``).

    The disagreement listing has one row per unit where judging coders differ,
    with each coder's value (``(missing)`` where absent).

    Examples
    --------
    >>> m = pd.DataFrame({"a": ["x", "y", "y", None], "b": ["x", "y", "x", "x"]})
    >>> res = assess_matrix(m, n_boot=50, warn=False)
    >>> res.disagreements
       unit value_a value_b
    0     2       y       x
    """
    st.check_matrix(matrix)
    row = summarise(matrix, name, "unit", level, n_boot, seed, pooled=True)
    summary = pd.DataFrame([row], columns=list(SUMMARY_COLUMNS))
    messages = tuple(warn_thresholds(summary, "reliability data")) if warn else ()
    pairable = st.pairable_units(matrix)
    differ = pairable[pairable.apply(lambda r: r.dropna().nunique() > 1, axis=1)]
    listing = differ.astype(object).where(differ.notna(), "(missing)").reset_index()
    listing.columns = ["unit", *[f"value_{c}" for c in matrix.columns]]
    return ReliabilityResult(summary, listing, "unit", level, tuple(str(c) for c in matrix.columns), messages)

"""Agreement statistics on reliability data: one value per (unit, coder), missing allowed.

Reliability data here are a DataFrame with one row per unit and one column per
coder (:func:`casestudy.reliability.table.reliability_matrix` builds it from a long table); a missing value
(NaN) means the coder did not judge that unit. The statistics come from the
libraries that implement them, not from formulas of our own:

- Cohen's kappa, its asymptotic standard error and Wald interval:
  :func:`statsmodels.stats.inter_rater.cohens_kappa` (two coders, units both coded);
- Fleiss' kappa: :func:`statsmodels.stats.inter_rater.fleiss_kappa` (units every coder coded);
- Krippendorff's alpha with missing data at any level: :func:`krippendorff.alpha`.

This module adds the checks that make bad data fail clearly, the explicit
*undefined* result (NaN and a reason) when chance agreement cannot be computed,
and a seeded bootstrap interval for alpha that resamples units.

Examples
--------
Krippendorff (2011), "Computing Krippendorff's alpha-reliability": four observers,
twelve units, values 1..5, missing data; published alpha = 0.743 (nominal),
0.815 (ordinal), 0.849 (interval), 0.797 (ratio).

>>> nan = float("nan")
>>> m = pd.DataFrame({"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
...                   "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
...                   "C": [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
...                   "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]})
>>> [round(krippendorff_alpha(m, level), 3) for level in LEVELS]
[0.743, 0.815, 0.849, 0.797]
>>> undefined_reason(pd.DataFrame({"A": [1, 1], "B": [1, 1]}))
'no variation: every value is 1, so chance agreement is undefined'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import krippendorff
import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa as _fleiss, to_table

from casestudy.errors import ReliabilityError, expectation

__all__ = [
    "LEVELS",
    "KappaEstimate",
    "check_matrix",
    "undefined_reason",
    "pairable_units",
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "bootstrap_alpha_ci",
]

#: Levels of measurement of Krippendorff's alpha.
LEVELS = ("nominal", "ordinal", "interval", "ratio")


@dataclass(frozen=True)
class KappaEstimate:
    """Cohen's kappa with its asymptotic standard error and Wald confidence interval.

    Parameters
    ----------
    kappa, se, ci_low, ci_high : float
        NaN when undefined.
    n_units : int
        Units both coders coded.
    reason : str or None
        Why the estimate is undefined, else None.

    Examples
    --------
    >>> KappaEstimate(0.5, 0.1, 0.3, 0.7, -1)
    Traceback (most recent call last):
    ...
    casestudy.errors.ReliabilityError: KappaEstimate: 'n_units' must be a non-negative integer (got -1)
    """

    kappa: float
    se: float
    ci_low: float
    ci_high: float
    n_units: int
    reason: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.n_units, int) or self.n_units < 0:
            raise ReliabilityError(expectation("n_units", "a non-negative integer", self.n_units, "KappaEstimate"))


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value (for readable messages)."""
    return value.item() if isinstance(value, np.generic) else value


def check_matrix(matrix: pd.DataFrame, where: str = "reliability data") -> pd.DataFrame:
    """Return ``matrix`` if it has at least two coders and one unit, else raise.

    Examples
    --------
    >>> check_matrix(pd.DataFrame({"a": [1, 0]}))
    Traceback (most recent call last):
    ...
    casestudy.errors.ReliabilityError: reliability data: 'coders' must be at least two coders (got ['a'])
    """
    if not isinstance(matrix, pd.DataFrame):
        raise ReliabilityError(expectation("matrix", "a DataFrame of units x coders", type(matrix).__name__, where))
    if matrix.shape[1] < 2:
        raise ReliabilityError(expectation("coders", "at least two coders", [str(c) for c in matrix.columns], where))
    if matrix.shape[0] < 1:
        raise ReliabilityError(expectation("units", "at least one unit", 0, where))
    return matrix


def pairable_units(matrix: pd.DataFrame) -> pd.DataFrame:
    """Units that at least two coders judged (the only ones that carry agreement).

    Examples
    --------
    >>> m = pd.DataFrame({"a": [1, 0, float("nan")], "b": [1, float("nan"), 0]})
    >>> pairable_units(m).index.tolist()
    [0]
    """
    return matrix[matrix.notna().sum(axis=1) >= 2]


def _values(matrix: pd.DataFrame) -> list[Any]:
    """Sorted distinct non-missing values."""
    if all(pd.api.types.is_integer_dtype(t) for t in matrix.dtypes):
        return [_plain(v) for v in np.unique(matrix.to_numpy())]
    if all(pd.api.types.is_numeric_dtype(t) for t in matrix.dtypes):
        arr = matrix.to_numpy(dtype=float)
        return [_plain(v) for v in np.unique(arr[~np.isnan(arr)])]
    return sorted(pd.unique(matrix.stack().dropna().to_numpy()).tolist(), key=lambda v: (str(type(v)), v))


def undefined_reason(matrix: pd.DataFrame) -> str | None:
    """Why chance-corrected agreement is undefined for ``matrix`` (None if it is defined).

    Examples
    --------
    >>> undefined_reason(pd.DataFrame({"a": [1.0, float("nan")], "b": [float("nan"), 0.0]}))
    'no unit was judged by two or more coders'
    >>> undefined_reason(pd.DataFrame({"a": [1, 0], "b": [1, 1]})) is None
    True
    """
    check_matrix(matrix)
    present = matrix.notna().to_numpy()
    any_judged = [bool(v) for v in np.asarray(present.any(axis=0)).ravel()]
    judged = [str(c) for c, any_ in zip(matrix.columns, any_judged) if any_]
    if len(judged) < 2:
        return f"fewer than two coders judged any unit (only {judged})"
    pairable = matrix[present.sum(axis=1) >= 2]
    if pairable.empty:
        return "no unit was judged by two or more coders"
    values = _values(pairable)
    if len(values) < 2:
        return f"no variation: every value is {values[0]!r}, so chance agreement is undefined"
    return None


def percent_agreement(matrix: pd.DataFrame) -> float:
    """Share of agreeing coder pairs, averaged over the units two or more coders judged.

    With two coders this is the share of units on which both gave the same value.
    NaN when no unit was judged by two coders.

    Examples
    --------
    >>> percent_agreement(pd.DataFrame({"a": [1, 0, 1, 1], "b": [1, 0, 0, 1]}))
    0.75
    """
    check_matrix(matrix)
    codes, domain = _integer_codes(pairable_units(matrix))
    if codes.shape[0] == 0:
        return float("nan")
    counts = np.stack([(codes == v).sum(axis=1) for v in range(len(domain))], axis=1)
    m = counts.sum(axis=1)
    agreeing = (counts * (counts - 1)).sum(axis=1) / 2
    return float(np.mean(agreeing / (m * (m - 1) / 2)))


def _integer_codes(matrix: pd.DataFrame) -> tuple[np.ndarray, list[Any]]:
    """Map values to 0..k-1 over the sorted value domain (missing -> NaN); units x coders floats."""
    try:
        numeric = matrix.to_numpy(dtype=float)
    except (ValueError, TypeError):
        numeric = None
    if numeric is not None:
        domain_arr = np.unique(numeric[~np.isnan(numeric)])
        codes = np.where(np.isnan(numeric), np.nan, np.searchsorted(domain_arr, np.nan_to_num(numeric)))
        return codes.astype(float), domain_arr.tolist()
    domain = _values(matrix)
    index = {v: i for i, v in enumerate(domain)}
    flat = [np.nan if pd.isna(v) else index[v] for v in matrix.to_numpy().ravel()]
    return np.asarray(flat, dtype=float).reshape(matrix.shape), domain


def cohen_kappa(matrix: pd.DataFrame) -> KappaEstimate:
    """Cohen's kappa of two coders on the units both judged, with SE and 95% Wald interval (statsmodels).

    Parameters
    ----------
    matrix : pandas.DataFrame
        Units x exactly two coders.

    Returns
    -------
    KappaEstimate

    Examples
    --------
    The worked example of Bonett's ``statpsych::ci.kappa`` (standard error of Fleiss, Levin
    and Paik 2003), cells 31, 12, 4, 58: kappa 0.676, SE 0.0734, CI 0.532 to 0.820.

    >>> cells = [(0, 0)] * 31 + [(0, 1)] * 12 + [(1, 0)] * 4 + [(1, 1)] * 58
    >>> est = cohen_kappa(pd.DataFrame(cells, columns=["y", "x"]))
    >>> round(est.kappa, 3), round(est.se, 4), round(est.ci_low, 3), round(est.ci_high, 3), est.n_units
    (0.676, 0.0734, 0.532, 0.82, 105)
    """
    check_matrix(matrix)
    if matrix.shape[1] != 2:
        raise ReliabilityError(expectation("coders", "exactly two coders for Cohen's kappa",
                                           [str(c) for c in matrix.columns], "cohen_kappa"))
    both = matrix.dropna()
    nan = float("nan")
    if both.empty:
        return KappaEstimate(nan, nan, nan, nan, 0, "no unit was judged by both coders")
    codes, domain = _integer_codes(both)
    if len(domain) < 2:
        return KappaEstimate(nan, nan, nan, nan, len(both),
                             f"no variation: every value is {domain[0]!r}, so chance agreement is undefined")
    table, _ = to_table(codes.astype(int), bins=len(domain))
    with np.errstate(invalid="ignore", divide="ignore"):
        res = cohens_kappa(table)
    if np.isnan(res.std_kappa) and abs(res.var_kappa) < 1e-12:  # perfect agreement: variance 0 up to rounding
        return KappaEstimate(float(res.kappa), 0.0, float(res.kappa), float(res.kappa), len(both))
    return KappaEstimate(float(res.kappa), float(res.std_kappa), float(res.kappa_low), float(res.kappa_upp),
                         len(both))


def fleiss_kappa(matrix: pd.DataFrame) -> float:
    """Fleiss' (1971) kappa on the units every coder judged (statsmodels); NaN if undefined.

    Examples
    --------
    Fleiss (1971), 30 subjects, 6 raters, 5 diagnoses: published kappa = 0.430.

    >>> from casestudy.reliability.worked_examples import fleiss_1971
    >>> round(fleiss_kappa(fleiss_1971()), 3)
    0.43
    """
    check_matrix(matrix)
    complete = matrix.dropna()
    if complete.empty:
        return float("nan")
    codes, domain = _integer_codes(complete)
    if len(domain) < 2:
        return float("nan")
    counts, _ = aggregate_raters(codes.astype(int), n_cat=len(domain))
    return float(_fleiss(counts, method="fleiss"))


def _alpha_input(matrix: pd.DataFrame, level: str) -> tuple[np.ndarray, np.ndarray]:
    """Coders x units float array and value domain for :func:`krippendorff.alpha`."""
    if level not in LEVELS:
        raise ReliabilityError(expectation("level", "one of " + ", ".join(LEVELS), level, "krippendorff_alpha"))
    if level == "nominal":
        codes, domain = _integer_codes(matrix)
        return codes.T, np.arange(len(domain), dtype=float)
    try:
        numeric = matrix.apply(lambda col: pd.to_numeric(col, errors="raise")).to_numpy(dtype=float)
    except (ValueError, TypeError):
        bad = next(v for v in matrix.stack().dropna() if pd.isna(pd.to_numeric(pd.Series([v]), errors="coerce")[0]))
        raise ReliabilityError(expectation("value", f"a number at the {level} level", bad,
                                           "krippendorff_alpha")) from None
    return numeric.T, np.unique(numeric[~np.isnan(numeric)])


def krippendorff_alpha(matrix: pd.DataFrame, level: str = "nominal") -> float:
    """Krippendorff's alpha at ``level`` with missing data (``krippendorff`` package); NaN if undefined.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Units x coders; NaN is a missing value. Nominal values may be any labels;
        other levels need numbers.
    level : {'nominal', 'ordinal', 'interval', 'ratio'}

    Examples
    --------
    Krippendorff (2011), binary data, two observers, ten units: alpha = 0.095.

    >>> m = pd.DataFrame({"A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]})
    >>> round(krippendorff_alpha(m), 3)
    0.095
    """
    check_matrix(matrix)
    data, domain = _alpha_input(matrix, level)
    if undefined_reason(matrix) is not None:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, value_domain=domain,
                                    level_of_measurement=level))  # type: ignore[arg-type]  # a LEVELS str


def bootstrap_alpha_ci(matrix: pd.DataFrame, level: str = "nominal", n_boot: int = 1000, seed: int = 20240101,
                       confidence: float = 0.95, groups: Sequence[Any] | None = None) -> tuple[float, float]:
    """Percentile bootstrap interval for alpha, resampling units (or groups of rows) with replacement (seeded).

    Replicates in which alpha is undefined (no variation in the resample) are
    dropped; the interval is NaN when fewer than half the replicates are defined.
    Units of text are not independent draws (neighbouring turns, sentences and
    characters are correlated), so read the interval as a lower bound on the
    uncertainty.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Units x coders.
    level : str
        Level of measurement.
    n_boot : int
        Number of resamples.
    seed : int
        Seed of :func:`numpy.random.default_rng`.
    confidence : float
        Coverage of the interval.
    groups : sequence, optional
        One label per row of ``matrix``; when given, whole groups are resampled
        (a cluster bootstrap, e.g. all codes of one text unit together).

    Examples
    --------
    >>> m = pd.DataFrame({"A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0] * 3, "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0] * 3})
    >>> low, high = bootstrap_alpha_ci(m, n_boot=200, seed=1)
    >>> bool(low < krippendorff_alpha(m) < high)
    True
    """
    check_matrix(matrix)
    if not (isinstance(n_boot, int) and n_boot >= 1):
        raise ReliabilityError(expectation("n_boot", "a positive integer", n_boot, "bootstrap_alpha_ci"))
    if not 0 < confidence < 1:
        raise ReliabilityError(expectation("confidence", "between 0 and 1", confidence, "bootstrap_alpha_ci"))
    nan = (float("nan"), float("nan"))
    if groups is not None and len(groups) != len(matrix):
        raise ReliabilityError(expectation("groups", f"one label per row ({len(matrix)})", len(groups),
                                           "bootstrap_alpha_ci"))
    if undefined_reason(matrix) is not None:
        return nan
    keep = (matrix.notna().sum(axis=1) >= 2).to_numpy()
    data, domain = _alpha_input(matrix[keep], level)
    # value counts per unit (units x values), resampled by row: the package computes alpha from them
    counts = np.stack([(data == v).sum(axis=0) for v in domain], axis=1)
    members: list[np.ndarray] = []
    if groups is not None:
        labels = pd.factorize(np.asarray(groups)[keep])[0]
        order = np.argsort(labels, kind="stable")
        members = np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)
    same_size = bool(members) and len({len(m) for m in members}) == 1
    table = np.stack(members) if same_size else None
    rng = np.random.default_rng(seed)
    n = counts.shape[0] if groups is None else len(members)
    # units on which the coders agree have all their values in one column; if every unit does,
    # every defined resample has alpha = 1, so only the number of defined resamples is needed
    perfect = bool(((counts > 0).sum(axis=1) == 1).all())
    stats = []
    for _ in range(n_boot):
        pick = rng.integers(0, n, n)
        if groups is None:
            sample = counts[pick]
        elif table is not None:
            sample = counts[table[pick].ravel()]
        else:
            sample = counts[np.concatenate([members[g] for g in pick])]
        if np.count_nonzero(sample.sum(axis=0)) < 2:
            continue
        if perfect:
            stats.append(1.0)
            continue
        stats.append(krippendorff.alpha(value_counts=sample, value_domain=domain,
                                        level_of_measurement=level))  # type: ignore[arg-type]  # a LEVELS str
    if len(stats) < n_boot / 2:
        return nan
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(np.asarray(stats, dtype=float), [tail, 100 - tail])
    return float(low), float(high)

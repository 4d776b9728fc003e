"""What the synthetic ledger's results owe to each named assumption: a one-at-a-time sensitivity analysis.

The paper fixes Tabel 2, the segment counts (under a stated reading), the 2023
complaints and the reach years; the synthetic generator imposes everything else
through the named assumptions of :mod:`casestudy.crm.assumptions`. Two of them set
the numbers a reader is most tempted to read as findings: the B2G share of the
orders after the counted 100 (``share_after_snapshot``) and the repeat rate
(``return_probability``); a third sets where new customers are
(``region_weights``, varied by the weight of the home region, Sidoarjo). Each is
varied over a declared range (:data:`RANGES`) while the others keep their
values, and every ledger measure is recomputed for a few seeds per setting, so
the table separates what an assumption moves from the draw-to-draw (seed)
variation at a fixed setting. None of it is PT. XYZ's data: every row is
``synthetic``.

Examples
--------
>>> [r.assumption for r in RANGES]
['share_after_snapshot', 'return_probability', 'region_weights']
>>> import pandas as pd
>>> toy = pd.DataFrame({"assumption": ["a"] * 4, "setting": [0.1, 0.1, 0.9, 0.9], "default": [True, True, False, False],
...                     "seed": [1, 2, 1, 2], "measure": ["m"] * 4, "value": [0.20, 0.22, 0.50, 0.52]})
>>> e = assumption_effects(summarise(toy))
>>> e[["at_low", "at_high", "moved", "seed_spread"]].round(2).values.tolist(), e["reading"].iloc[0]
([[0.21, 0.51, 0.3, 0.02]], 'set by the assumption')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from casestudy.crm.assumptions import ASSUMPTION_BY_ID, BAND_SEEDS, PublishedTargets
from casestudy.crm.stages import stage_measures
from casestudy.crm.synthetic import generate_ledger
from casestudy.errors import LedgerError, expectation
from casestudy.provenance import SYNTHETIC

__all__ = ["SensitivityRange", "RANGES", "SENSITIVITY_SEEDS", "ledger_measures", "sensitivity_runs", "summarise",
           "assumption_effects", "measure_ranges"]

#: Seeds per setting: enough to show the draw-to-draw spread beside an assumption's effect.
SENSITIVITY_SEEDS: tuple[int, ...] = BAND_SEEDS[:5]


@dataclass(frozen=True)
class SensitivityRange:
    """The declared range of one named assumption.

    Parameters
    ----------
    assumption : str
        Id of a :data:`casestudy.crm.assumptions.ASSUMPTIONS` entry.
    settings : tuple of float
        The values tried, ascending; the assumption's own value is one of them.
    rationale : str
        Why this range.
    key : str, optional
        For a mapping-valued assumption, the entry the setting replaces.
    """

    assumption: str
    settings: tuple[float, ...]
    rationale: str
    key: str | None = None

    def __post_init__(self) -> None:
        if self.assumption not in ASSUMPTION_BY_ID:
            raise LedgerError(expectation("assumption", "the id of a named assumption", self.assumption))
        if list(self.settings) != sorted(set(self.settings)) or self.default not in self.settings:
            raise LedgerError(expectation("settings", f"ascending values that include {self.default}",
                                          list(self.settings), self.assumption))

    @property
    def default(self) -> float:
        """The value the generator uses (the assumption's own, or its ``key`` entry)."""
        value = ASSUMPTION_BY_ID[self.assumption].value
        return float(value[self.key] if self.key and isinstance(value, Mapping) else value)  # type: ignore[arg-type]

    def value(self, setting: float) -> object:
        """The assumption's value at ``setting`` (a mapping keeps its other entries)."""
        base = ASSUMPTION_BY_ID[self.assumption].value
        if self.key and isinstance(base, Mapping):
            return {**base, self.key: setting}
        return setting


#: The declared ranges (one assumption varied at a time; the others keep their values).
RANGES: tuple[SensitivityRange, ...] = (
    SensitivityRange("share_after_snapshot", (0.5, 0.6, 0.69, 0.8, 0.9),
                     "The paper counts 69 B2G of 100 transactions and says nothing of the later orders: from an even "
                     "split to nine in ten."),
    SensitivityRange("return_probability", (0.25, 0.35, 0.45, 0.55, 0.65),
                     "The paper says repeat buying matters and gives no rate: from one order in four to two in three "
                     "coming from an earlier customer."),
    SensitivityRange("region_weights", (1.0, 2.0, 4.0, 8.0, 16.0),
                     "The paper gives reach years, no regional counts: the home region from as likely as Gresik to "
                     "sixteen times as likely.", key="sidoarjo"),
)


def ledger_measures(orders: pd.DataFrame, end: str | pd.Timestamp, home: str = "sidoarjo") -> pd.DataFrame:
    """The stage measures (:func:`casestudy.crm.stages.stage_measures`) and the share of the last year's
    orders from outside the home region (the measure the new-regions rival reads).

    Returns
    -------
    pandas.DataFrame
        ``stage_id, stage, measure, value, unit, definition, provenance``.
    """
    m = stage_measures(orders, end)
    year = pd.Timestamp(end).year
    last = orders[orders["order_date"].dt.year == year]
    row = {"stage_id": "portfolio", "stage": m.loc[m["stage_id"] == "portfolio", "stage"].iloc[0],
           "measure": f"outside_{home}_share_{year}", "value": float((last["region"] != home).mean()),
           "unit": "share", "definition": f"orders of {year} from customers outside {home} / orders of {year}",
           "provenance": m["provenance"].iloc[0]}
    return pd.concat([m, pd.DataFrame([row])], ignore_index=True)


def sensitivity_runs(measures: Callable[[pd.DataFrame], pd.DataFrame], ranges: Sequence[SensitivityRange] = RANGES,
                     reading: str = "segments-of-100", seeds: Sequence[int] = SENSITIVITY_SEEDS,
                     targets: PublishedTargets | None = None) -> pd.DataFrame:
    """Every measure of every ledger: one assumption at a setting, the others at their values, per seed.

    Parameters
    ----------
    measures : callable
        Ledger orders -> DataFrame with ``measure`` and ``value`` columns (other columns are kept),
        e.g. ``lambda o: stage_measures(o, "2023-12-31")``.
    ranges : sequence of SensitivityRange
    reading : str
        The segment reading of every ledger.
    seeds : sequence of int
    targets : PublishedTargets, optional
        Loaded from ``data/published`` when omitted.

    Returns
    -------
    pandas.DataFrame
        ``assumption, setting, default, seed`` and the measure columns, one row per measure and ledger.
    """
    targets = targets or PublishedTargets.from_published()
    frames = []
    for r in ranges:
        for setting in r.settings:
            for seed in seeds:
                ledger = generate_ledger(seed, reading, targets, overrides={r.assumption: r.value(setting)})
                m = measures(ledger.orders)
                frames.append(m.assign(assumption=r.assumption, setting=float(setting),
                                       default=setting == r.default, seed=int(seed)))
    out = pd.concat(frames, ignore_index=True)
    first = ["assumption", "setting", "default", "seed"]
    return out[first + [c for c in out.columns if c not in first]]


def summarise(runs: pd.DataFrame) -> pd.DataFrame:
    """Median, min and max of each measure over the seeds at each setting.

    Returns
    -------
    pandas.DataFrame
        ``assumption, setting, default, measure, value_median, value_min, value_max, seeds, provenance``.
    """
    g = runs.groupby(["assumption", "setting", "default", "measure"], sort=False)["value"]
    out = pd.DataFrame({"value_median": g.median(), "value_min": g.min(), "value_max": g.max(),
                        "seeds": g.count()}).reset_index()
    return out.assign(provenance=SYNTHETIC)


def assumption_effects(summary: pd.DataFrame, *, tolerance: float = 1e-9) -> pd.DataFrame:
    """How far each measure moves over an assumption's range, beside its seed spread at the assumption's value.

    The reading is a declared rule: a measure that moves by more than its seed spread at
    the default setting is *set by the assumption*; one that moves by no more than that is
    *within seed variation*; one that neither the assumption nor the seed moves is
    *fixed by the published numbers* (``tolerance`` decides "moves").

    Returns
    -------
    pandas.DataFrame
        ``assumption, measure, at_low, at_default, at_high, moved, seed_spread, reading``
        (medians over the seeds at the lowest, default and highest setting; ``moved`` is
        the range of those medians over all settings).
    """
    rows = []
    for (a, m), g in summary.groupby(["assumption", "measure"], sort=False):
        g = g.sort_values("setting")
        d = g[g["default"]].iloc[0]
        moved = float(g["value_median"].max() - g["value_median"].min())
        spread = float(d["value_max"] - d["value_min"])
        reading = ("fixed by the published numbers" if moved <= tolerance and spread <= tolerance else
                   "set by the assumption" if moved > spread + tolerance else "within seed variation")
        rows.append({"assumption": a, "measure": m, "at_low": float(g["value_median"].iloc[0]),
                     "at_default": float(d["value_median"]), "at_high": float(g["value_median"].iloc[-1]),
                     "moved": round(moved, 12), "seed_spread": round(spread, 12), "reading": reading})
    return pd.DataFrame(rows)


def measure_ranges(runs: pd.DataFrame, keys: Sequence[str] = ("measure",)) -> pd.DataFrame:
    """Each measure's lowest and highest value over every setting and seed of the runs.

    Returns
    -------
    pandas.DataFrame
        ``<keys>, value_min, value_max, settings, seeds, assumptions``: the range a reader should attach to
        a synthetic measure, given the declared assumption ranges.
    """
    g = runs.groupby(list(keys), sort=False)
    out = pd.DataFrame({"value_min": g["value"].min(), "value_max": g["value"].max(),
                        "settings": g[["assumption", "setting"]].apply(lambda f: len(f.drop_duplicates())),
                        "seeds": g["seed"].nunique(),
                        "assumptions": g["assumption"].agg(lambda v: ", ".join(dict.fromkeys(v)))})
    return out.reset_index()

"""Results that depend on synthetic detail, shown across a fixed set of seeds (bands).

A synthetic ledger is one draw among many that meet the published
constraints. A number computed from one draw is not a finding about PT. XYZ;
the spread across :data:`~casestudy.crm.assumptions.BAND_SEEDS` shows how much
of it the published numbers fix and how much the generator's assumptions.

Examples
--------
>>> import pandas as pd
>>> frames = [pd.DataFrame({"year": [2020, 2021], "share": [0.5, v]}) for v in (0.6, 0.8, 0.7)]
>>> seed_bands(frames, keys=["year"], value="share")
   year  share_min  share_median  share_max  seeds
0  2020        0.5           0.5        0.5      3
1  2021        0.6           0.7        0.8      3
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from casestudy.crm.assumptions import BAND_SEEDS
from casestudy.crm.synthetic import SyntheticLedger, generate_ledger

__all__ = ["synthetic_ledgers", "seed_bands"]


def synthetic_ledgers(reading: str = "segments-of-100", seeds: Sequence[int] = BAND_SEEDS) -> list[SyntheticLedger]:
    """Generate one synthetic ledger per seed under ``reading`` (in seed order)."""
    from casestudy.crm.assumptions import PublishedTargets

    targets = PublishedTargets.from_published()
    return [generate_ledger(s, reading, targets) for s in seeds]


def seed_bands(frames: Sequence[pd.DataFrame], keys: Sequence[str], value: str) -> pd.DataFrame:
    """Min, median and max of ``value`` per key across frames (one frame per seed).

    Returns
    -------
    pandas.DataFrame
        ``<keys>, <value>_min, <value>_median, <value>_max, seeds``; a key missing
        from some frames is summarised over the frames that have it.
    """
    stacked = pd.concat([f[list(keys) + [value]] for f in frames], ignore_index=True)
    g = stacked.groupby(list(keys), sort=True)[value]
    out = pd.DataFrame({f"{value}_min": g.min(), f"{value}_median": g.median(), f"{value}_max": g.max(),
                        "seeds": g.count()})
    return out.reset_index()

"""Units no coder may code: the turns of a declared role in :data:`casestudy.speakers.UNCODED_ROLES`.

An interviewer's questions are never coded, so every unit inside them is an agreed absence no coder
could have broken; counting them raises percent agreement and moves alpha without any judgement
behind it. They are left out of reliability data and counted per role, so that the table can say
how many units were left out and why.

Examples
--------
>>> turns = pd.DataFrame({"source_id": ["s", "s"], "turn": [1, 2], "start": [0, 5], "end": [4, 9],
...                       "role": ["interviewer", "informant"]})
>>> units = pd.DataFrame({"source_id": ["s", "s"], "unit_id": ["1", "2"], "start": [0, 5], "end": [4, 9]})
>>> kept, excluded = leave_out_uncoded(units, turns, "turn")
>>> kept["unit_id"].tolist(), excluded.values.tolist()
(['2'], [['interviewer', 1, 'a role no coder codes']])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casestudy.speakers import UNCODED_ROLES

__all__ = ["EXCLUDED_COLUMNS", "unit_roles", "leave_out_uncoded"]

#: Columns of the count of units left out: one row per declared role.
EXCLUDED_COLUMNS = ("role", "n_units", "reason")


def unit_roles(units: pd.DataFrame, turns: pd.DataFrame, unit: str) -> pd.Series:
    """The declared role of the turn each unit lies in (None: undeclared, outside any turn, or a document).

    Examples
    --------
    >>> turns = pd.DataFrame({"source_id": ["s", "s"], "turn": [1, 2], "start": [0, 5], "end": [4, 9],
    ...                       "role": ["interviewer", None]})
    >>> units = pd.DataFrame({"source_id": ["s"] * 6, "start": range(6), "end": range(1, 7)})
    >>> unit_roles(units, turns, "character").tolist()[:5]
    ['interviewer', 'interviewer', 'interviewer', 'interviewer', None]
    """
    out = pd.Series([None] * len(units), index=units.index, dtype=object)
    if unit == "document" or "role" not in turns.columns or not len(units):
        return out
    for sid, group in units.groupby("source_id", sort=False):
        t = turns[turns["source_id"] == sid].sort_values("start")
        if not len(t):
            continue
        starts, ends = t["start"].to_numpy(), t["end"].to_numpy()
        roles = t["role"].to_numpy(dtype=object)
        i = np.searchsorted(starts, group["start"].to_numpy(), side="right") - 1
        inside = (i >= 0) & (group["start"].to_numpy() < ends[np.maximum(i, 0)])
        picked = roles[np.maximum(i, 0)]
        picked[~inside] = None
        out.loc[group.index] = picked
    return out.where(out.notna(), None)


def leave_out_uncoded(units: pd.DataFrame, turns: pd.DataFrame, unit: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Units no coder may code removed (by declared role), and their count per role."""
    roles = unit_roles(units, turns, unit)
    out = roles.isin(list(UNCODED_ROLES))
    counts = roles[out].value_counts().sort_index()
    excluded = pd.DataFrame({"role": counts.index.astype(str), "n_units": counts.to_numpy(dtype=int),
                             "reason": "a role no coder codes"}, columns=list(EXCLUDED_COLUMNS))
    return units[~out].reset_index(drop=True), excluded

"""Coder bias: does one coder apply a code more often than the other? (McNemar's test per code).

Agreement statistics say how often two coders agree, not whether their
disagreements lean one way. For two coders and a binary decision per unit
(code applied or not), marginal homogeneity is tested with McNemar's exact test
on the units where exactly one of them applied the code (statsmodels
``mcnemar(exact=True)``, a binomial test of the discordant units). A coder who
applies a code to 82 units the other did not, against 12 the other way, is a
systematic difference that a reliability table should report beside alpha.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"a": [1, 1, 0, 0, 0, 0, 0, 0, 1, 0], "b": [1, 1, 1, 1, 1, 1, 1, 0, 1, 0]})
>>> t = coder_bias({"price": m})
>>> t[["code", "only_a", "only_b", "p_value", "leans_to"]].values.tolist()
[['price', 0, 5, 0.0625, ''], ['(pooled)', 0, 5, 0.0625, '']]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from statsmodels.stats.contingency_tables import mcnemar
from casestudy.reliability.result import POOLED

__all__ = ["coder_bias"]


def _row(code: str, a: str, b: str, x: np.ndarray, y: np.ndarray, alpha: float) -> dict[str, object]:
    both, only_a = int(((x == 1) & (y == 1)).sum()), int(((x == 1) & (y == 0)).sum())
    only_b, neither = int(((x == 0) & (y == 1)).sum()), int(((x == 0) & (y == 0)).sum())
    p = float(mcnemar([[both, only_a], [only_b, neither]], exact=True).pvalue) if only_a + only_b else 1.0
    lean = "" if p >= alpha else (a if only_a > only_b else b)
    return {"code": code, "coder_a": a, "coder_b": b, "n_units": both + only_a + only_b + neither, "both": both,
            "only_a": only_a, "only_b": only_b, "p_value": p, "leans_to": lean}


def coder_bias(matrices: Mapping[str, pd.DataFrame], coders: tuple[str, str] | None = None,
               alpha: float = 0.05) -> pd.DataFrame:
    """McNemar's exact test per code and pooled over codes, for two coders.

    Parameters
    ----------
    matrices : mapping of code -> DataFrame
        Units x coders, 1 when the coder applied the code, 0 when not, NaN when the unit was not
        the coder's (``ReliabilityData.matrices``); units both coders judged are compared.
    coders : (str, str), optional
        The two coders (default: the first two columns).
    alpha : float
        Level at which ``leans_to`` names the coder who applied the code more often.

    Returns
    -------
    pandas.DataFrame
        ``code, coder_a, coder_b, n_units, both, only_a, only_b, p_value, leans_to``; the last row
        pools the discordant units of every code (``(pooled)``).
    """
    rows, xs, ys = [], [], []
    for code, m in matrices.items():
        a, b = coders or (str(m.columns[0]), str(m.columns[1]))
        pair = m[[a, b]].dropna()
        x, y = pair[a].to_numpy(dtype=float), pair[b].to_numpy(dtype=float)
        rows.append(_row(code, a, b, x, y, alpha))
        xs.append(x)
        ys.append(y)
    if rows:
        first_a, first_b = str(rows[0]["coder_a"]), str(rows[0]["coder_b"])
        rows.append(_row(POOLED, first_a, first_b, np.concatenate(xs), np.concatenate(ys), alpha))
    return pd.DataFrame(rows, columns=["code", "coder_a", "coder_b", "n_units", "both", "only_a", "only_b",
                                       "p_value", "leans_to"])

"""Per-stage ledger measures (joint display) and seed bands."""

from __future__ import annotations

import pandas as pd
import pytest

from casestudy.crm.bands import seed_bands, synthetic_ledgers
from casestudy.crm.lifecycle import repeat_purchase
from casestudy.crm.stages import stage_measures
from casestudy.framework import BUTTLE_2004


def test_every_stage_has_measures_with_provenance():
    syn = synthetic_ledgers(seeds=(4,))[0]
    m = stage_measures(syn.orders, "2023-12-31")
    assert m["stage_id"].unique().tolist() == [s.id for s in BUTTLE_2004.stages]
    assert set(m["provenance"]) == {"synthetic"}
    values = m.set_index("measure")["value"]
    assert values["new_customers_2023"] == 0
    assert values["complaint_rate_2023"] == pytest.approx(20 / 31)
    assert 0.10 <= values["mean_commission_referred"] <= 0.20


def test_bands_span_the_seeds():
    ledgers = synthetic_ledgers("segments-share-of-158", seeds=(1, 2, 3))
    frames = [repeat_purchase(s.orders, "2023-12-31") for s in ledgers]
    b = seed_bands(frames, keys=["measure"], value="value").set_index("measure")
    values = pd.concat(frames).groupby("measure")["value"]
    assert b["value_min"].equals(values.min()) and b["value_max"].equals(values.max())
    assert (b["seeds"] == 3).all()

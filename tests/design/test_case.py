"""The case, its units and informants."""

from __future__ import annotations

import pytest

from casestudy.design.case import DesignCase, Informant, Unit
from casestudy.errors import DesignError


def test_embedded_and_holistic():
    u = Unit("owner", "Owner", "The owner.", planned_count=1)
    assert DesignCase("c", "C", "d", units=(u,)).is_embedded
    assert not DesignCase("c", "C", "d").is_embedded


def test_errors():
    with pytest.raises(DesignError, match=r"^lapsed: 'planned_count' must be a positive integer or null \(got 0\)$"):
        Unit("lapsed", "Lapsed", "x", planned_count=0)
    with pytest.raises(DesignError, match=r"^c: 'informants\[\]\.id' must be unique \(got 'inf01'\)$"):
        u = Unit("owner", "Owner", "x")
        DesignCase("c", "C", "d", units=(u,), informants=(Informant("inf01", "owner", "a"), Informant("inf01", "owner", "b")))


def test_pt_xyz_informants_follow_the_contract(pt_xyz):
    units = {i.id: i.unit for i in pt_xyz.informants()}
    assert units == {"inf01": "owner", "inf02": "government_buyers", "inf03": "government_buyers",
                     "inf04": "repeat_buyers", "inf05": "repeat_buyers", "inf06": "repeat_buyers",
                     "inf07": "lapsed_buyers", "inf08": "lapsed_buyers", "inf09": "end_users"}
    lapsed = next(u for u in pt_xyz.cases[0].units if u.id == "lapsed_buyers")
    assert lapsed.planned_count == 2

"""Findings refer to the Buttle 2004 framework by id."""

from __future__ import annotations

import pytest

from casestudy.design.findings import Finding
from casestudy.errors import DesignError
from casestudy.framework import BUTTLE_2004


def test_framework_ids_are_checked():
    with pytest.raises(DesignError, match=r"^f1: 'framework_ids\[1\]' must be an id of the Buttle 2004 framework "
                                          r"\(got 'loyalty_points'\)$"):
        Finding("f1", "lifecycle", "t", "s", framework_ids=("lifecycle_retain", "loyalty_points"))
    with pytest.raises(DesignError, match=r"^f1: 'builds_on' must be ids of other findings"):
        Finding("f1", "lifecycle", "t", "s", builds_on=("f1",))


def test_pt_xyz_findings_cover_the_five_stages(pt_xyz):
    assert {f.stage for f in pt_xyz.findings} == {s.id for s in BUTTLE_2004.stages}
    for f in pt_xyz.findings:
        assert f.bears_on, f.id
        assert all(BUTTLE_2004.stage_of(i) in (f.stage, "value", "network") for i in f.framework_ids), f.id
    gaps = {f.id for f in pt_xyz.findings if not f.evidence}
    assert gaps == {"f_profitability"}

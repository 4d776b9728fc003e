"""Findings refer to the design's framework (here Buttle 2004) by id; the design checks them."""

from __future__ import annotations

import pytest

from casestudy.design.findings import Finding
from casestudy.errors import DesignError
from casestudy.framework import BUTTLE_2004


def test_framework_ids_are_checked(mini):
    from dataclasses import replace

    f = replace(mini.findings[0], framework_ids=("lifecycle_retain", "loyalty_points"))
    with pytest.raises(DesignError, match=r"^mini: 'findings\[0\].framework_ids\[1\]' must be the id of an element "
                                          r"of Buttle 2004 \(got 'loyalty_points'\)$"):
        replace(mini, findings=(f, *mini.findings[1:]))
    with pytest.raises(DesignError, match=r"^mini: 'findings\[0\].stage' must be the id of a stage of Buttle 2004 "
                                          r"\(got 'loyalty'\)$"):
        replace(mini, findings=(replace(f, stage="loyalty", framework_ids=()), *mini.findings[1:]))
    with pytest.raises(DesignError, match=r"^f1: 'builds_on' must be ids of other findings"):
        Finding("f1", "lifecycle", "t", "s", builds_on=("f1",))


def test_pt_xyz_findings_cover_the_five_stages(pt_xyz):
    assert {f.stage for f in pt_xyz.findings} == {s.id for s in BUTTLE_2004.stages}
    for f in pt_xyz.findings:
        assert f.bears_on, f.id
        assert all(BUTTLE_2004.stage_of(i) in (f.stage, "value", "network") for i in f.framework_ids), f.id
    gaps = {f.id for f in pt_xyz.findings if not f.evidence}
    assert gaps == {"f_profitability"}

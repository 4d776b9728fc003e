"""Key-informant review records."""

from __future__ import annotations

import pytest

from casestudy.design.review import ReviewPlan, ReviewRecord
from casestudy.errors import DesignError


def test_record_errors():
    with pytest.raises(DesignError, match=r"^rv1: 'date' must be an ISO date YYYY\[-MM\[-DD\]\] \(got '1/5/2024'\)$"):
        ReviewRecord("rv1", "inf01", "f1", "1/5/2024", "confirmed")
    with pytest.raises(DesignError, match=r"^review: 'planned' must be true or false \(got 'yes'\)$"):
        ReviewPlan(planned="yes")  # type: ignore[arg-type]


def test_pt_xyz_says_no_records_are_published(pt_xyz):
    assert pt_xyz.review.planned and pt_xyz.review.records == ()
    assert "publishes no record" in pt_xyz.review.records_note

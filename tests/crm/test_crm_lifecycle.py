"""Lifecycle metrics on a hand-computed ledger: exact fractions, NaN for unobservable cells, row order."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from casestudy.crm.lifecycle import cohort_retention, complaint_rates, customer_flows, repeat_purchase
from casestudy.crm.synthetic import generate_ledger

# a: 2019, 2020, 2022   b: 2019   c: 2020, 2021   d: 2021, 2021   e: 2022
ORDERS = pd.DataFrame({
    "customer_id": ["a", "b", "a", "c", "c", "d", "d", "a", "e"],
    "order_date": pd.to_datetime(["2019-01-10", "2019-05-01", "2020-02-02", "2020-03-03", "2021-01-01",
                                  "2021-04-04", "2021-09-09", "2022-02-02", "2022-11-30"]),
    "complaint": [True, False, False, True, False, False, True, True, False],
})
END = "2022-12-31"


def test_flows_and_both_retention_definitions():
    f = customer_flows(ORDERS, END).set_index("year")
    assert f["active"].tolist() == [2, 2, 2, 2]
    assert f["new"].tolist() == [2, 1, 1, 1]
    # 2020: of {a, b} only a returns -> strict 1/2; textbook (E - N) / S = (2 - 1) / 2
    assert f.loc[2020, "retention_strict"] == Fraction(1, 2)
    assert f.loc[2020, "retention_textbook"] == Fraction(1, 2)
    # 2022: {c, d} -> {a, e}: nobody retained (strict 0) but a is reactivated: textbook (2 - 1) / 2
    assert f.loc[2022, "retained"] == 0 and f.loc[2022, "reactivated"] == 1
    assert f.loc[2022, "retention_strict"] == 0 and f.loc[2022, "churn_strict"] == 1
    assert f.loc[2022, "retention_textbook"] == Fraction(1, 2)
    assert np.isnan(f.loc[2019, "retention_strict"])
    assert f["complete"].all()
    assert not customer_flows(ORDERS, "2022-06-30")["complete"].iloc[-1]


def test_repeat_purchase_measures_exact():
    r = repeat_purchase(ORDERS, END).set_index("measure")
    assert (r.loc["repeat_customer_rate", "numerator"], r.loc["repeat_customer_rate", "denominator"]) == (3, 5)
    assert r.loc["repeat_order_share", "value"] == float(Fraction(4, 9))
    assert r.loc["orders_per_customer", "value"] == float(Fraction(9, 5))


def test_cohort_matrix_unobservable_cells_are_nan_not_zero():
    m = cohort_retention(ORDERS, END)
    ret = m.retention
    assert ret.index.tolist() == [2019, 2020, 2021, 2022]
    assert m.sizes.tolist() == [2, 1, 1, 1]
    assert ret.loc[2019].tolist() == [1.0, 0.5, 0.0, 0.5]
    assert ret.loc[2020, 1] == 1.0  # c (cohort 2020) bought again in 2021
    assert ret.loc[2021, 1] == 0.0  # d bought nothing in 2022: a true zero
    assert np.isnan(ret.loc[2021, 2]) and np.isnan(ret.loc[2022, 1])
    # a partly elapsed year is not observable
    assert np.isnan(cohort_retention(ORDERS, "2022-06-30").retention.loc[2021, 1])
    assert m.summary.columns.tolist() == ["cohort", "customers", "k0", "k1", "k2", "k3"]


def test_cohort_counts_c_in_2021():
    m = cohort_retention(ORDERS, END)
    assert m.active.loc[2020].tolist()[:3] == [1.0, 1.0, 0.0]


def test_monthly_cohorts():
    m = cohort_retention(ORDERS, "2019-05-31", freq="month")
    assert m.retention.index.tolist() == ["2019-01", "2019-05"]
    assert m.retention.loc["2019-01"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert m.retention.loc["2019-05", 0] == 1.0
    assert np.isnan(m.retention.loc["2019-05", 1])


def test_complaint_rates():
    c = complaint_rates(ORDERS, END).set_index("year")
    assert c.loc[2021, ["orders", "complaints"]].tolist() == [3, 1]
    assert c.loc[2021, "rate"] == float(Fraction(1, 3))


def test_row_order_independence_on_synthetic_ledger():
    o = generate_ledger(20240101).orders
    shuffled = o.sample(frac=1.0, random_state=3)
    pd.testing.assert_frame_equal(customer_flows(shuffled, "2023-12-31"), customer_flows(o, "2023-12-31"))
    pd.testing.assert_frame_equal(cohort_retention(shuffled, "2023-12-31").retention,
                                  cohort_retention(o, "2023-12-31").retention)
    pd.testing.assert_frame_equal(repeat_purchase(shuffled, "2023-12-31"), repeat_purchase(o, "2023-12-31"))


@pytest.mark.parametrize("seed", range(5))
def test_synthetic_2023_has_no_new_customers(seed):
    f = customer_flows(generate_ledger(seed).orders, "2023-12-31").set_index("year")
    assert f.loc[2023, "new"] == 0

"""Portfolio metrics on a hand-computed ledger: exact values, deterministic ties, row-order independence."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from casestudy.crm.ledger import LedgerSchema
from casestudy.crm.portfolio import customer_value, rfm, shares_over_time
from casestudy.errors import LedgerError

END = "2022-12-31"


@pytest.fixture
def orders():
    return pd.DataFrame({
        "order_id": ["o1", "o2", "o3", "o4", "o5", "o6"],
        "customer_id": ["a", "b", "a", "c", "d", "b"],
        "order_date": pd.to_datetime(["2021-01-05", "2021-03-01", "2022-02-01", "2022-06-30", "2022-12-31",
                                      "2023-01-02"]),
        "segment": ["B2G", "B2B", "B2G", "B2C", "B2G", "B2B"],
        "business_line": ["software", "hardware", "software", "hardware", "software", "software"],
        "contract_value": [100.0, 50.0, 200.0, 10.0, 40.0, 999.0],
        "commission_rate": [0.1, 0.0, 0.0, 0.2, 0.15, 0.0],
    })


def test_shares_are_exact_and_ignore_orders_after_end(orders):
    s = shares_over_time(orders, END).set_index(["period", "segment"])
    assert s.loc[(2021, "B2G"), "share"] == Fraction(1, 2)
    assert s.loc[(2022, "B2G"), "share"] == pytest.approx(float(Fraction(2, 3)), abs=0)
    assert s.loc[(2022, "B2B"), "orders"] == 0
    assert sorted(s.index.get_level_values(0).unique()) == [2021, 2022]
    lines = shares_over_time(orders, END, by="business_line").set_index(["period", "business_line"])
    assert lines.loc[(2022, "hardware"), "share"] == pytest.approx(float(Fraction(1, 3)), abs=0)


def test_customer_value_is_net_of_commission(orders):
    cv = customer_value(orders, END).set_index("customer_id")
    assert cv.loc["a", "net_value"] == 100 * 0.9 + 200
    assert cv.loc["d", "commission"] == pytest.approx(6.0, abs=1e-12)
    assert cv.loc["b", "orders"] == 1  # the 2023 order falls after the end date
    assert cv.loc["a", "first_order"] == pd.Timestamp("2021-01-05")


def test_rfm_raw_values_and_tie_break(orders):
    r = rfm(orders, END, bins=4).set_index("customer_id")
    assert r.loc[:, "recency_days"].to_dict() == {"a": 333, "b": 670, "c": 184, "d": 0}
    assert r.loc[:, "frequency"].to_dict() == {"a": 2, "b": 1, "c": 1, "d": 1}
    # frequency ties b, c, d broken by id: positions 0, 1, 2 of 4 -> scores 1, 2, 3; a is highest
    assert r.loc[:, "f"].to_dict() == {"a": 4, "b": 1, "c": 2, "d": 3}
    assert r.loc[:, "r"].to_dict() == {"a": 2, "b": 1, "c": 3, "d": 4}
    assert r.loc["a", "rfm"] == 244


def test_results_do_not_depend_on_row_order(orders):
    rng = np.random.default_rng(0)
    for _ in range(5):
        shuffled = orders.iloc[rng.permutation(len(orders))]
        pd.testing.assert_frame_equal(rfm(shuffled, END), rfm(orders, END))
        pd.testing.assert_frame_equal(customer_value(shuffled, END), customer_value(orders, END))
        pd.testing.assert_frame_equal(shares_over_time(shuffled, END), shares_over_time(orders, END))


def test_other_column_names_and_categorical_ids(orders):
    schema = LedgerSchema(customer_id="client", order_date="date")
    renamed = orders.rename(columns={"customer_id": "client", "order_date": "date"})
    a = rfm(renamed, END, schema=schema)
    b = rfm(orders.assign(customer_id=pd.Categorical(orders["customer_id"])), END)
    assert a["r"].tolist() == b["r"].tolist() == rfm(orders, END)["r"].tolist()


def test_bad_arguments(orders):
    with pytest.raises(LedgerError) as err:
        rfm(orders, END, bins=0)
    assert str(err.value) == "'bins' must be a positive integer (got 0)"
    with pytest.raises(LedgerError) as err:
        shares_over_time(orders, None)
    assert str(err.value) == "'end' must be an explicit analysis end date (got None)"

"""Ledger and customer-table schema: typed reads, one clear error per bad value, byte-stable writes."""

from __future__ import annotations

import pandas as pd
import pytest

from casestudy.crm.ledger import (
    LEDGER,
    LedgerSchema,
    read_customers,
    read_ledger,
    tabel1_schema,
    validate_ledger,
    write_ledger,
)
from casestudy.errors import DataFileNotFoundError, LedgerError

ROW = dict(order_id="o1", customer_id="c1", order_date="2019-03-04", segment="B2G", business_line="software",
           region="sidoarjo", contract_value=1000.0, payment_period_days=30, referred=True,
           commission_rate=0.1, complaint=False, provenance="synthetic")


def frame(*changes: dict) -> pd.DataFrame:
    return pd.DataFrame([ROW, {**ROW, "order_id": "o2"}] + [{**ROW, "order_id": f"o{i + 3}", **c}
                                                          for i, c in enumerate(changes)])


@pytest.mark.parametrize("change, message", [
    ({"segment": "B2X"}, "t.csv, row 3: 'segment' must be one of B2B, B2C, B2G (got 'B2X')"),
    ({"order_date": "2019-13-01"}, "t.csv, row 3: 'order_date' must be a date YYYY-MM-DD (got '2019-13-01')"),
    ({"region": "bali"}, "t.csv, row 3: 'region' must be one of sidoarjo, surabaya, gresik, outside_java (got 'bali')"),
    ({"contract_value": -5}, "t.csv, row 3: 'contract_value' must be a positive number up to 1e+15 (got -5.0)"),
    ({"payment_period_days": 2.5}, "t.csv, row 3: 'payment_period_days' must be a whole number of days from 0 to 3650 (got 2.5)"),
    ({"commission_rate": 1.5}, "t.csv, row 3: 'commission_rate' must be a share in [0, 1) (got 1.5)"),
    ({"referred": False, "commission_rate": 0.1},
     "t.csv, row 3: 'commission_rate' must be 0 on an order not referred by an intermediary (got 0.1)"),
    ({"complaint": "maybe"}, "t.csv, row 3: 'complaint' must be a boolean (true or false) (got 'maybe')"),
    ({"order_id": "o1"}, "t.csv, row 3: 'order_id' must be unique (got 'o1')"),
    ({"customer_id": " "}, "t.csv, row 3: 'customer_id' must be a non-empty string (got ' ')"),
    ({"provenance": "real"}, "t.csv, row 3: 'provenance' must be one of published, empirical, illustrative, synthetic (got 'real')"),
])
def test_bad_value_names_row_column_and_expectation(change, message):
    with pytest.raises(LedgerError) as err:
        validate_ledger(frame(change), where="t.csv")
    assert str(err.value) == message


def test_missing_column_is_named():
    with pytest.raises(LedgerError) as err:
        validate_ledger(frame().drop(columns=["region", "complaint"]))
    assert str(err.value) == ("ledger: 'columns' must be present: " + ", ".join(LEDGER.columns)
                              + " (got 'missing region, complaint')")


def test_schema_renames_columns_and_rejects_duplicates():
    schema = LedgerSchema(customer_id="client")
    df = validate_ledger(frame().rename(columns={"customer_id": "client"}), schema)
    assert list(df.columns)[1] == "client"
    with pytest.raises(LedgerError) as err:
        LedgerSchema(region="segment")
    assert str(err.value) == "LedgerSchema: 'columns' must be unique (got 'segment')"


def test_round_trip_is_byte_stable(tmp_path):
    df = validate_ledger(frame({"referred": "false", "commission_rate": 0, "complaint": "TRUE"}))
    p1 = write_ledger(df, tmp_path / "a.csv")
    back = read_ledger(p1)
    assert back.equals(df)
    assert back["complaint"].tolist() == [False, False, True]
    p2 = write_ledger(back, tmp_path / "b.csv")
    assert p1.read_bytes() == p2.read_bytes()
    assert p1.read_text().splitlines()[1] == "o1,c1,2019-03-04,B2G,software,sidoarjo,1000,30,True,0.1,False,synthetic"


def test_bad_file_names_file_and_row(tmp_path):
    p = tmp_path / "orders.csv"
    frame({"segment": "B2G", "region": "mars"}).to_csv(p, index=False)
    with pytest.raises(LedgerError) as err:
        read_ledger(p)
    assert str(err.value) == ("orders.csv, row 3: 'region' must be one of sidoarjo, surabaya, gresik, "
                              "outside_java (got 'mars')")
    with pytest.raises(DataFileNotFoundError):
        read_ledger(tmp_path / "none.csv")


def test_customers_reject_bad_informant(tmp_path):
    row = dict(customer_id="c1", name="A", region="gresik", segment="B2G", first_order_year=2020,
               contract_terms="KAK", payment_terms="60 days", complaints=0, obstacles="", considerations="",
               informant_id="inf3", provenance="synthetic")
    p = tmp_path / "customers.csv"
    pd.DataFrame([row]).to_csv(p, index=False)
    with pytest.raises(LedgerError) as err:
        read_customers(p)
    assert str(err.value) == "customers.csv, row 1: 'informant_id' must be empty or an informant id like 'inf04' (got 'inf3')"


def test_tabel1_covers_the_five_variables():
    t = tabel1_schema()
    assert t["variable_en"].unique().tolist() == ["Customer identity", "Transaction history", "Interaction",
                                                  "Payment", "Preference"]
    assert set(t["table"]) == {"ledger", "customers"}

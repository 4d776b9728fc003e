"""The synthetic ledger reproduces every published aggregate, for many seeds and both readings."""

from __future__ import annotations

import pytest

from casestudy.crm.assumptions import ASSUMPTIONS, READINGS, PublishedTargets, reading
from casestudy.crm.constraints import check_constraints, validate_synthetic
from casestudy.crm.ledger import read_customers, read_ledger
from casestudy.crm.synthetic import generate_ledger
from casestudy.crm.synthetic_io import write_synthetic
from casestudy.errors import LedgerError

SEEDS = range(1000, 1025)
TARGETS = PublishedTargets.from_published()


@pytest.mark.parametrize("reading_id", sorted(READINGS))
def test_constraints_hold_for_25_seeds(reading_id):
    for seed in SEEDS:
        syn = generate_ledger(seed, reading_id, TARGETS)
        table = check_constraints(syn.orders, syn.customers, syn.targets, syn.reading)
        assert table["satisfied"].all(), (seed, table[~table["satisfied"]].to_dict("records"))
        o = syn.orders
        year = o["order_date"].dt.year
        assert year.value_counts().sort_index().tolist() == [10, 19, 27, 16, 21, 34, 31]
        assert int(o.loc[year == 2023, "complaint"].sum()) == 20
        assert set(o["provenance"]) == {"synthetic"}


def test_readings_split_segments_as_stated():
    a = generate_ledger(7, "segments-of-100", TARGETS).orders
    assert (a["segment"].iloc[:100] == "B2G").sum() == 69
    assert (a["segment"].iloc[100:] == "B2G").sum() == 40
    b = generate_ledger(7, "segments-share-of-158", TARGETS).orders
    assert (b["segment"] == "B2G").sum() == 109
    assert READINGS["segments-share-of-158"].blocks(TARGETS) == ((0, 158, 109, 49),)
    assert READINGS["segments-of-100"].blocks(TARGETS) == ((0, 100, 69, 31), (100, 158, 40, 18))


def test_informants_are_customers():
    c = generate_ledger(3, targets=TARGETS).customers
    inf = c[c["informant_id"] != ""].set_index("informant_id")
    assert sorted(inf.index) == ["inf02", "inf03", "inf04", "inf05", "inf06", "inf07", "inf08"]
    assert inf.loc["inf03", ["region", "segment", "first_order_year"]].tolist() == ["gresik", "B2G", 2020]


def test_same_seed_same_bytes_different_seed_differs(tmp_path):
    one = write_synthetic(generate_ledger(11, targets=TARGETS), tmp_path / "a", written_by="test")
    two = write_synthetic(generate_ledger(11, targets=TARGETS), tmp_path / "b", written_by="test")
    for key in one:
        assert one[key].read_bytes() == two[key].read_bytes()
    assert one["ledger"].name == "ledger_reading-segments-of-100_seed-11.csv"
    other = write_synthetic(generate_ledger(12, targets=TARGETS), tmp_path / "c", written_by="test")
    assert other["ledger"].read_bytes() != one["ledger"].read_bytes()
    assert read_ledger(one["ledger"]).equals(generate_ledger(11, targets=TARGETS).orders)
    assert len(read_customers(one["customers"])) == len(generate_ledger(11, targets=TARGETS).customers)
    text = one["assumptions"].read_text()
    assert all(f"id: {a.id}" in text for a in ASSUMPTIONS)


def test_validator_names_the_broken_constraint():
    syn = generate_ledger(5, targets=TARGETS)
    o = syn.orders.copy()
    last = o.index[o["order_date"].dt.year == 2023]
    o.loc[last[0], "complaint"] = not o.loc[last[0], "complaint"]
    with pytest.raises(LedgerError) as err:
        validate_synthetic(o, syn.customers, syn.targets, syn.reading, where="x")
    assert str(err.value) in ("x: 'complaints_last_year' must be orders of 2023 with a complaint (got '21')",
                              "x: 'complaints_last_year' must be orders of 2023 with a complaint (got '19')")
    o = syn.orders.copy()
    o.loc[o.index[-1], "customer_id"] = "SYN-NEW"
    with pytest.raises(LedgerError) as err:
        validate_synthetic(o, syn.customers, syn.targets, syn.reading, where="x")
    assert str(err.value) == "x: 'returning_last_year' must be orders of 2023 from customers new that year (got '1')"


def test_unknown_reading():
    with pytest.raises(LedgerError) as err:
        reading("segments-of-99")
    assert str(err.value) == "'reading' must be one of segments-of-100, segments-share-of-158 (got 'segments-of-99')"

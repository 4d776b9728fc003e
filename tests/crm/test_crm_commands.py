"""`casestudy ledger generate|check` and `casestudy audit` from the command line."""

from __future__ import annotations

from casestudy.cli import main


def test_generate_then_check(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CASESTUDY_OUTPUT_ROOT", str(tmp_path))
    assert main(["ledger", "generate", "--seed", "3", "--reading", "segments-share-of-158"]) == 0
    out = capsys.readouterr().out
    assert "ledger: data/synthetic/ledger_reading-segments-share-of-158_seed-3.csv" in out
    folder = tmp_path / "data" / "synthetic"
    ledger = folder / "ledger_reading-segments-share-of-158_seed-3.csv"
    customers = folder / "customers_reading-segments-share-of-158_seed-3.csv"
    assert main(["ledger", "check", str(ledger), "--customers", str(customers),
                 "--reading", "segments-share-of-158"]) == 0
    assert "FAIL" not in capsys.readouterr().out
    assert main(["ledger", "check", str(ledger), "--customers", str(customers), "--reading", "segments-of-100"]) == 1
    assert "FAIL segments_1_100" in capsys.readouterr().out


def test_bad_ledger_is_one_line_error(tmp_path, capsys):
    bad = tmp_path / "orders.csv"
    bad.write_text("order_id,customer_id\no1,c1\n", encoding="utf-8")
    assert main(["ledger", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("casestudy: error: orders.csv: 'columns' must be present: order_id, customer_id, ")
    assert err.count("\n") == 1


def test_audit_prints_verdicts(capsys):
    assert main(["audit"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "21 distinct claims (31 readings): consistent: 5, inconsistent: 10, not checkable: 3, cannot fail: 3")

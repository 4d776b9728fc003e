"""Reading long reliability CSVs: one clear error per malformed row, naming the line."""

from __future__ import annotations

import io

import pytest

from casestudy.errors import ReliabilityError
from casestudy.reliability.table import read_reliability_table


def _read(text, **kw):
    return read_reliability_table(io.StringIO(text), where="irr.csv", **kw)


def test_missing_rows_and_empty_values_are_missing():
    m = _read("unit,coder,value\nu1,a,x\nu1,b,y\nu2,a,x\nu2,b,\nu3,b,z\n")
    assert m.index.tolist() == ["u1", "u2", "u3"] and m.columns.tolist() == ["a", "b"]
    assert m.isna().values.tolist() == [[False, False], [False, True], [True, False]]


@pytest.mark.parametrize("text, message", [
    ("unit,rater,value\n1,a,1\n", "irr.csv, line 1: 'header' must be unit,coder,value (got 'unit,rater,value')"),
    ("", "irr.csv, line 1: 'header' must be unit,coder,value (got '')"),
    ("unit,coder,value\n1,a,1,2\n", "irr.csv, line 2: 'fields' must be 3 fields (unit,coder,value) (got 4)"),
    ("unit,coder,value\n1,a,1\n,b,1\n", "irr.csv, line 3: 'unit' must be a non-empty unit id (got '')"),
    ("unit,coder,value\n1,a,1\n1, ,1\n", "irr.csv, line 3: 'coder' must be a non-empty coder id (got '')"),
    ("unit,coder,value\n1,a,1\n1,b,2\n1,a,2\n",
     "irr.csv, line 4: '(unit, coder)' must be unique (first on line 2) (got ('1', 'a'))"),
    ("unit,coder,value\n1,a,1\n2,a,0\n", "irr.csv: 'coders' must be at least two coders (got ['a'])"),
    ("unit,coder,value\n1,a,\n", "irr.csv: 'rows' must be at least one value (got 0)"),
])
def test_malformed_csv_is_one_clear_error(text, message):
    with pytest.raises(ReliabilityError) as exc:
        _read(text)
    assert str(exc.value) == message


def test_numeric_level_needs_numbers_and_names_the_line():
    with pytest.raises(ReliabilityError) as exc:
        _read("unit,coder,value\n1,a,1\n1,b,nan\n", level="ratio")
    assert str(exc.value) == "irr.csv, line 3: 'value' must be a number at the ratio level (got 'nan')"
    assert _read("unit,coder,value\n1,a,1.5\n1,b,2\n", level="interval").values.tolist() == [[1.5, 2.0]]


def test_unknown_coder_and_level():
    with pytest.raises(ReliabilityError) as exc:
        _read("unit,coder,value\n1,a,1\n1,b,1\n", coders=["a", "c"])
    assert str(exc.value) == "irr.csv: 'coders' must be coders of the file (a, b) (got 'c')"
    with pytest.raises(ReliabilityError) as exc:
        _read("unit,coder,value\n", level="metric")
    assert str(exc.value) == "irr.csv: 'level' must be one of nominal, ordinal, interval, ratio (got 'metric')"

"""The order ledger and the customer table: schema, validation and CSV read/write.

One row of the *ledger* is one order (Tabel 2 counts orders per year); one row
of the *customer table* is one customer, holding the variables of the paper's
customer database (Tabel 1: identity, transaction history, interaction,
payment, preference). :data:`TABEL1_VARIABLES` maps each Tabel 1 variable onto
a column of one of the two tables, so the paper's Tabel 1 can be rendered from
this schema.

Validation is vectorised and fails on the first problem with one
:class:`~casestudy.errors.LedgerError` naming the file (or table), the 1-based
data row, the column and what was expected.

Examples
--------
>>> import pandas as pd
>>> row = dict(order_id="o1", customer_id="c1", order_date="2019-03-04", segment="B2G",
...            business_line="software", region="sidoarjo", contract_value=1000.0,
...            payment_period_days=30, referred=True, commission_rate=0.1,
...            complaint=False, provenance="synthetic")
>>> validate_ledger(pd.DataFrame([row]))["order_date"].dt.year.tolist()
[2019]
>>> validate_ledger(pd.DataFrame([{**row, "segment": "B2X"}]), where="x.csv")
Traceback (most recent call last):
...
casestudy.errors.LedgerError: x.csv, row 1: 'segment' must be one of B2B, B2C, B2G (got 'B2X')
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from datetime import date
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from casestudy.errors import DataFileNotFoundError, LedgerError, expectation
from casestudy.provenance import PROVENANCES
from casestudy.validators import check_unique

__all__ = [
    "SEGMENTS", "BUSINESS_LINES", "REGIONS", "LedgerSchema", "CustomerSchema", "LEDGER", "CUSTOMERS",
    "TABEL1_VARIABLES", "tabel1_schema", "validate_ledger", "validate_customers", "read_ledger",
    "write_ledger", "read_customers", "write_customers", "EARLIEST_ORDER", "MAX_CONTRACT_VALUE",
    "MAX_PAYMENT_DAYS",
]

#: Bounds that catch typing and unit mistakes (a 1e23 payment period, a 1e308 amount, an order in 2099).
EARLIEST_ORDER = "1990-01-01"
MAX_CONTRACT_VALUE = 1e15
MAX_PAYMENT_DAYS = 3650

SEGMENTS = ("B2B", "B2C", "B2G")
#: The four business lines of the paper's portfolio analysis.
BUSINESS_LINES = ("telecommunications", "hardware", "digital_content", "software")
#: Regions the paper says the firm reached (see ``data/published/geographic_reach.csv``).
REGIONS = ("sidoarjo", "surabaya", "gresik", "outside_java")
_TRUE = {"true": True, "false": False, "1": True, "0": False}


@dataclass(frozen=True)
class LedgerSchema:
    """Column names of an order ledger (one row per order).

    Functions of :mod:`casestudy.crm` take a schema so that any ledger whose
    columns are named differently can be analysed without renaming.

    Examples
    --------
    >>> LedgerSchema(customer_id="client").customer_id
    'client'
    >>> LedgerSchema().columns[:3]
    ('order_id', 'customer_id', 'order_date')
    """

    order_id: str = "order_id"
    customer_id: str = "customer_id"
    order_date: str = "order_date"
    segment: str = "segment"
    business_line: str = "business_line"
    region: str = "region"
    contract_value: str = "contract_value"
    payment_period_days: str = "payment_period_days"
    referred: str = "referred"
    commission_rate: str = "commission_rate"
    complaint: str = "complaint"
    provenance: str = "provenance"

    def __post_init__(self) -> None:
        check_unique("columns", self.columns, LedgerError, where="LedgerSchema")

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names in canonical order."""
        return tuple(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class CustomerSchema:
    """Column names of the customer table (Tabel 1 variables, one row per customer).

    ``informant_id`` links a customer to an informant of the design
    (``inf02``..``inf08``) and is empty for every other customer.
    """

    customer_id: str = "customer_id"
    name: str = "name"
    region: str = "region"
    segment: str = "segment"
    first_order_year: str = "first_order_year"
    contract_terms: str = "contract_terms"
    payment_terms: str = "payment_terms"
    complaints: str = "complaints"
    obstacles: str = "obstacles"
    considerations: str = "considerations"
    informant_id: str = "informant_id"
    provenance: str = "provenance"

    def __post_init__(self) -> None:
        check_unique("columns", self.columns, LedgerError, where="CustomerSchema")

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names in canonical order."""
        return tuple(getattr(self, f.name) for f in fields(self))


LEDGER = LedgerSchema()
CUSTOMERS = CustomerSchema()

#: Tabel 1 of the paper (variable, sub-variable) -> (table, column, meaning). The printed
#: table's columns are garbled; this is the package's reconstruction.
TABEL1_VARIABLES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Identitas Pelanggan", "Nama organisasi/instansi/individu", "Customer identity", "customers", "name",
     "Name of the organisation, agency or person"),
    ("Identitas Pelanggan", "Lokasi organisasi/instansi/individu", "Customer identity", "customers", "region",
     "Where the customer is located"),
    ("Riwayat Transaksi", "Tahun pemesanan", "Transaction history", "ledger", "order_date",
     "When the order was placed (for follow-up service and repairs)"),
    ("Riwayat Transaksi", "Jenis pemesanan", "Transaction history", "ledger", "business_line",
     "What kind of work was ordered"),
    ("Interaksi", "Perjanjian kerja/kontrak", "Interaction", "customers", "contract_terms",
     "The work agreement or contract used"),
    ("Interaksi", "Keluhan/kesesuaian", "Interaction", "ledger", "complaint",
     "Whether the delivered work drew a complaint (conformity with the contract)"),
    ("Metode Pembayaran", "Nilai kontrak", "Payment", "ledger", "contract_value",
     "Price of the order (IDR)"),
    ("Metode Pembayaran", "Periode pembayaran", "Payment", "ledger", "payment_period_days",
     "Payment period agreed (days)"),
    ("Preferensi", "Hambatan yang dialami", "Preference", "customers", "obstacles",
     "Obstacles met in the work"),
    ("Preferensi", "Pertimbangan", "Preference", "customers", "considerations",
     "Considerations for accepting, re-pricing or refusing work"),
)


def tabel1_schema() -> pd.DataFrame:
    """Return Tabel 1 (the customer database variables) as the package encodes it.

    Returns
    -------
    pandas.DataFrame
        Columns ``variable_id`` (Indonesian), ``sub_variable_id``, ``variable_en``,
        ``table`` (``ledger`` or ``customers``), ``column``, ``meaning_en``.

    Examples
    --------
    >>> t = tabel1_schema()
    >>> t.shape
    (10, 6)
    >>> t.loc[t["column"] == "contract_value", "variable_en"].item()
    'Payment'
    """
    return pd.DataFrame(
        list(TABEL1_VARIABLES),
        columns=["variable_id", "sub_variable_id", "variable_en", "table", "column", "meaning_en"],
    )


def _fail(where: str, mask: np.ndarray, column: str, expected: str, values: pd.Series) -> None:
    if mask.any():
        i = int(np.flatnonzero(mask)[0])
        value = values.iloc[i]
        value = value.item() if isinstance(value, np.generic) else value
        raise LedgerError(expectation(column, expected, value, f"{where}, row {i + 1}"))


def _require_columns(df: pd.DataFrame, columns: tuple[str, ...], where: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise LedgerError(expectation("columns", "present: " + ", ".join(columns), "missing " + ", ".join(missing), where))


def _text(df: pd.DataFrame, col: str, where: str) -> pd.Series:
    s = df[col]
    bad = ~s.map(lambda v: isinstance(v, str) and bool(v.strip())).to_numpy(bool)
    _fail(where, bad, col, "a non-empty string", s)
    return s.astype(str)


def _choice(df: pd.DataFrame, col: str, allowed: tuple[str, ...], where: str) -> pd.Series:
    s = df[col]
    _fail(where, ~s.isin(allowed).to_numpy(bool), col, "one of " + ", ".join(allowed), s)
    return s.astype(str)


def _number(df: pd.DataFrame, col: str, where: str, expected: str,
            ok: Callable[[np.ndarray], np.ndarray]) -> pd.Series:
    s = df[col]
    num = pd.to_numeric(s, errors="coerce").astype(float)
    good = np.isfinite(num.to_numpy()) & ok(num.to_numpy())
    _fail(where, ~good, col, expected, s)
    return num


def _boolean(df: pd.DataFrame, col: str, where: str) -> pd.Series:
    s = df[col]
    if s.dtype == bool:
        return s
    mapped = s.map(lambda v: v if isinstance(v, (bool, np.bool_)) else _TRUE.get(str(v).strip().lower()))
    _fail(where, mapped.isna().to_numpy(bool), col, "a boolean (true or false)", s)
    return mapped.astype(bool)


def validate_ledger(df: pd.DataFrame, schema: LedgerSchema = LEDGER, where: str = "ledger") -> pd.DataFrame:
    """Check an order ledger and return a typed copy.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per order, columns named by ``schema``.
    schema : LedgerSchema
        Column names.
    where : str
        Name of the table or file, used in error messages.

    Returns
    -------
    pandas.DataFrame
        The ledger with ``order_date`` as ``datetime64``, numbers as floats or
        integers and flags as booleans, rows in their original order.

    Raises
    ------
    LedgerError
        The first problem found, naming ``where``, the 1-based row, the column
        and what was expected: missing columns, empty or duplicate order ids,
        unparseable dates, unknown segment, business line, region or
        provenance, non-positive contract values, negative or fractional
        payment periods, commission outside [0, 1), a commission on an order not
        referred, or a flag that is not a boolean.
    """
    s = schema
    _require_columns(df, s.columns, where)
    out = df.loc[:, list(s.columns)].reset_index(drop=True).copy()
    out[s.order_id] = _text(out, s.order_id, where)
    dup = out[s.order_id].duplicated().to_numpy()
    _fail(where, dup, s.order_id, "unique", out[s.order_id])
    out[s.customer_id] = _text(out, s.customer_id, where) if out[s.customer_id].dtype != "category" else out[s.customer_id]
    dates = pd.to_datetime(out[s.order_date], format="ISO8601", errors="coerce") if out[s.order_date].dtype == object or \
        pd.api.types.is_string_dtype(out[s.order_date]) else out[s.order_date]
    _fail(where, pd.isna(dates).to_numpy(bool), s.order_date, "a date YYYY-MM-DD", out[s.order_date])
    dates = pd.to_datetime(dates)
    bad = ((dates < pd.Timestamp(EARLIEST_ORDER)) | (dates > pd.Timestamp(date.today()))).to_numpy(bool)
    _fail(where, bad, s.order_date, f"a date from {EARLIEST_ORDER} to today", out[s.order_date])
    out[s.order_date] = dates.astype("datetime64[ns]")
    out[s.segment] = _choice(out, s.segment, SEGMENTS, where)
    out[s.business_line] = _choice(out, s.business_line, BUSINESS_LINES, where)
    out[s.region] = _choice(out, s.region, REGIONS, where)
    out[s.contract_value] = _number(out, s.contract_value, where, f"a positive number up to {MAX_CONTRACT_VALUE:.0e}",
                                    lambda v: (v > 0) & (v <= MAX_CONTRACT_VALUE))
    days = _number(out, s.payment_period_days, where, f"a whole number of days from 0 to {MAX_PAYMENT_DAYS}",
                   lambda v: (v >= 0) & (v <= MAX_PAYMENT_DAYS) & (v == np.round(v)))
    out[s.payment_period_days] = days.astype("int64")
    out[s.referred] = _boolean(out, s.referred, where)
    rate = _number(out, s.commission_rate, where, "a share in [0, 1)", lambda v: (v >= 0) & (v < 1))
    _fail(where, (~out[s.referred].to_numpy()) & (rate.to_numpy() != 0), s.commission_rate,
          "0 on an order not referred by an intermediary", df[s.commission_rate].reset_index(drop=True))
    out[s.commission_rate] = rate
    out[s.complaint] = _boolean(out, s.complaint, where)
    out[s.provenance] = _choice(out, s.provenance, PROVENANCES, where)
    return out


def validate_customers(df: pd.DataFrame, schema: CustomerSchema = CUSTOMERS, where: str = "customers") -> pd.DataFrame:
    """Check a customer table (Tabel 1 variables) and return a typed copy.

    Raises
    ------
    LedgerError
        Missing columns, empty or duplicate customer ids, unknown region,
        segment or provenance, a first order year that is not a whole year, a
        negative complaint count, or an informant id not of the form ``infNN``.

    Examples
    --------
    >>> import pandas as pd
    >>> row = dict(customer_id="c1", name="Agency A", region="gresik", segment="B2G",
    ...            first_order_year=2020, contract_terms="KAK", payment_terms="60 days",
    ...            complaints=-1, obstacles="", considerations="", informant_id="inf03",
    ...            provenance="synthetic")
    >>> validate_customers(pd.DataFrame([row]))
    Traceback (most recent call last):
    ...
    casestudy.errors.LedgerError: customers, row 1: 'complaints' must be a whole number >= 0 (got -1)
    """
    s = schema
    _require_columns(df, s.columns, where)
    out = df.loc[:, list(s.columns)].reset_index(drop=True).copy()
    out[s.customer_id] = _text(out, s.customer_id, where)
    _fail(where, out[s.customer_id].duplicated().to_numpy(), s.customer_id, "unique", out[s.customer_id])
    out[s.name] = _text(out, s.name, where)
    out[s.region] = _choice(out, s.region, REGIONS, where)
    out[s.segment] = _choice(out, s.segment, SEGMENTS, where)
    year = _number(out, s.first_order_year, where, "a whole year", lambda v: v == np.round(v))
    out[s.first_order_year] = year.astype("int64")
    n = _number(out, s.complaints, where, "a whole number >= 0", lambda v: (v >= 0) & (v == np.round(v)))
    out[s.complaints] = n.astype("int64")
    for col in (s.contract_terms, s.payment_terms, s.obstacles, s.considerations, s.informant_id):
        out[col] = out[col].fillna("").astype(str)
    inf = out[s.informant_id]
    bad = ((inf != "") & ~inf.str.fullmatch(r"inf\d{2}")).to_numpy(bool)
    _fail(where, bad, s.informant_id, "empty or an informant id like 'inf04'", inf)
    _fail(where, (inf.duplicated() & (inf != "")).to_numpy(bool), s.informant_id, "unique", inf)
    out[s.provenance] = _choice(out, s.provenance, PROVENANCES, where)
    return out


def _read_csv(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, str]:
    """Read a CSV strictly: UTF-8, a header, every row as long as the header; one clear error otherwise."""
    p = Path(path)
    if not p.is_file():
        raise DataFileNotFoundError(expectation("file", "an existing CSV file", str(p.name), str(p)))
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LedgerError(expectation("encoding", "UTF-8", f"invalid byte at offset {exc.start}", p.name)) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header:
            raise LedgerError(expectation("header", "a first line naming the columns", "an empty file",
                                          f"{p.name}, line 1"))
        for row in reader:
            if row and len(row) != len(header):
                raise LedgerError(expectation("row", f"{len(header)} fields (as the header)", len(row),
                                              f"{p.name}, line {reader.line_num}"))
    except csv.Error as exc:
        raise LedgerError(expectation("csv", "well-formed CSV", str(exc), f"{p.name}, line {reader.line_num}")) from None
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False), p.name


def read_ledger(path: str | os.PathLike[str], schema: LedgerSchema = LEDGER) -> pd.DataFrame:
    """Read and validate a ledger CSV; errors name the file, row and column."""
    df, name = _read_csv(path)
    return validate_ledger(df, schema, where=name)


def read_customers(path: str | os.PathLike[str], schema: CustomerSchema = CUSTOMERS) -> pd.DataFrame:
    """Read and validate a customer table CSV; errors name the file, row and column."""
    df, name = _read_csv(path)
    return validate_customers(df, schema, where=name)


def write_ledger(df: pd.DataFrame, path: str | os.PathLike[str], schema: LedgerSchema = LEDGER) -> Path:
    """Validate ``df`` and write it as CSV (dates ``YYYY-MM-DD``, ``\\n`` line ends): same frame, same bytes."""
    out = validate_ledger(df, schema)
    out[schema.order_date] = out[schema.order_date].dt.strftime("%Y-%m-%d")
    value = out[schema.contract_value]
    if (value == value.round()).all():
        out[schema.contract_value] = value.astype("int64")
    p = Path(path)
    out.to_csv(p, index=False, lineterminator="\n")
    return p


def write_customers(df: pd.DataFrame, path: str | os.PathLike[str], schema: CustomerSchema = CUSTOMERS) -> Path:
    """Validate ``df`` and write it as CSV with ``\\n`` line ends."""
    out = validate_customers(df, schema)
    p = Path(path)
    out.to_csv(p, index=False, lineterminator="\n")
    return p

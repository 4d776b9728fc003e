"""The numbers the PT. XYZ paper prints, loaded from ``data/published/`` with checksums.

Every file under ``data/`` is listed in ``data/SHA256SUMS`` (``sha256sum``
format). Loading a published table first checks its checksum, so an edited or
missing file fails loudly, naming the file and the checksum expected.

Examples
--------
>>> orders_per_year()[["year", "orders"]].head(3).to_dict("records")
[{'year': 2017, 'orders': 10}, {'year': 2018, 'orders': 19}, {'year': 2019, 'orders': 27}]
>>> fact("complaints_2023")
20.0
>>> sorted(tables())
['facts', 'geographic_reach', 'orders_per_year']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import pandas as pd

from casestudy import paths
from casestudy.errors import DataFileNotFoundError, DataIntegrityError, expectation
from casestudy.checksums import sha256_file

__all__ = [
    "CHECKSUMS_NAME",
    "read_checksums",
    "write_checksums",
    "verify_file",
    "verify_data",
    "orders_per_year",
    "facts",
    "fact",
    "geographic_reach",
    "tables",
]

CHECKSUMS_NAME = "SHA256SUMS"
_COLUMNS: dict[str, dict[str, Literal["int64", "float64", "str"]]] = {
    "orders_per_year": {"year": "int64", "orders": "int64", "section": "str", "location": "str"},
    "facts": {"fact_id": "str", "value": "float64", "unit": "str", "printed": "str", "section": "str",
              "location": "str", "statement": "str"},
    "geographic_reach": {"region": "str", "first_year": "int64", "printed": "str", "section": "str", "location": "str"},
}


def _checksums_path() -> Path:
    return paths.data_dir() / CHECKSUMS_NAME


def read_checksums() -> dict[str, str]:
    """Return ``{path relative to data/: sha256}`` from ``data/SHA256SUMS``."""
    p = _checksums_path()
    if not p.exists():
        raise DataFileNotFoundError(expectation("data/SHA256SUMS", "a checksum file (make it with 'casestudy data checksums --write')", "missing"))
    out: dict[str, str] = {}
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise DataIntegrityError(expectation("line", "'<sha256>  <path>'", line, f"data/SHA256SUMS, line {n}"))
        out[name] = digest
    return out


def _data_files() -> list[Path]:
    root = paths.data_dir()
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.name != CHECKSUMS_NAME and not p.name.startswith(".")
        and "__pycache__" not in p.parts
    )


def write_checksums() -> Path:
    """Write ``data/SHA256SUMS`` for every file under ``data/`` (sorted, LF line endings)."""
    root = paths.data_dir()
    lines = [f"{sha256_file(p)}  {p.relative_to(root).as_posix()}" for p in _data_files()]
    out = _checksums_path()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return out


def verify_file(relative: str | os.PathLike[str]) -> Path:
    """Check one file under ``data/`` against its recorded checksum; return its path.

    Raises
    ------
    DataFileNotFoundError
        The file is missing (the message names the checksum expected).
    DataIntegrityError
        The file differs from its checksum, or has none recorded.
    """
    rel = Path(relative).as_posix()
    expected = read_checksums().get(rel)
    path = paths.data_dir() / rel
    where = f"data/{rel}"
    if expected is None:
        raise DataIntegrityError(expectation("sha256", "recorded in data/SHA256SUMS", "no entry", where))
    if not path.exists():
        raise DataFileNotFoundError(expectation("file", f"present with sha256 {expected}", "missing", where))
    actual = sha256_file(path)
    if actual != expected:
        raise DataIntegrityError(expectation("sha256", expected, actual, where))
    return path


def verify_data() -> pd.DataFrame:
    """Compare every file under ``data/`` with ``data/SHA256SUMS``.

    Returns
    -------
    pandas.DataFrame
        Columns ``path``, ``problem`` (``missing``, ``checksum differs``, ``not listed``); empty when all agree.
    """
    recorded = read_checksums()
    root = paths.data_dir()
    problems = []
    for rel, digest in sorted(recorded.items()):
        p = root / rel
        if not p.exists():
            problems.append((f"data/{rel}", "missing"))
        elif sha256_file(p) != digest:
            problems.append((f"data/{rel}", "checksum differs"))
    for p in _data_files():
        rel = p.relative_to(root).as_posix()
        if rel not in recorded:
            problems.append((f"data/{rel}", "not listed"))
    return pd.DataFrame(problems, columns=["path", "problem"])


def _load(name: str) -> pd.DataFrame:
    rel = f"published/{name}.csv"
    path = verify_file(rel)
    columns = _COLUMNS[name]
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(df.columns) != list(columns):
        raise DataIntegrityError(expectation("columns", ", ".join(columns), ", ".join(df.columns), f"data/{rel}"))
    for col, dtype in columns.items():
        if dtype == "str":
            continue
        try:
            df[col] = pd.to_numeric(df[col], errors="raise").astype(dtype)
        except (ValueError, TypeError):
            bad = next(i for i, v in enumerate(df[col]) if not _is_number(v))
            raise DataIntegrityError(
                expectation(col, "a number", df[col].iloc[bad], f"data/{rel}, line {bad + 2}")
            ) from None
    return df


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def orders_per_year() -> pd.DataFrame:
    """Tabel 2 of the paper: orders per year, 2017-2023, with section and location."""
    return _load("orders_per_year")


def facts() -> pd.DataFrame:
    """Every scalar the paper prints about PT. XYZ, with the printed form, section and location."""
    return _load("facts")


def fact(fact_id: str) -> float:
    """Return the value of one published fact."""
    df = facts()
    row = df.loc[df["fact_id"] == fact_id, "value"]
    if row.empty:
        raise DataIntegrityError(expectation("fact_id", "an id in data/published/facts.csv", fact_id))
    return float(row.iloc[0])


def geographic_reach() -> pd.DataFrame:
    """The year the firm first reached each region (paper section IV, customer lifecycle)."""
    return _load("geographic_reach")


def tables() -> dict[str, pd.DataFrame]:
    """Every published table by name, for evidence selectors of the design."""
    return {name: _load(name) for name in sorted(_COLUMNS)}

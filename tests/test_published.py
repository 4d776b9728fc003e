"""Published numbers: values as printed, checksums, and clear errors for edited or missing files."""

from __future__ import annotations

import shutil

import pytest

from casestudy import paths, published
from casestudy.checksums import sha256_file
from casestudy.errors import DataFileNotFoundError, DataIntegrityError


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    """A throwaway copy of the project's data with its checksums."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copytree(paths.published_dir(), root / "data" / "published")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("CASESTUDY_PROJECT_ROOT", str(root))
    published.write_checksums()
    return root


def test_tabel2_is_as_printed():
    df = published.orders_per_year()
    assert dict(zip(df["year"], df["orders"])) == {
        2017: 10, 2018: 19, 2019: 27, 2020: 16, 2021: 21, 2022: 34, 2023: 31,
    }
    assert set(df["location"]) == {"Tabel 2 (Transaksi Penjualan)"}


def test_every_fact_of_case_facts_section_3():
    values = dict(zip(published.facts()["fact_id"], published.facts()["value"]))
    assert values == {
        "b2g_transactions": 69, "other_transactions": 31, "growth_factor_2023": 1.5,
        "growth_orders_2023": 31, "complaints_2023": 20, "complaint_base_transactions_2023": 32,
        "commission_min": 0.10, "commission_max": 0.20, "key_respondents": 9, "founding_year": 2017,
        "founding_year_alt": 2018, "competitors_max": 10, "requirements_months_min": 1,
        "requirements_months_max": 3, "gresik_app_year": 2020, "gresik_staff_mean_age_min": 45,
        "internet_use_2018": 39.90, "internet_use_2022": 66.48,
    }
    assert published.facts()["section"].str.match(r"^(I|III|IV) ").all()


def test_geographic_reach():
    df = published.geographic_reach()
    assert dict(zip(df["region"], df["first_year"])) == {
        "sidoarjo": 2017, "surabaya": 2019, "gresik": 2020, "outside_java": 2021,
    }


def test_every_data_file_matches_sha256sums():
    assert published.verify_data().to_dict("records") == []


def test_edited_file_names_file_and_expected_checksum(project_copy):
    expected = published.read_checksums()["published/orders_per_year.csv"]
    target = project_copy / "data" / "published" / "orders_per_year.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("2023,31", "2023,46"), encoding="utf-8")
    actual = sha256_file(target)
    with pytest.raises(DataIntegrityError) as err:
        published.orders_per_year()
    assert str(err.value) == f"data/published/orders_per_year.csv: 'sha256' must be {expected} (got {actual!r})"
    assert published.verify_data().to_dict("records") == [
        {"path": "data/published/orders_per_year.csv", "problem": "checksum differs"}
    ]


def test_missing_file_names_file_and_expected_checksum(project_copy):
    expected = published.read_checksums()["published/facts.csv"]
    (project_copy / "data" / "published" / "facts.csv").unlink()
    with pytest.raises(DataFileNotFoundError) as err:
        published.fact("complaints_2023")
    assert str(err.value) == (
        f"data/published/facts.csv: 'file' must be present with sha256 {expected} (got 'missing')"
    )


def test_unlisted_file_is_reported(project_copy):
    (project_copy / "data" / "published" / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert published.verify_data().to_dict("records") == [
        {"path": "data/published/extra.csv", "problem": "not listed"}
    ]


def test_unknown_fact():
    with pytest.raises(DataIntegrityError, match=r"^'fact_id' must be an id in data/published/facts.csv \(got 'x'\)$"):
        published.fact("x")

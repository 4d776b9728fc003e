"""casestudy.paths resolves every location from the project root."""

from __future__ import annotations

from pathlib import Path

from casestudy import paths


def test_project_root_holds_pyproject_and_data():
    root = paths.project_root()
    assert (root / "pyproject.toml").is_file()
    assert (root / "data").is_dir()
    assert (root / "casestudy" / "paths.py").is_file()


def test_inputs_live_under_the_project_root():
    root = paths.project_root()
    assert paths.data_dir() == root / "data"
    assert paths.published_dir() == root / "data" / "published"
    assert paths.design_dir() == root / "data" / "design"
    assert paths.codebooks_dir() == root / "data" / "codebooks"
    assert paths.corpus_dir() == root / "data" / "corpus"
    assert paths.notebooks_dir() == root / "notebooks"


def test_outputs_follow_the_output_root(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.OUTPUT_ROOT_ENV, str(tmp_path))
    assert paths.output_root() == tmp_path.resolve()
    assert paths.reports_dir() == tmp_path.resolve() / "reports"
    assert paths.figures_dir() == tmp_path.resolve() / "reports" / "figures"
    assert paths.tables_dir() == tmp_path.resolve() / "reports" / "tables"
    assert paths.synthetic_dir() == tmp_path.resolve() / "data" / "synthetic"
    assert paths.build_dir() == tmp_path.resolve() / "build"


def test_outputs_default_to_the_project_root(monkeypatch):
    monkeypatch.delenv(paths.OUTPUT_ROOT_ENV, raising=False)
    assert paths.reports_dir() == paths.project_root() / "reports"


def test_display_path_is_relative_never_absolute(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.OUTPUT_ROOT_ENV, str(tmp_path))
    assert paths.display_path(tmp_path / "reports" / "tables" / "x.csv") == "reports/tables/x.csv"
    assert paths.display_path(paths.project_root() / "data" / "published" / "facts.csv") == "data/published/facts.csv"
    assert paths.display_path(Path("/somewhere/else/file.txt")) == "file.txt"


def test_project_root_can_be_named_by_environment(monkeypatch, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("CASESTUDY_PROJECT_ROOT", str(tmp_path / "data"))
    assert paths.project_root() == tmp_path

"""environment.yml, pyproject.toml and the lock file agree."""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from casestudy import paths

ROOT = paths.project_root()


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_environment_python_matches_requires_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    version = python.split("=", 1)[1]
    assert SpecifierSet(_pyproject()["project"]["requires-python"]).contains(version + ".0")


def test_environment_installs_lock_and_every_non_benchmark_extra():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-r requirements/lock.txt" in pip
    editable = next(p for p in pip if p.startswith("-e ."))
    extras = set(editable.split("[", 1)[1].rstrip("]").split(","))
    declared = set(_pyproject()["project"]["optional-dependencies"]) - {"bench"}
    assert extras == declared


def test_every_runtime_and_test_dependency_is_pinned_within_its_range():
    project = _pyproject()["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    pins = _lock()
    problems = []
    for spec in requirements:
        req = Requirement(spec)
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None:
            problems.append(f"{req.name}: not pinned in requirements/lock.txt")
        elif not req.specifier.contains(pinned, prereleases=True):
            problems.append(f"{req.name}: pinned {pinned} outside {req.specifier}")
    assert problems == []


def test_lock_pins_exact_versions_only():
    for line in (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines():
        assert "==" in line, line

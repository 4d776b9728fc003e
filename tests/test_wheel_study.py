"""The package from a built wheel, in a fresh virtual environment, runs a study from an empty folder.

Nothing may silently fall back to this repository: the wheel is installed (not the editable
checkout) into a new virtual environment whose only other path is the project's installed
dependencies, and the whole path runs in a temporary folder outside the repository, so
frameworks, templates and schemas must come from the wheel's package data. The README's "Start
your own study" block is run the same way, as a user would paste it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "library_study"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv with casestudy installed from a wheel built now."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "reports", "notebooks",
                                                             "*.egg-info", "__pycache__", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(base / "dist"), str(src)], check=True, cwd=base)
    wheel = next((base / "dist").glob("casestudy-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    site = next(env_dir.glob("lib/python*/site-packages"))
    # the project's dependencies only: a plain path entry (the editable checkout's finder is not loaded)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, cwd=base)
    where = subprocess.run([str(python), "-c", "import casestudy; print(casestudy.__file__)"], check=True,
                           capture_output=True, text=True, cwd=base).stdout.strip()
    assert where.startswith(str(site)), where            # the wheel's copy, not the checkout
    return env_dir / "bin"


def _env(bin_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASESTUDY_")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["SOURCE_DATE_EPOCH"] = "1704067200"
    return env


def sh(bin_dir: Path, cwd: Path, *argv: str) -> str:
    done = subprocess.run([str(bin_dir / "casestudy"), *argv], cwd=cwd, env=_env(bin_dir), capture_output=True,
                          text=True)
    assert done.returncode == 0, (argv, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stdout


def test_whole_path_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    sh(installed, tmp_path, "init", "mystudy", "--title", "Customer service at a public library", "--language", "en",
       "--framework", "servqual_1988")
    study = tmp_path / "mystudy"
    for name in ("ann.md", "ben.txt", "int_cara.vtt"):
        shutil.copy(FIXTURE / "transcripts" / name, study / "transcripts" / name)
    for name in ("codebook.yaml", "consent.csv", "design.yaml", "coder_a.csv", "coder_b.csv"):
        shutil.copy(FIXTURE / name, study / name)
    sh(installed, study, "transcripts", "import", "transcripts/ann.md", "transcripts/ben.txt", "--db", "study.sqlite",
       "--consent", "consent.csv")
    sh(installed, study, "transcripts", "import", "transcripts/int_cara.vtt", "--db", "study.sqlite", "--language", "en",
       "--informant", "cara", "--consent", "consent.csv")
    sh(installed, study, "codings", "import", "coder_a.csv", "--db", "study.sqlite", "--coder", "coder_a",
       "--codebook", "codebook.yaml")
    sh(installed, study, "codings", "import", "coder_b.csv", "--db", "study.sqlite", "--coder", "coder_b")
    assert "coder_a" in sh(installed, study, "irr", "--db", "study.sqlite", "--n-boot", "100")
    sh(installed, study, "design", "checksums", "design.yaml")
    assert "0 broken" in sh(installed, study, "design", "check", "design.yaml", "--db", "study.sqlite")
    sh(installed, study, "report", "--db", "study.sqlite", "--design", "design.yaml", "-o", "report.html")
    html = (study / "report.html").read_text(encoding="utf-8")
    assert "Tangibles" in html and "PT. XYZ" not in html
    assert "valid" in sh(installed, study, "qdpx", "export", "--db", "study.sqlite", "-o", "study.qdpx")


def test_readme_start_your_own_study_block_runs(installed: Path, tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Start your own study", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "the README's 'Start your own study' section has a bash block"
    lines = [ln for ln in block.group(1).splitlines() if not re.match(r"\s*(python3 -m venv|\. |.*pip install)", ln)]
    script = "set -euo pipefail\n" + "\n".join(lines) + "\n"
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=_env(installed), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    html = next(tmp_path.rglob("report.html")).read_text(encoding="utf-8")
    assert "PT. XYZ" not in html and "illustrative" not in html

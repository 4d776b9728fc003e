"""A researcher's own study, end to end from an empty folder: the library example (English, SERVQUAL).

Nothing here touches this repository's data/: the study lives in a temporary folder, is started with
``casestudy init`` and run with the command line alone (tests/fixtures/library_study holds what the
researcher brings: three transcripts in .md, .txt and .vtt, a codebook, consent, two coders' codings
and the design they write).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from casestudy.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "library_study"
TITLE = "Customer service at a public library"
FORBIDDEN = ("PT. XYZ", "Tabel", "Gambar", "Buttle", "Pewawancara", "Sidoarjo", "illustrative", "Illustrative")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, (argv, err)
    return out


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """The library study after init, import, two coders' codings and its design (in an empty folder)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASESTUDY_PROJECT_ROOT", raising=False)
    run(capsys, "init", "mystudy", "--title", TITLE, "--language", "en", "--framework", "servqual_1988")
    folder = tmp_path / "mystudy"
    for name in ("ann.md", "ben.txt", "int_cara.vtt"):
        shutil.copy(FIXTURE / "transcripts" / name, folder / "transcripts" / name)
    for name in ("codebook.yaml", "consent.csv", "design.yaml", "coder_a.csv", "coder_b.csv"):
        shutil.copy(FIXTURE / name, folder / name)
    monkeypatch.chdir(folder)
    out = run(capsys, "transcripts", "import", "transcripts/ann.md", "transcripts/ben.txt", "--db", "study.sqlite",
              "--consent", "consent.csv")
    assert out.startswith("imported 2 transcript(s)")
    run(capsys, "transcripts", "import", "transcripts/int_cara.vtt", "--db", "study.sqlite", "--language", "en",
        "--informant", "cara", "--consent", "consent.csv")
    for coder in ("coder_a", "coder_b"):
        run(capsys, "codings", "import", f"{coder}.csv", "--db", "study.sqlite", "--coder", coder,
            "--codebook", "codebook.yaml")
    return folder


def test_init_writes_an_empty_valid_study(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    run(capsys, "init", "empty", "--title", TITLE)
    names = sorted(p.relative_to(tmp_path / "empty").as_posix() for p in (tmp_path / "empty").rglob("*"))
    assert names == [".gitignore", "README.md", "codebook.yaml", "consent.csv", "design.yaml", "transcripts",
                     "transcripts/.gitkeep"]
    assert (tmp_path / "empty" / "consent.csv").read_text() == "informant,consent_recorded,consent_date,scope\n"
    ignored = (tmp_path / "empty" / ".gitignore").read_text()
    assert "*.sqlite" in ignored and "keys/" in ignored
    out = run(capsys, "design", "check", "empty/design.yaml")
    assert out.startswith(f"{TITLE} (empty): Type 1: single-case, holistic; 0 findings, 0 sources")
    run(capsys, "codebook", "check", "empty/codebook.yaml")
    readme = (tmp_path / "empty" / "README.md").read_text()
    assert "--language CODE" in readme        # the language was not given: the README does not assume one
    assert main(["init", "empty", "--title", "Again"]) == 2
    assert capsys.readouterr().err == ("casestudy: error: casestudy init: 'DIR' must be a new or empty folder "
                                       "(got 'empty')\n")


def test_init_with_a_framework_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.yaml").write_text("framework: {id: mine, title: My frame, citation: Me 2024}\n"
                                        "stages:\n  - {id: access, name: {en: Access}}\n", encoding="utf-8")
    run(capsys, "init", "s", "--title", "T", "--framework", "mine.yaml")
    assert (tmp_path / "s" / "framework.yaml").is_file()
    run(capsys, "design", "check", str(tmp_path / "s" / "design.yaml"))
    assert main(["init", "t", "--title", "T", "--framework", "servqual"]) == 2
    assert "'--framework' must be one of buttle_2004, servqual_1988, none or a framework .yaml file" in \
        capsys.readouterr().err
    assert not (tmp_path / "t").exists()


def test_the_whole_path_from_an_empty_folder(study, capsys):
    irr = run(capsys, "irr", "--db", "study.sqlite")
    assert "coder_a" in irr and "coder_b" in irr
    run(capsys, "design", "checksums", "design.yaml")
    check = run(capsys, "design", "check", "design.yaml", "--db", "study.sqlite")
    assert check.startswith(f"{TITLE} (library_service): Type 2: single-case, embedded; 3 findings, 3 sources")
    assert "Evidence selectors against study.sqlite: 6 resolved, 0 broken, 0 unchecked" in check
    out = run(capsys, "report", "--db", "study.sqlite", "--design", "design.yaml", "-o", "report.html")
    assert out.startswith("wrote report.html")
    html = Path("report.html").read_text(encoding="utf-8")
    assert TITLE in html
    for stage in ("Tangibles", "Reliability", "Responsiveness", "Assurance", "Empathy"):
        assert stage in html
    for finding in ("Monday queues", "Patrons known by name", "Holds on time, bookings not confirmed"):
        assert finding in html
    assert "On Mondays it can be twenty minutes, which is too long." in html       # a quote, resolved
    assert "Intercoder reliability" in html and "Agreement per code and pooled" in html
    assert "SERVQUAL (Parasuraman, Zeithaml and Berry 1988)" in html
    assert "empirical (collected for the study)" in html
    for word in FORBIDDEN:
        assert word not in html, word
    for section in ("orders", "crm", "joint", "audit", "framework"):
        assert f'id="{section}"' not in html, section
    run(capsys, "qdpx", "export", "--db", "study.sqlite", "-o", "study.qdpx")
    with zipfile.ZipFile("study.qdpx") as z:
        assert "project.qde" in z.namelist()


def test_design_check_reports_broken_selectors(study, capsys):
    design = Path("design.yaml")
    design.write_text(design.read_text(encoding="utf-8").replace("we take the time", "we take our time"),
                      encoding="utf-8")
    run(capsys, "design", "checksums", "design.yaml")
    out = run(capsys, "design", "check", "design.yaml", "--db", "study.sqlite")
    assert "5 resolved, 1 broken" in out
    assert "- finding f_attention, evidence ev_attention_ann: quote 'we take our time' occurs 0 times in int_ann" in out


def test_matrix_per_coder(study, capsys):
    assert main(["query", "matrix", "--by", "informant", "--db", "study.sqlite"]) == 2
    assert "'--coder' must be given: the codings are by 2 coders (coder_a, coder_b)" in capsys.readouterr().err
    out = run(capsys, "query", "matrix", "--by", "informant", "--db", "study.sqlite", "--coder", "coder_a")
    assert out.splitlines()[0] == "accepted codings of coder coder_a per code (rows) and informant (columns)"

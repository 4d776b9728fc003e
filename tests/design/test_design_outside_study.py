"""Issue 12 / 14: `design checksums` used to hash files outside the study (and `design check` to accept
them); a design file's paths resolve against its own folder and may be absolute, but must stay inside the
study's folder (the design file's, or one above it declared with ``study_folder: ..``) unless the user
allows it (``--allow-outside``, ``allow_outside=True``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casestudy.cli import main
from casestudy.design.designfile import load_design
from casestudy.errors import DesignError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "library_study"


def _study(tmp_path: Path, file: str, head: str = "") -> Path:
    """The library study in ``study/``, with Cara's interview (``sources[2]``) at ``file``; a copy of it
    lies outside the study, in ``elsewhere/``."""
    shutil.copytree(FIXTURE, tmp_path / "study")
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(FIXTURE / "transcripts" / "int_cara.vtt", tmp_path / "elsewhere" / "int_cara.vtt")
    p = tmp_path / "study" / "design.yaml"
    p.write_text(head + p.read_text(encoding="utf-8").replace("file: transcripts/int_cara.vtt", f"file: {file}"),
                 encoding="utf-8")
    return p


@pytest.mark.parametrize("file", ["../elsewhere/int_cara.vtt", "{tmp}/elsewhere/int_cara.vtt"])
def test_checksums_and_check_refuse_a_file_outside_the_study(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch, file: str) -> None:
    monkeypatch.chdir(tmp_path)
    file = file.format(tmp=tmp_path)
    p = _study(tmp_path, file)
    before = p.read_text(encoding="utf-8")
    assert main(["design", "checksums", str(p)]) == 2  # used to hash a file outside the study and exit 0
    err = capsys.readouterr().err
    assert err == ("casestudy: error: study/design.yaml, line 48: 'sources[2].file' must be a file inside the "
                   "study's folder study/ (declare a wider one with 'study_folder: ..', or allow it: "
                   f"--allow-outside) (got '{file}')\n")
    assert p.read_text(encoding="utf-8") == before  # nothing written
    assert main(["design", "checksums", str(p), "--allow-outside"]) == 0
    capsys.readouterr()
    assert main(["design", "check", str(p)]) == 2
    assert "'sources[2].file' must be a file inside the study's folder" in capsys.readouterr().err
    assert main(["design", "check", str(p), "--allow-outside"]) == 0
    with pytest.raises(DesignError, match=r"'sources\[2\].file' must be a file inside the study's folder"):
        load_design(p)
    assert load_design(p, allow_outside=True).sources[2].file == file


def test_an_absolute_path_inside_the_study_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _study(tmp_path, str(tmp_path / "study" / "transcripts" / "int_cara.vtt"))
    assert main(["design", "checksums", str(p)]) == 0
    assert main(["design", "check", str(p)]) == 0


def test_a_declared_study_folder_one_above(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    p = _study(tmp_path, "../elsewhere/int_cara.vtt", head="study_folder: ..\n")
    assert main(["design", "checksums", str(p)]) == 0
    assert main(["design", "check", str(p)]) == 0
    capsys.readouterr()
    p.write_text(p.read_text(encoding="utf-8").replace("study_folder: ..", "study_folder: /"), encoding="utf-8")
    assert main(["design", "check", str(p)]) == 2
    assert capsys.readouterr().err == ("casestudy: error: study/design.yaml, line 1: 'study_folder' must be the design file's "
                                       "folder or one above it ('.', '..', '../..') (got '/')\n")

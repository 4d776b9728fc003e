"""`casestudy design check` and `casestudy design checksums`."""

from __future__ import annotations

from casestudy.cli import main


def test_check_prints_scorecard(capsys):
    assert main(["design", "check", "data/design/pt_xyz.yaml"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "CRM at PT. XYZ (pt_xyz): Type 2: single-case, embedded; 8 findings, 29 sources, 8 rivals"
    assert any("have key informants review draft case study report" in line and line.endswith("not met")
               for line in out)


def test_check_invalid_file_exits_2_with_one_line(tmp_path, capsys, mini_text):
    bad = tmp_path / "bad.yaml"
    bad.write_text(mini_text.replace("form: why", "form: when"), encoding="utf-8")
    assert main(["design", "check", str(bad), "--no-verify"]) == 2
    err = capsys.readouterr().err
    assert err == ("casestudy: error: bad.yaml, line 10: 'questions[0].form' must be one of how, why, what, who, "
                   "where, how_many, how_much (got 'when')\n")


def _beside_data(tmp_path):
    """A folder laid out like data/ (design/ beside corpus/ and published/), for design-relative paths."""
    from pathlib import Path

    for name in ("corpus", "published"):
        (tmp_path / name).symlink_to(Path("data", name).resolve())
    (tmp_path / "design").mkdir()
    return tmp_path / "design"


def test_checksums_rewrites_values(tmp_path, capsys):
    text = open("data/design/pt_xyz.yaml", encoding="utf-8").read()
    import re
    stale = re.sub(r'sha256: "[0-9a-f]{64}"', 'sha256: "' + "0" * 64 + '"', text)
    p = _beside_data(tmp_path) / "pt.yaml"
    p.write_text(stale, encoding="utf-8")
    assert main(["design", "checksums", str(p)]) == 0
    assert p.read_text(encoding="utf-8") == text
    assert capsys.readouterr().out.endswith("pt.yaml: checksums updated\n")


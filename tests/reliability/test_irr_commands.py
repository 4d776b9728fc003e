"""``casestudy irr``: summary on stdout, warnings and errors on stderr, exit status 2 on bad input."""

from __future__ import annotations

from casestudy.cli import main
from casestudy.reliability.worked_examples import krippendorff_2011_missing


def _long_csv(path):
    m = krippendorff_2011_missing()
    rows = ["unit,coder,value"] + [f"{u},{c},{int(v)}" for u, row in m.iterrows() for c, v in row.items()
                                   if v == v]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_table_at_each_level_prints_published_alpha(tmp_path, capsys):
    path = _long_csv(tmp_path / "k2011.csv")
    for level, alpha in (("nominal", "0.743"), ("ordinal", "0.815"), ("interval", "0.849"), ("ratio", "0.797")):
        assert main(["irr", "--table", str(path), "--level", level, "--n-boot", "100"]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert lines[0] == (f"Intercoder reliability: 4 coders (A, B, C, D), unit = unit, alpha at the {level} "
                            "level, 95% intervals (alpha: bootstrap over units)")
        assert lines[1].split() == ["code", "n_units", "n_coders", "percent_agreement", "fleiss_kappa",
                                    "krippendorff_alpha", "ci_low", "ci_high", "reading"]
        assert lines[2].split()[:3] == ["(all)", "11", "4"] and lines[2].split()[5] == alpha
        assert "Fleiss' kappa uses the 8 of 11 units every coder judged" in out


def test_two_coders_print_cohen_kappa_with_se_and_write_disagreements(tmp_path, capsys):
    path = tmp_path / "two.csv"
    path.write_text("unit,coder,value\n1,a,y\n1,b,y\n2,a,n\n2,b,y\n3,a,n\n3,b,n\n4,a,y\n4,b,y\n", encoding="utf-8")
    out_csv = tmp_path / "out" / "dis.csv"
    assert main(["irr", "--table", str(path), "--n-boot", "50", "--disagreements", str(out_csv)]) == 0
    captured = capsys.readouterr()
    header = captured.out.splitlines()[1].split()
    assert header[4:6] == ["cohen_kappa", "cohen_se"]
    assert captured.err == ("casestudy: warning: reliability data: alpha below 0.667 (do not rely on these "
                            "codes): (all) (0.533)\n")
    assert out_csv.read_text(encoding="utf-8") == "unit,value_a,value_b\n2,n,y\n"


def test_bad_input_is_one_error_line_and_status_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,coder,value\n1,a,1\n1,b\n", encoding="utf-8")
    assert main(["irr", "--table", str(bad)]) == 2
    assert capsys.readouterr().err == f"casestudy: error: {bad}, line 3: 'fields' must be 3 fields (unit,coder,value) (got 2)\n"
    assert main(["irr", "--db", str(tmp_path / "missing.sqlite")]) == 2
    assert capsys.readouterr().err == (f"casestudy: error: '--db' must be an existing file "
                                       f"(got '{tmp_path / 'missing.sqlite'}')\n")
    assert main(["irr", "--table", str(bad), "--coders", "a"]) == 2
    assert capsys.readouterr().err == "casestudy: error: '--coders' must be at least two comma-separated coders (got 'a')\n"
    assert not (tmp_path / "missing.sqlite").exists()

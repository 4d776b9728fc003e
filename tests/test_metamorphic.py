"""Metamorphic tests: replace Tabel 2 and every conclusion that depends on it changes with it.

Each series replaces the seven published counts (in memory, or in a temporary copy of
``data/`` for the notebook run). Rival verdicts, their readings, the audit's
explanations, the scorecard's pattern matching and notebook 01's sentences must follow the
new numbers, and no sentence may contradict its own numbers. Together the series flip
every rival a decision rule tests.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from casestudy import published
from casestudy.design.designfile import load_design
from casestudy.design.validity import assess_validity
from casestudy.present import orders_prose
from casestudy.stats.audit import audit_claims
from casestudy.stats.counts_models import break_year_sensitivity, fit_orders_models
from casestudy.stats.growth import growth_summary, yoy_change
from casestudy.stats.rate_tests import standard_rate_tests
from casestudy.stats.rival_tests import rival_tests

SERIES = {
    "published": [10, 19, 27, 16, 21, 34, 31],
    "surge_2020": [10, 19, 27, 60, 21, 34, 31],
    "flat": [20, 21, 19, 20, 21, 19, 20],
    "fall": [30, 28, 26, 24, 22, 20, 18],
    "step_2019": [10, 11, 30, 31, 32, 33, 34],
    "alternating": [10, 40, 10, 40, 10, 40, 10],
    "dip_2020": [20, 22, 24, 6, 28, 30, 32],
    "volatile_rise": [20, 60, 60, 20, 20, 60, 45],
}


def _orders(series):
    o = published.orders_per_year()
    return o.assign(orders=series)


@pytest.fixture(scope="module")
def runs():
    design = load_design("data/design/pt_xyz.yaml", verify=False)
    own = dataclasses.replace(design, logic=tuple(dataclasses.replace(t, declared_by="paper") for t in design.logic))
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, series in SERIES.items():
            o = _orders(series)
            rivals = rival_tests(orders=o)
            tables = {**published.tables(), "orders_per_year": o, "rival_tests": rivals}
            decided = design.decide(tables)
            res = own.decide(tables).resolve(tables=tables)
            out[name] = {"orders": o, "rivals": rivals, "design": decided,
                         "scorecard": assess_validity(own.decide(tables), res),
                         "audit": audit_claims(orders=o, facts=published.facts(), reach=published.geographic_reach())}
    return out


def test_every_rival_a_rule_tests_flips(runs):
    verdicts = pd.DataFrame({n: {r.id: r.verdict for r in run["design"].rivals} for n, run in runs.items()}).T
    ruled = [r.id for r in runs["published"]["design"].rivals if r.rules]
    for rid in ruled:
        assert verdicts[rid].nunique() >= 2, (rid, verdicts[rid].to_dict())
    patterns = {n: run["design"].propositions[0].pattern_outcome for n, run in runs.items()}
    assert set(patterns.values()) == {"pattern confirmed", "pattern not confirmed"}
    assert patterns["published"] == "pattern not confirmed" and patterns["volatile_rise"] == "pattern confirmed"


def test_scorecard_follows_the_pattern(runs):
    states = {n: run["scorecard"].result("pattern_matching").state for n, run in runs.items()}
    assert states["published"] == "pattern not confirmed"
    assert states["volatile_rise"] == "pattern confirmed"


@pytest.mark.parametrize("name", list(SERIES))
def test_no_reading_contradicts_its_numbers(runs, name):
    run = runs[name]
    s = run["orders"].set_index("year")["orders"]
    r = run["rivals"].set_index(["rival_id", "test"])
    covid = r.loc[("covid_demand_shock", "lr_2020_term_poisson")]
    side = "above the trend" if covid["estimate"] > 1 else "below the trend"
    assert side in covid["reading"]
    if "surge the rival predicts." in covid["reading"] and "against" not in covid["reading"]:
        assert covid["estimate"] > 1 and covid["p_value"] < 0.05
    last = r.loc[("chance", "exact_2023_vs_2022")]
    words = last["reading"].split("): ", 1)[1].split(";")[0]
    assert ("rise" in words) == (s[2023] > s[2022]) and ("fall" in words) == (s[2023] < s[2022])
    maturation = r.loc[("maturation", "lr_trend_poisson")]
    assert ("orders grow" in maturation["reading"]) == (maturation["estimate"] >= 1)
    a = run["audit"].set_index("claim_id")
    assert ("a fall" in a.loc["growth_direction_2023", "explanation"]) == (s[2023] < s[2022])
    assert a.loc["growth_direction_2023", "verdict"] == ("consistent" if s[2023] > s[2022] else "inconsistent")
    for rival in run["design"].rivals:
        if rival.rules:
            assert rival.reasoning and rival.verdict in ("rejected", "not_rejected", "supported", "untested")


@pytest.mark.parametrize("name", ["published", "fall", "surge_2020"])
def test_notebook_sentences_follow_the_data(runs, name):
    o = runs[name]["orders"]
    s = o.set_index("year")["orders"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        models = fit_orders_models(o)
        sens = break_year_sensitivity(o)
    yoy = orders_prose.yoy_sentence(yoy_change(o))
    assert f"2023 ({s[2023]} orders) is {'below' if s[2023] < s[2022] else 'above'} 2022 ({s[2022]})" in yoy
    assert f"({s[2023]}/{s[2017]})" in orders_prose.cagr_sentence(growth_summary(o), o)
    rr = models.summary.set_index(["model", "term"]).loc[("poisson_trend_2020", "covid2020"), "rate_ratio"]
    assert ("(a dip)" in orders_prose.rate_ratio_sentence(models.summary)) == (rr < 1)
    exact = standard_rate_tests(o, claimed_factor=published.fact("growth_factor_2023"))
    text = orders_prose.conclusions(o, exact, runs[name]["rivals"], sens, runs[name]["audit"])
    whole = runs[name]["rivals"].set_index(["rival_id", "test"]).loc[("chance", "exact_2023_vs_2017")]
    assert ("**They can** show growth" in text) == (whole["p_value"] < 0.05 and whole["estimate"] > 1)
    assert f"{s[2023]}/{s[2022]} = {s[2023] / s[2022]:.2f}" in text


def test_notebook_01_runs_on_a_changed_tabel_2(tmp_path):
    """Issue 16's must-show on a temporary copy of data/: a falling Tabel 2 (2023: 18 orders, below the "32
    transactions" and the 20 complaints printed for 2023), then ``casestudy data checksums --write`` and ``casestudy
    design checksums``: the design checks again, and notebook 01 runs through and states the new verdicts."""
    root = tmp_path / "repo"
    shutil.copytree("data", root / "data")
    shutil.copy("pyproject.toml", root / "pyproject.toml")
    csv = root / "data" / "published" / "orders_per_year.csv"
    o = pd.read_csv(csv)
    o["orders"] = SERIES["fall"]
    o.to_csv(csv, index=False, lineterminator="\n")
    env = {**os.environ, "CASESTUDY_PROJECT_ROOT": str(root), "CASESTUDY_OUTPUT_ROOT": str(tmp_path / "out")}
    casestudy = str(Path(sys.executable).parent / "casestudy")
    done = subprocess.run([casestudy, "data", "checksums", "--write"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    design = str(root / "data" / "design" / "pt_xyz.yaml")
    stale = subprocess.run([casestudy, "design", "check", design], env=env, capture_output=True, text=True)
    assert stale.returncode == 2 and "sha256" in stale.stderr  # the design's checksums still name the old Tabel 2
    done = subprocess.run([casestudy, "design", "checksums", design], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "checksums updated" in done.stdout, done.stderr
    check = subprocess.run([casestudy, "design", "check", design], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    nb = tmp_path / "01.ipynb"
    shutil.copy("notebooks/01_orders_2017_2023.ipynb", nb)
    spec = tmp_path / "kernels" / "kernels" / "h16"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f",
                                                           "{connection_file}"], "display_name": "py",
                                                  "language": "python"}), encoding="utf-8")
    env["JUPYTER_PATH"] = str(tmp_path / "kernels")
    run = ("import nbformat, sys; from nbclient import NotebookClient; nb = nbformat.read(sys.argv[1], 4); "
           "NotebookClient(nb, kernel_name='h16', timeout=600).execute(); nbformat.write(nb, sys.argv[1])")
    done = subprocess.run([sys.executable, "-c", run, str(nb)], env=env, capture_output=True, text=True,
                          cwd=str(Path.cwd()))
    assert done.returncode == 0, done.stderr[-2000:]
    text = "\n".join("".join(o.get("data", {}).get("text/markdown", ""))
                     for c in json.loads(nb.read_text(encoding="utf-8"))["cells"] for o in c.get("outputs", []))
    assert "2023 (18 orders) is below 2022 (20)" in text
    assert "**They do not** show growth beyond chance" in text
    assert "Orders fell in 2018, 2019, 2020, 2021, 2022 and 2023" in text
    # the audit on the new numbers: the printed base no longer matches, and 20 complaints exceed 18 orders
    assert "Tabel 2 gives 18 orders for 2023; the complaint sentence prints 32 transactions (14 more than Tabel 2)." in text
    audit = pd.read_csv(next((tmp_path / "out").rglob("published_claims_audit.csv"))).set_index("claim_id")
    assert audit.loc["complaint_rate_2023_tabel2_base", "verdict"] == "inconsistent"
    assert "more complaints than Tabel 2 lists orders for 2023" in audit.loc["complaint_rate_2023_tabel2_base",
                                                                             "explanation"]

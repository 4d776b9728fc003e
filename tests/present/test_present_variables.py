"""variables.json / variables.tex: every quotable number computed by library calls."""

from __future__ import annotations

import json
import re

import pytest

from casestudy import published
from casestudy.errors import ReportError
from casestudy import manifest
from casestudy.present import variables as var
from casestudy.stats.growth import cagr, growth_summary, yoy_change


@pytest.fixture
def published_vars():
    o = published.orders_per_year()
    return var.collect(var.published_variables(o, growth_summary(o), yoy_change(o)))


def test_published_values_come_from_the_library(published_vars):
    v = published_vars
    assert v["CagrOrders"].value == pytest.approx(cagr(10, 31, 6)) and v["CagrOrders"].text == r"20.8\%"
    assert v["OrdersTotal"].value == 158 and v["OrdersPeakYear"].value == 2022
    assert v["RatioOrdersLastYear"].printed == "0.91"  # the paper prints "1.5-fold"
    assert v["ChangeOrdersLastYear"].printed == "-8.8"


def test_macro_names_are_letters_only():
    for bad in ("Cagr2023", "cagr", "Cagr_Orders", ""):
        with pytest.raises(ReportError, match="letters only"):
            var.Variable(bad, 1, "d", "s", "published")
    with pytest.raises(ReportError, match="finite"):
        var.Variable("Bad", float("nan"), "d", "s", "published")


def test_written_files_are_sorted_deterministic_and_in_the_manifest(published_vars, output_root):
    paths1 = var.write_variables(published_vars, written_by="test")
    first = [p.read_bytes() for p in paths1]
    paths2 = var.write_variables(published_vars, written_by="test")
    assert [p.read_bytes() for p in paths2] == first
    data = json.loads(first[0])
    assert list(data) == sorted(data) and data["OrdersTotal"]["value"] == 158
    tex = first[1].decode()
    macros = re.findall(r"\\newcommand\{\\([^}]*)\}", tex)
    assert macros == sorted(published_vars) and all(re.fullmatch("[A-Za-z]+", m) for m in macros)
    assert r"\newcommand{\CagrOrders}{20.8\%}" in tex
    assert {"reports/variables.json", "reports/variables.tex"} <= set(manifest.load())


def test_design_and_audit_variables():
    from casestudy.design.designfile import load_design
    from casestudy.design.triangulation import triangulation_matrix
    from casestudy.stats.audit import audit_claims

    d = load_design("data/design/pt_xyz.yaml", verify=False)
    vs = {v.name: v.value for v in var.design_variables(d, triangulation_matrix(d))}
    assert vs["NumInformants"] == 9 and vs["NumRivals"] == len(d.rivals)
    assert sum(vs[k] for k in vs if k.startswith("NumFindings") and k != "NumFindings") == vs["NumFindings"]
    audit = {v.name: v.value for v in var.audit_variables(audit_claims())}
    assert audit["NumClaimsAudited"] == audit["NumClaimsConsistent"] + audit["NumClaimsInconsistent"] + audit[
        "NumClaimsNotCheckable"] + audit["NumClaimsCannotFail"]
    assert audit["NumClaimReadings"] > audit["NumClaimsAudited"]  # readings of one conflict are counted once
    assert audit["NumClaimsInconsistent"] >= 1  # the 1.5-fold claim does not hold against Tabel 2

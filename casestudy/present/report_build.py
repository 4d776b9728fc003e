"""Build the whole case study report (and the variables) from a design file and a case study database.

:func:`build_report` is what ``casestudy report --db FILE --design FILE -o FILE.html``
and ``notebooks/07_case_study_report.ipynb`` call. It reads the design and the
database, asks the other subpackages for every result (evidence resolution,
triangulation, validity, intercoder agreement, orders models, ledger measures,
the audit), lays each out as a report section, and writes one self-contained
HTML file. An input that is not given or a part of the package that is not
available gives a section that says so. The report carries no timestamp.

Examples
--------
A full build (about two seconds; see ``tests/present/test_present_report_build.py``)::

    db = build_case_database(paths.build_dir() / "pt_xyz.sqlite", clock=FixedClock())
    built = build_report(db, "data/design/pt_xyz.yaml", ledger=generate_ledger(DEFAULT_SEED).orders)

>>> REPORT_NAME
'case_study_report.html'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from casestudy import paths, published
from casestudy.store.resolvers import source_texts
from casestudy.coding.queries import code_frequencies, quotes_per_stage
from casestudy.consent import included_notice
from casestudy.crm.lifecycle import customer_flows, repeat_purchase
from casestudy.crm.stages import stage_measures
from casestudy.design.chain import ChainOfEvidence
from casestudy.design.designfile import load_design
from casestudy.design.rivals import RIVAL_KINDS
from casestudy.framework import BUTTLE_2004
from casestudy.design.triangulation import triangulation_matrix
from casestudy.design.validity import assess_validity
from casestudy.present import variables as var
from casestudy.present.coreq import coreq_checklist
from casestudy.present.orders_plots import plot_orders_per_year
from casestudy.present.paper_figures import paper_figures
from casestudy.present.reliability_plots import plot_reliability
from casestudy.present.report import Section, figure, render_report, slug, write_report
from casestudy.present.report_analysis import (
    audit_section, crm_section, framework_section, joint_display_section, orders_section, reliability_section,
    variables_section,
)
from casestudy.present.report_design import (
    coreq_section, design_section, findings_section, rivals_section, triangulation_section, validity_section,
)
from casestudy.present.captions import caption
from casestudy.stats.audit import audit_claims
from casestudy.stats.counts_models import fit_orders_models
from casestudy.stats.growth import growth_summary, yoy_change
from casestudy.stats.rival_tests import rival_tests
from casestudy.store import CaseDatabase, FixedClock

__all__ = ["BuiltReport", "build_report", "publishes_orders", "withheld_alert", "REPORT_NAME"]

REPORT_NAME = "case_study_report.html"


@dataclass
class BuiltReport:
    """What :func:`build_report` produced: the HTML, where it went, its sections and variables."""

    html: str
    path: Path
    sections: list[Section]
    variables: dict[str, var.Variable]
    written: list[Path]
    alert: str = ""


def _database_results(db_path: Path, n_boot: int, include_withheld: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with CaseDatabase(db_path, clock=FixedClock(), backup=False, readonly=True) as db:
        out["texts"] = source_texts(db, releasable_only=not include_withheld)
        released = list(db.sources()["source_id"]) if include_withheld else db.releasable_sources()
        out["withheld"] = db.withheld_sources()
        out["included_withheld"] = include_withheld
        segments = db.codings(status="accepted")
        out["segments"] = segments[segments["source_id"].isin(released)].rename(
            columns={"source_id": "source", "code_id": "code", "coder_id": "coder"})
        coders = db.coders()
        out["coders"] = sorted(coders["coder_id"])
        compared = sorted(coders.loc[~coders["role"].isin(["consensus", "program"]), "coder_id"])
        out["n_codes"] = len(db.codes())
        has_codes = out["n_codes"] > 0          # a new study may have no codebook stored yet
        out["frequencies"] = code_frequencies(db, coder=compared[0] if compared else None,
                                              consented_only=not include_withheld) if has_codes else None
        out["quotes"] = quotes_per_stage(db, coder=compared[0] if compared else None, per_stage=1,
                                         consented_only=not include_withheld) if has_codes else None
        out["first_coder"] = compared[0] if compared else None
        out["codebook"] = db.codebook() if out["n_codes"] else None
        out["reliability"], out["reliability_reason"] = None, (
            f"the case study database holds {len(compared)} independent coder(s) ({', '.join(compared) or 'none'}); "
            "agreement needs two or more")
        if len(compared) >= 2:
            from casestudy.reliability.bias import coder_bias
            from casestudy.reliability.result import assess_agreement
            from casestudy.reliability.unitizing import unitizing_alpha
            from casestudy.reliability.units import from_database

            assigned = db.assignments()
            assigned_sources = sorted(set(assigned.loc[assigned["coder_id"].isin(compared), "source_id"])
                                      & set(released))
            data = from_database(db, unit="turn", coders=compared, sources=assigned_sources)
            # the same call, draws and seed as notebook 04, so the report and the CSV print the same intervals
            out["reliability"] = result = assess_agreement(data, n_boot=n_boot, warn=False)
            bias = coder_bias(data.matrices, (data.coders[0], data.coders[1])) if len(data.coders) == 2 else None
            out["unitizing"] = unitizing_alpha(db.codings(status="accepted"), data.continuum(), coders=data.coders,
                                               codes=list(data.matrices))
            out["reliability_table"] = result.table(bias, out["unitizing"].summary)
    return out


def publishes_orders(design: Any) -> bool:
    """Whether the study has a published orders series (PT. XYZ's Tabel 2): then the orders, CRM, audit
    and paper-figure sections apply; a researcher's own study gets :mod:`casestudy.present.report_study`."""
    return "orders_per_year" in design.table_sources()


def withheld_alert(dbr: Mapping[str, Any]) -> str:
    """The report's first line when it includes sources without recorded consent (``--all-informants``), else ""."""
    return included_notice(dbr["withheld"], dbr["included_withheld"])


def _withheld_notes(dbr: Mapping[str, Any]) -> list[str]:
    if not dbr["withheld"] or dbr["included_withheld"]:
        return []
    return [f"Left out of this report: {len(dbr['withheld'])} source(s) without recorded consent "
            f"({', '.join(dbr['withheld'])}); no quote, coding or count from them appears here."]


def _own_study_report(design: Any, dbr: dict[str, Any], path: Path, design_path: str | os.PathLike[str],
                      written_by: str, before_write: Callable[[str], None] | None = None) -> BuiltReport:
    from casestudy.present.report_study import study_report_sections

    resolution = design.resolve(texts=dbr["texts"], segments=dbr["segments"])
    sections, notes = study_report_sections(design, dbr, resolution)
    notes.extend(_withheld_notes(dbr))
    html = render_report(sections, title=f"Case study report: {design.title}", subtitle=design.citation,
                         notes=notes, alert=withheld_alert(dbr))
    if before_write is not None:  # e.g. the privacy check: raising here writes nothing
        before_write(html)
    write_report(html, path, written_by=written_by, inputs=[str(design_path)])
    return BuiltReport(html, path, sections, {}, [path], withheld_alert(dbr))


def build_report(db_path: str | os.PathLike[str], design_path: str | os.PathLike[str],
                 out: str | os.PathLike[str] | None = None, *, ledger: pd.DataFrame | None = None,
                 ledger_note: str = "", ledger_end: str = "2023-12-31", ledger_bands: pd.DataFrame | None = None,
                 written_by: str = "casestudy report",
                 write_outputs: bool = True, verify: bool = True, n_boot: int = 1000,
                 before_write: Callable[[str], None] | None = None,
                 include_withheld: bool = False) -> BuiltReport:
    """Build the case study report.

    A study that publishes an orders series (PT. XYZ) gets every section below; any other
    study gets only the sections its own data support (:mod:`casestudy.present.report_study`).

    Parameters
    ----------
    db_path : path-like
        The case study database (read only).
    design_path : path-like
        The design file (YAML).
    out : path-like, optional
        Where to write the HTML; default ``reports/case_study_report.html``.
    ledger : DataFrame, optional
        Order ledger for the CRM analytics and the joint display (e.g. the synthetic
        ledger's ``orders``); without it those sections say they are not available.
    ledger_note : str
        What the ledger is (shown at the top of the CRM section).
    ledger_end : str
        Analysis end date of the ledger measures.
    ledger_bands : DataFrame, optional
        For a synthetic ledger: each stage measure's min, median and max across seeds
        (``stage_id, measure, value_min, value_median, value_max, seeds``), shown beside it.
    written_by : str
        For the manifest.
    write_outputs : bool
        Also write ``reports/variables.json`` and ``reports/variables.tex``.
    verify : bool
        Check the design's source checksums when loading it.
    before_write : callable, optional
        Called with the HTML before anything is written (``casestudy report --pseudonyms`` checks it
        for names of the key and refuses a leaking report).
    n_boot : int
        Bootstrap resamples for the interval of Krippendorff's alpha (seeded).
    include_withheld : bool
        Also use sources without recorded consent (``casestudy report --all-informants``); the
        report then says so in its first line (:func:`withheld_alert`). Default: they are left out.
    """
    design = load_design(design_path, verify=verify)
    path = Path(out) if out is not None else paths.reports_dir() / REPORT_NAME
    if not publishes_orders(design):
        dbr = _database_results(Path(db_path), n_boot, include_withheld)
        return _own_study_report(design.decide({}), dbr, path, design_path, written_by, before_write)
    tables = {**published.tables(), "rival_tests": rival_tests()}
    design = design.decide(tables)
    dbr = _database_results(Path(db_path), n_boot, include_withheld)
    resolution = design.resolve(texts=dbr["texts"], tables=tables, segments=dbr["segments"])
    tri = triangulation_matrix(design, resolution)
    validity = assess_validity(design, resolution)
    orders = published.orders_per_year()
    growth, yoy = growth_summary(orders), yoy_change(orders)
    models = fit_orders_models(orders)
    measures = stage_measures(ledger, ledger_end) if ledger is not None else None
    crm_tables = {} if ledger is None else {
        "Customer flows per year (casestudy.crm.lifecycle.customer_flows)": customer_flows(ledger, ledger_end),
        "Repeat purchase (casestudy.crm.lifecycle.repeat_purchase)": repeat_purchase(ledger, ledger_end),
    }
    no_ledger = "no order ledger was given (casestudy report --ledger FILE)"
    audit = audit_claims()
    figs = paper_figures(BUTTLE_2004, design, "en", firm=design.cases[0].name)
    g2 = figs.pop("gambar_2")
    variables = var.collect(
        var.published_variables(orders, growth, yoy),
        var.model_variables(models.lr_tests),
        var.design_variables(design, tri, validity),
        var.coding_variables(dbr["frequencies"]),
        var.reliability_variables(dbr["reliability"], dbr.get("unitizing")) if dbr["reliability"] is not None else [],
        var.audit_variables(audit),
    )
    sections = [
        design_section(design, figure(g2, f"{caption('gambar_2', 'en')} / {caption('gambar_2', 'id')}",
                                      id_=slug("fig", "gambar_2"), dpi=150)),
        framework_section(figs),
        findings_section(design, resolution),
        triangulation_section(tri),
        rivals_section(design, resolution, RIVAL_KINDS),
        validity_section(validity.summary, ChainOfEvidence(design, resolution).problems()),
        reliability_section(dbr["reliability"], dbr["reliability_reason"],
                            plot_reliability(dbr["reliability"].summary) if dbr["reliability"] is not None else None,
                            reliability_table=dbr.get("reliability_table")),
        orders_section(orders, growth, yoy, plot_orders_per_year(orders), models),
        crm_section(measures, ledger_note, extra=crm_tables, reason=no_ledger, bands=ledger_bands),
        joint_display_section(BUTTLE_2004, dbr["frequencies"], dbr["quotes"], measures, reason=no_ledger,
                              bands=ledger_bands),
        audit_section(audit),
        coreq_section(coreq_checklist(design, coders=dbr["coders"], n_codes=dbr["n_codes"])),
        variables_section(variables),
    ]
    notes = [
        "The paper publishes its design, its yearly order counts and a few other numbers, nothing finer. Interview "
        "quotes, codings and field notes here are illustrative, written for the casestudy package; order-level data "
        "are synthetic. Each section built from them says so."]
    notes.extend(_withheld_notes(dbr))
    html = render_report(sections, title=f"Case study report: {design.title}", subtitle=design.citation, notes=notes,
                         alert=withheld_alert(dbr))
    if before_write is not None:  # e.g. the privacy check: raising here writes nothing
        before_write(html)
    written = var.write_variables(variables, written_by=written_by) if write_outputs else []
    write_report(html, path, written_by=written_by, inputs=[str(design_path)])
    return BuiltReport(html, path, sections, variables, [*written, path], withheld_alert(dbr))

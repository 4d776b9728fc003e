"""Command-line commands of `casestudy.present` (registered by :mod:`casestudy.cli`).

``casestudy report --db FILE --design FILE -o FILE.html`` builds the self-contained
case study report for any project (see :func:`casestudy.present.report_build.build_report`).

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(prog="casestudy")
>>> register(p.add_subparsers(dest="noun"))
>>> args = p.parse_args(["report", "--db", "x.sqlite", "--design", "d.yaml", "-o", "r.html"])
>>> args.db, args.design, args.out, args.ledger, args.synthetic_seed
('x.sqlite', 'd.yaml', 'r.html', None, None)
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from casestudy.commandline import existing_file, output_file
from casestudy.errors import DataFileNotFoundError, ValidationError, expectation

__all__ = ["register", "run_report", "synthetic_ledger_note", "synthetic_inputs"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this subpackage's nouns and verbs to subparsers."""
    p = subparsers.add_parser(
        "report", help="build the self-contained HTML case study report",
        description="Build one self-contained HTML report (design, findings with their quotes, triangulation, "
                    "rivals, validity, reliability, orders, CRM analytics, audit, COREQ) from a design file and a "
                    "case study database. Sections whose inputs are missing say so.")
    p.add_argument("--db", required=True, help="case study database (SQLite), read only")
    p.add_argument("--design", required=True, help="design file (YAML)")
    p.add_argument("-o", "--out", required=True, help="output HTML file")
    p.add_argument("--pseudonyms", metavar="KEY", help="pseudonymisation key: refuse to write a report that holds "
                   "any of its names")
    p.add_argument("--all-informants", action="store_true",
                   help="include sources without recorded consent (the report then says so in its first line)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--ledger", help="order ledger CSV for the CRM analytics and the joint display")
    src.add_argument("--synthetic-seed", type=int, help="use the PT. XYZ synthetic ledger with this seed")
    p.add_argument("--ledger-end", default="2023-12-31", help="analysis end date of the ledger (default 2023-12-31)")
    p.add_argument("--n-boot", type=int, default=1000,
                   help="bootstrap resamples for the interval of Krippendorff's alpha (default 1000)")
    p.set_defaults(func=run_report)


def synthetic_ledger_note(seed: int) -> str:
    """What the CRM section says about the PT. XYZ synthetic ledger of ``seed``.

    Examples
    --------
    >>> synthetic_ledger_note(7).startswith("Synthetic ledger (seed 7)")
    True
    """
    return (f"Synthetic ledger (seed {seed}) that reproduces the published aggregates exactly; every other detail "
            "is an assumption of casestudy.crm.synthetic, not PT. XYZ's records.")


def synthetic_inputs(seed: int, end: str = "2023-12-31") -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """The PT. XYZ synthetic ledger of ``seed``, its note, and each stage measure's range under the assumptions.

    Returns
    -------
    tuple
        (orders, note, bands): ``bands`` has ``stage_id, measure, value_min, value_max, settings, seeds,
        assumptions`` (:func:`casestudy.crm.sensitivity.measure_ranges` over the declared ranges of
        :data:`casestudy.crm.sensitivity.RANGES`).
    """
    from casestudy.crm.sensitivity import measure_ranges, sensitivity_runs
    from casestudy.crm.stages import stage_measures
    from casestudy.crm.synthetic import generate_ledger

    bands = measure_ranges(sensitivity_runs(lambda o: stage_measures(o, end)), keys=["stage_id", "measure"])
    return generate_ledger(seed).orders, synthetic_ledger_note(seed), bands


def run_report(args: argparse.Namespace) -> int:
    """Run ``casestudy report``; print the path written."""
    from casestudy.present.report_build import build_report

    for name in ("db", "design"):
        if not Path(getattr(args, name)).is_file():
            raise DataFileNotFoundError(expectation(f"--{name}", "an existing file", getattr(args, name)))
    try:
        date.fromisoformat(args.ledger_end)
    except (TypeError, ValueError):
        raise ValidationError(expectation("--ledger-end", "a date YYYY-MM-DD", args.ledger_end)) from None
    if args.n_boot < 1:
        raise ValidationError(expectation("--n-boot", "a positive integer", args.n_boot))
    ledger, note, bands = None, "", None
    if args.ledger:
        from casestudy.crm.ledger import read_ledger

        ledger, note = read_ledger(args.ledger), f"Order ledger read from {Path(args.ledger).name}."
    elif args.synthetic_seed is not None:
        ledger, note, bands = synthetic_inputs(args.synthetic_seed, args.ledger_end)
    check = None
    if args.pseudonyms:
        from casestudy.coding.leak_scan import refuse_leaks
        from casestudy.coding.pseudonyms import load_key

        key = load_key(existing_file(args.pseudonyms, "--pseudonyms"))

        def check(html: str) -> None:
            refuse_leaks(key, html.encode("utf-8"), str(args.out), ".html")

    output_file(args.out, "-o")
    built = build_report(args.db, args.design, args.out, ledger=ledger, ledger_note=note, ledger_end=args.ledger_end,
                         ledger_bands=bands, written_by="casestudy report", write_outputs=False, n_boot=args.n_boot,
                         before_write=check, include_withheld=args.all_informants)
    print(f"wrote {built.path} ({len(built.html.encode('utf-8'))} bytes, {len(built.sections)} sections)")
    if built.alert:
        print(built.alert, file=sys.stderr)
    return 0

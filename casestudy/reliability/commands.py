"""Command line of `casestudy.reliability`: ``casestudy irr`` (registered by :mod:`casestudy.cli`).

``casestudy irr --db FILE [--unit turn|sentence|character|document] [--coders A,B]``
prints agreement per code and pooled for the accepted codings of a case study
database. ``casestudy irr --table FILE.csv [--level nominal|ordinal|interval|ratio]``
reads any reliability data as a long CSV ``unit,coder,value`` (a missing row is
a missing value) and prints percent agreement, Cohen's kappa (two coders) or
Fleiss' kappa (three or more), and Krippendorff's alpha with a bootstrap interval.
Threshold and independence warnings print as ``casestudy: warning: ...`` lines on
stderr; bad input is one ``casestudy: error: ...`` line and exit status 2.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["irr", "--table", "x.csv", "--level", "interval"])
>>> args.table, args.level, args.unit
('x.csv', 'interval', 'turn')
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Iterable
from typing import Any, cast
from pathlib import Path

import pandas as pd

from casestudy.errors import DataFileNotFoundError, ReliabilityError, ReliabilityWarning, expectation
from casestudy.reliability.result import ReliabilityResult, assess_agreement, assess_matrix
from casestudy.reliability.statistics import LEVELS
from casestudy.reliability.table import read_reliability_table
from casestudy.reliability.units import SCHEMES, UNIT_KINDS, from_database

__all__ = ["register", "run_irr", "format_result"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``irr`` to the ``casestudy`` command line."""
    p = subparsers.add_parser(
        "irr", help="intercoder reliability: agreement per code and pooled, or of any reliability data",
        description=__doc__.split("\n\n")[1].replace("\n", " ") if __doc__ else None)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--db", metavar="FILE", help="case study database (SQLite) with codings by two or more coders")
    src.add_argument("--table", metavar="FILE.csv", help="long CSV unit,coder,value (a missing row is missing)")
    p.add_argument("--unit", choices=UNIT_KINDS, default="turn", help="unit of agreement for --db (default: turn)")
    p.add_argument("--scheme", choices=SCHEMES, default="presence",
                   help="presence: each code present/absent per unit; category: one category per unit")
    p.add_argument("--coders", metavar="A,B", help="comma-separated coders to compare (default: every coder but "
                   "consensus and programs such as autocoder)")
    p.add_argument("--include-auto", action="store_true",
                   help="with --db and no --coders: count programs (the automatic coder) as raters too")
    p.add_argument("--all-turns", action="store_true",
                   help="with --db: keep the turns no coder codes (declared interviewer turns) as units; by default "
                        "they are left out and counted")
    p.add_argument("--codebook-version", type=int, metavar="N",
                   help="compare codings of this codebook version (needed when codings refer to several)")
    p.add_argument("--level", choices=LEVELS, default="nominal", help="level of measurement of alpha")
    p.add_argument("--n-boot", type=int, default=1000, metavar="N", help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=20240101, help="bootstrap seed")
    p.add_argument("--disagreements", metavar="OUT.csv", help="also write the disagreement listing to this CSV")
    p.add_argument("--all-informants", action="store_true",
                   help="with --db: also compare sources without recorded consent (the output then says so)")
    p.set_defaults(func=run_irr)


def format_result(result: ReliabilityResult) -> str:
    """The summary as a plain-text table (undefined values shown as ``undefined``).

    Examples
    --------
    >>> from casestudy.reliability.worked_examples import krippendorff_2011_binary
    >>> print(format_result(assess_matrix(krippendorff_2011_binary(), n_boot=50, warn=False)).splitlines()[2])
    (all)       10         2             0.600       0.091    0.288              0.095 -0.438   0.781 too little material
    """
    cols = ["code", "n_units", "n_coders", "percent_agreement",
            "cohen_kappa" if len(result.coders) == 2 else "fleiss_kappa", "krippendorff_alpha", "ci_low", "ci_high",
            "reading"]
    if len(result.coders) == 2:
        cols[5:5] = ["cohen_se"]
    table = result.summary[cols].copy()
    for c in table.columns:
        if pd.api.types.is_float_dtype(table[c]):
            table[c] = table[c].map(lambda v: "undefined" if pd.isna(v) else f"{v:.3f}")
    notes = [f"{r.code}: {r.note}" for r in cast(Iterable[Any], result.summary.itertuples()) if r.note]
    head = (f"Intercoder reliability: {len(result.coders)} coders ({', '.join(result.coders)}), unit = {result.unit}, "
            f"alpha at the {result.level} level, 95% intervals (alpha: bootstrap over units)")
    lines = [head, table.to_string(index=False)]
    if notes:
        lines += ["", "Notes:", *notes]
    if result.excluded_text():
        lines += ["", f"Left out (no coder may code them; --all-turns keeps them): {result.excluded_text()}"]
    lines += ["", f"{len(result.disagreements)} units with disagreements"]
    return "\n".join(lines)


def _coders(text: str | None) -> list[str] | None:
    if text is None:
        return None
    coders = [c.strip() for c in text.split(",") if c.strip()]
    if len(coders) < 2:
        raise ReliabilityError(expectation("--coders", "at least two comma-separated coders", text))
    return coders


def run_irr(args: argparse.Namespace) -> int:
    """Run ``casestudy irr``; print the summary; return 0."""
    from casestudy.consent import included_notice
    from casestudy.csv_output import write_csv

    if args.n_boot < 1:
        raise ReliabilityError(expectation("--n-boot", "a positive integer", args.n_boot))
    coders = _coders(args.coders)
    if args.table and args.all_turns:
        raise ReliabilityError(expectation("--all-turns", "used with --db (a --table has no turns)", args.table))
    path = Path(args.db or args.table)
    if not path.is_file():
        raise DataFileNotFoundError(expectation("--db" if args.db else "--table", "an existing file", str(path)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReliabilityWarning)
        if args.table:
            with path.open(encoding="utf-8-sig", newline="") as f:
                matrix = read_reliability_table(f, where=str(path), level=args.level, coders=coders)
            result = assess_matrix(matrix, level=args.level, n_boot=args.n_boot, seed=args.seed)
        else:
            from casestudy.store import CaseDatabase, FixedClock

            from casestudy.coding.queries import suggestion_shares

            with CaseDatabase(path, clock=FixedClock(), backup=False, readonly=True) as db:
                withheld = db.withheld_sources()  # left out unless --all-informants, as in every output
                data = from_database(db, unit=args.unit, coders=coders, scheme=args.scheme,
                                     codebook_version=args.codebook_version, include_auto=args.include_auto,
                                     sources=None if args.all_informants else db.releasable_sources(),
                                     all_turns=args.all_turns)
                shares = suggestion_shares(db, list(data.coders))
            result = assess_agreement(data, level=args.level, n_boot=args.n_boot, seed=args.seed)
    print(format_result(result))
    if args.db:
        print("Accepted codings that came from accepted suggestions: " + "; ".join(
            f"{r.coder_id} {r.from_suggestions} of {r.n_accepted}"
            + (f" ({r.share:.1%})" if r.n_accepted else "") for r in shares.itertuples()))
    for w in caught:
        if issubclass(w.category, ReliabilityWarning):
            print(f"casestudy: warning: {w.message}", file=sys.stderr)
    notice = included_notice(withheld, args.all_informants) if args.db else ""
    if args.disagreements:
        out = Path(args.disagreements)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_csv(result.disagreements, out, notice=notice or None)  # formulas neutralised (OWASP); notice beside
    if notice:
        print(notice, file=sys.stderr)
    return 0

"""Command-line commands of `casestudy.crm` (registered by :mod:`casestudy.cli`).

``casestudy ledger generate --seed N [--reading R] [-o FILE]`` writes a synthetic
ledger (with its customer table and assumptions file beside it);
``casestudy ledger check FILE [--customers FILE] [--reading R]`` validates a
ledger, and with ``--reading`` checks the published constraints too;
``casestudy audit`` prints the audit of the paper's numbers.

Examples
--------
>>> from casestudy.cli import build_parser
>>> args = build_parser().parse_args(["ledger", "generate", "--seed", "7"])
>>> args.seed, args.reading
(7, 'segments-of-100')
"""

from __future__ import annotations

import argparse
from pathlib import Path

from casestudy import paths
from casestudy.crm.assumptions import DEFAULT_SEED, READINGS, PublishedTargets, reading
from casestudy.crm.constraints import check_constraints
from casestudy.crm.ledger import read_customers, read_ledger
from casestudy.crm.synthetic import generate_ledger
from casestudy.crm.synthetic_io import write_synthetic
from casestudy.errors import LedgerError, expectation

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``ledger`` and ``audit`` nouns and their verbs."""
    ledger = subparsers.add_parser("ledger", help="generate or check order ledgers")
    verbs = ledger.add_subparsers(dest="verb", metavar="VERB")
    verbs.required = True
    gen = verbs.add_parser("generate", help="write a seeded synthetic ledger, customer table and assumptions")
    gen.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    gen.add_argument("--reading", choices=sorted(READINGS), default="segments-of-100",
                     help="how the paper's 69/31 segment split is read")
    gen.add_argument("-o", "--output", type=Path, default=None,
                     help="ledger CSV path (default data/synthetic/ledger_reading-<r>_seed-<n>.csv)")
    gen.set_defaults(func=_generate)
    chk = verbs.add_parser("check", help="validate a ledger CSV (and the published constraints with --reading)")
    chk.add_argument("file", type=Path)
    chk.add_argument("--customers", type=Path, default=None, help="customer table CSV")
    chk.add_argument("--reading", choices=sorted(READINGS), default=None)
    chk.set_defaults(func=_check)
    audit = subparsers.add_parser("audit", help="audit every number the paper prints")
    audit.set_defaults(func=_audit)


def _generate(args: argparse.Namespace) -> int:
    if not 0 <= args.seed < 2**32:
        from casestudy.errors import LedgerError, expectation

        raise LedgerError(expectation("--seed", "an integer from 0 to 4294967295", args.seed))
    syn = generate_ledger(args.seed, args.reading)
    folder = args.output.parent if args.output else None
    written = write_synthetic(syn, folder, written_by="casestudy ledger generate",
                              ledger_name=args.output.name if args.output else None)
    for key in ("ledger", "customers", "assumptions"):
        print(f"{key}: {paths.display_path(written[key])}")
    print("provenance: synthetic (not PT. XYZ's records)")
    return 0


def _check(args: argparse.Namespace) -> int:
    orders = read_ledger(args.file)
    print(f"{args.file.name}: {len(orders)} orders, schema valid")
    if args.reading is None:
        return 0
    if args.customers is None:
        raise LedgerError(expectation("--customers", "given with --reading", None, args.file.name))
    customers = read_customers(args.customers)
    table = check_constraints(orders, customers, PublishedTargets.from_published(), reading(args.reading))
    for row in table.itertuples():
        print(f"{'ok  ' if row.satisfied else 'FAIL'} {row.constraint_id}: {row.description}")
    return 0 if table["satisfied"].all() else 1


def _audit(args: argparse.Namespace) -> int:
    from casestudy.stats.audit import AUDIT_VERDICTS, audit_claims, audit_conflicts

    table = audit_claims()
    for row in table.itertuples():
        print(f"{str(row.verdict):<14} {str(row.claim_id)}: expected {str(row.expected_value or '-')}")
    conflicts = audit_conflicts(table)
    counts = conflicts["verdict"].value_counts()
    print(f"{len(conflicts)} distinct claims ({len(table)} readings): "
          + ", ".join(f"{k}: {counts.get(k, 0)}" for k in AUDIT_VERDICTS))
    return 0



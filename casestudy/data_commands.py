"""Command-line commands for the project's data: ``casestudy data verify|checksums``."""

from __future__ import annotations

import argparse

from casestudy import published

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``data`` noun and its verbs."""
    data = subparsers.add_parser("data", help="check the project's data files against data/SHA256SUMS")
    verbs = data.add_subparsers(dest="verb", metavar="VERB")
    verbs.required = True
    verify = verbs.add_parser("verify", help="compare every file under data/ with data/SHA256SUMS")
    verify.set_defaults(func=_verify)
    sums = verbs.add_parser("checksums", help="print or (with --write) rewrite data/SHA256SUMS")
    sums.add_argument("--write", action="store_true", help="rewrite data/SHA256SUMS from the files")
    sums.set_defaults(func=_checksums)


def _verify(args: argparse.Namespace) -> int:
    problems = published.verify_data()
    if problems.empty:
        print(f"data: {len(published.read_checksums())} files match data/SHA256SUMS")
        return 0
    print(problems.to_string(index=False))
    return 1


def _checksums(args: argparse.Namespace) -> int:
    if args.write:
        published.write_checksums()
        print("data: wrote data/SHA256SUMS")
    else:
        for name, digest in published.read_checksums().items():
            print(f"{digest}  {name}")
    return 0

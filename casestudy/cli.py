"""The ``casestudy`` command line: nouns then verbs, one entry point.

Each subpackage contributes its commands through a ``commands`` module with a
``register(subparsers)`` function; this module only assembles them, so the
command line stays a thin face over the library.

Examples
--------
>>> parser = build_parser()
>>> parser.prog
'casestudy'
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from casestudy.errors import CaseStudyError

__all__ = ["build_parser", "main", "COMMAND_MODULES"]

#: Modules that register commands, in the order their nouns appear in ``--help``.
COMMAND_MODULES: tuple[str, ...] = (
    "casestudy.data_commands",
    "casestudy.design.commands",
    "casestudy.coding.commands",
    "casestudy.reliability.commands",
    "casestudy.crm.commands",
    "casestudy.exchange.commands",
    "casestudy.present.commands",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the full argument parser from every registered command module."""
    parser = argparse.ArgumentParser(
        prog="casestudy",
        description="Reproducible qualitative case study research (Yin's design, Buttle's CRM framework).",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="noun", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"casestudy {version('casestudy')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "casestudy (not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Errors of the package print one line to stderr and give status 2, so a
    script can tell bad input from a crash.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = args.func(args)
    except CaseStudyError as exc:
        print(f"casestudy: error: {exc}", file=sys.stderr)
        return 2
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

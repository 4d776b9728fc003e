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
import os
import sys
import warnings
from collections.abc import Sequence

from casestudy.errors import CaseStudyError, CaseStudyWarning

__all__ = ["build_parser", "main", "COMMAND_MODULES"]

#: Modules that register commands, in the order their nouns appear in ``--help``.
COMMAND_MODULES: tuple[str, ...] = (
    "casestudy.study_commands",
    "casestudy.data_commands",
    "casestudy.consent_commands",
    "casestudy.coding.privacy_commands",
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
        description="Reproducible qualitative case study research: Yin's design, your framework, coding, "
                    "reliability, REFI-QDA exchange.",
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


def _one_line(exc: BaseException) -> str:
    """The one line a user sees for an exception that is not the package's (no traceback)."""
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or type(exc).__name__}"
    if isinstance(exc, MemoryError):
        return "out of memory (the input is too large)"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{text} ({type(exc).__name__}; please report this as a bug)"


def _close_stdout() -> None:
    """After a broken pipe, point stdout at devnull so that Python's exit flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout already gone
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Every error prints one line to stderr (``casestudy: error: ...``) and gives status 2, so a
    script can tell bad input from success; no traceback ever reaches the user. A closed
    stdout (``casestudy ... | head``) ends the command quietly. Warnings print as one line each.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        warnings.simplefilter("always", CaseStudyWarning)
        try:
            return _run(argv)
        finally:
            for w in caught:
                print(f"casestudy: warning: {' '.join(str(w.message).split())}", file=sys.stderr)


def _run(argv: Sequence[str] | None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        status = args.func(args)
        sys.stdout.flush()
    except SystemExit as exc:  # argparse: usage errors (2), --help/--version (0)
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:
        _close_stdout()
        return 2
    except KeyboardInterrupt:
        print("casestudy: interrupted", file=sys.stderr)
        return 130
    except CaseStudyError as exc:
        from casestudy.commandline import in_command_line_words

        print(f"casestudy: error: {in_command_line_words(' '.join(str(exc).splitlines()))}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the command line never shows a traceback
        print(f"casestudy: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

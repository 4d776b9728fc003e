"""Command line: ``casestudy privacy check --pseudonyms KEY [PATHS...]`` (registered by :mod:`casestudy.cli`).

Scans files and folders (default: the project's ``reports/`` and ``notebooks/``) for
every name in a pseudonym key (:mod:`casestudy.coding.leak_scan`); lists each hit with
its file, place and line and exits 1 when a name is found, 0 when none is, 2 for bad
input.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy")
>>> register(parser.add_subparsers(dest="noun"))
>>> args = parser.parse_args(["privacy", "check", "--pseudonyms", "key.yaml", "case.sqlite", "reports"])
>>> args.pseudonyms, args.paths
('key.yaml', ['case.sqlite', 'reports'])
"""

from __future__ import annotations

import argparse
import sys

from casestudy import paths
from casestudy.commandline import existing_file
from casestudy.errors import DataFileNotFoundError, expectation

__all__ = ["register"]


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from casestudy.coding.leak_scan import scan_paths
    from casestudy.coding.pseudonyms import load_key

    key = load_key(existing_file(args.pseudonyms, "--pseudonyms"))
    targets = args.paths or [p for p in (paths.reports_dir(), paths.project_root() / "notebooks") if p.exists()]
    for t in targets:
        if not Path(t).exists():
            raise DataFileNotFoundError(expectation("PATH", "an existing file or folder", str(t)))
    leaks = scan_paths(key, targets)
    for leak in leaks:
        sys.stdout.write(f"{leak}\n")
    shown = ", ".join(paths.display_path(Path(t)) for t in targets)
    if leaks:
        files = len({leak.where.split(",")[0].split("!")[0] for leak in leaks})
        print(f"privacy check: {len(leaks)} name(s) of {key.name} found in {files} file(s) under {shown}",
              file=sys.stderr)
        return 1
    print(f"privacy check: no name of {key.name} ({len(key.entries)} entries) in {shown}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the noun ``privacy`` with its verb ``check``."""
    p = subparsers.add_parser("privacy", help="privacy checks of what the package wrote")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    c = verbs.add_parser("check", help="find every name of a pseudonym key in databases, exports, reports and "
                         "notebooks (case, accents, spacing and line breaks ignored); exit 1 when one is found")
    c.add_argument("--pseudonyms", required=True, metavar="KEY", help="pseudonymisation key (YAML)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (.sqlite, .qdpx, .html, .ipynb, .csv...)"
                   "; default: reports/ and notebooks/")
    c.set_defaults(func=_check)

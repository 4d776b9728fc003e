"""Command-line commands of `casestudy.design` (registered by :mod:`casestudy.cli`).

``casestudy design check FILE`` loads a design file (checking its sources'
checksums), and prints its Yin type and validity scorecard; an invalid file gives
one line naming the file, line, field and expectation, and exit status 2.
``casestudy design checksums FILE`` recomputes the sources' checksums in place.
Evidence selectors are not resolved here (that needs the corpus and result tables,
which the notebooks supply), so evidence shows as unchecked in the chain of evidence.

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(prog="casestudy"); sub = p.add_subparsers()
>>> register(sub)
>>> p.parse_args(["design", "check", "data/design/pt_xyz.yaml"]).verb
'check'
"""

from __future__ import annotations

import argparse
from pathlib import Path

from casestudy import paths

__all__ = ["register", "check", "checksums"]


def check(args: argparse.Namespace) -> int:
    """Print the scorecard of a design file; return 0 (errors propagate to :func:`casestudy.cli.main`)."""
    from casestudy.design.designfile import load_design
    from casestudy.design.validity import assess

    design = load_design(args.file, verify=not args.no_verify)
    result = assess(design)
    print(f"{design.title} ({design.id}): {design.yin_type_label}; "
          f"{len(design.findings)} findings, {len(design.sources)} sources, {len(design.rivals)} rivals")
    print(result.summary[["test", "tactic", "phase", "status"]].to_string(index=False))
    if args.reasons:
        for r in result.results:
            print(f"- {r.tactic.id}: {r.reason}")
    print("Evidence selectors are not resolved by this command (they show as unchecked).")
    return 0


def checksums(args: argparse.Namespace) -> int:
    """Rewrite the ``sha256`` values of a design file from the sources' files."""
    from casestudy.design.designfile import refresh_checksums

    p = Path(args.file)
    if not p.is_absolute() and not p.exists():
        p = paths.project_root() / p
    text = p.read_text(encoding="utf-8")
    new = refresh_checksums(text, name=paths.display_path(p))
    if new != text:
        p.write_text(new, encoding="utf-8", newline="\n")
    print(f"{paths.display_path(p)}: checksums {'updated' if new != text else 'already current'}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``design check`` and ``design checksums``."""
    noun = subparsers.add_parser("design", help="case study designs (Yin): check a design file")
    verbs = noun.add_subparsers(dest="verb", metavar="VERB")
    verbs.required = True
    c = verbs.add_parser("check", help="validate a design file and print its validity scorecard")
    c.add_argument("file", help="design YAML file, e.g. data/design/pt_xyz.yaml")
    c.add_argument("--no-verify", action="store_true", help="skip the sources' checksum verification")
    c.add_argument("--reasons", action="store_true", help="print each tactic's reason")
    c.set_defaults(func=check)
    s = verbs.add_parser("checksums", help="recompute the sources' sha256 values in a design file")
    s.add_argument("file", help="design YAML file")
    s.set_defaults(func=checksums)

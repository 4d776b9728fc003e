"""Command-line commands of `casestudy.design` (registered by :mod:`casestudy.cli`).

``casestudy design check FILE`` loads a design file (checking its sources'
checksums), and prints its Yin type and validity scorecard; an invalid file gives
one line naming the file, line, field and expectation, and exit status 2.
``casestudy design checksums FILE`` computes the sources' checksums in place (adding
a missing ``sha256``), and refuses, changing nothing, what ``design check`` refuses.
Paths in the file are relative to its folder. With ``--db DB`` the evidence selectors
(quotes and coded segments) are resolved against the study's case study database and
broken ones are listed; without it they show as unchecked.

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
    from casestudy.design.validity import assess_validity

    design = load_design(args.file, verify=not args.no_verify, allow_outside=args.allow_outside)
    resolution = _resolve(design, args.db) if args.db else None
    result = assess_validity(design, resolution) if resolution is not None else assess_validity(design)
    print(f"{design.title} ({design.id}): {design.yin_type_label}; "
          f"{len(design.findings)} findings, {len(design.sources)} sources, {len(design.rivals)} rivals")
    print(result.summary[["test", "tactic", "phase", "status"]].to_string(index=False))
    if args.reasons:
        for r in result.results:
            print(f"- {r.tactic.id}: {r.reason}")
    n_rules = sum(len(r.rules) for r in design.rivals) + sum(len(p.pattern_rules) for p in design.propositions)
    if n_rules:
        f = design.protocol.rules
        frozen = "not frozen: casestudy design checksums freezes them" if f is None or not f.sha256 else (
            f"{'declared before the data' if f.timing == 'before_data' else 'post hoc'}, frozen {f.frozen_at}"
            + ("" if args.no_verify else ", checksum verified"))
        print(f"Decision rules: {n_rules} ({frozen}); rival verdicts and pattern outcomes are computed from the "
              "rules and the data (CaseStudyDesign.decide, notebook 05, casestudy report), not by this command.")
    if resolution is None:
        print("Evidence selectors are not resolved without --db (they show as unchecked).")
        return 0
    broken = resolution[resolution["status"] == "broken"]
    counts = resolution["status"].value_counts()
    print(f"Evidence selectors against {Path(args.db).name}: " + ", ".join(
        f"{int(counts.get(k, 0))} {k}" for k in ("resolved", "broken", "unchecked")))
    for r in broken.itertuples():
        print(f"- {r.owner_kind} {r.owner}, evidence {r.evidence_id}: {r.problem}")
    return 0


def _resolve(design, db_path: str):  # noqa: ANN202 - a DataFrame
    """Resolve the design's selectors against a case study database (opened read only)."""
    from casestudy.errors import DataFileNotFoundError, expectation
    from casestudy.store import CaseDatabase, FixedClock

    if not Path(db_path).is_file():
        raise DataFileNotFoundError(expectation("--db", "an existing case study database", db_path))
    with CaseDatabase(db_path, clock=FixedClock(), backup=False, readonly=True) as db:
        texts = {sid: db.source_text(sid) for sid in db.sources()["source_id"]}
        segments = db.codings(status="accepted").rename(
            columns={"source_id": "source", "code_id": "code", "coder_id": "coder"})
        return design.resolve(texts=texts, segments=segments)


def checksums(args: argparse.Namespace) -> int:
    """Rewrite the ``sha256`` values of a design file from the sources' files."""
    from casestudy.design.designfile import design_path, refresh_checksums

    p = design_path(args.file)
    text = p.read_text(encoding="utf-8")
    new = refresh_checksums(text, name=paths.display_path(p), root=p.parent, allow_outside=args.allow_outside)
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
    c.add_argument("--db", metavar="DB", help="case study database: resolve the evidence selectors against it")
    c.add_argument("--allow-outside", action="store_true",
                   help="accept source files outside the study's folder (the design file's, or its study_folder)")
    c.set_defaults(func=check)
    s = verbs.add_parser("checksums", help="compute the sources' sha256 values in a design file (adds missing ones)")
    s.add_argument("file", help="design YAML file")
    s.add_argument("--allow-outside", action="store_true",
                   help="hash source files outside the study's folder too (the design file's, or its study_folder)")
    s.set_defaults(func=checksums)

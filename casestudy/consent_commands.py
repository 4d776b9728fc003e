"""Command-line commands ``casestudy consent import|set|list`` (registered by :mod:`casestudy.cli`).

Consent is recorded after the fact, for informants of transcripts already
imported and for cases that came from a ``.qdpx``; a source without an
informant (a document, a field note) has its own release status, set the same
way with its source id. Every change is one event (undo restores the previous
states).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy")
>>> register(parser.add_subparsers(dest="noun"))
>>> args = parser.parse_args(["consent", "set", "inf03", "--db", "case.sqlite", "--status", "recorded"])
>>> args.subject, args.status
('inf03', 'recorded')
"""

from __future__ import annotations

import argparse
import sys

from casestudy import paths
from casestudy.commandline import existing_file, reading_database, writing_database
from casestudy.consent import CONSENT_STATES, ConsentRecord, read_consent_csv

__all__ = ["register"]


def _subjects(db: object) -> set[str]:
    cases = set(db.cases()["case_id"])  # type: ignore[attr-defined]
    sources = db.sources()  # type: ignore[attr-defined]
    return cases | set(sources.loc[sources["release"].notna(), "source_id"])


def _import(args: argparse.Namespace) -> int:
    records = read_consent_csv(existing_file(args.file, "FILE"))
    existing_file(args.db, "--db")
    with writing_database(args, "casestudy consent import") as db:
        known = _subjects(db)
        chosen = [r for s, r in records.items() if s in known]
        skipped = [s for s in records if s not in known]
        event = db.set_consent(chosen) if chosen else None
    counts = {state: sum(r.state == state for r in chosen) for state in CONSENT_STATES}
    print(f"recorded consent of {len(chosen)} informant(s) or source(s) in {paths.display_path(args.db)}"
          + (f" (event {event})" if event else "") + ": " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if skipped:
        print(f"not in the database (skipped): {', '.join(skipped)}", file=sys.stderr)
    return 0


def _set(args: argparse.Namespace) -> int:
    from casestudy.errors import ValidationError, expectation

    existing_file(args.db, "--db")
    record = ConsentRecord(args.subject, args.status, args.date, args.scope)
    with writing_database(args, "casestudy consent set") as db:
        if args.subject not in _subjects(db):
            raise ValidationError(expectation("ID", "an informant of the database or a source without an informant",
                                              args.subject, paths.display_path(args.db)))
        event = db.set_consent([record])
    print(f"consent of {args.subject}: {args.status} (event {event})")
    return 0


def _list(args: argparse.Namespace) -> int:
    with reading_database(args) as db:
        df = db.source_release()
    for r in df.itertuples():
        sys.stdout.write(f"{r.source_id}\t{r.release}\t{r.reason}\n")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the noun ``consent`` with its verbs ``import``, ``set`` and ``list``."""
    c = subparsers.add_parser("consent", help="record informants' consent (and the release of sources without one)")
    verbs = c.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = verbs.add_parser("import", help="record consent from a consent.csv "
                         "(informant,consent_recorded,consent_date,scope)")
    p.add_argument("file", metavar="FILE", help="consent.csv")
    p.add_argument("--db", required=True, help="case study database file (must exist)")
    p.add_argument("--time", help="ISO time for the event log (default: SOURCE_DATE_EPOCH, else now)")
    p.set_defaults(func=_import)
    p = verbs.add_parser("set", help="record the consent of one informant, or the release of one source "
                         "without an informant")
    p.add_argument("subject", metavar="ID", help="informant id, or the id of a source without an informant")
    p.add_argument("--status", required=True, choices=CONSENT_STATES, help="recorded, refused or unknown")
    p.add_argument("--date", help="date consent was recorded (YYYY-MM-DD)")
    p.add_argument("--scope", help="what the consent covers")
    p.add_argument("--db", required=True, help="case study database file (must exist)")
    p.add_argument("--time", help="ISO time for the event log (default: SOURCE_DATE_EPOCH, else now)")
    p.set_defaults(func=_set)
    p = verbs.add_parser("list", help="release status of every source, and why")
    p.add_argument("--db", required=True, help="case study database file (read only)")
    p.add_argument("--time", help=argparse.SUPPRESS)
    p.set_defaults(func=_list)

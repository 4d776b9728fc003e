"""Command-line commands of `casestudy.coding` (registered by :mod:`casestudy.cli`).

``transcripts import``, ``codebook check``, ``autocode`` and ``query matrix``; the
commands of coding by people (``codings``, ``suggestions``, ``memos``, ``events``,
``undo``, ``codes``, the other ``query`` verbs) are in :mod:`casestudy.coding.codings_commands`,
:mod:`casestudy.coding.codes_commands` and :mod:`casestudy.coding.query_commands`. Times written to the database come from ``--time`` (or
``SOURCE_DATE_EPOCH`` when set, as under ``make``), otherwise the system clock.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy")
>>> register(parser.add_subparsers(dest="noun"))
>>> parser.parse_args(["codebook", "check", "x.yaml"]).file
'x.yaml'
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from casestudy import paths

__all__ = ["register"]


def _progress(items: list, desc: str, unit: str) -> tqdm:  # type: ignore[type-arg]
    """A progress bar on stderr; off when TQDM_DISABLE is set (read now, not at import) or stderr is no TTY."""
    off = os.environ.get("TQDM_DISABLE", "").lower() not in ("", "0", "false")
    return tqdm(items, desc=desc, unit=unit, disable=True if off else None)


def _clock(args: argparse.Namespace):  # noqa: ANN202 - returns a Clock
    from casestudy.store.events import FixedClock, SystemClock

    if getattr(args, "time", None):
        return FixedClock(args.time)
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        stamp = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), timezone.utc)
        return FixedClock(stamp.isoformat())
    return SystemClock()


def _db_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, help="case study database file (SQLite)")
    p.add_argument("--time", help="ISO time for the event log (default: SOURCE_DATE_EPOCH, else now)")


def _import(args: argparse.Namespace) -> int:
    from casestudy.coding.pseudonyms import load_key
    from casestudy.coding.transcript_readers import read_transcript
    from casestudy.store.database import CaseDatabase

    key = load_key(args.pseudonyms) if args.pseudonyms else None
    transcripts = []
    for path in _progress(args.paths, "reading", "file"):
        t = read_transcript(path, encoding=args.encoding)
        transcripts.append(key.apply_transcript(t) if key else t)
    with CaseDatabase(args.db, clock=_clock(args), actor="casestudy transcripts import") as db:
        with db.batch("transcripts import") as event:
            db.add_transcripts(transcripts)
            if args.consent:
                from casestudy.coding.project import cases_from_transcripts, read_consent

                db.add_cases(cases_from_transcripts(transcripts, read_consent(Path(args.consent))))
        step = json.loads(db.events().iloc[-1]["detail"])["steps"][0]
    counts = ", ".join(f"{k} {len(v) if isinstance(v, list) else v}" for k, v in sorted(step.items()) if k != "action")
    print(f"imported {len(transcripts)} transcript(s) into {paths.display_path(args.db)} (event {event}): {counts}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from casestudy.coding.codebook_yaml import load_codebook

    cb = load_codebook(args.file)
    n_kw = sum(len(c.phrases()) for c in cb.codes)
    print(f"{paths.display_path(args.file)}: codebook {cb.id} v{cb.version}: {len(cb.codes)} codes "
          f"({len(cb.ids(codable_only=True))} codable), {n_kw} keyword phrases: valid")
    return 0


def _autocode(args: argparse.Namespace) -> int:
    from casestudy.coding.codebook_yaml import load_codebook
    from casestudy.coding.suggest import autocode
    from casestudy.store.database import CaseDatabase

    cb = load_codebook(args.codebook) if args.codebook else None
    with CaseDatabase(args.db, clock=_clock(args), actor="casestudy autocode") as db:
        sources = list(db.sources()["source_id"])
        with db.batch("autocode", actor="autocoder") as event:
            if cb is not None:
                db.add_codebook(cb)
            for sid in _progress(sources, "autocoding", "source"):
                autocode(db, None, source_ids=[sid], all_turns=args.all_turns)
        n = len(db.codings(event_id=event))
    print(f"stored {n} suggestion(s) for {len(sources)} source(s) (status 'suggested', event {event})")
    return 0


def _matrix(args: argparse.Namespace) -> int:
    from casestudy.coding.queries import code_by_attribute, code_by_informant
    from casestudy.errors import StoreError, expectation
    from casestudy.store.database import CaseDatabase

    with CaseDatabase(args.db, clock=_clock(args), backup=False) as db:
        if args.coder is None:
            coders = sorted(set(db.codings(status="accepted")["coder_id"]))
            if len(coders) > 1:
                raise StoreError(expectation("--coder", f"given: the codings are by {len(coders)} coders "
                                             f"({', '.join(coders)}) and a matrix counts one coder's codings", None,
                                             "casestudy query matrix"))
        m = code_by_informant(db, coder=args.coder) if args.by == "informant" else code_by_attribute(
            db, args.by, coder=args.coder)
    who = f"coder {args.coder}" if args.coder else "the one coder"
    sys.stdout.write(f"accepted codings of {who} per code (rows) and {args.by} (columns)\n" + m.to_string() + "\n")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this subpackage's nouns and verbs to subparsers."""
    tr = subparsers.add_parser("transcripts", help="transcripts in the case study database")
    trs = tr.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = trs.add_parser("import", help="read, pseudonymise and store transcripts (.txt .md .vtt .srt .docx)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="transcript files")
    _db_args(p)
    p.add_argument("--pseudonyms", metavar="KEY", help="pseudonymisation key (YAML)")
    p.add_argument("--encoding", help="explicit encoding for files that are not UTF-8")
    p.add_argument("--consent", metavar="CSV", help="consent.csv (informant,consent_recorded,consent_date,scope): "
                   "also store the informants as cases; without recorded consent they stay out of exports")
    p.set_defaults(func=_import)

    cb = subparsers.add_parser("codebook", help="codebooks")
    cbs = cb.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = cbs.add_parser("check", help="validate a codebook YAML file")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=_check)

    p = subparsers.add_parser("autocode", help="store keyword suggestions (status 'suggested') for every source")
    _db_args(p)
    p.add_argument("--codebook", metavar="FILE", help="codebook YAML (default: the latest stored version)")
    p.add_argument("--all-turns", action="store_true",
                   help="also suggest in turns no coder codes (the interviewer's); default: skip them")
    p.set_defaults(func=_autocode)

    from casestudy.coding import codes_commands, codings_commands

    codings_commands.register(subparsers)
    codes_commands.register(subparsers)

    q = subparsers.add_parser("query", help="queries of the case study database")
    qs = q.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = qs.add_parser("matrix", help="code x informant attribute matrix of accepted codings")
    _db_args(p)
    p.add_argument("--by", required=True, metavar="ATTRIBUTE", help="'informant' or a case attribute (unit, role...)")
    p.add_argument("--coder", help="whose codings to count (required when two or more coders coded)")
    p.set_defaults(func=_matrix)
    from casestudy.coding import query_commands

    query_commands.register(qs)

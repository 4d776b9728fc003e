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
from pathlib import Path

from tqdm import tqdm

from casestudy import paths
from casestudy.commandline import clock, existing_file, reading_database, writing_database
from casestudy.errors import ValidationError, expectation

__all__ = ["register"]


def _progress(items: list, desc: str, unit: str) -> tqdm:  # type: ignore[type-arg]
    """A progress bar on stderr; off when TQDM_DISABLE is set (read now, not at import) or stderr is no TTY."""
    off = os.environ.get("TQDM_DISABLE", "").lower() not in ("", "0", "false")
    return tqdm(items, desc=desc, unit=unit, disable=True if off else None)


def _clock(args: argparse.Namespace):  # noqa: ANN202 - returns a Clock
    return clock(args)


def _db_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, help="case study database file (SQLite)")
    p.add_argument("--time", help="ISO time for the event log (default: SOURCE_DATE_EPOCH, else now)")


def _read(args: argparse.Namespace) -> list:  # type: ignore[type-arg]
    from casestudy.coding.pseudonyms import load_key
    from casestudy.coding.transcript_readers import read_transcript

    key = load_key(existing_file(args.pseudonyms, "--pseudonyms")) if args.pseudonyms else None
    if args.source_id and len(args.paths) > 1:
        raise ValidationError(expectation("--source-id", "used with one PATH (it names one source)",
                                          f"{len(args.paths)} paths"))
    if args.informant and args.no_informant:
        raise ValidationError(expectation("--no-informant", "not given together with --informant", "both"))
    fields = {"informant_id": args.informant} if args.informant else {}
    if args.no_informant:
        fields.update(informant_id=None, informant_ids=())
    transcripts = []
    seen: dict[str, str] = {}
    for path in _progress(args.paths, "reading", "file"):
        existing_file(path, "PATH")
        t = read_transcript(path, encoding=args.encoding, source_id=args.source_id, speakers=args.speakers,
                            language=args.language, language_option="--language", **fields)
        where = paths.display_path(path)
        if not t.informant_ids and not args.no_informant and t.meta("informant") != "none":
            raise ValidationError(expectation(
                "informant", "given: --informant ID (or 'informant:' in the front matter), or --no-informant for "
                "a source without one (a document, a field note)", None, where))
        t = key.apply_transcript(t) if key else t
        if t.source_id in seen:
            raise ValidationError(expectation("source id", "different for every file (give --source-id, one call "
                                              "per file)", t.source_id, f"{where} and {seen[t.source_id]}"))
        seen[t.source_id] = where
        transcripts.append(t)
    return transcripts


def _import(args: argparse.Namespace) -> int:
    from casestudy.consent import read_consent_csv

    if Path(args.db).is_dir():
        raise ValidationError(expectation("--db", "a database file, not a folder", args.db))
    consent = read_consent_csv(existing_file(args.consent, "--consent")) if args.consent else {}
    transcripts = _read(args)
    with writing_database(args, "casestudy transcripts import", create=True) as db:
        with db.batch("transcripts import") as event:
            db.add_transcripts(transcripts)
            informants = sorted({i for t in transcripts for i in t.informant_ids})
            records = [consent[i] for i in informants if i in consent]
            if records:
                db.set_consent(records)
        steps = json.loads(db.events().iloc[-1]["detail"])["steps"]
        release = db.source_release().set_index("source_id")
    s = steps[0]
    print(f"imported {len(transcripts)} transcript(s) into {paths.display_path(args.db)} (event {event}): "
          f"added {len(s['added'])}, unchanged {len(s['unchanged'])}, replaced {len(s['replaced'])} (codings "
          f"re-anchored {s['reanchored']}, unanchored {s['unanchored']}, merged into identical {s['merged']}); "
          f"new informants {len(s['cases_added'])}")
    withheld = [t.source_id for t in transcripts if release.at[t.source_id, "release"] != "recorded"]
    if withheld:
        print(f"withheld from every output until consent is recorded: {', '.join(withheld)} "
              "(casestudy consent set|import --db DB)", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from casestudy.coding.codebook_yaml import load_codebook

    cb = load_codebook(existing_file(args.file, "FILE"))
    n_kw = sum(len(c.phrases()) for c in cb.codes)
    print(f"{paths.display_path(args.file)}: codebook {cb.id} v{cb.version}: {len(cb.codes)} codes "
          f"({len(cb.ids(codable_only=True))} codable), {n_kw} keyword phrases: valid")
    return 0


def _autocode(args: argparse.Namespace) -> int:
    from casestudy.coding.codebook_yaml import load_codebook
    from casestudy.coding.suggest import autocode

    cb = load_codebook(existing_file(args.codebook, "--codebook")) if args.codebook else None
    with writing_database(args, "casestudy autocode") as db:
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
    from casestudy.consent import included_notice
    from casestudy.errors import StoreError, expectation

    with reading_database(args) as db:
        if args.coder is None:
            coders = sorted(set(db.codings(status="accepted")["coder_id"]))
            if len(coders) > 1:
                raise StoreError(expectation("--coder", f"given: the codings are by {len(coders)} coders "
                                             f"({', '.join(coders)}) and a matrix counts one coder's codings", None,
                                             "casestudy query matrix"))
        m = code_by_informant(db, coder=args.coder, consented_only=not args.all_informants) if args.by == "informant" \
            else code_by_attribute(db, args.by, coder=args.coder, consented_only=not args.all_informants)
        notice = included_notice(db.withheld_sources(), args.all_informants)
    who = f"coder {args.coder}" if args.coder else "the one coder"
    sys.stdout.write((f"# {notice}\n" if notice else "")
                     + f"accepted codings of {who} per code (rows) and {args.by} (columns)\n" + m.to_string() + "\n")
    if notice:
        print(notice, file=sys.stderr)
    return 0


def _remove(args: argparse.Namespace) -> int:
    with writing_database(args, "casestudy sources remove") as db:
        known = set(db.sources()["source_id"])
        unknown = [s for s in args.sources if s not in known]
        if unknown:
            raise ValidationError(expectation("SOURCE", "a source of the database (see casestudy consent list)",
                                              unknown[0], paths.display_path(args.db)))
        event = db.remove_sources(args.sources)
        removed = json.loads(db.events().iloc[-1]["detail"])["steps"][0]["removed"]
    for sid, counts in removed.items():
        print(f"removed {sid} (event {event}): " + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "sources"))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this subpackage's nouns and verbs to subparsers."""
    so = subparsers.add_parser("sources", help="sources of the case study database")
    sos = so.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = sos.add_parser("remove", help="remove sources with their turns, codings, memos on them and assignments "
                       "(recorded in the event log; import the file again to bring one back)")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="source ids")
    _db_args(p)
    p.set_defaults(func=_remove)

    tr = subparsers.add_parser("transcripts", help="transcripts in the case study database")
    trs = tr.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = trs.add_parser("import", help="read, pseudonymise and store transcripts (.txt .md .vtt .srt .docx)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="transcript files")
    _db_args(p)
    p.add_argument("--pseudonyms", metavar="KEY", help="pseudonymisation key (YAML)")
    p.add_argument("--encoding", help="explicit encoding for files that are not UTF-8")
    p.add_argument("--language", metavar="CODE", help="language of files whose front matter declares none "
                   "(.vtt, .srt, .docx...): en, id...; never assumed")
    p.add_argument("--consent", metavar="CSV", help="consent.csv (informant,consent_recorded,consent_date,scope): "
                   "record the informants' consent; without it they stay out of every output")
    p.add_argument("--informant", metavar="ID", help="the informant of every file of this call (one call per "
                   "informant; overrides the front matter)")
    p.add_argument("--no-informant", action="store_true", help="the files are sources without an informant "
                   "(documents, field notes); their release is 'unknown' until recorded with 'casestudy consent set'")
    p.add_argument("--source-id", metavar="ID", help="source id of the one file given (default: front matter, "
                   "else the file name)")
    p.add_argument("--speakers", metavar="NAME=ROLE,...", help="declared speakers and roles (interviewer, informant, "
                   "observer, other); a 'Name:' that is not declared continues the previous turn")
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
    p.add_argument("--all-informants", action="store_true", help="include informants without recorded consent")
    p.set_defaults(func=_matrix)
    from casestudy.coding import query_commands

    query_commands.register(qs)

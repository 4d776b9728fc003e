"""Command line for coding by people: ``codings import|export``, ``suggestions``, ``memos``, ``events``, ``undo``.

Each writing command is one transaction and one event of the database's log,
credited to the coder who acted, so ``casestudy undo EVENT`` takes it back.
Registered by :mod:`casestudy.coding.commands`.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy")
>>> register(parser.add_subparsers(dest="noun"))
>>> a = parser.parse_args(["suggestions", "accept", "--db", "x.sqlite", "--coder", "coder_a", "--code", "apps"])
>>> a.coder, a.code, a.ids
('coder_a', 'apps', [])
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casestudy import paths
from casestudy.coding.command_db import add_db_options, open_database
from casestudy.commandline import existing_file
from casestudy.errors import CodingError, StoreError, expectation

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["register", "select_suggestions"]


def _import(args: argparse.Namespace) -> int:
    from casestudy.coding.codebook_yaml import load_codebook
    from casestudy.records.coders import Assignment, Coder
    from casestudy.coding.coding_csv import load_codings_csv

    if not Path(args.file).is_file():
        raise CodingError(expectation("FILE", "an existing codings CSV", args.file))
    cb = load_codebook(args.codebook) if args.codebook else None
    with open_database(args, actor=args.coder) as db:
        if cb is None and db.codebook_versions().empty:
            raise CodingError(expectation("--codebook", "given: the database has no codebook yet", None))
        sources = set(db.sources()["source_id"])
        with db.batch("codings import", detail={"file": Path(args.file).name, "coder": args.coder}) as event:
            if cb is not None:
                db.add_codebook(cb)
            book = db.codebook(cb.version if cb is not None else None)
            codings = load_codings_csv(args.file, lambda s: db.source_text(s) if s in sources else None,
                                       coder_id=args.coder, codebook_version=book.version,
                                       codes={c.id: c.codable for c in book.codes})
            if args.coder not in set(db.coders()["coder_id"]):
                db.add_coders([Coder(args.coder, args.coder, "coder")])
            db.assign([Assignment(args.coder, s) for s in sorted({c.source_id for c in codings})])
            db.add_codings(codings)
        step = [s for s in json.loads(db.events().iloc[-1]["detail"])["steps"] if s["action"] == "add_codings"][0]
    print(f"imported {len(codings)} coding(s) of {args.coder} from {paths.display_path(args.file)} into "
          f"{paths.display_path(args.db)} (event {event}): added {step['added']}, "
          f"skipped duplicates {step['skipped_duplicates']}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from casestudy.coding.coding_csv import write_codings_csv
    from casestudy.coding.queries import coding_export
    from casestudy.consent import included_notice, withheld_notice
    from casestudy.csv_output import sidecar_path

    out = Path(args.output)
    if out.is_dir():
        raise CodingError(expectation("--output", "a file name, not a folder", str(out)))
    with open_database(args, write=False) as db:
        rows = coding_export(db, status=args.status, coder=args.coder, consented_only=not args.all_informants)
        withheld = db.withheld_sources()
    buffer = io.StringIO()
    n = write_codings_csv(rows.to_dict(orient="records", into=dict), buffer)
    if args.pseudonyms:
        from casestudy.coding.leak_scan import refuse_leaks
        from casestudy.coding.pseudonyms import load_key

        refuse_leaks(load_key(existing_file(args.pseudonyms, "--pseudonyms")), buffer.getvalue().encode("utf-8"),
                     str(out), ".csv")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())
    notice = (included_notice(withheld, True) if args.all_informants else withheld_notice(len(withheld), False)) \
        if withheld else None
    side = sidecar_path(out)
    if notice and args.all_informants:  # said beside the CSV, never inside it (a first line breaks CSV readers)
        side.write_text(f"{out.name}: {notice}\n", encoding="utf-8")
    else:
        side.unlink(missing_ok=True)
    print(f"wrote {n} coding(s) to {paths.display_path(out)}")
    if notice:
        print(notice + (f"; see {paths.display_path(side)}" if args.all_informants else ""), file=sys.stderr)
    return 0


def select_suggestions(db: CaseDatabase, *, ids: list[int] | None = None, code: str | None = None, rule: str | None = None,
                       source: str | None = None, coder: str | None = None, pending_only: bool = True) -> Any:
    """Suggestions (status ``suggested``) chosen by id, code, rule (exact, its kind before ``:``, or one of its
    phrases) and source; with ``coder``, a ``decision`` column and (``pending_only``) only those the coder has
    not decided on. Returns a DataFrame of ``db.codings`` columns."""
    s = db.codings(status="suggested")
    s = s[s["suggestion_id"].isna()]
    if ids:
        unknown = sorted(set(ids) - set(s["coding_id"]))
        if unknown:
            raise CodingError(expectation("ID", "the id of a suggestion (see casestudy suggestions list)", unknown[0]))
        s = s[s["coding_id"].isin(ids)]
    if code is not None:
        s = s[s["code_id"] == code]
    if source is not None:
        s = s[s["source_id"] == source]
    if rule is not None:
        def fits(r: Any) -> bool:
            if not isinstance(r, str):
                return False
            kind, _, phrases = r.partition(":")
            return rule in (r, kind) or rule in phrases.split("|")
        s = s[s["rule"].map(fits)]
    s = s.assign(decision="")
    if coder is not None:
        mine = db.codings(coder=coder)
        mine = mine[mine["suggestion_id"].notna()]
        decided = dict(zip(mine["suggestion_id"].astype(int), mine["status"]))
        s = s.assign(decision=s["coding_id"].map(lambda i: decided.get(int(i), "")))
        if pending_only:
            s = s[s["decision"] == ""]
    return s.reset_index(drop=True)


def _list(args: argparse.Namespace) -> int:
    with open_database(args, write=False) as db:
        s = select_suggestions(db, code=args.code, rule=args.rule, source=args.source, coder=args.coder,
                               pending_only=not args.all)
        lines = {sid: db.source_text(sid) for sid in set(s["source_id"])}
    table = s[["coding_id", "source_id", "start", "end", "code_id", "rule", "text"]].rename(
        columns={"coding_id": "id", "source_id": "source", "code_id": "code", "text": "quote"})
    table.insert(4, "line", [lines[r.source_id].count("\n", 0, r.start) + 1 for r in s.itertuples()])
    table["quote"] = table["quote"].map(lambda q: q if len(q) <= 60 else q[:59] + "…")
    if args.coder is not None:
        table["decision"] = s["decision"].replace("", "pending")
    sys.stdout.write((table.to_string(index=False) if len(table) else "no suggestions") + "\n")
    who = f" pending for {args.coder}" if args.coder and not args.all else ""
    print(f"{len(table)} suggestion(s){who}")
    return 0


def _decide(args: argparse.Namespace, status: str) -> int:
    if not (args.ids or args.code or args.rule or args.all):
        raise CodingError(expectation("ID", "given, or one of --code, --rule, --all", None))
    with open_database(args, actor=args.coder) as db:
        if args.coder not in set(db.coders()["coder_id"]):
            raise CodingError(expectation("--coder", "a coder of the database (add one with casestudy codings "
                                          "import)", args.coder))
        chosen = select_suggestions(db, ids=args.ids or None, code=args.code, rule=args.rule, source=args.source,
                                    coder=args.coder, pending_only=not args.ids)
        ids = [int(i) for i in chosen["coding_id"]]
        if not ids:
            print("no pending suggestion matches; nothing changed")
            return 0
        act = db.accept_suggestions if status == "accepted" else db.reject_suggestions
        event = act(ids, args.coder)
        step = json.loads(db.events().iloc[-1]["detail"])["steps"][0]
    verb = "accepted" if status == "accepted" else "rejected"
    extra = f", {len(step['already_coded'])} already coded by {args.coder}" if step["already_coded"] else ""
    print(f"{verb} {len(ids)} suggestion(s) as {args.coder} (event {event}){extra}")
    return 0


def _learn(args: argparse.Namespace) -> int:
    from casestudy.coding.learned import LEARNER, learn_suggestions

    with open_database(args, actor=LEARNER) as db:
        if args.coder not in set(db.coders()["coder_id"]):
            raise CodingError(expectation("--coder", "a coder of the database", args.coder))
        try:
            event = learn_suggestions(db, args.coder, threshold=args.threshold, min_examples=args.min_examples)
        except CodingError as exc:
            raise CodingError(str(exc).replace("'threshold'", "'--threshold'").replace("'min_examples'",
                              "'--min-examples'").replace("'coder'", "'--coder'")) from None
        n = len(db.codings(event_id=event))
    print(f"stored {n} learned suggestion(s) from {args.coder}'s codings (coder {LEARNER}, rule "
          f"classifier:{args.coder}, event {event})")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from casestudy.coding.learned import cross_validate

    with open_database(args, write=False) as db:
        if args.reference not in set(db.coders()["coder_id"]):
            raise CodingError(expectation("--reference", "a coder of the database", args.reference))
        try:
            table = cross_validate(db, args.reference, n_splits=args.folds, threshold=args.threshold,
                                   min_examples=args.min_examples)
        except CodingError as exc:
            raise CodingError(str(exc).replace("'n_splits'", "'--folds'").replace("'reference'", "'--reference'")
                              .replace("'min_examples'", "'--min-examples'")) from None
    if args.output:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False, lineterminator="\n")
        print(f"wrote {len(table)} row(s) to {paths.display_path(out)}")
    else:
        shown = table if args.per_code else table[table["code_id"] == "(all)"]
        sys.stdout.write(shown.to_string(index=False) + "\n")
    return 0


def _memo(args: argparse.Namespace) -> int:
    from casestudy.records.memos import Memo

    targets = [(k, v) for k, v in (("coding", args.coding), ("code", args.code), ("source", args.source),
                                   ("case", args.case)) if v is not None] + ([("project", "project")]
                                                                            if args.project else [])
    if len(targets) != 1:
        raise CodingError(expectation("target", "exactly one of --coding, --code, --source, --case, --project",
                                      [k for k, _ in targets]))
    kind, target = targets[0]
    with open_database(args, actor=args.author) as db:
        if kind == "coding":
            row = db.codings()
            row = row[row["coding_id"] == int(target)]
            if row.empty:
                raise CodingError(expectation("--coding", "the id of a stored coding", int(target)))
            old = row.iloc[0]["memo"]
            text = f"{old}\n{args.text}" if isinstance(old, str) and old else args.text
            event = db.set_coding_memo(int(target), text, actor=args.author)
        else:
            event = db.add_memos([Memo(kind, str(target), args.author, args.text)], actor=args.author)
    print(f"memo on {kind} {target} by {args.author} (event {event})")
    return 0


def _events(args: argparse.Namespace) -> int:
    with open_database(args, write=False) as db:
        ev = db.events()
    undone = {json.loads(d).get("undone") for a, d in zip(ev["action"], ev["detail"]) if a == "undo"}
    ev = ev.assign(undone=ev["event_id"].map(lambda i: "undone" if i in undone else ""))
    sys.stdout.write(ev[["event_id", "time", "actor", "action", "undone"]].tail(args.last).to_string(index=False)
                     + "\n")
    return 0


def _undo(args: argparse.Namespace) -> int:
    with open_database(args, actor=args.actor) as db:
        try:
            event = db.undo(args.event, actor=args.actor)
        except StoreError as exc:
            raise StoreError(str(exc).replace("'event_id'", "'EVENT'")) from None
        removed = json.loads(db.events().iloc[-1]["detail"])["steps"][0]["removed"]
    what = ", ".join(f"{n} {t}" for t, n in sorted(removed.items())) or "changes put back"
    print(f"undid event {args.event} (event {event}): removed {what}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``codings``, ``suggestions``, ``memos``, ``events`` and ``undo``."""
    co = subparsers.add_parser("codings", help="codings of the case study database (CSV in and out)")
    cos = co.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = cos.add_parser("import", help="store one coder's codings from a CSV (source, code, start+end or quote, "
                       "optional occurrence, context, memo); all or nothing")
    p.add_argument("file", metavar="FILE.csv")
    add_db_options(p)
    p.add_argument("--coder", required=True, metavar="ID", help="the coder whose codings these are")
    p.add_argument("--codebook", metavar="FILE", help="codebook YAML to store first (default: the latest stored)")
    p.set_defaults(func=_import)
    p = cos.add_parser("export", help="codings as CSV in the schema that codings import reads")
    add_db_options(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv")
    p.add_argument("--pseudonyms", metavar="KEY", help="pseudonymisation key: refuse to write a CSV that holds any "
                   "of its names")
    p.add_argument("--coder", metavar="ID", help="only this coder's codings")
    p.add_argument("--status", choices=("suggested", "accepted", "rejected"), help="only this status")
    p.add_argument("--all-informants", action="store_true", help="include informants without recorded consent")
    p.set_defaults(func=_export)

    su = subparsers.add_parser("suggestions", help="review automatic suggestions: list, accept, reject; learn, "
                               "evaluate")
    sus = su.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb, helptext in (("list", "suggestions with their rule, pending for --coder (--all: every one)"),
                           ("accept", "accept suggestions as --coder: they become that coder's codings"),
                           ("reject", "reject suggestions as --coder")):
        p = sus.add_parser(verb, help=helptext)
        add_db_options(p)
        p.add_argument("--coder", required=verb != "list", metavar="ID", help="the reviewing coder")
        p.add_argument("--code", metavar="CODE", help="only suggestions of this code")
        p.add_argument("--rule", metavar="RULE", help="only suggestions of this rule (e.g. keyword, classifier, "
                       "or a keyword phrase)")
        p.add_argument("--source", metavar="SOURCE", help="only suggestions in this source")
        if verb == "list":
            p.add_argument("--all", action="store_true", help="also those --coder already decided on")
            p.set_defaults(func=_list)
        else:
            p.add_argument("ids", nargs="*", type=int, metavar="ID", help="suggestion ids (see suggestions list)")
            p.add_argument("--all", action="store_true", help="every pending suggestion that the filters select")
            p.set_defaults(func=lambda a, s=("accepted" if verb == "accept" else "rejected"): _decide(a, s))

    p = sus.add_parser("learn", help="train a classifier on --coder's accepted codings and suggest codes for the "
                       "turns that coder has not coded (offline)")
    add_db_options(p)
    p.add_argument("--coder", required=True, metavar="ID", help="the coder whose codings the classifier learns")
    p.add_argument("--threshold", type=float, default=0.5, metavar="P", help="suggest codes with probability >= P")
    p.add_argument("--min-examples", type=int, default=3, metavar="N", help="learn codes applied in >= N turns")
    p.set_defaults(func=_learn)
    p = sus.add_parser("evaluate", help="precision and recall of learned and keyword suggestions against a "
                       "reference coder (cross-validation over sources)")
    add_db_options(p)
    p.add_argument("--reference", required=True, metavar="ID", help="the coder taken as the reference")
    p.add_argument("--folds", type=int, default=6, metavar="K", help="groups of sources (default 6)")
    p.add_argument("--threshold", type=float, default=0.5, metavar="P")
    p.add_argument("--min-examples", type=int, default=3, metavar="N")
    p.add_argument("--per-code", action="store_true", help="print every code, not only the pooled rows")
    p.add_argument("-o", "--output", metavar="FILE.csv", help="write the whole table as CSV")
    p.set_defaults(func=_evaluate)

    me = subparsers.add_parser("memos", help="memos on codings, codes, sources, cases or the project")
    mes = me.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = mes.add_parser("add", help="add a memo (on a coding: appended to the coding's memo)")
    add_db_options(p)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--author", required=True, metavar="ID", help="who writes the memo (a coder id)")
    p.add_argument("--coding", type=int, metavar="ID")
    p.add_argument("--code", metavar="CODE")
    p.add_argument("--source", metavar="SOURCE")
    p.add_argument("--case", metavar="CASE")
    p.add_argument("--project", action="store_true")
    p.set_defaults(func=_memo)

    p = subparsers.add_parser("events", help="the database's event log (what was done, by whom, what was undone)")
    add_db_options(p)
    p.add_argument("--last", type=int, default=20, metavar="N", help="show the last N events (default 20)")
    p.set_defaults(func=_events)

    p = subparsers.add_parser("undo", help="undo one event of the log (see casestudy events)")
    p.add_argument("event", type=int, metavar="EVENT")
    add_db_options(p)
    p.add_argument("--actor", default="casestudy undo", metavar="ID", help="who undoes (recorded in the log)")
    p.set_defaults(func=_undo)

"""Command line for the codebook in a study's database: ``casestudy codes list|add|rename|merge|move``.

Every change makes the next codebook version, recorded as a revision (kind,
codes, reason) in the database; codings of the previous version are carried to
it (a renamed or merged code's codings take the new id), in one event that
``casestudy undo`` takes back. Registered by :mod:`casestudy.coding.commands`.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy")
>>> register(parser.add_subparsers(dest="noun"))
>>> a = parser.parse_args(["codes", "merge", "a", "b", "--into", "c", "--db", "x.sqlite"])
>>> a.codes, a.into
(['a', 'b'], 'c')
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from casestudy import paths
from casestudy.coding.command_db import add_db_options, open_database
from casestudy.errors import CodebookError, expectation

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["register"]


def _current(db: CaseDatabase, option: str = "--db") -> Any:
    if db.codebook_versions().empty:
        raise CodebookError(expectation(option, "a database with a codebook (store one with codings import "
                                        "--codebook or autocode --codebook)", None))
    return db.codebook()


def _need(cb: Any, code: str, option: str) -> Any:
    if code not in cb.ids():
        raise CodebookError(expectation(option, f"a code of codebook {cb.id} v{cb.version}", code))
    return cb.code(code)


def _revise(args: argparse.Namespace, build: Any, said: str) -> int:
    with open_database(args, actor=args.actor) as db:
        cb = _current(db)
        revisions, new_codes = build(cb)
        v2 = cb.revise(revisions, new_codes=new_codes)
        event = db.revise_codebook(v2, actor=args.actor)
        steps = json.loads(db.events().iloc[-1]["detail"])["steps"]
        carried = sum(len(s.get("previous_codes", {})) for s in steps)
    print(f"codebook {cb.id} v{v2.version} (event {event}): {said}; {carried} coding(s) carried to version "
          f"{v2.version} in {paths.display_path(args.db)}")
    return 0


def _rename(args: argparse.Namespace) -> int:
    from casestudy.records.codebook import CodebookRevision

    def build(cb: Any) -> tuple[list[Any], list[Any]]:
        old = _need(cb, args.old, "OLD")
        if args.new in cb.ids():
            raise CodebookError(expectation("NEW", f"a code id not yet in codebook {cb.id} v{cb.version} (to "
                                            "join two codes use casestudy codes merge)", args.new))
        new = replace(old, id=args.new, label_en=args.label or old.label_en, label_id=args.label_id or old.label_id)
        return [CodebookRevision("rename", (args.old,), (args.new,), args.reason)], [new]

    return _revise(args, build, f"renamed {args.old} -> {args.new}")


def _merge(args: argparse.Namespace) -> int:
    from casestudy.records.codebook import CodebookRevision

    def build(cb: Any) -> tuple[list[Any], list[Any]]:
        for c in args.codes:
            _need(cb, c, "CODE")
        _need(cb, args.into, "--into")
        sources = tuple(dict.fromkeys([*args.codes, args.into]))
        if len(sources) < 2:
            raise CodebookError(expectation("CODE", "a code other than --into", args.codes))
        return [CodebookRevision("merge", sources, (args.into,), args.reason)], []

    return _revise(args, build, f"merged {', '.join(args.codes)} into {args.into}")


def _move(args: argparse.Namespace) -> int:
    from casestudy.records.codebook import CodebookRevision

    def build(cb: Any) -> tuple[list[Any], list[Any]]:
        code = _need(cb, args.code, "CODE")
        if args.parent is not None:
            _need(cb, args.parent, "--parent")
        return [CodebookRevision("redefine", (args.code,), (args.code,), args.reason)], [
            replace(code, parent=args.parent)]

    return _revise(args, build, f"moved {args.code} under {args.parent or 'the top level'}")


def _add(args: argparse.Namespace) -> int:
    from casestudy.records.codebook import Code, CodebookRevision

    def build(cb: Any) -> tuple[list[Any], list[Any]]:
        if args.code in cb.ids():
            raise CodebookError(expectation("CODE", f"a code id not yet in codebook {cb.id} v{cb.version}",
                                            args.code))
        if args.parent is not None:
            _need(cb, args.parent, "--parent")
        code = Code(args.code, args.label, args.label_id or args.label, parent=args.parent, codable=not args.folder,
                    definition_en=args.definition or "")
        return [CodebookRevision("add", (), (args.code,), args.reason)], [code]

    return _revise(args, build, f"added {args.code}")


def _list(args: argparse.Namespace) -> int:
    with open_database(args, write=False) as db:
        cb = _current(db)
        codes = db.codes()
        counts = db.codings(status="accepted")
        counts = counts[counts["codebook_version"] == cb.version]["code_id"].value_counts()
    depth = {c.id: len(cb.path(c.id)) - 1 for c in cb.codes}
    lines = [f"codebook {cb.id} v{cb.version}: {len(codes)} codes"]
    for c in cb.codes:
        n = int(counts.get(c.id, 0))
        lines.append(f"{'  ' * depth[c.id]}{c.id}  {c.label_en}" + ("" if c.codable else "  (folder)")
                     + (f"  [{n} accepted]" if n else ""))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``codes`` and its verbs."""
    co = subparsers.add_parser("codes", help="the study's codebook: list, add, rename, merge, move (a new version "
                               "each time; codings carried)")
    cos = co.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = cos.add_parser("list", help="the codebook as a tree, with accepted codings per code")
    add_db_options(p)
    p.set_defaults(func=_list)
    p = cos.add_parser("add", help="add a code")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--label", required=True, metavar="TEXT", help="label (English or the study's language)")
    p.add_argument("--label-id", metavar="TEXT", help="Indonesian label (default: --label)")
    p.add_argument("--parent", metavar="CODE", help="parent code (default: top level)")
    p.add_argument("--definition", metavar="TEXT")
    p.add_argument("--folder", action="store_true", help="a folder that groups codes and is not applied itself")
    p.set_defaults(func=_add)
    p = cos.add_parser("rename", help="give a code a new id (and label); its codings follow")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--label", metavar="TEXT")
    p.add_argument("--label-id", metavar="TEXT")
    p.set_defaults(func=_rename)
    p = cos.add_parser("merge", help="merge codes into one (their codings take its id)")
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.add_argument("--into", required=True, metavar="CODE", help="the code that stays")
    p.set_defaults(func=_merge)
    p = cos.add_parser("move", help="move a code under another parent (or to the top level)")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--parent", metavar="CODE", help="new parent (omit for the top level)")
    p.set_defaults(func=_move)
    for verb in ("add", "rename", "merge", "move"):
        p = cos.choices[verb]
        add_db_options(p)
        p.add_argument("--reason", default="", metavar="TEXT", help="why (recorded with the revision)")
        p.add_argument("--actor", default="casestudy", metavar="ID", help="who changes the codebook (for the log)")

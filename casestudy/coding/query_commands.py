"""Command line of the coded-text queries: ``casestudy query kwic|cooccurrence|segments``.

Each prints a table (or writes it with ``-o FILE.csv``); like the library's
queries they read accepted codings of sources with recorded consent unless asked
otherwise. ``query matrix`` is in :mod:`casestudy.coding.commands`.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy query")
>>> register(parser.add_subparsers(dest="verb"))
>>> a = parser.parse_args(["kwic", "harga", "--db", "x.sqlite", "--width", "20"])
>>> a.keyword, a.width
('harga', 20)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from casestudy import paths
from casestudy.coding.command_db import add_db_options, open_database
from casestudy.consent import included_notice
from casestudy.csv_output import neutralise_formulas, sidecar_path
from casestudy.errors import CodingError, expectation

__all__ = ["register"]


def _emit(table: Any, args: argparse.Namespace, what: str, index: bool = False, withheld: list[str] | None = None) -> int:
    notice = included_notice(withheld or [], args.all_informants)
    if args.output:
        out = Path(args.output)
        if out.is_dir():
            raise CodingError(expectation("--output", "a file name, not a folder", str(out)))
        text = neutralise_formulas(table).to_csv(index=index, lineterminator="\n")  # OWASP: no live formulas
        _check_names(args, text, str(out))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        side = sidecar_path(out)
        if notice:  # said beside the CSV, never inside it (a first line breaks CSV readers)
            side.write_text(f"{out.name}: {notice}\n", encoding="utf-8")
        else:
            side.unlink(missing_ok=True)
        print(f"wrote {len(table)} {what} to {paths.display_path(out)}")
    else:
        text = (f"# {notice}\n" if notice else "") + (table.to_string(index=index) if len(table) else f"no {what}") + "\n"
        _check_names(args, text, "the printed table")
        sys.stdout.write(text)
    if notice:
        print(notice, file=sys.stderr)
    return 0


def _check_names(args: argparse.Namespace, text: str, where: str) -> None:
    """With ``--pseudonyms KEY``: refuse to write or print a table that holds a name of the key."""
    if getattr(args, "pseudonyms", None):
        from casestudy.coding.leak_scan import refuse_leaks
        from casestudy.coding.pseudonyms import load_key
        from casestudy.commandline import existing_file

        refuse_leaks(load_key(existing_file(args.pseudonyms, "--pseudonyms")), text.encode("utf-8"), where)


def _kwic(args: argparse.Namespace) -> int:
    from casestudy.coding.queries import keyword_in_context

    if args.width < 0:
        raise CodingError(expectation("--width", "a non-negative integer", args.width))
    with open_database(args, write=False) as db:
        table = keyword_in_context(db, args.keyword, width=args.width, consented_only=not args.all_informants)
        withheld = db.withheld_sources()
    return _emit(table, args, "occurrence(s)", withheld=withheld)


def _cooccurrence(args: argparse.Namespace) -> int:
    from casestudy.coding.queries import cooccurrence

    with open_database(args, write=False) as db:
        table = cooccurrence(db, by=args.by, coder=args.coder, consented_only=not args.all_informants)
        withheld = db.withheld_sources()
    return _emit(table, args, "codes", index=True, withheld=withheld)


def _segments(args: argparse.Namespace) -> int:
    from casestudy.coding.queries import coded_segments

    with open_database(args, write=False) as db:
        table = coded_segments(db, code=args.code, coder=args.coder, status=args.status, context=args.context,
                               consented_only=not args.all_informants)
        withheld = db.withheld_sources()
    if not args.output:
        table = table[["coding_id", "source_id", "turn", "speaker", "code_id", "coder_id", "start", "end", "text"]]
        table = table.assign(text=table["text"].map(lambda q: q if len(q) <= 70 else q[:69] + "…"))
    return _emit(table, args, "segment(s)", withheld=withheld)


def register(verbs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``kwic``, ``cooccurrence`` and ``segments`` to the ``query`` noun's verbs."""
    p = verbs.add_parser("kwic", help="keyword in context: every whole-word occurrence with its turn")
    p.add_argument("keyword", metavar="KEYWORD")
    p.add_argument("--width", type=int, default=40, metavar="N", help="code points of context each side")
    p.set_defaults(func=_kwic)
    p = verbs.add_parser("cooccurrence", help="code x code co-occurrence of accepted codings")
    p.add_argument("--by", choices=("overlap", "turn"), default="overlap",
                   help="overlapping spans (default) or the same speaker turn")
    p.add_argument("--coder", metavar="ID", help="only this coder's codings")
    p.set_defaults(func=_cooccurrence)
    p = verbs.add_parser("segments", help="coded segments with their text, turn and speaker")
    p.add_argument("--code", metavar="CODE")
    p.add_argument("--coder", metavar="ID")
    p.add_argument("--status", choices=("suggested", "accepted", "rejected"), default="accepted")
    p.add_argument("--context", type=int, default=60, metavar="N", help="code points of context in the CSV")
    p.set_defaults(func=_segments)
    for verb in ("kwic", "cooccurrence", "segments"):
        p = verbs.choices[verb]
        add_db_options(p)
        p.add_argument("-o", "--output", metavar="FILE.csv", help="write the table as CSV instead of printing it")
        p.add_argument("--all-informants", action="store_true", help="include informants without recorded consent")
        p.add_argument("--pseudonyms", metavar="KEY", help="pseudonymisation key: refuse to show or write a table "
                       "that holds any of its names")

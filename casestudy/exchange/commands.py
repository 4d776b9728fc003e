"""Command-line commands of `casestudy.exchange` (registered by :mod:`casestudy.cli`).

``qdpx export``, ``qdpx import``, ``qdc export`` and ``qdc import``: REFI-QDA 1.5
project and codebook exchange. Exports are validated before they are written;
imports are one transaction. Times written to the database come from ``--time``
(or ``SOURCE_DATE_EPOCH`` when set, as under ``make``), otherwise the system clock.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="casestudy")
>>> register(parser.add_subparsers(dest="noun"))
>>> args = parser.parse_args(["qdpx", "export", "--db", "case.sqlite", "-o", "x.qdpx"])
>>> args.db, args.output, args.include_suggestions
('case.sqlite', 'x.qdpx', False)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from casestudy import paths
from casestudy.commandline import clock, output_file, reading_database
from casestudy.errors import DataFileNotFoundError, expectation

__all__ = ["register", "origin"]


def origin() -> str:
    """The ``origin`` attribute of exported files: ``casestudy <version>``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"casestudy {version('casestudy')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "casestudy"


def _existing(path: str, what: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise DataFileNotFoundError(expectation(what, "an existing file", path))
    return p


def _qdpx_export(args: argparse.Namespace) -> int:
    from casestudy.consent import withheld_notice
    from casestudy.exchange.mapping import project_from_database
    from casestudy.exchange.refi_export import qdpx_bytes, write_bytes

    output_file(args.output, "-o")
    with reading_database(args) as db:
        project = project_from_database(db, args.name, origin(), args.include_suggestions, args.all_informants)
        left_out = db.withheld_sources()
        cases = db.cases()
        withheld = sorted(cases.loc[cases["consent"] != "recorded", "case_id"])
        versions = db.codebook_versions()["version"]
        codings = db.codings(status="accepted")
        older = int((codings["codebook_version"] != versions.max()).sum()) if len(versions) else 0
    data = qdpx_bytes(project)
    if args.pseudonyms:
        from casestudy.coding.leak_scan import refuse_leaks
        from casestudy.coding.pseudonyms import load_key

        refuse_leaks(load_key(_existing(args.pseudonyms, "--pseudonyms")), data, str(args.output), ".qdpx")
    write_bytes(data, args.output)
    n_sel = sum(len(s.selections) for s in project.sources)
    n_cod = sum(len(x.codings) for s in project.sources for x in s.selections)
    print(f"wrote {paths.display_path(args.output)} ({len(data)} bytes, valid): {len(project.users)} users, "
          f"{len(project.sources)} sources, {len(project.cases)} cases, {n_sel} selections, {n_cod} codings, "
          f"{len(project.notes)} notes")
    if withheld and not args.all_informants:
        print(f"left out {len(withheld)} case(s) whose consent is not recorded: {', '.join(withheld)} (record it "
              "with 'casestudy consent set')", file=sys.stderr)
    if left_out:
        print(withheld_notice(len(left_out), included=args.all_informants) + ": " + ", ".join(left_out),
              file=sys.stderr)
    if older:
        print(f"left out {older} accepted coding(s) of earlier codebook versions (the export holds codebook version "
              f"{int(versions.max())}; earlier versions stay in the database)", file=sys.stderr)
    return 0


def _qdpx_import(args: argparse.Namespace) -> int:
    from casestudy.exchange.refi_import import import_qdpx
    from casestudy.store.database import CaseDatabase

    source = _existing(args.file, "FILE.qdpx")
    if args.base_dir is not None and not Path(args.base_dir).is_dir():
        raise DataFileNotFoundError(expectation("--base-dir", "an existing folder", args.base_dir))
    db_path = Path(args.db)
    if db_path.is_dir():
        raise DataFileNotFoundError(expectation("--db", "a database file, not a folder", str(db_path)))
    was_empty = db_path.is_file() and db_path.stat().st_size == 0
    created = not db_path.exists() or was_empty
    try:
        with CaseDatabase(db_path, clock=clock(args), actor="casestudy qdpx import", backup=not args.dry_run) as db:
            result = import_qdpx(source, db, args.base_dir, actor="casestudy qdpx import", merge=args.merge,
                                 codebook=args.codebook_version, dry_run=args.dry_run,
                                 counting=_POSITIONS[args.positions])
    except BaseException:
        if created:  # leave no new database behind (an empty file given stays empty)
            _remove_database(db_path)
            if was_empty:
                db_path.write_bytes(b"")
        raise
    if args.dry_run:
        if created:
            _remove_database(db_path)
            if was_empty:
                db_path.write_bytes(b"")
        print(f"dry run: nothing changed in {paths.display_path(args.db)}; {source.name} would bring in:")
        for line in result.plan.summary() if result.plan is not None else ():
            print(line)
    else:
        stored = ", ".join(f"{n} {k}" for k, n in result.stored)
        print(f"imported {source.name} into {paths.display_path(args.db)} (event {result.event_id}): {stored}")
        if result.report is not None:
            print(f"positions: {result.report.counting}")
        for note in result.adjustments:
            print(f"note: {note}")
    if result.report is not None and result.report.discarded:
        dropped = ", ".join(f"{n} {k}" for k, n in result.report.discarded)
        print(f"not imported (the case study database cannot hold them): {dropped}")
    return 0


#: ``--positions`` words -> countings of :mod:`casestudy.exchange.positions`.
_POSITIONS = {"auto": None, "code-points": "code points", "utf-16": "UTF-16 code units", "utf-8": "UTF-8 bytes"}


def _remove_database(db_path: Path) -> None:
    for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        p.unlink(missing_ok=True)


def _qdc_export(args: argparse.Namespace) -> int:
    from casestudy.coding.codebook_yaml import load_codebook
    from casestudy.exchange.mapping import codebook_codes
    from casestudy.exchange.model import CodeBook
    from casestudy.exchange.refi_export import qdc_bytes, write_bytes

    output_file(args.output, "-o")
    codebook = load_codebook(_existing(args.codebook, "CODEBOOK.yaml"))
    data = qdc_bytes(CodeBook(codebook_codes(codebook), origin()))
    write_bytes(data, args.output)
    print(f"wrote {paths.display_path(args.output)} ({len(data)} bytes, valid): codebook {codebook.id} "
          f"v{codebook.version}, {len(codebook.codes)} codes")
    return 0


def _qdc_import(args: argparse.Namespace) -> int:
    from casestudy.coding.codebook_yaml import to_yaml
    from casestudy.exchange.refi_export import write_bytes
    from casestudy.exchange.refi_import import codebook_from_model
    from casestudy.exchange.refi_read import read_qdc

    source = _existing(args.file, "FILE.qdc")
    output_file(args.output, "-o")
    book, report = read_qdc(source)
    stem = re.sub(r"[^a-z0-9]+", "_", source.stem.lower()).strip("_")
    codebook_id = args.id or (stem if stem[:1].isalpha() else f"codebook_{stem}")
    notes = list(report.notes)
    codebook = codebook_from_model(book, codebook_id, args.title or source.stem, notes=notes)
    write_bytes(to_yaml(codebook).encode("utf-8"), args.output)
    print(f"wrote {paths.display_path(args.output)}: codebook {codebook.id} v{codebook.version}, "
          f"{len(codebook.codes)} codes")
    if report.discarded:
        print("not imported: " + ", ".join(f"{n} {k}" for k, n in report.discarded))
    for note in notes:
        print(f"note: {note}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the nouns ``qdpx`` and ``qdc`` with their verbs ``export`` and ``import``."""
    qdpx = subparsers.add_parser("qdpx", help="REFI-QDA project exchange (.qdpx)")
    verbs = qdpx.add_subparsers(dest="verb", metavar="VERB")
    verbs.required = True
    p = verbs.add_parser("export", help="export the case study database as a validated .qdpx")
    p.add_argument("--db", required=True, help="case study database file (SQLite)")
    p.add_argument("-o", "--output", required=True, help="the .qdpx file to write")
    p.add_argument("--include-suggestions", action="store_true",
                   help="also export suggested codings (default: accepted codings only)")
    p.add_argument("--name", help="project name (default: the name of the last imported project, else "
                                  "'casestudy project')")
    p.add_argument("--all-informants", action="store_true",
                   help="also export sources without recorded consent (the project description and stderr say so)")
    p.add_argument("--pseudonyms", metavar="KEY", help="pseudonymisation key: refuse to write an export that holds "
                   "any of its names")
    p.add_argument("--time", help=argparse.SUPPRESS)
    p.set_defaults(func=_qdpx_export)
    p = verbs.add_parser("import", help="import a .qdpx into the case study database (one transaction)")
    p.add_argument("file", help="the .qdpx file")
    p.add_argument("--db", required=True, help="case study database file (SQLite; created if missing)")
    p.add_argument("--base-dir", help="the only folder relative:// and absolute:// sources may be read from")
    p.add_argument("--merge", action="store_true",
                   help="add to sources and cases the database holds already (same text only; stored cases and "
                        "their consent are kept); default: refuse")
    p.add_argument("--codebook-version", choices=("refuse", "next"), default="refuse",
                   help="when the database holds a different codebook: refuse (default), or store the file's codes "
                        "as the next codebook version")
    p.add_argument("--positions", choices=tuple(_POSITIONS), default="auto",
                   help="how the file counts text positions: decided from its selections (auto, default), or named "
                        "when you know the program (NVivo for Windows: utf-16)")
    p.add_argument("--dry-run", action="store_true",
                   help="print what would come in (sources, codes, codings, cases, counting of positions, notes); "
                        "change nothing")
    p.add_argument("--time", help="ISO time for the event log (default: SOURCE_DATE_EPOCH, else now)")
    p.set_defaults(func=_qdpx_import)

    qdc = subparsers.add_parser("qdc", help="REFI-QDA codebook exchange (.qdc)")
    verbs = qdc.add_subparsers(dest="verb", metavar="VERB")
    verbs.required = True
    p = verbs.add_parser("export", help="export a codebook YAML file as a validated .qdc")
    p.add_argument("codebook", help="codebook YAML file")
    p.add_argument("-o", "--output", required=True, help="the .qdc file to write")
    p.set_defaults(func=_qdc_export)
    p = verbs.add_parser("import", help="convert a .qdc into a codebook YAML file")
    p.add_argument("file", help="the .qdc file")
    p.add_argument("-o", "--output", required=True, help="the codebook YAML file to write")
    p.add_argument("--id", help="codebook id (default: from the file name)")
    p.add_argument("--title", help="codebook title (default: the file name)")
    p.set_defaults(func=_qdc_import)

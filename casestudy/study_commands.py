"""Command-line commands for a researcher's own study (registered by :mod:`casestudy.cli`).

``casestudy init DIR --title TEXT [--language CODE] [--framework NAME|FILE|none]``
writes an empty but valid study folder (:func:`casestudy.study_init.init_study`).

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(prog="casestudy"); sub = p.add_subparsers()
>>> register(sub)
>>> a = p.parse_args(["init", "mystudy", "--title", "Library service"])
>>> a.dir, a.framework, a.language
('mystudy', 'none', None)
"""

from __future__ import annotations

import argparse

__all__ = ["register", "init"]


def init(args: argparse.Namespace) -> int:
    """Run ``casestudy init``; print what was written and the next step."""
    from casestudy.study_init import DESIGN_NAME, init_study

    written = init_study(args.dir, title=args.title, language=args.language, framework=args.framework)
    print(f"wrote a new study in {args.dir}: " + ", ".join(sorted({p.relative_to(args.dir).parts[0]
                                                                 for p in written})))
    print(f"next: add transcripts to {args.dir}/transcripts/, then see {args.dir}/README.md "
          f"(check the design: casestudy design check {args.dir}/{DESIGN_NAME})")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``init``."""
    p = subparsers.add_parser("init", help="start your own study: write an empty, valid study folder",
                              description="Write a study folder (design file, codebook, consent.csv, transcripts/, "
                                          ".gitignore, README) that runs anywhere, outside this repository.")
    p.add_argument("dir", metavar="DIR", help="the new study folder (new or empty)")
    p.add_argument("--title", required=True, help="the study's title")
    p.add_argument("--language", metavar="CODE", help="language of the transcripts and codebook (en, id...); "
                   "not assumed when not given")
    p.add_argument("--framework", default="none", metavar="NAME|FILE|none",
                   help="buttle_2004, servqual_1988, a framework YAML file, or none (default)")
    p.set_defaults(func=init)

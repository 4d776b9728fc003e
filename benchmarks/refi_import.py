"""Benchmark: importing a REFI-QDA project with a flat list of codes stays linear in the number of codes.

Writes ``.qdpx`` files holding one flat code list of n and 4n codes (default 25,000 and 100,000, as a
hostile-input trial sent), imports each with ``casestudy.exchange.refi_import.import_qdpx`` into a new
database, and prints the times and their ratio: a linear import takes about 4 times as long for 4 times
the codes (a quadratic one 16 times; before the ``codes_parent`` index, 100,000 codes took 188 s).
Target: ratio under 6.

Usage: ``python benchmarks/refi_import.py [--codes 25000]``
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from casestudy.exchange.refi_import import import_qdpx
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")


def flat_project(n: int) -> bytes:
    """A ``.qdpx`` archive whose code book is ``n`` codes side by side."""
    codes = "".join(f'<Code guid="{uuid.UUID(int=i + 1)}" name="code {i}" isCodable="true"/>' for i in range(n))
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="flat">'
           f"<CodeBook><Codes>{codes}</Codes></CodeBook></Project>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", qde)
    return buf.getvalue()


def timed_import(n: int, folder: Path) -> float:
    path = folder / f"flat_{n}.qdpx"
    path.write_bytes(flat_project(n))
    start = time.perf_counter()
    with CaseDatabase(folder / f"flat_{n}.sqlite", clock=CLOCK, backup=False) as db:
        result = import_qdpx(path, db)
    elapsed = time.perf_counter() - start
    assert dict(result.stored)["codes"] == n
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=25_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        small = timed_import(args.codes, Path(tmp))
        large = timed_import(4 * args.codes, Path(tmp))
    ratio = large / small
    print(f"refi import, flat codes: {args.codes:,} in {small:.2f} s, {4 * args.codes:,} in {large:.2f} s; "
          f"ratio {ratio:.2f} for 4x the codes (linear: about 4; target under 6)")
    return 0 if ratio < 6 else 1


if __name__ == "__main__":
    sys.exit(main())

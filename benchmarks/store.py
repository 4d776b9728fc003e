"""Benchmark: one million codings into the case study database, and a code x source count matrix.

Builds a database of 1,000 seeded transcripts, a 40-code codebook and 5 coders in a temporary
folder, then times (1) building 1,000,000 validated ``Coding`` objects, (2) ``add_codings`` of all
of them in one batch (one transaction, every row checked against its source, code and coder),
(3) ``code_source_counts()`` (the code x source matrix, SQL GROUP BY on a covering index), and
(4) ``PRAGMA quick_check`` plus the backup taken when the file is reopened.
Targets: insert under 8 s, matrix under 1 s.

Usage: ``python benchmarks/store.py [--codings 1000000] [--seed 2024]``
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Coder
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.store import CaseDatabase, FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codings", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    words = "kami aplikasi pelanggan harga kontrak instansi pegawai absensi kantor proyek layanan 🙂".split()
    transcripts = [Transcript.from_turns(f"int_{i:04d}", [(("Pewawancara", f"INF{i % 9 + 1:02d}")[t % 2],
                                                           " ".join(rng.choices(words, k=60))) for t in range(12)], language="id")
                   for i in range(args.sources)]
    codes = (Code("stage", "Stage", "Tahap", codable=False),) + tuple(
        Code(f"code_{c:02d}", f"Code {c}", f"Kode {c}", parent="stage") for c in range(40))
    coders = [f"coder_{c}" for c in "abcde"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        with CaseDatabase(path, clock=CLOCK) as db:
            db.add_transcripts(transcripts)
            db.add_codebook(Codebook("bench", 1, "Bench", "Bench", codes=codes))
            db.add_coders([Coder(c) for c in coders])
            lengths = [len(t.text) for t in transcripts]
            gc.disable()  # the harness's own million objects; add_codings pauses the collector itself
            start = time.perf_counter()
            seen = set()
            codings = []
            while len(codings) < args.codings:
                s = rng.randrange(args.sources)
                a = rng.randrange(lengths[s] - 200)
                key = (s, a, a + rng.randint(5, 200), rng.randrange(40), rng.randrange(5))
                if key not in seen:
                    seen.add(key)
                    codings.append(Coding(transcripts[key[0]].source_id, key[1], key[2], f"code_{key[3]:02d}",
                                          coders[key[4]]))
            build = time.perf_counter() - start
            gc.enable()
            start = time.perf_counter()
            db.add_codings(codings)
            insert = time.perf_counter() - start
            start = time.perf_counter()
            matrix = db.code_source_counts()
            query = time.perf_counter() - start
            total = int(matrix.to_numpy().sum())
        start = time.perf_counter()
        with CaseDatabase(path, clock=CLOCK):
            pass
        reopen = time.perf_counter() - start
        size = path.stat().st_size / 1e6
    print(f"codings: {args.codings:,} over {args.sources} sources, 40 codes, 5 coders; file {size:.0f} MB")
    print(f"generate + build Codings   : {build:6.2f} s")
    print(f"add_codings (1 batch)     : {insert:6.2f} s   target < 8 s: {'met' if insert < 8 else 'NOT met'}")
    print(f"code x source matrix      : {query:6.2f} s   target < 1 s: {'met' if query < 1 else 'NOT met'}"
          f"  ({matrix.shape[0]} x {matrix.shape[1]}, {total:,} codings)")
    print(f"reopen (quick_check+backup): {reopen:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

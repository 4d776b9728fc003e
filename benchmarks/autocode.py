"""Benchmark: the package's auto-coder against a plain read + decode + casefold pass.

Builds a seeded corpus (default about 200 MB in 10,000 transcripts, Indonesian and English,
some emoji) in a temporary folder, a 300-phrase, 40-code lexicon in both languages, and prints
MB/s for (1) reading, decoding and ``str.casefold()`` every file, (2) reading, decoding and
``Lexicon.find`` (every whole-word occurrence of every phrase), and (3) the same with
``suggest`` (hits merged per code into suggested codings), with the ratios to the plain pass.
Targets (one core): at least 40 MB/s, and no more than 3x the plain pass's time.

Usage: ``python benchmarks/autocode.py [--mb 200] [--files 10000] [--seed 2024]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from casestudy.coding.suggest import Lexicon, suggest

WORDS_ID = ("kami aplikasi pelanggan harga kontrak instansi dinas pegawai absensi kantor proyek pembayaran "
            "keluhan layanan jaringan perangkat lunak keras pesanan tahun bulan kerja sistem data laporan "
            "pemerintah toko kopi kasir paket kiriman rumah kamera teman rekomendasi presentasi kebutuhan "
            "jadwal desain fungsi anggaran termin pajak izin usaha mitra komisi pemasaran wilayah surabaya "
            "gresik sidoarjo jawa bagus cepat lambat mahal murah sabar jelas bahasa sederhana pendampingan "
            "lokasi pelatihan umpan balik dan yang untuk dengan dari itu ini juga sudah belum ada tidak").split()
WORDS_EN = ("we app customer price contract agency office staff attendance project payment complaint "
            "service network software hardware order year month work system data report government shop "
            "coffee cashier parcel delivery home camera friend referral presentation requirement schedule "
            "design function budget tax permit business partner commission marketing region good fast slow "
            "expensive cheap patient clear plain language on site training feedback and the for with from").split()
EMOJI = ("🙂", "👍", "🙏", "😅", "👩‍💻")


def make_lexicon(rng: random.Random) -> dict[str, list[str]]:
    """300 phrases (1-3 words, both languages) spread over 40 codes."""
    phrases: dict[str, list[str]] = {}
    while len(phrases) < 300:
        words = WORDS_ID if len(phrases) % 2 == 0 else WORDS_EN
        phrase = " ".join(rng.sample(words, rng.choice((1, 1, 2, 2, 3))))
        phrases.setdefault(phrase, [f"code_{rng.randrange(40):02d}"])
    return phrases


def make_corpus(folder: Path, mb: float, files: int, rng: random.Random) -> int:
    """Write ``files`` transcripts totalling about ``mb`` MB; return the bytes written."""
    syllables = ["ka", "ma", "ta", "ra", "na", "sa", "la", "pa", "ba", "da", "ga", "ja", "ki", "mi", "ti", "ri",
                 "ni", "si", "li", "pi", "ku", "mu", "tu", "ru", "nu", "su", "lu", "pu", "ke", "me", "te", "re",
                 "ng", "an", "in", "un", "er", "ol"]
    filler = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(6000)}
                    - set(WORDS_ID) - set(WORDS_EN))
    paragraphs = []
    for i in range(3000):
        words = WORDS_ID if i % 3 else WORDS_EN
        # about one word in 25 is a lexicon word; the rest is filler vocabulary
        body = " ".join(rng.choice(words) if rng.random() < 0.04 else rng.choice(filler)
                        for _ in range(rng.randint(20, 160)))
        if i % 7 == 0:
            body += " " + rng.choice(EMOJI)
        speaker = "Pewawancara" if i % 2 else f"INF{i % 9 + 1:02d}"
        paragraphs.append(f"{speaker}: {body.capitalize()}.")
    per_file = int(mb * 1e6 / files)
    total = 0
    for n in range(files):
        parts, size = [], 0
        while size < per_file:
            p = paragraphs[rng.randrange(len(paragraphs))]
            parts.append(p)
            size += len(p.encode()) + 2
        data = "\n\n".join(parts).encode()
        (folder / f"t{n:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def run(folder: Path, fn) -> float:  # noqa: ANN001
    files = sorted(folder.iterdir())
    start = time.perf_counter()
    for f in files:
        fn(f.name, f.read_bytes().decode("utf-8"))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0, help="corpus size in MB (default 200)")
    parser.add_argument("--files", type=int, default=10_000, help="number of transcripts (default 10000)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    lexicon = Lexicon(make_lexicon(rng))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = make_corpus(folder, args.mb, args.files, rng) / 1e6
        run(folder, lambda name, text: None)  # warm the page cache
        plain = run(folder, lambda name, text: text.casefold())
        hits = [0]

        def find(name: str, text: str) -> None:
            hits[0] += len(lexicon.find(text))

        found = run(folder, find)
        suggestions = [0]

        def coder(name: str, text: str) -> None:
            suggestions[0] += len(suggest({name: text}, lexicon))

        coded = run(folder, coder)
    print(f"corpus: {size:.1f} MB in {args.files} transcripts; lexicon: {len(lexicon)} phrases, 40 codes")
    print(f"plain read+decode+casefold : {size / plain:7.1f} MB/s")
    print(f"Lexicon.find (every hit)   : {size / found:7.1f} MB/s  ratio {found / plain:.2f}x  ({hits[0]} hits)")
    print(f"suggest (codings per code) : {size / coded:7.1f} MB/s  ratio {coded / plain:.2f}x  "
          f"({suggestions[0]} suggestions)")
    for name, seconds in (("Lexicon.find", found), ("suggest", coded)):
        print(f"targets for {name}: >= 40 MB/s {'met' if size / seconds >= 40 else 'NOT met'}; "
              f"<= 3x the plain pass {'met' if seconds / plain <= 3 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

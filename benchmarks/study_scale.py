"""Benchmark: a researcher's whole path on seeded studies of 10, 100 and 1,000 interviews.

For each size, in an empty temporary folder and with the command line only: ``init``,
``transcripts import`` (Markdown interviews written by seeded code), ``autocode``, two
coders' ``codings import``, ``irr``, ``design checksums`` and ``design check --db``
(the design lists every interview as a source), ``report`` and ``qdpx export``. It
prints the seconds of each step, the total, and the report's size (bytes, largest table,
collapsed tables), then the exponent b of total time ~ n^b fitted by least squares on
log-log scale, the reference being the 10-interview study of the same run. A report of
1,000 interviews must stay usable in a browser: no inline table longer than
``casestudy.present.report_study.MAX_ROWS`` rows left open, and the file under 5 MB.

Run: ``.venv/bin/python benchmarks/study_scale.py [--sizes 10 100 1000] [--turns 12]``
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from casestudy.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "library_study"
SEED = 20240101
PHRASES = {  # code -> phrases its keywords match (the codebook's lexicon), for the planted codings
    "facilities": ["the reading room is cold", "the chairs are old", "the computers are slow"],
    "promises_kept": ["the confirmation never came", "it came in three days"],
    "waiting": ["the queue was long", "I waited twenty minutes"],
    "prompt_help": ["they fixed it quickly", "she helped within five minutes"],
    "staff_knowledge": ["after the training course they knew the catalogue"],
    "courtesy": ["everyone was polite", "the librarian apologised"],
    "individual_attention": ["he remembers what I read", "they take the time to listen"],
    "opening_hours": ["the opening hours are short", "we need evening hours"],
}
FILLER = ("I come here on Tuesdays", "my children like the story hour", "the newspapers are always there",
          "I use the printers sometimes", "it is near the bus stop", "I borrow two or three books a week")


def write_study(folder: Path, n: int, turns: int) -> None:
    """n seeded interviews, consent, two coders' codings and a design listing every interview."""
    rng = random.Random(SEED)
    codes = sorted(PHRASES)
    consent = ["informant,consent_recorded,consent_date,scope"]
    coder_a, coder_b = ["source,code,quote,occurrence"], ["source,code,quote,occurrence"]
    sources, informants = [], []
    for i in range(1, n + 1):
        sid, inf = f"int_p{i:04d}", f"p{i:04d}"
        lines = ["---", f"source_id: {sid}", f"informant: {inf}", "language: en", "---"]
        seen: dict[str, int] = {}
        for t in range(turns):
            lines += [f"Interviewer: Question {t + 1}: what about the service?", ""]
            code = rng.choice(codes)
            phrase = rng.choice(PHRASES[code])
            seen[phrase] = seen.get(phrase, 0) + 1
            lines += [f"Patron: {rng.choice(FILLER)}, and {phrase}.", ""]
            row = f'{sid},{code},"{phrase}",{seen[phrase]}'
            coder_a.append(row)
            if rng.random() < 0.9:
                coder_b.append(row)
            elif rng.random() < 0.5:
                coder_b.append(f'{sid},{rng.choice(codes)},"{phrase}",{seen[phrase]}')
        (folder / "transcripts" / f"{sid}.md").write_text("\n".join(lines), encoding="utf-8")
        consent.append(f"{inf},yes,2024-03-01,quotes in reports and exports")
        sources.append(f"  - {{id: {sid}, type: interviews, description: Interview {i}., provenance: empirical, "
                       f"file: transcripts/{sid}.md, informant: {inf}}}")
        informants.append(f"      - {{id: {inf}, unit: patrons, role: patron}}")
    (folder / "consent.csv").write_text("\n".join(consent) + "\n", encoding="utf-8")
    (folder / "coder_a.csv").write_text("\n".join(coder_a) + "\n", encoding="utf-8")
    (folder / "coder_b.csv").write_text("\n".join(coder_b) + "\n", encoding="utf-8")
    shutil.copy(FIXTURE / "codebook.yaml", folder / "codebook.yaml")
    design = (folder / "design.yaml").read_text(encoding="utf-8")
    design = design.replace("sources: []", "sources:\n" + "\n".join(sources))
    design = design.replace("    units: []", "    units:\n      - {id: patrons, name: Patrons, description: People.}")
    design = design.replace("    informants: []", "    informants:\n" + "\n".join(informants))
    first = next(r.split(",")[0] for r in coder_a[1:] if ",waiting," in r)
    design = design.replace("findings: []", "findings:\n  - id: f_waiting\n    stage: responsiveness\n"
                            "    title: Queues\n    statement: Patrons wait to be served.\n    evidence:\n"
                            f"      - {{id: ev1, selector: {{source: {first}, code: waiting, coder: coder_a}}}}")
    (folder / "design.yaml").write_text(design, encoding="utf-8")


def step(name: str, argv: list[str], times: dict[str, float]) -> str:
    out = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(argv)
    times[name] = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{name} failed: casestudy {' '.join(argv)}")
    return out.getvalue()


def run(n: int, turns: int) -> dict[str, float]:
    base = Path(tempfile.mkdtemp(prefix=f"study-{n}-"))
    cwd = os.getcwd()
    times: dict[str, float] = {}
    try:
        os.chdir(base)
        step("init", ["init", "s", "--title", f"Seeded study of {n} interviews", "--language", "en",
                      "--framework", "servqual_1988"], times)
        folder = base / "s"
        write_study(folder, n, turns)
        os.chdir(folder)
        files = sorted(str(p.relative_to(folder)) for p in (folder / "transcripts").glob("*.md"))
        step("import", ["transcripts", "import", *files, "--db", "s.sqlite", "--consent", "consent.csv"], times)
        step("autocode", ["autocode", "--db", "s.sqlite", "--codebook", "codebook.yaml"], times)
        step("coder_a", ["codings", "import", "coder_a.csv", "--db", "s.sqlite", "--coder", "coder_a"], times)
        step("coder_b", ["codings", "import", "coder_b.csv", "--db", "s.sqlite", "--coder", "coder_b"], times)
        step("irr", ["irr", "--db", "s.sqlite", "--n-boot", "200"], times)
        step("checksums", ["design", "checksums", "design.yaml"], times)
        step("check", ["design", "check", "design.yaml", "--db", "s.sqlite"], times)
        step("report", ["report", "--db", "s.sqlite", "--design", "design.yaml", "-o", "report.html", "--n-boot",
                        "200"], times)
        step("qdpx", ["qdpx", "export", "--db", "s.sqlite", "-o", "s.qdpx"], times)
        html = (folder / "report.html").read_text(encoding="utf-8")
        times["report_bytes"] = len(html.encode("utf-8"))
        tables = html.split("<table>")[1:]
        shown = re.sub(r"<details class=\"long-table\">.*?</details>", "", html, flags=re.S)
        open_rows = [t.split("</table>")[0].count("<tr") - 1 for t in shown.split("<table>")[1:]]
        times["largest_table_rows"] = max((t.split("</table>")[0].count("<tr") - 1 for t in tables), default=0)
        times["collapsed_tables"] = html.count('<details class="long-table">')
        times["largest_open_table_rows"] = max(open_rows, default=0)
    finally:
        os.chdir(cwd)
        shutil.rmtree(base, ignore_errors=True)
    return times


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--turns", type=int, default=12, help="informant turns per interview (default 12)")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1704067200")
    os.environ["TQDM_DISABLE"] = "1"
    steps = ["import", "autocode", "coder_a", "coder_b", "irr", "checksums", "check", "report", "qdpx"]
    rows = []
    for n in args.sizes:
        t = run(n, args.turns)
        t["total"] = sum(t[s] for s in steps)
        rows.append((n, t))
        print(f"n={n:5d}  " + "  ".join(f"{s} {t[s]:.2f}s" for s in steps) + f"  total {t['total']:.2f}s  "
              f"report {t['report_bytes'] / 1e6:.2f} MB, largest table {t['largest_table_rows']:.0f} rows "
              f"({t['collapsed_tables']:.0f} collapsed; largest open {t['largest_open_table_rows']:.0f} rows)",
              flush=True)
    ns = np.array([n for n, _ in rows], dtype=float)
    ref = rows[0][1]["total"]
    for n, t in rows:
        print(f"n={n:5d}: total / reference (n={rows[0][0]}) = {t['total'] / ref:.1f}x for {n / rows[0][0]:.0f}x the "
              "interviews")
    if len(rows) >= 2:
        b = np.polyfit(np.log(ns), np.log([t["total"] for _, t in rows]), 1)[0]
        per_step = {s: np.polyfit(np.log(ns), np.log([max(t[s], 1e-4) for _, t in rows]), 1)[0] for s in steps}
        print(f"fitted exponent of total time ~ n^b: b = {b:.2f} (linear: 1)")
        print("per step: " + ", ".join(f"{s} {v:.2f}" for s, v in per_step.items()))
    biggest = rows[-1][1]
    ok = biggest["report_bytes"] < 5e6 and biggest["largest_open_table_rows"] <= 40
    print(f"largest report usable in a browser (under 5 MB, no open table over 40 rows): {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main_())

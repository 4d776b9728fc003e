"""Write the REFI-QDA exports of the PT. XYZ illustrative project (``make exports``).

Rebuilds the illustrative case study database (coders A and B) under ``build/``
with the fixed clock, then runs the package's own commands:

    casestudy qdpx export --db build/pt_xyz_exchange.sqlite -o reports/exchange/pt_xyz.qdpx
    casestudy qdc export data/codebooks/buttle_crm.yaml -o reports/exchange/buttle_crm.qdc

and records both files in ``reports/MANIFEST.json``. Both files are validated
before they are written and are byte-identical run after run.
"""

from __future__ import annotations

import sys

from casestudy import paths
from casestudy.cli import main
from casestudy.pt_xyz import build_case_database
from casestudy.manifest import record
from casestudy.store.events import FixedClock

CLOCK = FixedClock("2024-01-01T00:00:00+00:00")
PROJECT_NAME = "PT. XYZ CRM case study (illustrative)"
#: Both independent coders of the illustrative corpus: the export carries two users' codings.
CODERS = ("coder_a", "coder_b")


def run() -> int:
    """Build the database, write both exports through the CLI, record them; return the exit status."""
    db = build_case_database(paths.build_dir() / "pt_xyz_exchange.sqlite", clock=CLOCK, coders=CODERS)
    out = paths.reports_dir() / "exchange"
    out.mkdir(parents=True, exist_ok=True)
    qdpx, qdc = out / "pt_xyz.qdpx", out / "buttle_crm.qdc"
    codebook = paths.codebooks_dir() / "buttle_crm.yaml"
    corpus = sorted(p for p in paths.corpus_dir().rglob("*") if p.is_file() and not p.name.startswith("."))
    steps = [
        (["qdpx", "export", "--db", str(db), "-o", str(qdpx), "--name", PROJECT_NAME], qdpx,
         "casestudy qdpx export", [codebook, *corpus]),
        (["qdc", "export", str(codebook), "-o", str(qdc)], qdc, "casestudy qdc export", [codebook]),
    ]
    for argv, target, command, inputs in steps:
        status = main(argv)
        if status:
            return status
        record([target], written_by=command, inputs=inputs)
    return 0


if __name__ == "__main__":
    sys.exit(run())

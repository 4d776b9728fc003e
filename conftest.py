"""Test configuration shared by unit tests, doctests and nbval runs.

Outputs of anything run under pytest go to a temporary output root, never to the
committed ``reports/`` or ``data/synthetic/`` (unless the caller already chose one,
as ``make test`` does for the notebooks).
"""

from __future__ import annotations

import os
import tempfile

import matplotlib

matplotlib.use("Agg")

if not os.environ.get("CASESTUDY_OUTPUT_ROOT"):
    os.environ["CASESTUDY_OUTPUT_ROOT"] = tempfile.mkdtemp(prefix="casestudy-test-output-")

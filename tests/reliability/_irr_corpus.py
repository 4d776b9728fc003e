"""A two-turn toy corpus and two coders' codings, shared by the reliability tests."""

from __future__ import annotations

import pandas as pd

TEXT = "P: Harga kami murah. Layanan cepat.\n\nQ: Saya puas. Beli lagi."
TURNS = pd.DataFrame({"source_id": ["s", "s"], "turn": [1, 2], "speaker": ["P", "Q"], "start": [0, 37],
                      "end": [35, 61], "body_start": [3, 40]})
TEXTS = {"s": TEXT, "t": "P: Lain."}


def coding(coder, code, quote, source="s", status="accepted"):
    """One coding row whose span is the first occurrence of ``quote`` in ``source``."""
    start = TEXTS[source].index(quote)
    return {"source_id": source, "start": start, "end": start + len(quote), "code_id": code, "coder_id": coder,
            "status": status}


CODINGS = pd.DataFrame([
    coding("a", "price", "Harga kami murah."),
    coding("b", "price", "murah"),
    coding("a", "service", "Layanan cepat."),
    coding("b", "satisfaction", "Saya puas."),
    coding("a", "satisfaction", "Saya puas. Beli lagi."),
    coding("b", "service", "Layanan", status="suggested"),
])

"""Pseudonymisation: longest whole-word match, consistency, reversal with the key, demo key leaves no name."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy import paths
from casestudy.coding.pseudonyms import GITIGNORE_PATTERNS, PseudonymKey, load_key
from casestudy.records.transcripts import Transcript
from casestudy.errors import PseudonymError

KEY = PseudonymKey.from_dict({"entries": [
    {"real": "Sari", "token": "INF03", "kind": "person", "informant": "inf03"},
    {"real": "Sari Wulandari", "token": "INF03", "kind": "person", "informant": "inf03"},
    {"real": "Dinas Arsip Kenanga", "token": "[INSTANSI-2]", "kind": "organisation"},
    {"real": "Dinas Arsip", "token": "[INSTANSI-9]", "kind": "organisation"}]}, "key.yaml")


def test_longest_match_whole_words_case_insensitive() -> None:
    text = "Bu Sari Wulandari (sari) dari DINAS ARSIP KENANGA; Dinas Arsip lain; Sarinah; Sari_x"
    assert KEY.apply(text) == "Bu INF03 (INF03) dari [INSTANSI-2]; [INSTANSI-9] lain; Sarinah; Sari_x"


def test_nfd_input_and_reversal() -> None:
    key = PseudonymKey.from_dict({"entries": [{"real": "José", "token": "INF01"}]})
    assert key.apply("Pak Jose\u0301 datang") == "Pak INF01 datang"
    assert key.reverse("INF01 datang") == "José datang"


def test_transcript_speakers_and_text_pseudonymised() -> None:
    t = Transcript.from_turns("int_inf03", [("Pewawancara", "Dari Dinas Arsip Kenanga?"), ("Sari Wulandari", "Ya.")],
                              informant_id="inf03", metadata=(("note", "Sari"),), language="id")
    p = KEY.apply_transcript(t)
    assert p.text == "Pewawancara: Dari [INSTANSI-2]?\n\nINF03: Ya."
    assert p.normalisation == ("pseudonymised",) and p.meta("note") == "INF03"
    assert KEY.token_for_informant("inf03") == "INF03"


@pytest.mark.parametrize("data, message", [
    ({"entries": [{"real": "A", "token": "T1"}, {"real": "a", "token": "T2"}]},
     "k.yaml: 'real' must be mapped to one token only (got 'a')"),
    ({"entries": [{"real": "A", "token": "B"}, {"real": "B", "token": "C"}]},
     "k.yaml: 'token' must be different from every real name (got 'B')"),
    ({"entries": [{"real": "A", "token": "T", "kind": "pet"}]},
     "k.yaml, entries[0]: key entry 'A': 'kind' must be one of person, organisation, place, product (got 'pet')"),
    ({"entries": [], "secret": 1}, "k.yaml: 'secret' must be a known key (note, entries) (got 'an unknown key')"),
])
def test_bad_keys(data: dict, message: str) -> None:
    with pytest.raises(PseudonymError) as err:
        PseudonymKey.from_dict(data, "k.yaml")
    assert str(err.value) == message


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(PseudonymError) as err:
        load_key(tmp_path / "pseudonyms.yaml")
    assert str(err.value) == "pseudonyms.yaml: 'path' must be an existing key file (got 'pseudonyms.yaml')"


def test_demo_key_is_ignored_pattern_exception() -> None:
    ignore = (paths.project_root() / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert set(GITIGNORE_PATTERNS) <= set(ignore)
    key = load_key(paths.corpus_dir() / "pseudonyms_demo.yaml")
    assert all(e.kind in ("person", "organisation", "place", "product") for e in key.entries)

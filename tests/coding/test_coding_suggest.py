"""Suggestions: overlap semantics, whole words, offsets kept, storage as 'suggested', precision and recall."""

from __future__ import annotations

import pandas as pd
import pytest

from _coding_helpers import CODEBOOK, db, db_path  # noqa: F401 (fixtures)
from casestudy.coding.suggest import Lexicon, accept, autocode, fold, precision_recall, reject, suggest
from casestudy.store import CaseDatabase


def test_every_occurrence_of_every_phrase_including_overlaps() -> None:
    lex = Lexicon({"aplikasi": ["apps"], "aplikasi absensi": ["attendance"], "absensi digital": ["digital"]})
    hits = [(h.start, h.end, h.code_ids) for h in lex.find("Aplikasi absensi digital.")]
    assert hits == [(0, 8, ("apps",)), (0, 16, ("attendance",)), (9, 24, ("digital",))]


def test_whole_word_boundaries_and_normalisation() -> None:
    lex = Lexicon({"kafe": ["c"], "b2b": ["b"], "harga": ["p"]})
    text = "Kafé, kafe_x, kafe; B2B-nya; İİ harga\u00a0murah; hargai"
    assert [(h.start, h.end, text[h.start:h.end]) for h in lex.find(text)] == [
        (14, 18, "kafe"), (20, 23, "B2B"), (32, 37, "harga")]
    decomposed = Lexicon({"kafe": ["c"]}).find("Kafe\u0301 kafe")  # NFD text must be NFC first
    assert [(h.start, h.end) for h in decomposed] == [(6, 10)]
    assert len(fold("İß")) == 2


def test_multiword_phrase_matches_across_nbsp() -> None:
    lex = Lexicon({"di lokasi": ["site"]})
    assert [(h.start, h.end) for h in lex.find("pendampingan di\u00a0lokasi")] == [(13, 22)]


def test_suggest_merges_same_code_hits_only() -> None:
    lex = Lexicon({"pendampingan": ["site"], "pendampingan di": ["site", "other"], "di lokasi": ["site"],
                   "lokasi": ["site"]})
    out = suggest({"s": "Pendampingan di lokasi. Lokasi."}, lex)
    assert [(c.start, c.end, c.code_id, c.status, c.origin, c.coder_id) for c in out] == [
        (0, 15, "other", "suggested", "auto", "autocoder"), (0, 22, "site", "suggested", "auto", "autocoder"),
        (24, 30, "site", "suggested", "auto", "autocoder")]


def test_autocode_stores_suggestions_and_review(db: CaseDatabase) -> None:
    event = autocode(db, CODEBOOK)
    s = db.codings(status="suggested")
    assert set(s["event_id"]) == {event}
    assert s[["source_id", "code_id", "text"]].values.tolist()[:3] == [
        ["int_inf01", "lifecycle_acquire", "Pelanggan pertama"], ["int_inf01", "lifecycle_acquire", "teman"],
        ["int_inf01", "lifecycle_complaint_handling", "keluhan"]]
    ids = s["coding_id"].tolist()
    accept(db, ids[:2], coder="coder_a")
    reject(db, ids[2:3], coder="coder_a")
    assert db.codings(coder="autocoder")["status"].value_counts().to_dict() == {"suggested": len(ids)}
    mine = db.codings(coder="coder_a")
    decided = mine[mine["suggestion_id"].notna()]
    assert decided[["suggestion_id", "status", "origin"]].values.tolist() == [
        [ids[0], "accepted", "auto"], [ids[1], "accepted", "auto"], [ids[2], "rejected", "auto"]]
    assert set(decided["rule"]) == {"keyword:pelanggan pertama", "keyword:teman", "keyword:keluhan"}
    assert db.events()["action"].tolist()[-3:] == ["autocode", "accept_suggestions", "reject_suggestions"]


def test_precision_recall_against_reference(db: CaseDatabase) -> None:
    autocode(db, CODEBOOK)
    pr = precision_recall(db.codings(status="suggested"), db.codings(coder="coder_a"))
    assert pr.to_dict("records") == [
        {"code_id": "intimacy_on_site_assistance", "n_suggested": 2, "n_reference": 1, "suggested_matching": 2,
         "reference_found": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0},
        {"code_id": "lifecycle_acquire", "n_suggested": 3, "n_reference": 2, "suggested_matching": 3,
         "reference_found": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0},
        {"code_id": "lifecycle_complaint_handling", "n_suggested": 2, "n_reference": 2, "suggested_matching": 2,
         "reference_found": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0},
        {"code_id": "(all)", "n_suggested": 7, "n_reference": 5, "suggested_matching": 7, "reference_found": 5,
         "precision": 1.0, "recall": 1.0, "f1": 1.0}]


def test_precision_recall_empty_frames_are_nan_not_errors() -> None:
    empty = pd.DataFrame(columns=["source_id", "code_id", "start", "end"])
    ref = pd.DataFrame({"source_id": ["a"], "code_id": ["x"], "start": [0], "end": [3]})
    pr = precision_recall(empty, ref)
    assert pr["recall"].tolist() == [0.0, 0.0]
    assert pr["precision"].isna().all()


def test_empty_phrase_refused() -> None:
    from casestudy.errors import CodebookError

    with pytest.raises(CodebookError) as err:
        Lexicon({"  ": ["x"]})
    assert str(err.value) == "lexicon: 'keywords' must be non-empty phrases (got '  ')"


def test_autocode_can_be_undone(db: CaseDatabase) -> None:
    first = autocode(db, CODEBOOK)
    second = autocode(db, CODEBOOK)  # same suggestions again: all skipped as duplicates
    assert len(db.codings(event_id=second)) == 0
    db.undo(first, actor="coder_a")
    assert db.codings(coder="autocoder").empty


def test_autocode_skips_the_interviewers_turns_unless_asked(tmp_path) -> None:  # noqa: ANN001
    from casestudy.records.codebook import Code, Codebook
    from casestudy.records.transcripts import Transcript
    from casestudy.store import FixedClock

    t = Transcript.from_turns("s1", [("Pewawancara", "Berapa harga aplikasinya?"), ("Ana", "Harga wajar.")],
                              speakers=(("Pewawancara", "interviewer"), ("Ana", "informant")), language="id")
    cb = Codebook("cb", 1, "C", "C", codes=(Code("price", "Price", "Harga", keywords=(("id", ("harga",)),)),))
    with CaseDatabase(tmp_path / "s.sqlite", clock=FixedClock()) as db:
        db.add_transcripts([t])
        only = autocode(db, cb)
        assert db.codings(event_id=only)["text"].tolist() == ["Harga"]
        assert set(db.codings(event_id=only)["rule"]) == {"keyword:harga"}
        db.undo(only)
        every = autocode(db, cb, all_turns=True)
        assert db.codings(event_id=every)["text"].tolist() == ["harga", "Harga"]

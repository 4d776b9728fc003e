"""Suggestions learned from a coder's codings: units, training, stored suggestions, cross-validation, CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from casestudy.cli import main
from casestudy.records.codebook import Code, Codebook
from casestudy.records.coders import Coder
from casestudy.coding.learned import LEARNER, cross_validate, fit, learn_suggestions, turn_units
from casestudy.records.segments import Coding
from casestudy.records.transcripts import Transcript
from casestudy.errors import CodingError
from casestudy.store import CaseDatabase, FixedClock

PRICE = ["Harganya murah sekali.", "Harga naik tahun ini.", "Price was fair.", "Harga terjangkau untuk kami."]
SERVICE = ["Petugasnya ramah sekali.", "Pelayanan ramah dan cepat.", "Staff were friendly.", "Ramah waktu datang."]


def _db(tmp_path: Path) -> CaseDatabase:
    db = CaseDatabase(tmp_path / "l.sqlite", clock=FixedClock())
    sources = []
    for i in range(4):
        turns = [("Pewawancara", "Bagaimana harganya?"), ("INF", PRICE[i]), ("INF", SERVICE[i]),
                 ("INF", "Saya beli lagi tahun depan.")]
        sources.append(Transcript.from_turns(f"s{i}", turns, language="id"))
    db.add_transcripts(sources)
    db.add_codebook(Codebook("cb", 1, "C", "C", codes=(
        Code("price", "Price", "Harga", keywords=(("id", ("harga",)),)), Code("service", "Service", "Layanan"))))
    db.add_coders([Coder("coder_a")])
    codings = []
    for t in sources[:3]:
        for turn, code in ((2, "price"), (3, "service")):
            u = t.turns[turn - 1]
            codings.append(Coding(t.source_id, u.body_start, u.end, code, "coder_a"))
    db.add_codings(codings)
    return db


def test_units_carry_the_coders_codes(tmp_path: Path) -> None:
    with _db(tmp_path) as db:
        u = turn_units(db, "coder_a")
    assert len(u) == 16 and u.iloc[1][["text", "codes"]].tolist() == [PRICE[0], ("price",)]
    assert u[u["source_id"] == "s3"]["codes"].map(bool).sum() == 0


def test_learned_suggestions_are_stored_like_the_lexicons_and_undo(tmp_path: Path) -> None:
    with _db(tmp_path) as db:
        event = learn_suggestions(db, "coder_a", min_examples=2)
        s = db.codings(event_id=event)
        assert set(s["coder_id"]) == {LEARNER} and set(s["status"]) == {"suggested"} and set(s["origin"]) == {"auto"}
        assert all(r.startswith("classifier:coder_a|p=") for r in s["rule"])
        found = set(zip(s["source_id"], s["code_id"], s["text"]))
        assert ("s3", "price", PRICE[3]) in found and ("s3", "service", SERVICE[3]) in found
        assert {src for src, _, _ in found} <= {"s0", "s1", "s2", "s3"}
        coded = {(r.source_id, r.start) for r in db.codings(coder="coder_a").itertuples()}
        assert not {(r.source_id, r.start) for r in s.itertuples()} & coded  # only turns the coder left uncoded
        assert db.coders().set_index("coder_id").at[LEARNER, "role"] == "program"
        db.undo(event)
        assert db.codings(coder=LEARNER).empty


def test_too_little_to_learn_is_one_error(tmp_path: Path) -> None:
    with _db(tmp_path) as db:
        with pytest.raises(CodingError) as err:
            learn_suggestions(db, "coder_a", min_examples=5)
    assert str(err.value) == ("learned suggestions: 'coder' must be a coder with some code applied in at least 5 "
                              "turns (got 'coder_a')")


def test_cross_validation_scores_both_methods_on_the_same_turns(tmp_path: Path) -> None:
    with _db(tmp_path) as db:
        q = cross_validate(db, "coder_a", n_splits=3, min_examples=2)
    pooled = q[q["code_id"] == "(all)"].set_index("method")
    assert pooled.loc["keywords", "n_reference"] == pooled.loc["classifier", "n_reference"] == 6
    # "harga" as a whole word: s1's and s3's price turns (s3 uncoded by the reference); never "Harganya"
    assert pooled.loc["keywords", ["n_suggested", "found"]].tolist() == [2, 1]
    assert list(q.columns) == ["method", "code_id", "n_suggested", "n_reference", "found", "precision", "recall",
                               "f1"]


def test_fit_ignores_rare_and_constant_codes() -> None:
    units = pd.DataFrame({"text": ["a b", "c d", "e f"], "codes": [("x",), ("x", "y"), ("x",)]})
    assert fit(units, min_examples=1).codes == ("y",)  # x is on every unit: nothing to tell apart


def test_cli_learn_and_evaluate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _db(tmp_path).close()
    db = str(tmp_path / "l.sqlite")
    assert main(["suggestions", "learn", "--db", db, "--coder", "coder_a", "--min-examples", "2"]) == 0
    assert capsys.readouterr().out.startswith("stored ")
    assert main(["suggestions", "evaluate", "--db", db, "--reference", "coder_a", "--folds", "3",
                 "--min-examples", "2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["method", "code_id", "n_suggested", "n_reference", "found", "precision",
                                           "recall", "f1"]
    assert main(["suggestions", "evaluate", "--db", db, "--reference", "coder_a", "--folds", "1"]) == 2
    assert capsys.readouterr().err == ("casestudy: error: cross-validation: '--folds' must be an integer of at "
                                       "least 2 (got 1)\n")


def test_threshold_tradeoff_matches_cross_validation(tmp_path: Path) -> None:
    from casestudy.coding.learned import threshold_tradeoff

    with _db(tmp_path) as db:
        t = threshold_tradeoff(db, "coder_a", (0.3, 0.5), n_splits=3, min_examples=2)
        for threshold in (0.3, 0.5):
            q = cross_validate(db, "coder_a", n_splits=3, min_examples=2, threshold=threshold)
            pooled = q[(q["method"] == "classifier") & (q["code_id"] == "(all)")].iloc[0]
            row = t[t["threshold"] == threshold].iloc[0]
            assert (row["n_suggested"], row["found"]) == (pooled["n_suggested"], pooled["found"])
    assert (t["n_suggested"].diff().dropna() <= 0).all()  # a higher threshold never suggests more

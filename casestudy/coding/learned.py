"""Suggestions learned from a coder's own codings (scikit-learn, offline), and how good they are.

Beside the keyword lexicon (:mod:`casestudy.coding.suggest`), a classifier
trained on the turns a coder has coded proposes codes for the turns the coder has
not coded yet. The unit is a speaker turn that may be coded (the turn's text after
the speaker label; turns no coder codes, such as the interviewer's, are left out):
a turn *carries* a code when one of the coder's accepted codings of that code
overlaps it.

Features suit Indonesian and English alike without a language model: TF-IDF of
character n-grams within word boundaries (2 to 5 characters: affixes such as
``me-``, ``-kan``, ``-nya`` and misspellings share features) joined with TF-IDF of
words and word pairs, sublinear term frequencies. One logistic regression per code
(one-vs-rest, class weights balanced, ``liblinear``, fixed ``random_state``), trained
only for codes the coder applied in at least ``min_examples`` turns. Nothing is
downloaded; the model lives only for the call.

Suggestions are stored like the lexicon's: status ``suggested``, origin ``auto``,
coder :data:`LEARNER` (role ``program``), span = the turn's text, ``rule``
``classifier:<coder>|p=<probability>``; a coder accepts or rejects them as any other.

:func:`cross_validate` measures both kinds of suggestion against a reference coding
on the same units: for each held-out group of sources (``GroupKFold``, so no turn of
a test source was seen in training) the classifier is trained on the other sources'
turns, and a turn-code pair counts as found when the suggestion and the reference
both put the code on the turn. The lexicon needs no training and is scored on the
same turns. Per code and pooled (micro) precision, recall and F1.

Examples
--------
>>> units = pd.DataFrame({"text": ["harga murah sekali", "harganya mahal", "pelayanan ramah", "petugas ramah",
...                                "harga naik", "staf sangat ramah"], "codes": [("p",), ("p",), ("s",), ("s",),
...                                ("p",), ("s",)]})
>>> model = fit(units, min_examples=2)
>>> model.codes
('p', 's')
>>> [max(zip(p, model.codes))[1] for p in model.predict_proba(["harga turun", "ramah dan cepat"])]
['p', 's']
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from casestudy.errors import CodingError, expectation

if TYPE_CHECKING:
    from casestudy.store.database import CaseDatabase

__all__ = ["LEARNER", "UNIT_COLUMNS", "QUALITY_COLUMNS", "LearnedModel", "turn_units", "fit", "learn_suggestions",
           "cross_validate", "threshold_tradeoff"]

#: Coder id of the learned suggestions.
LEARNER = "classifier"
UNIT_COLUMNS = ("source_id", "turn", "start", "end", "text", "codes")
QUALITY_COLUMNS = ("method", "code_id", "n_suggested", "n_reference", "found", "precision", "recall", "f1")


def turn_units(db: CaseDatabase, coder: str | None = None, *, status: str = "accepted",
               source_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Codable turns as units: :data:`UNIT_COLUMNS`, ``codes`` the sorted codes of ``coder``'s codings on the turn.

    ``start``/``end`` bound the turn's text after the speaker label (code points). Turns
    whose speaker's role no coder codes are left out (:func:`~casestudy.coding.suggest.codable_regions`).
    """
    from casestudy.coding.suggest import codable_regions

    turns = db.turns()
    keep = set(source_ids) if source_ids is not None else None
    regions = codable_regions(db, keep)
    allowed = {(s, int(a)) for s, spans in regions.items() for a, _ in spans}
    turns = turns[[(s, int(a)) in allowed for s, a in zip(turns["source_id"], turns["start"])]]
    codings = db.codings(coder=coder, status=status) if coder is not None else db.codings().iloc[0:0]
    by_source = {sid: g for sid, g in codings.groupby("source_id")}
    texts: dict[str, str] = {}
    rows = []
    for r in turns.itertuples(index=False):
        sid = cast(str, r.source_id)
        text = texts.setdefault(sid, db.source_text(sid))
        s, e = int(cast(int, r.body_start)), int(cast(int, r.end))
        g = by_source.get(sid)
        codes: tuple[str, ...] = ()
        if g is not None:
            hit = g[(g["start"] < e) & (g["end"] > s)]
            codes = tuple(sorted(set(hit["code_id"])))
        rows.append((sid, int(cast(int, r.turn)), s, e, text[s:e], codes))
    return pd.DataFrame(rows, columns=list(UNIT_COLUMNS))


@dataclass(frozen=True)
class LearnedModel:
    """A fitted classifier: ``codes`` it can propose and the scikit-learn pipeline."""

    codes: tuple[str, ...]
    pipeline: Any

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probability of each of :attr:`codes` (columns) for each text (rows)."""
        if not self.codes:
            return np.zeros((len(texts), 0))
        return np.asarray(self.pipeline.predict_proba(list(texts)))


def fit(units: pd.DataFrame, *, min_examples: int = 3, seed: int = 0) -> LearnedModel:
    """Train on ``units`` (``text``, ``codes``); codes with fewer than ``min_examples`` turns are not learned."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline, make_union

    if not isinstance(min_examples, int) or min_examples < 1:
        raise CodingError(expectation("min_examples", "a positive integer", min_examples, "learned suggestions"))
    counts = pd.Series([c for codes in units["codes"] for c in codes], dtype=object).value_counts()
    codes = tuple(sorted(cast(str, c) for c, n in counts.items() if n >= min_examples and n < len(units)))
    if not codes:
        return LearnedModel((), None)
    y = np.array([[c in set(row) for c in codes] for row in units["codes"]], dtype=int)
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1, lowercase=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True,
                        token_pattern=r"(?u)\b\w+\b"))
    model = OneVsRestClassifier(LogisticRegression(class_weight="balanced", solver="liblinear", C=4.0, dual=True,
                                                   random_state=seed))
    pipeline = make_pipeline(features, model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        pipeline.fit(list(units["text"]), y)
    return LearnedModel(codes, pipeline)


def _proposals(model: LearnedModel, units: pd.DataFrame, threshold: float) -> list[tuple[int, str, float]]:
    """``(unit position, code, probability)`` for every probability at or above ``threshold``."""
    if units.empty or not model.codes:
        return []
    p = model.predict_proba(list(units["text"]))
    rows, cols = np.nonzero(p >= threshold)
    return [(int(i), model.codes[j], float(p[i, j])) for i, j in zip(rows, cols)]


def learn_suggestions(db: CaseDatabase, coder: str, *, threshold: float = 0.5, min_examples: int = 3, seed: int = 0,
                      actor: str | None = None) -> int:
    """Train on ``coder``'s accepted codings and store suggestions for the turns the coder has not coded.

    One batch (one event, undoable); returns the event id. Suggestions carry the rule
    ``classifier:<coder>|p=<probability>`` and the coder :data:`LEARNER`.

    Raises
    ------
    CodingError
        When the coder has no turn coded with a code at least ``min_examples`` times.
    """
    from casestudy.records.coders import Coder
    from casestudy.records.segments import Coding

    if not 0 < threshold < 1:
        raise CodingError(expectation("threshold", "a probability between 0 and 1", threshold, "learned suggestions"))
    units = turn_units(db, coder)
    coded = units[units["codes"].map(bool)]
    model = fit(coded, min_examples=min_examples, seed=seed) if len(coded) else LearnedModel((), None)
    if not model.codes:
        raise CodingError(expectation("coder", f"a coder with some code applied in at least {min_examples} turns",
                                      coder, "learned suggestions"))
    todo = units[~units["codes"].map(bool)].reset_index(drop=True)
    version = int(db.codebook().version)
    with db.batch("learned suggestions", actor=actor or LEARNER,
                  detail={"trained_on": coder, "turns": len(coded), "codes": list(model.codes),
                          "threshold": threshold}) as event:
        db.add_coders([Coder(LEARNER, "Learned suggestions (classifier)", "program")])
        db.add_codings([Coding(cast(str, todo.at[i, "source_id"]), int(cast(int, todo.at[i, "start"])),
                               int(cast(int, todo.at[i, "end"])), code,
                               LEARNER, "suggested", "auto", version, rule=f"classifier:{coder}|p={p:.2f}")
                        for i, code, p in _proposals(model, todo, threshold)])
    return event


def _score(method: str, predicted: set[tuple[int, str]], reference: set[tuple[int, str]],
           codes: Sequence[str]) -> list[tuple[Any, ...]]:
    def row(code: str, pred: set[Any], ref: set[Any]) -> tuple[Any, ...]:
        tp = len(pred & ref)
        p = tp / len(pred) if pred else float("nan")
        r = tp / len(ref) if ref else float("nan")
        f = 2 * p * r / (p + r) if pred and ref and (p + r) > 0 else float("nan")
        return (method, code, len(pred), len(ref), tp, p, r, f)

    out = [row(c, {x for x in predicted if x[1] == c}, {x for x in reference if x[1] == c}) for c in codes]
    return out + [row("(all)", predicted, reference)]


def _units_for(db: CaseDatabase, reference: str, n_splits: int) -> pd.DataFrame:
    if not isinstance(n_splits, int) or n_splits < 2:
        raise CodingError(expectation("n_splits", "an integer of at least 2", n_splits, "cross-validation"))
    units = turn_units(db, reference)
    if units["source_id"].nunique() < 2:
        raise CodingError(expectation("reference", "a coding of at least two sources", reference,
                                      "cross-validation"))
    return units


def _held_out(units: pd.DataFrame, n_splits: int, min_examples: int, seed: int) -> list[tuple[int, str, float]]:
    """``(unit position, code, probability)`` of every held-out turn and learned code, fold by fold."""
    from sklearn.model_selection import GroupKFold

    out: list[tuple[int, str, float]] = []
    folds = GroupKFold(n_splits=min(n_splits, units["source_id"].nunique()))
    for train, test in folds.split(units, groups=units["source_id"]):
        model = fit(units.iloc[train].reset_index(drop=True), min_examples=min_examples, seed=seed)
        held = units.iloc[test].reset_index(drop=True)
        out += [(int(test[i]), code, p) for i, code, p in _proposals(model, held, 0.0)]
    return out


def cross_validate(db: CaseDatabase, reference: str, *, n_splits: int = 6, threshold: float = 0.5, min_examples: int = 3,
                   seed: int = 0, codebook: Any = None) -> pd.DataFrame:
    """Precision and recall of learned and keyword suggestions against ``reference``'s coding, turn by turn.

    The classifier is scored by ``GroupKFold`` over sources (``n_splits`` at most the
    number of sources); the lexicon of ``codebook`` (default: the latest stored) on the
    same turns. Returns :data:`QUALITY_COLUMNS`, one row per method and code that either
    the reference or the method used, then ``(all)`` pooled over codes; methods
    ``classifier`` and ``keywords``.
    """
    from casestudy.coding.suggest import Lexicon

    units = _units_for(db, reference, n_splits)
    reference_pairs = {(i, c) for i, codes in enumerate(units["codes"]) for c in codes}
    learned = {(i, c) for i, c, p in _held_out(units, n_splits, min_examples, seed) if p >= threshold}
    lexicon = Lexicon.from_codebook(codebook if codebook is not None else db.codebook())
    keyword_pairs = {(i, c) for i, text in enumerate(units["text"]) for h in lexicon.find(text) for c in h.code_ids}
    codes = sorted({c for _, c in reference_pairs | learned | keyword_pairs})
    rows = _score("classifier", learned, reference_pairs, codes) + _score("keywords", keyword_pairs,
                                                                          reference_pairs, codes)
    df = pd.DataFrame(rows, columns=list(QUALITY_COLUMNS))
    return df.round({"precision": 3, "recall": 3, "f1": 3})


def threshold_tradeoff(db: CaseDatabase, reference: str, thresholds: Sequence[float] = (0.2, 0.3, 0.4, 0.5), *,
                       n_splits: int = 6, min_examples: int = 3, seed: int = 0) -> pd.DataFrame:
    """Pooled precision and recall of the held-out classifier at each threshold (one cross-validation).

    Returns ``threshold, n_suggested, n_reference, found, precision, recall, f1``, one row per threshold.
    """
    units = _units_for(db, reference, n_splits)
    reference_pairs = {(i, c) for i, codes in enumerate(units["codes"]) for c in codes}
    held = _held_out(units, n_splits, min_examples, seed)
    rows = []
    for t in thresholds:
        row = _score("classifier", {(i, c) for i, c, p in held if p >= t}, reference_pairs, [])[-1]
        rows.append((t, *row[2:]))
    df = pd.DataFrame(rows, columns=["threshold", "n_suggested", "n_reference", "found", "precision", "recall", "f1"])
    return df.round({"precision": 3, "recall": 3, "f1": 3})

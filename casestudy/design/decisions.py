"""Decision rules: how a rival's verdict and a proposition's pattern follow from the data.

A verdict about a rival explanation, or about a proposition's predicted pattern,
is never typed: the design file declares, before (or, for a reproduction, after)
the data, *which statistic* decides it (a named row of a result table, such as the
``rival_tests`` table of :mod:`casestudy.stats.rival_tests`), *the threshold*, and
*what each outcome means*. :func:`decide` applies the rules to the tables and
returns the verdicts with reading sentences rendered from the numbers, so that if
the data change, every verdict that depends on them changes with them.

A rival's rules form a decision list (the first rule whose conditions all hold
gives the verdict; when none holds, the rival's ``otherwise`` verdict applies). A
proposition's pattern is *confirmed* when every one of its ``pattern_rules`` holds
and every rival it names in ``rule_out`` is rejected (Yin 2009, pp. 136-141: a
pattern is confirmed only if the rivals' patterns are not). The rule set is
frozen with a timestamp and a SHA-256 checksum (:class:`RuleFreeze`) in the
protocol; :func:`rules_checksum` computes it, so a rule edited after freezing is
caught by ``casestudy design check``.

A rule whose outcome cannot depend on the data is refused: a condition that holds
(or fails) whatever the value, such as ``p_value <= 1`` or ``p_value < 0``, and a
rival whose rules all give its ``otherwise`` verdict.

Examples
--------
>>> import pandas as pd
>>> rule = DecisionRule("whole_period", "rival_tests", (("test", "t1"),),
...                     (("p_value", "< 0.05"), ("estimate", "> 1")), "Orders rose beyond chance.", "rejected")
>>> t = pd.DataFrame({"test": ["t1"], "estimate": [3.1], "p_value": [0.0015]})
>>> rule.evaluate(t).holds, rule.evaluate(t).values_text
(True, 'p_value = 0.0015 (needs < 0.05), estimate = 3.1 (needs > 1)')
>>> DecisionRule("r", "rival_tests", (("test", "t1"),), (("p_value", "<= 1"),), "m", "rejected")
Traceback (most recent call last):
...
casestudy.errors.DesignError: r: 'when.p_value' must be a condition the data can make true or false (got '<= 1')
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from casestudy.errors import DesignError, expectation
from casestudy.validators import check_id, check_one_of, check_text

if TYPE_CHECKING:  # pragma: no cover
    from casestudy.design.design import CaseStudyDesign

__all__ = ["OPERATORS", "RULE_TIMINGS", "PATTERN_OUTCOMES", "DecisionRule", "RuleOutcome", "RuleFreeze",
           "rules_checksum", "decide", "Decisions"]

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
#: When a rule set was declared relative to the data it decides on.
RULE_TIMINGS = ("before_data", "post_hoc")
PATTERN_OUTCOMES = ("pattern confirmed", "pattern not confirmed")
_CONDITION = re.compile(r"^\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE]-?\d+)?)\s*$")
#: Columns whose values are bounded, so that a condition can be vacuous on them.
_BOUNDS = {"p_value": (0.0, 1.0), "p_bonferroni": (0.0, 1.0)}


def _vacuous(column: str, op: str, value: float) -> bool:
    lo, hi = _BOUNDS.get(column, (-math.inf, math.inf))
    always = {"<": value > hi, "<=": value >= hi, ">": value < lo, ">=": value <= lo}[op]
    never = {"<": value <= lo, "<=": value < lo, ">": value >= hi, ">=": value > hi}[op]
    return always or never


@dataclass(frozen=True)
class RuleOutcome:
    """What one rule found: the values it read, whether its conditions hold, and why not when unknown."""

    rule: "DecisionRule"
    values: tuple[tuple[str, float], ...]
    holds: bool | None
    problem: str = ""

    @property
    def values_text(self) -> str:
        """The values read with their conditions, e.g. ``'p_value = 0.0015 (needs < 0.05)'``."""
        conds = dict(self.rule.when)
        return ", ".join(f"{c} = {_num(v)} (needs {' '.join(str(conds[c]).split())})" for c, v in self.values)


def _num(v: float) -> str:
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return f"{v:.3g}"


@dataclass(frozen=True)
class DecisionRule:
    """One declared decision rule.

    Parameters
    ----------
    id : str
    table : str
        A named result table (e.g. ``rival_tests``).
    row : tuple of (column, value)
        The key identifying one row of that table (e.g. ``rival_id`` and ``test``).
    when : tuple of (column, condition)
        Conditions on numeric columns of that row, each an operator and a number
        (``"< 0.05"``); all must hold.
    meaning : str
        What it means when the conditions hold.
    then : str
        For a rival: the verdict when the conditions hold; empty for a pattern rule.
    """

    id: str
    table: str
    row: tuple[tuple[str, Any], ...]
    when: tuple[tuple[str, Any], ...]
    meaning: str
    then: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_id("table", self.table, DesignError, where=self.id)
        check_text("meaning", self.meaning, DesignError, where=self.id)
        if not self.row:
            raise DesignError(expectation("row", "a mapping of column to value naming one row", self.row, self.id))
        if not self.when:
            raise DesignError(expectation("when", "at least one condition on the row's statistics", "nothing",
                                          self.id))
        for column, cond in self.when:
            self._parse(column, cond)

    def _parse(self, column: str, cond: Any) -> tuple[str, float]:
        m = _CONDITION.match(cond) if isinstance(cond, str) else None
        if m is None:
            raise DesignError(expectation(f"when.{column}", "a comparison such as '< 0.05'", cond, self.id))
        op, value = m.group(1), float(m.group(2))
        if _vacuous(column, op, value):
            raise DesignError(expectation(f"when.{column}", "a condition the data can make true or false", cond,
                                          self.id))
        return op, value

    def conditions(self) -> tuple[tuple[str, str, float], ...]:
        """(column, operator, threshold) of every condition."""
        return tuple((c, *self._parse(c, v)) for c, v in self.when)

    def evaluate(self, table: pd.DataFrame) -> RuleOutcome:
        """Read the rule's row from ``table`` and test its conditions."""
        mask = pd.Series(True, index=table.index)
        for col, val in self.row:
            if col not in table.columns:
                return RuleOutcome(self, (), None, f"table {self.table} has no column {col}")
            mask &= table[col] == val
        hits = table[mask]
        key = ", ".join(f"{c}={v}" for c, v in self.row)
        if len(hits) != 1:
            return RuleOutcome(self, (), None, f"{len(hits)} rows of {self.table} match {key} (expected one)")
        row = hits.iloc[0]
        values, holds = [], True
        for col, op, threshold in self.conditions():
            if col not in table.columns:
                return RuleOutcome(self, (), None, f"table {self.table} has no column {col}")
            v = float(row[col])
            values.append((col, v))
            holds = holds and not math.isnan(v) and OPERATORS[op](v, threshold)
        if any(math.isnan(v) for _, v in values):
            return RuleOutcome(self, tuple(values), None, f"{self.table} [{key}] has no value to compare")
        return RuleOutcome(self, tuple(values), holds)


@dataclass(frozen=True)
class RuleFreeze:
    """When a design's decision rules were frozen, their checksum, and whether they precede the data.

    Parameters
    ----------
    timing : {'before_data', 'post_hoc'}
        ``post_hoc`` when the rules were written after the data they decide on were known
        (a reproduction of a published study); ``before_data`` for a new study's rules.
    frozen_at : str
        ISO 8601 time the rule set was frozen.
    sha256 : str
        :func:`rules_checksum` of the design's rules (``casestudy design checksums`` writes it).
    note : str
    """

    timing: str
    frozen_at: str
    sha256: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        check_one_of("timing", self.timing, RULE_TIMINGS, DesignError, where="protocol.rules")
        check_text("frozen_at", self.frozen_at, DesignError, where="protocol.rules")


def rules_checksum(design: "CaseStudyDesign") -> str:
    """SHA-256 of every decision rule of the design (rivals' and patterns'), in a canonical JSON form."""
    def plain(rule: DecisionRule) -> dict[str, Any]:
        return {"id": rule.id, "table": rule.table, "row": [[c, v] for c, v in rule.row],
                "when": [[c, v] for c, v in rule.when], "then": rule.then, "meaning": " ".join(rule.meaning.split())}

    doc = {"rivals": [{"id": r.id, "rules": [plain(x) for x in r.rules], "otherwise": r.otherwise,
                       "otherwise_meaning": " ".join(r.otherwise_meaning.split())} for r in design.rivals if r.rules],
           "patterns": [{"id": p.id, "rules": [plain(x) for x in p.pattern_rules], "rule_out": list(p.rule_out)}
                        for p in design.propositions if p.pattern_rules or p.rule_out]}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Decisions:
    """The outcome of :func:`decide`: one row per rule, and one verdict per rival and per proposition."""

    rules: pd.DataFrame
    rivals: dict[str, tuple[str, str]]
    patterns: dict[str, tuple[str, str]]


def _outcome_row(owner_kind: str, owner: str, o: RuleOutcome, result: str) -> dict[str, object]:
    return {"owner_kind": owner_kind, "owner": owner, "rule_id": o.rule.id, "table": o.rule.table,
            "row": ", ".join(f"{c}={v}" for c, v in o.rule.row), "values": o.values_text,
            "holds": o.holds, "outcome": result, "meaning": " ".join(o.rule.meaning.split()), "problem": o.problem}


def decide(design: "CaseStudyDesign", tables: Mapping[str, pd.DataFrame]) -> Decisions:
    """Apply every decision rule of ``design`` to ``tables``.

    Parameters
    ----------
    design : CaseStudyDesign
    tables : mapping of str to pandas.DataFrame
        Named result tables (published tables, ``rival_tests``...).

    Returns
    -------
    Decisions
        ``rules``: one row per rule (``owner_kind, owner, rule_id, table, row, values, holds,
        outcome, meaning, problem``); ``rivals``: rival id -> (verdict, reasoning);
        ``patterns``: proposition id -> (outcome, reasoning). A rule whose table or row is
        missing leaves its rival untested and its pattern not confirmed, and says why.
    """
    rows: list[dict[str, object]] = []
    rivals: dict[str, tuple[str, str]] = {}
    outcomes = {(r.id, x.id): (x.evaluate(tables[x.table]) if x.table in tables else RuleOutcome(
        x, (), None, f"table {x.table} is not available")) for r in design.rivals for x in r.rules}
    for r in design.rivals:
        if not r.rules:
            continue
        verdict, reasons, unknown = "", [], []
        for rule in r.rules:
            o = outcomes[(r.id, rule.id)]
            then = rule.then
            twins = sorted({rid for (rid, xid), other in outcomes.items() if rid != r.id and other.values
                            and other.values == o.values and other.rule.table == rule.table})
            if twins and o.holds and then == "supported":
                then = "not_rejected"
            result = "" if verdict or o.holds is None else (then if o.holds else "no")
            rows.append(_outcome_row("rival", r.id, o, result))
            if o.holds is None:
                unknown.append(f"{rule.id}: {o.problem}")
            elif o.holds and not verdict:
                verdict = then
                reasons.append(f"{' '.join(rule.meaning.split())} [{rule.id}: {o.values_text}]" + (
                    f" The same statistic decides {', '.join(twins)}: this test cannot tell them apart, so it "
                    "supports none of them over the others." if twins and rule.then == "supported" else ""))
        if not verdict and unknown:
            rivals[r.id] = ("untested", "The rules cannot be evaluated (" + "; ".join(unknown) + ").")
        elif not verdict:
            read = "; ".join(f"{x['rule_id']}: {x['values']}" for x in rows if x["owner"] == r.id)
            rivals[r.id] = (r.otherwise, " ".join(r.otherwise_meaning.split()) + f" [no rule holds: {read}]")
        else:
            rivals[r.id] = (verdict, " ".join(reasons))
    patterns: dict[str, tuple[str, str]] = {}
    for p in design.propositions:
        if not (p.pattern_rules or p.rule_out):
            continue
        failed = []
        for rule in p.pattern_rules:
            o = rule.evaluate(tables[rule.table]) if rule.table in tables else RuleOutcome(
                rule, (), None, f"table {rule.table} is not available")
            rows.append(_outcome_row("pattern", p.id, o, "holds" if o.holds else "fails"))
            if not o.holds:
                failed.append(f"not shown: {' '.join(rule.meaning.split())} [{rule.id}: "
                              f"{o.values_text or o.problem}]")
        standing = [f"{rid} ({rivals.get(rid, ('untested', ''))[0].replace('_', ' ')})" for rid in p.rule_out
                    if rivals.get(rid, ("untested", ""))[0] != "rejected"]
        if standing:
            failed.append("rivals not ruled out: " + ", ".join(standing))
        outcome = "pattern not confirmed" if failed else "pattern confirmed"
        why = "; ".join(failed) if failed else (
            "every pattern rule holds and every rival its rules can reject is rejected ("
            + ", ".join(p.rule_out) + ")")
        other = [f"{r.id} ({rivals.get(r.id, (r.verdict or 'untested', ''))[0].replace('_', ' ')})"
                 for r in design.rivals if p.id in r.rivals and r.id not in p.rule_out]
        if other:
            why += "; rivals the data cannot reject, left standing: " + ", ".join(other)
        patterns[p.id] = (outcome, why)
    return Decisions(pd.DataFrame(rows, columns=["owner_kind", "owner", "rule_id", "table", "row", "values", "holds",
                                                 "outcome", "meaning", "problem"]), rivals, patterns)

"""An audit of the paper's claims: each checked against the published tables, each other and its own design.

In the manner of statcheck (recompute a reported statistic from its inputs)
and GRIM (can a reported share arise from a whole number of cases), each
:class:`Claim` holds what the paper asserts, where it stands, and a check that
recomputes what it should equal from the published tables. Arithmetic claims are
audited by arithmetic (31/34 = 0.91 is not 1.5), never by a significance test.
Claims that are not numbers (``kind='claim'``: scope, design, data the paper
says it has) are checked against the paper's own design and data, quoting its
words. The audit never changes a published number.

Counting honestly:

* where two numbers conflict, each reading is its own row (``reading``), and the
  readings of one conflict share a ``conflict`` id; :func:`audit_conflicts` gives
  one row per distinct conflict, judged on the reading *as printed*, with the
  readings that would fit listed under it;
* a check that cannot fail (a printed range's minimum below its maximum, a GRIM
  test where every share is possible) gets the verdict ``cannot fail``, not
  ``consistent``, and says why.

The claims of PT. XYZ's paper are in :mod:`casestudy.stats.paper_claims`.

Examples
--------
>>> a = audit_claims()
>>> list(a.columns)  # doctest: +NORMALIZE_WHITESPACE
['claim_id', 'conflict', 'kind', 'location', 'claim', 'printed_value', 'expected_value', 'consistent',
 'explanation', 'reading', 'verdict']
>>> a.set_index("claim_id").loc["growth_factor_2023_vs_2022", ["expected_value", "verdict"]].tolist()
['0.91', 'inconsistent']
>>> c = audit_conflicts(a)
>>> int((c["verdict"] == "inconsistent").sum()), int((a["verdict"] == "inconsistent").sum())
(10, 13)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from casestudy.deprecation import deprecated_names
from casestudy.errors import ValidationError
from casestudy.validators import check_id, check_one_of, check_text

__all__ = ["AuditContext", "Claim", "AUDIT_VERDICTS", "audit_claims", "audit_conflicts"]

#: ``VERDICTS`` is ``AUDIT_VERDICTS`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)

Verdict = tuple[str, "bool | None", str]
#: Verdicts of a claim: ``cannot fail`` marks a check that passes whatever the numbers.
AUDIT_VERDICTS = ("consistent", "inconsistent", "not checkable", "cannot fail")


@dataclass(frozen=True)
class AuditContext:
    """The published numbers a check may use: facts by id, Tabel 2 by year, reach year by region."""

    facts: dict[str, float]
    printed: dict[str, str]
    where: dict[str, str]
    orders: dict[int, int]
    reach: dict[str, int]

    def f(self, fact_id: str) -> float:
        """Value of a published fact."""
        return self.facts[fact_id]


@dataclass(frozen=True)
class Claim:
    """One checkable claim of the paper.

    Parameters
    ----------
    claim_id : str
    fact_id : str
        The published fact (``data/published/facts.csv``) whose printed form and
        location the claim shows; ``tabel2`` for a claim about Tabel 2; empty for a
        claim that is not a number (then ``location`` and ``words`` are required).
    claim : str
        What the paper asserts, in English.
    check : callable
        ``AuditContext -> (expected_value, consistent or None, explanation)``.
    reading : str
        Which reading of a conflicting pair this claim takes ("" when there is one).
    conflict : str
        Id shared by the readings of one conflict (the first is the reading as printed).
    location : str
        The section and paragraph where the claim is printed, when it is not its fact's.
    words : str
        The paper's own words, when they are not its fact's printed form.
    cannot_fail : callable, optional
        ``AuditContext -> reason``: a non-empty reason when the check passes whatever the numbers.
    kind : {'number', 'claim'}
    """

    claim_id: str
    fact_id: str
    claim: str
    check: Callable[[AuditContext], Verdict] = field(repr=False)
    reading: str = ""
    conflict: str = ""
    location: str = ""
    words: str = ""
    cannot_fail: Callable[[AuditContext], str] | None = field(default=None, repr=False)
    kind: str = "number"

    def __post_init__(self) -> None:
        check_id("claim_id", self.claim_id, ValidationError, where="Claim")
        check_text("claim", self.claim, ValidationError, where=self.claim_id)
        check_one_of("kind", self.kind, ("number", "claim"), ValidationError, where=self.claim_id)
        if not self.fact_id:
            check_text("location", self.location, ValidationError, where=self.claim_id)
            check_text("words", self.words, ValidationError, where=self.claim_id)


def _context(facts: pd.DataFrame, orders: pd.DataFrame, reach: pd.DataFrame) -> AuditContext:
    return AuditContext(
        facts=dict(zip(facts["fact_id"], facts["value"].astype(float))),
        printed=dict(zip(facts["fact_id"], facts["printed"])) if "printed" in facts else {},
        where={k: f"{s}, {loc}" for k, s, loc in zip(facts["fact_id"], facts["section"], facts["location"])},
        orders={int(y): int(n) for y, n in zip(orders["year"], orders["orders"])},
        reach={str(r): int(y) for r, y in zip(reach["region"], reach["first_year"])},
    )


def audit_claims(facts: pd.DataFrame | None = None, orders: pd.DataFrame | None = None,
                 reach: pd.DataFrame | None = None, claims: tuple[Claim, ...] | None = None) -> pd.DataFrame:
    """Check every claim; return one row per claim and reading (``reports/tables/published_claims_audit.csv``).

    Parameters
    ----------
    facts, orders, reach : pandas.DataFrame, optional
        Published facts, Tabel 2 and reach years; loaded from :mod:`casestudy.published` when omitted.
    claims : tuple of Claim, optional
        PT. XYZ's claims (:data:`casestudy.stats.paper_claims.CLAIMS`) by default.

    Returns
    -------
    pandas.DataFrame
        ``claim_id, conflict, kind, location, claim, printed_value, expected_value, consistent
        (True, False or empty), explanation, reading, verdict`` (one of :data:`AUDIT_VERDICTS`).
    """
    if facts is None or orders is None or reach is None:
        from casestudy import published

        facts = published.facts() if facts is None else facts
        orders = published.orders_per_year() if orders is None else orders
        reach = published.geographic_reach() if reach is None else reach
    if claims is None:
        from casestudy.stats.paper_claims import CLAIMS

        claims = CLAIMS
    ctx = _context(facts, orders, reach)
    tabel2_where = f"{orders['section'].iloc[0]}, {orders['location'].iloc[0]}" if "section" in orders else "Tabel 2"
    rows = []
    for cl in claims:
        expected, ok, explanation = cl.check(ctx)
        if not cl.fact_id:
            where, printed = cl.location, cl.words
        elif cl.fact_id == "tabel2":
            where, printed = cl.location or tabel2_where, cl.words or "Tabel 2"
        else:
            where = cl.location or ctx.where[cl.fact_id]
            printed = cl.words or ctx.printed.get(cl.fact_id, f"{ctx.f(cl.fact_id):g}")
        why_not = cl.cannot_fail(ctx) if cl.cannot_fail is not None else ""
        if ok is None:
            verdict = "not checkable"
        elif why_not and ok:
            verdict, explanation = "cannot fail", f"{explanation} This check cannot fail: {why_not}"
        else:
            verdict = "consistent" if ok else "inconsistent"
        rows.append({"claim_id": cl.claim_id, "conflict": cl.conflict or cl.claim_id, "kind": cl.kind,
                     "location": where, "claim": cl.claim, "printed_value": printed, "expected_value": expected,
                     "consistent": ok, "explanation": explanation, "reading": cl.reading, "verdict": verdict})
    out = pd.DataFrame(rows)
    out["consistent"] = out["consistent"].astype("boolean")
    return out


def audit_conflicts(audit: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct claim or conflict, judged on the reading as printed (the first of its group).

    Parameters
    ----------
    audit : pandas.DataFrame
        Output of :func:`audit_claims`.

    Returns
    -------
    pandas.DataFrame
        ``conflict, kind, location, claim, printed_value, verdict, readings, readings_that_fit,
        explanation``: ``readings`` counts the rows grouped under it; ``readings_that_fit``
        names the other readings that are consistent (how the conflict could be resolved).

    Examples
    --------
    >>> c = audit_conflicts(audit_claims()).set_index("conflict")
    >>> c.loc["growth_2023", ["verdict", "readings_that_fit"]].tolist(), int(c.loc["growth_2023", "readings"])
    (['inconsistent', 'growth_factor_2023_vs_2021'], 4)
    """
    rows = []
    for cid, g in audit.groupby("conflict", sort=False):
        first = g.iloc[0]
        fit = g.iloc[1:][g.iloc[1:]["verdict"] == "consistent"]
        explanation = str(first["explanation"])
        if len(g) > 1:
            explanation += " Other readings: " + "; ".join(
                f"{str(r.reading or r.claim_id)}: {r.verdict}" for r in g.iloc[1:].itertuples()) + "."
        rows.append({"conflict": cid, "kind": first["kind"], "location": first["location"], "claim": first["claim"],
                     "printed_value": first["printed_value"], "verdict": first["verdict"], "readings": len(g),
                     "readings_that_fit": ", ".join(fit["claim_id"]), "explanation": explanation})
    return pd.DataFrame(rows)

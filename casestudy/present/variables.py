"""Numbers a write-up quotes, computed by library calls and written as JSON and LaTeX macros.

No number in a paper or report should be typed by hand. Each :class:`Variable`
holds a value computed by the package, how it is printed, what it means, the
call that computed it and its provenance. :func:`write_variables` writes
``reports/variables.json`` (sorted keys) and ``reports/variables.tex`` (one
``\\newcommand`` per variable; macro names are letters only) and records both
in the manifest.

The ``*_variables`` functions take results of the other subpackages (tables
and result objects) and only select and format: the computation is theirs.

Examples
--------
>>> v = Variable("CagrOrders", 0.2079, "Compound annual growth of orders", "casestudy.stats.growth.cagr",
...              "published", unit="%", scale=100, digits=1)
>>> v.text
'20.8\\\\%'
>>> print(to_tex([v]).splitlines()[-1])
\\newcommand{\\CagrOrders}{20.8\\%}
>>> Variable("cagr_orders", 1, "x", "y", "published")
Traceback (most recent call last):
...
casestudy.errors.ReportError: 'name' must be a LaTeX macro name of letters only, starting with a capital (got 'cagr_orders')
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from casestudy import paths, provenance
from casestudy.errors import ReportError, expectation
from casestudy import manifest
from casestudy.provenance import ILLUSTRATIVE, PUBLISHED
from casestudy.reliability.result import POOLED

__all__ = [
    "Variable",
    "published_variables",
    "design_variables",
    "reliability_variables",
    "coding_variables",
    "audit_variables",
    "model_variables",
    "table_variables",
    "collect",
    "to_json",
    "to_tex",
    "write_variables",
]

_NAME = re.compile(r"^[A-Z][A-Za-z]*$")
_TEX_ESCAPES = {"%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$"}


@dataclass(frozen=True)
class Variable:
    """One quotable number.

    Parameters
    ----------
    name : str
        Macro name, letters only, e.g. ``CagrOrders`` (``\\CagrOrders`` in LaTeX).
    value : int, float or str
        The value as computed (a ratio stays a ratio; see ``scale``).
    description : str
        What it is, in one phrase.
    source : str
        The library call that computed it.
    provenance : {'published', 'empirical', 'illustrative', 'synthetic'}
        The weakest provenance of the data it was computed from (:mod:`casestudy.provenance`).
    unit : str
        Printed after the number (``%``, ``orders``...); empty for none.
    scale : float
        Multiplier applied before printing (100 for a ratio printed as percent).
    digits : int or None
        Decimals printed; ``None`` prints integers as they are and floats with 3 decimals.
    computed : bool
        Whether the number was computed from its data (a sum, a rate, a test) rather than read.
    """

    name: str
    value: int | float | str
    description: str
    source: str
    provenance: str
    unit: str = ""
    scale: float = 1.0
    digits: int | None = None
    computed: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise ReportError(expectation("name", "a LaTeX macro name of letters only, starting with a capital",
                                          self.name))
        provenance.check(self.provenance, error=ReportError, where=self.name)
        if isinstance(self.value, float) and not math.isfinite(self.value):
            raise ReportError(expectation("value", "a finite number", self.value, self.name))

    @property
    def printed(self) -> str:
        """The number as printed, without unit."""
        v = self.value
        if isinstance(v, str):
            return v
        if isinstance(v, bool):
            return "yes" if v else "no"
        scaled = v * self.scale
        if self.digits is not None:
            return f"{scaled:.{self.digits}f}"
        if isinstance(v, int) and self.scale == 1:
            return str(v)
        return f"{scaled:.3f}"

    @property
    def text(self) -> str:
        """The number with its unit, escaped for LaTeX."""
        s = self.printed + ("" if not self.unit else (self.unit if self.unit == "%" else f" {self.unit}"))
        return "".join(_TEX_ESCAPES.get(c, c) for c in s)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready mapping."""
        return {"value": self.value, "printed": self.printed, "unit": self.unit, "description": self.description,
                "source": self.source, "provenance": self.provenance, "computed": self.computed}


def _py(x: object) -> int | float | str:
    if isinstance(x, (bool,)):
        return int(x)
    if hasattr(x, "item"):
        x = x.item()  # numpy scalar
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return float(x)
    return x  # type: ignore[return-value]


def published_variables(orders: pd.DataFrame, growth: pd.DataFrame, yoy: pd.DataFrame) -> list[Variable]:
    """Variables of the published orders series (Tabel 2).

    Parameters
    ----------
    orders : DataFrame
        ``casestudy.published.orders_per_year()``.
    growth : DataFrame
        ``casestudy.stats.growth.growth_summary(orders)`` (one row).
    yoy : DataFrame
        ``casestudy.stats.growth.yoy_change(orders)`` (columns ``year``, ``ratio``, ``pct_change``).

    Examples
    --------
    >>> from casestudy import published
    >>> from casestudy.stats import growth
    >>> o = published.orders_per_year()
    >>> vs = {v.name: v for v in published_variables(o, growth.growth_summary(o), growth.yoy_change(o))}
    >>> vs["OrdersTotal"].text, vs["CagrOrders"].text, vs["RatioOrdersLastYear"].printed
    ('158 orders', '20.8\\\\%', '0.91')
    """
    g = growth.iloc[0]
    src = "casestudy.stats.growth.growth_summary(casestudy.published.orders_per_year())"
    last = yoy.iloc[-1]
    first_year, last_year = int(g["first_year"]), int(g["last_year"])
    return [
        Variable("OrdersFirstYear", first_year, "First year of the published orders series", src, PUBLISHED),
        Variable("OrdersLastYear", last_year, "Last year of the published orders series", src, PUBLISHED),
        Variable("OrdersIntervals", int(g["intervals"]), "Yearly intervals in the series", src, PUBLISHED),
        Variable("OrdersTotal", int(g["total"]), f"Orders {first_year}-{last_year} in total", src, PUBLISHED,
                 unit="orders", computed=True),
        Variable("OrdersFirst", int(g["first_value"]), f"Orders in {first_year}", src, PUBLISHED, unit="orders"),
        Variable("OrdersLast", int(g["last_value"]), f"Orders in {last_year}", src, PUBLISHED, unit="orders"),
        Variable("OrdersPeakYear", int(g["peak_year"]), "Year with the most orders", src, PUBLISHED),
        Variable("OrdersPeak", int(g["peak_value"]), "Orders in the peak year", src, PUBLISHED, unit="orders"),
        Variable("CagrOrders", float(g["cagr"]), f"Compound annual growth of orders {first_year}-{last_year}",
                 "casestudy.stats.growth.cagr", PUBLISHED, unit="%", scale=100, digits=1, computed=True),
        Variable("RatioOrdersLastYear", float(last["ratio"]),
                 f"Orders {int(last['year'])} / orders {int(last['year']) - 1} (the paper prints 1.5-fold)",
                 "casestudy.stats.growth.yoy_change", PUBLISHED, digits=2, computed=True),
        Variable("ChangeOrdersLastYear", float(last["pct_change"]),
                 f"Change in orders {int(last['year']) - 1} to {int(last['year'])}",
                 "casestudy.stats.growth.yoy_change", PUBLISHED, unit="%", digits=1, computed=True),
    ]


def table_variables(df: pd.DataFrame, name: str, value: str, description: str, source: str, provenance: str,
                    *, where: dict[str, object] | None = None, **fmt: object) -> Variable:
    """One variable read from one cell of a result table (the row selected by ``where``).

    Examples
    --------
    >>> df = pd.DataFrame({"code": ["all", "x"], "alpha": [0.81234, 0.5]})
    >>> table_variables(df, "AlphaPooled", "alpha", "Pooled alpha", "f()", "illustrative",
    ...                 where={"code": "all"}, digits=2).text
    '0.81'
    """
    rows = df
    for col, val in (where or {}).items():
        rows = rows[rows[col] == val]
    if len(rows) != 1:
        raise ReportError(expectation("where", "a selection of exactly one row", where, name))
    return Variable(name, _py(rows[value].iloc[0]), description, source, provenance, **fmt)  # type: ignore[arg-type]


def collect(*groups: Iterable[Variable]) -> dict[str, Variable]:
    """Merge groups of variables into one mapping sorted by name; duplicate names are an error.

    Examples
    --------
    >>> a = Variable("A", 1, "a", "s", "published")
    >>> list(collect([a], [Variable("B", 2, "b", "s", "published")]))
    ['A', 'B']
    >>> collect([a], [a])
    Traceback (most recent call last):
    ...
    casestudy.errors.ReportError: 'name' must be unique across groups (got 'A')
    """
    out: dict[str, Variable] = {}
    for group in groups:
        for v in group:
            if v.name in out:
                raise ReportError(expectation("name", "unique across groups", v.name))
            out[v.name] = v
    return dict(sorted(out.items()))


def to_json(variables: dict[str, Variable]) -> str:
    """``variables.json``: ``{name: {value, printed, unit, description, source, provenance, computed}}``, sorted."""
    data = {name: v.as_dict() for name, v in sorted(variables.items())}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def to_tex(variables: dict[str, Variable] | Iterable[Variable]) -> str:
    """``variables.tex``: one ``\\newcommand`` per variable, with its description as a comment."""
    vs = sorted(variables.values() if isinstance(variables, dict) else variables, key=lambda v: v.name)
    lines = ["% Generated by casestudy.present.variables: do not edit by hand."]
    for v in vs:
        lines.append(f"% {v.description} [{provenance.describe(v.provenance, v.computed)}; {v.source}]")
        lines.append(f"\\newcommand{{\\{v.name}}}{{{v.text}}}")
    return "\n".join(lines)


def write_variables(variables: dict[str, Variable], *, written_by: str, inputs: Iterable[str] = ()) -> list[Path]:
    """Write ``reports/variables.json`` and ``reports/variables.tex`` and record them in the manifest."""
    folder = paths.reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    out = [folder / "variables.json", folder / "variables.tex"]
    out[0].write_text(to_json(variables), encoding="utf-8", newline="\n")
    out[1].write_text(to_tex(variables) + "\n", encoding="utf-8", newline="\n")
    manifest.record(out, written_by, inputs)
    return out


def design_variables(design: Any, triangulation: pd.DataFrame | None = None, validity: Any | None = None) -> list[Variable]:
    """Counts of the design (findings, evidence items, rivals) and of its computed assessments.

    Examples
    --------
    >>> from casestudy.design.designfile import load_design
    >>> vs = design_variables(load_design("data/design/pt_xyz.yaml", verify=False))
    >>> {v.name: v.value for v in vs}["NumFindings"]
    8
    """
    src = "casestudy.design.designfile.load_design"
    items = list(design.evidence_items())
    out = [
        Variable("NumFindings", len(design.findings), "Findings of the design", src, PUBLISHED, computed=True),
        Variable("NumEvidenceItems", len(items), "Evidence items of findings and rivals", src, ILLUSTRATIVE),
        Variable("NumRivals", len(design.rivals), "Rival explanations weighed", src, ILLUSTRATIVE, computed=True),
        Variable("NumRivalsUntested", sum(not r.is_tested for r in design.rivals), "Rival explanations left untested",
                 src, ILLUSTRATIVE, computed=True),
        Variable("NumInformants", len(design.informants()), "Informants (pseudonyms)", src, ILLUSTRATIVE, computed=True),
    ]
    if triangulation is not None:
        verdicts = triangulation["verdict"].value_counts()
        for verdict, name in (("convergent", "NumFindingsConvergent"), ("one origin", "NumFindingsOneOrigin"),
                              ("single-source", "NumFindingsSingleSource"),
                              ("divergent", "NumFindingsDivergent"), ("no evidence", "NumFindingsNoEvidence")):
            out.append(Variable(name, int(verdicts.get(verdict, 0)), f"Findings triangulated as {verdict}",
                                "casestudy.design.triangulation.triangulation_matrix", ILLUSTRATIVE))
    if validity is not None:
        counts = validity.counts()
        for status, n in sorted(counts.items()):
            name = "NumTactics" + "".join(w.capitalize() for w in re.split(r"[^a-z]+", status.lower()) if w)
            out.append(Variable(name, int(n), f"Validity tactics with status '{status}'",
                                "casestudy.design.validity.assess_validity", ILLUSTRATIVE))
    return out


def reliability_variables(result: Any, unitizing: Any | None = None) -> list[Variable]:
    """Pooled agreement statistics of a :class:`~casestudy.reliability.result.ReliabilityResult` (and the pooled
    unitizing alpha of a :class:`~casestudy.reliability.unitizing.UnitizingResult`)."""
    p = result.pooled()
    src = "casestudy.reliability.result.assess_agreement"
    per_code = result.summary[result.summary["code"] != POOLED]
    # the pooled row stacks every code's units (units x codes); the units themselves are one code's rows
    n_units = int(per_code["n_units"].max()) if len(per_code) else int(p["n_units"])
    out = [Variable("NumCoders", len(result.coders), "Coders compared", src, ILLUSTRATIVE),
           Variable("NumReliabilityUnits", n_units, f"Units ({result.unit}s) judged by two or more coders",
                    src, ILLUSTRATIVE),
           Variable("NumDisagreements", len(result.disagreements), "Units where coders differ", src, ILLUSTRATIVE),
           Variable("NumExcludedUnits", int(result.excluded["n_units"].sum()) if len(result.excluded) else 0,
                    f"Units ({result.unit}s) left out: a declared role no coder codes", src, ILLUSTRATIVE)]
    if unitizing is not None and pd.notna(unitizing.pooled()["u_alpha"]):
        out.append(Variable("UAlphaPooled", float(unitizing.pooled()["u_alpha"]),
                            "Krippendorff's unitizing alpha pooled over codes", "casestudy.reliability.unitizing."
                            "unitizing_alpha", ILLUSTRATIVE, digits=3))
    for col, name, desc in (("percent_agreement", "AgreementPooled", "Pooled percent agreement"),
                            ("cohen_kappa", "KappaPooled", "Pooled Cohen's kappa"),
                            ("krippendorff_alpha", "AlphaPooled", "Pooled Krippendorff's alpha (nominal)"),
                            ("ci_low", "AlphaPooledLow", "Lower bound of the bootstrap interval of alpha"),
                            ("ci_high", "AlphaPooledHigh", "Upper bound of the bootstrap interval of alpha")):
        if col in p and pd.notna(p[col]):
            out.append(Variable(name, float(p[col]), desc, src, ILLUSTRATIVE, digits=3))
    return out


def coding_variables(frequencies: pd.DataFrame) -> list[Variable]:
    """Counts of the coding (``casestudy.coding.queries.code_frequencies``)."""
    src = "casestudy.coding.queries.code_frequencies"
    return [Variable("NumCodings", int(frequencies["n_codings"].sum()), "Accepted codings", src, ILLUSTRATIVE),
            Variable("NumCodesUsed", int((frequencies["n_codings"] > 0).sum()), "Codes applied at least once", src,
                     ILLUSTRATIVE),
            Variable("NumCodableCodes", len(frequencies), "Codable codes of the codebook", src, ILLUSTRATIVE,
                     computed=True)]


def audit_variables(audit: pd.DataFrame) -> list[Variable]:
    """Counts of the audit of the paper's claims, one per distinct claim or conflict (``audit_conflicts``)."""
    from casestudy.stats.audit import audit_conflicts

    src = "casestudy.stats.audit.audit_conflicts"
    conflicts = audit_conflicts(audit)
    verdicts = conflicts["verdict"].value_counts()
    return [Variable("NumClaimsAudited", len(conflicts), "Distinct claims audited (readings grouped)", src,
                     PUBLISHED, computed=True),
            Variable("NumClaimReadings", len(audit), "Readings checked (one per reading of a conflict)",
                     "casestudy.stats.audit.audit_claims", PUBLISHED, computed=True),
            Variable("NumClaimsConsistent", int(verdicts.get("consistent", 0)), "Distinct claims found consistent",
                     src, PUBLISHED, computed=True),
            Variable("NumClaimsInconsistent", int(verdicts.get("inconsistent", 0)), "Distinct conflicts found",
                     src, PUBLISHED, computed=True),
            Variable("NumClaimsCannotFail", int(verdicts.get("cannot fail", 0)), "Checks that cannot fail",
                     src, PUBLISHED, computed=True),
            Variable("NumClaimsNotCheckable", int(verdicts.get("not checkable", 0)), "Claims that cannot be checked",
                     src, PUBLISHED, computed=True)]


def model_variables(lr_tests: pd.DataFrame) -> list[Variable]:
    """Likelihood-ratio tests of the orders count models (``fit_orders_models(...).lr_tests``).

    Examples
    --------
    >>> from casestudy import published
    >>> from casestudy.stats.counts_models import fit_orders_models
    >>> vs = {v.name: v.printed for v in model_variables(fit_orders_models(published.orders_per_year()).lr_tests)}
    >>> vs["PValueTrend"], vs["PValueCovidPoisson"]
    ('0.0005', '0.167')
    """
    src = "casestudy.stats.counts_models.fit_orders_models"
    picks = (("trend", "Trend", "trend against a flat yearly rate (Poisson)", 4),
             ("2020 departure from trend (Poisson)", "CovidPoisson", "2020 departure from the trend (Poisson)", 3),
             ("2020 departure from trend (NB)", "CovidNegbin", "2020 departure from the trend (negative binomial)", 3))
    out = []
    for question, key, what, digits in picks:
        if (lr_tests["question"] == question).sum() == 1:
            out.append(table_variables(lr_tests, f"LrStat{key}", "statistic", f"LR statistic: {what}", src, PUBLISHED,
                                       where={"question": question}, digits=2, computed=True))
            out.append(table_variables(lr_tests, f"PValue{key}", "p_value", f"p-value of the LR test: {what}", src,
                                       PUBLISHED, where={"question": question}, digits=digits, computed=True))
    return out

"""Report sections built from analysis results: framework figures, reliability, orders, CRM, joint display, audit.

Each function takes results computed elsewhere (DataFrames and result objects of
:mod:`casestudy.reliability`, :mod:`casestudy.stats`, :mod:`casestudy.crm`,
:mod:`casestudy.coding.queries`) and lays them out; a missing input gives a
section that says it is not available and why, never a stand-in.

Examples
--------
>>> import pandas as pd
>>> s = reliability_section(None, "only coder A's coding is in the database")
>>> s.available, s.reason
(False, "only coder A's coding is in the database")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import pandas as pd
from matplotlib.figure import Figure

from casestudy.framework import CRMFramework
from casestudy.present.captions import caption
from casestudy.present.report import Cell, Section, df_table, figure, missing, paragraphs, slug, table
from casestudy.present.style import label_provenance
from casestudy.present.variables import Variable
from casestudy.provenance import ILLUSTRATIVE, PROVENANCES, PUBLISHED, SYNTHETIC, describe, needs_label

__all__ = [
    "framework_section",
    "reliability_section",
    "orders_section",
    "crm_section",
    "joint_display_section",
    "audit_section",
    "variables_section",
]


def _provs(values: Any) -> tuple[str, ...]:
    return tuple(sorted({p for v in values for p in str(v).replace(",", "+").split("+") if p in PROVENANCES}))


def _band(r: Any, has_band: bool) -> str:
    if not has_band or pd.isna(r.low_under_assumptions):
        return ""
    if r.low_under_assumptions == r.high_under_assumptions:
        return " (the same under every assumption setting and seed)"
    return f" (assumptions: {_number(r.low_under_assumptions)} to {_number(r.high_under_assumptions)})"


def _cut(text: str, n: int = 220) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _number(v: Any) -> str:
    if isinstance(v, float) and abs(v) >= 1000:
        return f"{v:,.0f}"
    if isinstance(v, float):
        return f"{v:.3g}"
    return str(v)


def framework_section(figs: Mapping[str, Figure]) -> Section:
    """The paper's framework figures (Gambar 1, 3-6), reconstructed from the framework objects."""
    blocks: list[dict[str, Any]] = [paragraphs(
        "The theory of the study: Buttle's (2004) CRM framework as the paper applies it. Each figure is drawn from "
        "the package's framework objects, not copied: the paper's images are not in its text.")]
    for name, fig in figs.items():
        blocks.append(figure(fig, f"{caption(name, 'en')} / {caption(name, 'id')}", id_=slug("fig", name), dpi=150))
    return Section("framework", "Buttle's CRM framework (the paper's figures)", blocks, provenance=(PUBLISHED,))


def reliability_section(result: Any | None, reason: str = "", fig: Figure | None = None,
                        max_disagreements: int = 12, provenance: tuple[str, ...] = (ILLUSTRATIVE,),
                        reliability_table: pd.DataFrame | None = None) -> Section:
    """Intercoder agreement per code and pooled (a ReliabilityResult), its chart and the first disagreements.

    ``provenance`` is that of the coded sources (the PT. XYZ corpus is illustrative; a researcher's
    own interviews are empirical); a figure is labelled only when it is illustrative or synthetic.
    ``reliability_table`` (``ReliabilityResult.table``) adds coder bias (McNemar per code) and
    Krippendorff's unitizing alpha beside the turn-level alpha.
    """
    if result is None:
        return missing("reliability", "Intercoder reliability", reason)
    s = result.summary if reliability_table is None else reliability_table
    pooled = result.pooled()
    cols = [c for c in ("code", "n_units", "n_coded", "percent_agreement", "cohen_kappa", "fleiss_kappa",
                        "krippendorff_alpha", "ci_low", "ci_high", "reading", "bias_p_value", "bias_leans_to",
                        "u_alpha") if c in s.columns and s[c].notna().any()]
    left_out = result.excluded_text()
    said = [f"{len(result.coders)} coders ({', '.join(result.coders)}), unit: {result.unit}, level: "
            f"{result.level}. Pooled Krippendorff's alpha {pooled['krippendorff_alpha']:.3f} "
            f"({pooled['reading']}); {len(result.disagreements)} units with disagreements.",
            f"Left out: {left_out}: no coder may code them (casestudy irr --all-turns keeps them)." if left_out
            else "No unit was left out: no turn belongs to a role no coder codes.",
            f"A code is read only when applied in at least {int(pooled['min_coded'])} units (min_coded, a package "
            "default), and on the lower bound of its bootstrap interval."]
    if "u_alpha" in s.columns and s["u_alpha"].notna().any():
        said.append("u alpha is Krippendorff's unitizing alpha: agreement on the coded stretches of text, not only "
                    "on turns (" + ", ".join(describe(p, computed=True) for p in provenance) + ").")
    blocks = [paragraphs(*said, *result.messages),
              df_table(s, columns=cols, caption="Agreement per code and pooled")]
    if fig is not None:
        for p in provenance:
            if needs_label(p):
                label_provenance(fig, p)
        blocks.append(figure(fig, "Krippendorff's alpha per code with its bootstrap interval; dashed lines at 0.667 "
                                  "and 0.800 (Krippendorff's thresholds).", id_="fig-reliability"))
        import matplotlib.pyplot as plt

        plt.close(fig)
    d = result.disagreements
    if len(d):
        coder_cols = [c for c in d.columns if c.startswith("codes_")]
        shown = d.head(max_disagreements)
        rows = [[r["source_id"], f"{r['start']}-{r['end']}", _cut(str(r["text"])), *(str(r[c]) for c in coder_cols)]
                for _, r in shown.iterrows()]
        blocks.append(table(["source", "characters", "text", *(c.removeprefix("codes_") for c in coder_cols)], rows,
                            caption=f"Disagreements for the consensus meeting: the first {len(shown)} of {len(d)} "
                                    "units (casestudy irr lists them all)"))
    return Section("reliability", "Intercoder reliability", blocks, provenance=tuple(provenance))


def orders_section(orders: pd.DataFrame, growth: pd.DataFrame, yoy: pd.DataFrame, fig: Figure | None,
                   models: Any | None = None) -> Section:
    """The published orders series (Tabel 2), its growth, and the count models' tests."""
    blocks: list[dict[str, Any]] = [
        df_table(orders[["year", "orders"]], caption="Tabel 2 as published"),
        df_table(growth, caption="Growth summary (casestudy.stats.growth)"),
        df_table(yoy, caption="Year-on-year change"),
    ]
    if fig is not None:
        blocks.append(figure(fig, "Orders per year as published (Tabel 2).", id_="fig-orders", dpi=150))
        import matplotlib.pyplot as plt

        plt.close(fig)  # embedded: do not let a notebook display it again
    if models is not None:
        lr = models.lr_tests
        blocks.append(df_table(lr, caption="Likelihood-ratio tests of the count models (casestudy.stats.counts_models)"))
        blocks.append(paragraphs("Seven yearly counts are too few to attribute the rise to CRM: the tests describe "
                                 "the series, they do not identify a cause."))
    return Section("orders", "Orders analysis (published Tabel 2)", blocks, provenance=(PUBLISHED,))


def _with_bands(measures: pd.DataFrame, bands: pd.DataFrame | None) -> pd.DataFrame:
    if bands is None:
        return measures
    b = bands[["stage_id", "measure", "value_min", "value_max", "seeds"]].rename(
        columns={"value_min": "low_under_assumptions", "value_max": "high_under_assumptions"})
    return measures.merge(b, on=["stage_id", "measure"], how="left")


def crm_section(measures: pd.DataFrame | None, note: str = "", extra: Mapping[str, pd.DataFrame] | None = None,
                reason: str = "", bands: pd.DataFrame | None = None) -> Section:
    """CRM analytics on the (synthetic) order ledger: measures per stage (with their range under the assumptions)."""
    if measures is None:
        return missing("crm", "CRM analytics on the order ledger", reason)
    blocks: list[dict[str, Any]] = [paragraphs(note)] if note else []
    if bands is not None:
        names = ", ".join(dict.fromkeys(a for v in bands.get("assumptions", []) for a in str(v).split(", ")))
        blocks.append(paragraphs(f"Beside each value: its range when each named assumption of the generator ({names}) "
                                 f"is varied over its declared range, one at a time, with {int(bands['seeds'].max())} "
                                 "seeds per setting (casestudy.crm.sensitivity). A measure that moves is set by the "
                                 "generator's assumptions, not by the published numbers: it says nothing about "
                                 "PT. XYZ. Notebook 02 separates each assumption's effect from the seed variation."))
    m = _with_bands(measures, bands)
    cols = ("stage", "measure", "value", "low_under_assumptions", "high_under_assumptions", "unit", "definition")
    blocks.append(df_table(m, columns=[c for c in cols if c in m.columns], caption="Ledger measures by Buttle stage"))
    for cap, df in (extra or {}).items():
        blocks.append(df_table(df, caption=cap))
    provs = _provs(measures.get("provenance", [SYNTHETIC]))
    return Section("crm", "CRM analytics on the order ledger", blocks, provenance=provs or (SYNTHETIC,))


def joint_display_section(framework: CRMFramework, frequencies: pd.DataFrame | None, quotes: pd.DataFrame | None,
                          measures: pd.DataFrame | None, reason: str = "", bands: pd.DataFrame | None = None) -> Section:
    """Joint display: each Buttle stage's coded interview evidence beside that stage's ledger measures."""
    if frequencies is None or measures is None:
        return missing("joint", "Joint display: interviews beside the ledger", reason)
    rows: list[list[Cell]] = []
    measures = _with_bands(measures, bands)
    for s in framework.stages:
        f = frequencies[frequencies["stage"] == s.id]
        coded = (f"{int(f['n_codings'].sum())} codings of {int((f['n_codings'] > 0).sum())} codes; "
                 f"informants per code up to {int(f['n_informants'].max()) if len(f) else 0}")
        q = quotes[quotes["stage"] == s.id] if quotes is not None else pd.DataFrame()
        quoted = [f"\u201c{r.quote}\u201d ({r.informant_id}, {r.source_id}, turn {r.turn})" for r in q.itertuples()]
        m = measures[measures["stage_id"] == s.id]
        numbers = [f"{cast(str, r.measure).replace('_', ' ')}: {_number(r.value)} {str(r.unit)}".rstrip()
                   + _band(r, "low_under_assumptions" in m.columns)
                   for r in m.itertuples()]
        rows.append([{"text": f"{s.order}. {s.name_en}", "href": "#" + slug("stage", s.id)}, coded,
                     {"lines": quoted} if quoted else "none", {"lines": numbers} if numbers else "no measure"])
    provs = (ILLUSTRATIVE, *_provs(measures.get("provenance", [])))
    return Section("joint", "Joint display: coded interviews beside ledger measures, by Buttle stage",
                   [paragraphs("Left: what the illustrative interviews coded under each stage say; right: what the "
                               "order ledger shows for the same stage. Neither column is PT. XYZ's real data."),
                    table(["stage", "coded interview evidence", "example quotes (coder A)", "ledger measures"], rows)],
                   provenance=tuple(sorted(set(provs))))


def audit_section(audit: pd.DataFrame) -> Section:
    """The audit of the paper's claims (:func:`casestudy.stats.audit.audit_claims`): one row per distinct
    conflict, then every reading with its arithmetic."""
    from casestudy.stats.audit import audit_conflicts

    conflicts = audit_conflicts(audit)
    counts = conflicts["verdict"].value_counts()
    summary = ", ".join(f"{int(counts[k])} {k}" for k in sorted(counts.index))
    cols = [c for c in ("claim_id", "conflict", "location", "claim", "printed_value", "expected_value", "verdict",
                        "explanation", "reading") if c in audit.columns]
    return Section("audit", "Audit of the paper's numbers",
                   [paragraphs(f"{len(conflicts)} distinct claims of the paper ({len(audit)} readings where numbers "
                               f"conflict): {summary}. A check that cannot fail is counted as such, not as "
                               "consistent. No published number is changed."),
                    df_table(conflicts, columns=["conflict", "kind", "location", "claim", "printed_value", "verdict",
                                                 "readings_that_fit", "explanation"]),
                    df_table(audit, columns=cols)],
                   provenance=(PUBLISHED,))


def variables_section(variables: Mapping[str, Variable]) -> Section:
    """Every quotable number with its LaTeX macro, value, source call and provenance."""
    rows = [[f"\\{v.name}", v.printed + (f" {v.unit}" if v.unit else ""), v.description, v.source,
             describe(v.provenance, v.computed)]
            for v in variables.values()]
    return Section("variables", "Numbers for the write-up (variables.json / variables.tex)",
                   [table(["macro", "value", "what", "computed by", "provenance"], rows)],
                   provenance=_provs(v.provenance for v in variables.values()))

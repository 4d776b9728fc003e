"""Notebook 02's sentences about the synthetic ledger, rendered from the published targets and the results.

What the paper fixes (Tabel 2, the segment counts, the 2023 complaints, the
commission range) is read from ``data/published``; what the generator imposes is
read from the named assumptions and the sensitivity analysis
(:mod:`casestudy.crm.sensitivity`). No number is typed here, so a changed Tabel 2
or a changed assumption changes the text with it.

Examples
--------
>>> from casestudy.crm.assumptions import PublishedTargets
>>> t = PublishedTargets.from_published()
>>> complaints_sentence(t, printed_base=32, p_earlier=0.25).split(";")[0]
'**Complaints.** 2023 holds exactly the paper\\'s 20 complaints. The paper prints them against "32 transactions", while Tabel 2 has 31 orders in 2023'
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from casestudy.crm.assumptions import PublishedTargets, SegmentReading

__all__ = ["constraints_sentence", "seeds_sentence", "segment_shares_sentence", "commission_phrase",
           "complaints_sentence", "sensitivity_sentence"]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 1000 or float(x).is_integer() else f"{x:.2f}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def commission_phrase(targets: PublishedTargets) -> str:
    """The published commission range, e.g. ``10-20%``."""
    return f"{100 * targets.commission_min:.0f}-{_pct(targets.commission_max)}"


def constraints_sentence(targets: PublishedTargets) -> str:
    """What the generator must reproduce, and the conflict of the segment sentence with Tabel 2."""
    y = targets.last_year
    snap = targets.b2g_transactions + targets.other_transactions
    rel = "while" if snap != targets.total_orders else "and"
    return ("## 1. What the paper fixes, and how its segment numbers are read\n\n"
            "The generator must reproduce these published aggregates exactly (loaded, checksum-verified, from "
            f"`data/published/`): the yearly totals of Tabel 2, {targets.complaints_2023} complaints in {y}, all {y} "
            "orders from returning customers, the years each region was reached, and commissions of "
            f"{commission_phrase(targets)} on orders that came through an intermediary.\n\n"
            f"The segment sentence ({targets.b2g_transactions} transactions with B2G and {targets.other_transactions} "
            f"with other customers) sums to {snap}, {rel} Tabel 2 sums to {targets.total_orders}. The package does not "
            "pick one answer silently: it states two readings and runs every segment-dependent result under both.")


def seeds_sentence(n_seeds: int, ranges: pd.DataFrame) -> str:
    """Where seeds and where assumptions are varied (``ranges``: ``assumption, settings``)."""
    names = ", ".join(f"`{a}` ({len(s)} settings)" for a, s in zip(ranges["assumption"], ranges["settings"]))
    return ("Every other choice is a named assumption, written next to each ledger in "
            "`assumptions_<reading>_<seed>.yaml`. The paper does not fix them, so a result that depends on them is "
            f"not a finding. Section 4 varies the assumptions that set the numbers most read as findings: {names}, "
            f"one at a time; {n_seeds} seeds per setting show the draw-to-draw (seed) variation beside each "
            "assumption's effect.")


def segment_shares_sentence(targets: PublishedTargets, readings: Sequence[SegmentReading], n_seeds: int) -> str:
    """How the segment shares per year are read under each reading."""
    parts = []
    for r in readings:
        (start, stop, b2g, _other), *rest = r.blocks(targets)
        if rest:
            parts.append(f"under *{r.id}* the first {stop - start} orders hold exactly {b2g} B2G orders and the "
                         f"B2G share of the later ones is the assumption `share_after_snapshot`")
        else:
            parts.append(f"under *{r.id}* the {b2g} B2G orders may fall anywhere")
    return ("## 3. Customer portfolio analysis\n\n**Segment shares over time.** " + _upper("; ".join(parts))
            + ". Which year holds how many depends on the draw, so the figure shows the median share and the min-max "
            f"band across {n_seeds} seeds for each reading: seed variation under fixed assumptions, not a range of "
            "what PT. XYZ's shares could be (section 4 varies the assumptions).")


def complaints_sentence(targets: PublishedTargets, printed_base: float, p_earlier: float) -> str:
    """The 2023 complaints against Tabel 2's and the printed base, and where earlier rates come from."""
    y, k, n = targets.last_year, targets.complaints_2023, targets.orders_in(targets.last_year)
    base = f"{printed_base:g}"
    fits = k <= n
    return (f"**Complaints.** {y} holds exactly the paper's {k} complaints. The paper prints them against \"{base} "
            f"transactions\", while Tabel 2 has {n} orders in {y}; the ledger follows Tabel 2, so the {y} rate is "
            + (f"{k}/{n} = {k / n:.3f} here" if fits else f"capped at one complaint per order ({n} of {n}) here")
            + f" and {k}/{base} = {k / printed_base:.3f} under the printed base. Rates before {y} come from an "
            f"assumed {_pct(p_earlier)} and say nothing about PT. XYZ.")


def sensitivity_sentence(effects: pd.DataFrame) -> str:
    """Per assumption, the measures it sets (with their range); then the measures nothing moves.

    ``effects`` is :func:`casestudy.crm.sensitivity.assumption_effects`.
    """
    lines = []
    for a, g in effects.groupby("assumption", sort=False):
        set_by = g[g["reading"] == "set by the assumption"]
        if set_by.empty:
            lines.append(f"* `{a}` moves no measure by more than its seed spread.")
            continue
        moved = "; ".join(f"{m} from {_value(lo)} to {_value(hi)} (seed spread {_value(sp)})"
                          for m, lo, hi, sp in zip(set_by["measure"], set_by["at_low"], set_by["at_high"],
                                                   set_by["seed_spread"]))
        lines.append(f"* `{a}` sets {moved}.")
    fixed = effects.assign(fixed=effects["reading"] == "fixed by the published numbers")
    every = fixed.groupby("measure", sort=False)["fixed"].all()
    names = ", ".join(str(m) for m, f in every.items() if f)
    lines.append(f"* Fixed by the published numbers under every setting and seed: {names or 'no measure'}. "
                 "Every other measure is the generator's, not PT. XYZ's.")
    return "\n".join(lines)

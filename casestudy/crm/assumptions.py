"""What the synthetic ledger takes from the paper, and every choice the paper does not make.

The paper publishes aggregates only (CASE_FACTS section 3). A synthetic
ledger must reproduce those aggregates exactly (:class:`PublishedTargets`,
loaded from ``data/published`` through :mod:`casestudy.published`) and state
every other choice as a named :class:`Assumption`. The paper's two segment
numbers conflict with Tabel 2 (69 + 31 = 100 transactions, Tabel 2 sums to
158), so the split is read in two stated ways (:data:`READINGS`) and every
analysis that depends on it runs under each.

Examples
--------
>>> sorted(READINGS)
['segments-of-100', 'segments-share-of-158']
>>> READINGS["segments-share-of-158"].blocks(PublishedTargets.from_published())
((0, 158, 109, 49),)
>>> ASSUMPTION_BY_ID["return_probability"].value
0.45
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy import published
from casestudy.errors import LedgerError, expectation
from casestudy.validators import check_id, check_one_of, check_text, check_unique

__all__ = [
    "DEFAULT_SEED",
    "BAND_SEEDS",
    "Assumption",
    "ASSUMPTIONS",
    "ASSUMPTION_BY_ID",
    "PublishedTargets",
    "SegmentReading",
    "READINGS",
    "reading",
]

#: The seed of the ledger shown in notebooks and written under ``data/synthetic``.
DEFAULT_SEED = 20240101
#: The fixed seeds across which results that depend on synthetic detail are shown as bands.
BAND_SEEDS: tuple[int, ...] = tuple(DEFAULT_SEED + i for i in range(20))


@dataclass(frozen=True)
class Assumption:
    """One named choice of the synthetic generator that the paper does not make.

    Parameters
    ----------
    id : str
        Stable id, cited in notebooks and the assumptions file.
    statement : str
        The choice, in one sentence.
    value : object
        The parameter value the generator uses (number, mapping or text).
    rationale : str
        Why this choice, and what in the paper (if anything) it leans on.
    """

    id: str
    statement: str
    value: object
    rationale: str

    def __post_init__(self) -> None:
        check_id("id", self.id, LedgerError, where="Assumption")
        check_text("statement", self.statement, LedgerError, where=self.id)
        check_text("rationale", self.rationale, LedgerError, where=self.id)


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption("order_dates", "Order dates fall uniformly at random on the days of their Tabel 2 year; "
               "several orders may share a day.", "uniform",
               "The paper gives yearly counts only; no seasonality (e.g. budget cycles) is modelled."),
    Assumption("other_segment_split", "Orders that are not B2G are split B2B:B2C as 2:1 (B2C = round(other / 3)).",
               {"B2B": 2, "B2C": 1}, "The paper reports '31 with other customers' without a B2B/B2C split."),
    Assumption("share_after_snapshot", "Under the segments-of-100 reading, orders after the first 100 keep the "
               "69% B2G share (round(0.69 x 58) = 40 B2G).", 0.69,
               "The paper says nothing about orders outside the 100 it counts."),
    Assumption("return_probability", "An order of 2018-2022 comes from an earlier customer of the same segment "
               "with this probability; otherwise from a new customer.", 0.45,
               "The paper says repeat buying and word of mouth both matter but gives no rate."),
    Assumption("returning_customer_choice", "A returning order goes to one of the segment's earlier customers "
               "chosen uniformly, never to the two lapsed informants (inf07, inf08).", "uniform",
               "No purchase-frequency data are published."),
    Assumption("customer_one_region_segment", "Each customer has one location and one segment for all its orders.",
               "fixed", "Tabel 1 stores one location per customer."),
    Assumption("region_weights", "A new customer is located in one of the regions already reached in its first "
               "order year, drawn with these relative weights.",
               {"sidoarjo": 4, "surabaya": 2, "gresik": 1, "outside_java": 1},
               "The firm is based in Sidoarjo; the paper gives reach years but no regional counts."),
    Assumption("reach_pins", "The first order in each region falls in the year the paper says it was reached: "
               "inf02 (Sidoarjo, 2017), inf04 (Surabaya, 2019), inf03 (Gresik, 2020) and one new B2G customer "
               "outside Java in 2021.", "pinned", "Paper IV (customer lifecycle): reach years."),
    Assumption("informant_customers", "Customers matching informants: inf02 B2G Sidoarjo, first order of all "
               "(2017, software); inf04 B2G Surabaya, inf05 B2B (cashier app), inf06 B2B (parcel tracking), "
               "all first buying in 2019 and buying again in 2023; inf03 B2G Gresik 2020 (attendance app); "
               "lapsed inf07 B2C (CCTV/wireless, one order in 2018) and inf08 B2B (one order in 2021).",
               "pinned", "docs/architecture.md (informants); the lapsed buyers' years are not in the paper."),
    Assumption("business_line_weights", "Business line of an order drawn by segment with these weights "
               "(telecommunications, hardware, digital_content, software).",
               {"B2B": [0.25, 0.2, 0.1, 0.45], "B2C": [0.4, 0.5, 0.05, 0.05], "B2G": [0.15, 0.15, 0.1, 0.6]},
               "Paper IV (portfolio) names four lines and segment examples, no counts."),
    Assumption("contract_value", "Contract value in IDR is log-normal with these segment medians and log-sd 0.6, "
               "raised 10% per earlier order of the same customer, rounded to IDR 100,000.",
               {"B2B": 25_000_000, "B2C": 5_000_000, "B2G": 75_000_000, "sigma": 0.6, "uplift": 0.10},
               "The paper says later contracts were re-priced upwards; it publishes no values."),
    Assumption("payment_period_days", "Payment period drawn uniformly from these choices per segment (days).",
               {"B2B": [14, 30], "B2C": [0, 7], "B2G": [30, 60, 90]},
               "Tabel 1 records a payment period; no values are published."),
    Assumption("referral", "An order came through a marketing intermediary with probability 0.30; its commission "
               "is drawn uniformly from 0.10, 0.11, ..., 0.20 of the contract value.", 0.30,
               "Paper IV (network): intermediaries earn 10-20%; how many orders they bring is not published."),
    Assumption("complaints", "Exactly 20 of the 31 orders of 2023 carry a complaint (at most one per order); "
               "an earlier order carries one with probability 0.25.", 0.25,
               "Paper IV (lifecycle): 20 complaints in 2023, printed against 32 transactions although Tabel 2 "
               "has 31; no earlier complaint counts are published."),
    Assumption("customer_texts", "Contract terms, obstacles and considerations of the customer table are drawn "
               "from short per-segment vocabularies written for this package.", "vocabulary",
               "Tabel 1 names the variables only."),
)
ASSUMPTION_BY_ID = {a.id: a for a in ASSUMPTIONS}
check_unique("assumption ids", ASSUMPTION_BY_ID, LedgerError)


@dataclass(frozen=True)
class PublishedTargets:
    """The published aggregates a synthetic ledger must reproduce exactly.

    Examples
    --------
    >>> t = PublishedTargets.from_published()
    >>> t.total_orders, t.orders_in(2023), t.complaints_2023
    (158, 31, 20)
    """

    orders_per_year: tuple[tuple[int, int], ...]
    b2g_transactions: int
    other_transactions: int
    complaints_2023: int
    commission_min: float
    commission_max: float
    reach: tuple[tuple[str, int], ...]

    @classmethod
    def from_published(cls) -> "PublishedTargets":
        """Load the targets from ``data/published`` (checksum-verified)."""
        orders = published.orders_per_year()
        reach = published.geographic_reach()
        return cls(
            orders_per_year=tuple((int(y), int(n)) for y, n in zip(orders["year"], orders["orders"])),
            b2g_transactions=int(published.fact("b2g_transactions")),
            other_transactions=int(published.fact("other_transactions")),
            complaints_2023=int(published.fact("complaints_2023")),
            commission_min=published.fact("commission_min"),
            commission_max=published.fact("commission_max"),
            reach=tuple((str(r), int(y)) for r, y in zip(reach["region"], reach["first_year"])),
        )

    @property
    def total_orders(self) -> int:
        """Sum of Tabel 2."""
        return sum(n for _, n in self.orders_per_year)

    @property
    def last_year(self) -> int:
        """The last year of Tabel 2."""
        return max(y for y, _ in self.orders_per_year)

    def orders_in(self, year: int) -> int:
        """Tabel 2's count for ``year``."""
        return dict(self.orders_per_year)[year]

    def reach_year(self, region: str) -> int:
        """The year the paper says ``region`` was reached."""
        return dict(self.reach)[region]


@dataclass(frozen=True)
class SegmentReading:
    """One reading of "69 transactions with B2G and 31 with other customers".

    Parameters
    ----------
    id : str
        Used in file names (``ledger_reading-<id>_seed-<seed>.csv``).
    kind : {'first_n', 'share'}
        ``first_n``: the counts describe the first ``b2g + other`` orders in
        date order (a snapshot of the customer database), later orders keep
        the same share; ``share``: 69/100 is a share applied to all orders.
    statement : str
        The reading in one sentence.
    """

    id: str
    kind: str
    statement: str

    def __post_init__(self) -> None:
        check_one_of("kind", self.kind, ("first_n", "share"), LedgerError, where=self.id)
        check_text("statement", self.statement, LedgerError, where=self.id)

    def blocks(self, targets: PublishedTargets,
               share_after: float | None = None) -> tuple[tuple[int, int, int, int], ...]:
        """Return ``(start, stop, n_b2g, n_other)`` blocks of the date-ordered orders (stop exclusive).

        ``share_after`` is the B2G share of the orders after the snapshot (``first_n`` only);
        the published share (assumption ``share_after_snapshot``) when omitted.
        """
        total = targets.total_orders
        b2g, other = targets.b2g_transactions, targets.other_transactions
        share = b2g / (b2g + other)
        if self.kind == "share":
            n_b2g = round(share * total)
            return ((0, total, n_b2g, total - n_b2g),)
        snap = b2g + other
        rest = total - snap
        rest_b2g = round((share if share_after is None else share_after) * rest)
        return ((0, snap, b2g, other), (snap, total, rest_b2g, rest - rest_b2g))


READINGS: dict[str, SegmentReading] = {
    "segments-of-100": SegmentReading(
        "segments-of-100", "first_n",
        "The 69 B2G and 31 other transactions are the first 100 orders in date order (the customer database "
        "when the count was taken); the 58 later orders keep the 69% B2G share (40 B2G, 18 other)."),
    "segments-share-of-158": SegmentReading(
        "segments-share-of-158", "share",
        "69 of 100 is a share of all 158 orders of Tabel 2: round(0.69 x 158) = 109 B2G and 49 other orders."),
}


def reading(reading_id: str) -> SegmentReading:
    """Return a reading by id, or raise :class:`LedgerError` naming the known ones."""
    if reading_id not in READINGS:
        raise LedgerError(expectation("reading", "one of " + ", ".join(READINGS), reading_id))
    return READINGS[reading_id]

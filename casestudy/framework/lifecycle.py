"""Customer lifecycle phases: Buttle's acquire, retain, develop, with the paper's names.

The paper (section IV, Gambar 5) calls the phases new customer, care and
develop. Both names are kept: Buttle's as the id, the paper's beside it.

Examples
--------
>>> [(p.id, p.paper_name_en) for p in LIFECYCLE_PHASES]
[('lifecycle_acquire', 'New customers'), ('lifecycle_retain', 'Care'), ('lifecycle_develop', 'Develop')]
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.framework.elements import Element
from casestudy.validators import check_text

__all__ = ["LifecyclePhase", "LIFECYCLE_PHASES"]

_SRC = "Paper IV (customer lifecycle), Gambar 5; Buttle (2004)"


@dataclass(frozen=True)
class LifecyclePhase:
    """A lifecycle phase: Buttle's element, and the paper's own name for it."""

    element: Element
    paper_name_en: str
    paper_name_id: str

    def __post_init__(self) -> None:
        check_text("paper_name_en", self.paper_name_en, where=self.element.id)
        check_text("paper_name_id", self.paper_name_id, where=self.element.id)

    @property
    def id(self) -> str:
        """The phase's id."""
        return self.element.id


LIFECYCLE_PHASES: tuple[LifecyclePhase, ...] = (
    LifecyclePhase(
        Element("lifecycle_acquire", "Customer acquisition", "Akuisisi pelanggan",
                "Winning first purchases, first through a friend in a government agency and word of mouth.",
                items=(("First purchase", "Transaksi pertama"), ("Word of mouth", "Dari mulut ke mulut")), source=_SRC),
        "New customers", "Pelanggan baru"),
    LifecyclePhase(
        Element("lifecycle_retain", "Customer retention", "Retensi pelanggan",
                "Keeping customers through care, service and complaint handling.",
                items=(("Care and service", "Perawatan dan layanan"), ("Complaint handling", "Penanganan keluhan")),
                source=_SRC),
        "Care", "Perawatan"),
    LifecyclePhase(
        Element("lifecycle_develop", "Customer development", "Pengembangan pelanggan",
                "Growing the value of profitable customers; rewarding repeat purchases.",
                items=(("Prioritise profitable customers", "Prioritas pelanggan menguntungkan"),
                       ("Souvenirs, incentives, parcels", "Suvenir, insentif, parsel")), source=_SRC),
        "Develop", "Pengembangan"),
)

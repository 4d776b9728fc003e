"""The thirteen aspects of customer value (Loebler & Wloka 2019) in the paper's four factors.

The paper (section IV, "creating value for customers"; Gambar 4) groups the
aspects into product introduction, purchase management, supporting factors
(spatial, monetary and temporal aspects, which enable the event aspect) and
conditional assessment.

Examples
--------
>>> len(VALUE_ASPECTS), len(VALUE_FACTORS)
(13, 4)
>>> [a.id for a in aspects_of("factor_supporting")]
['aspect_spatial', 'aspect_monetary', 'aspect_temporal', 'aspect_event']
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.errors import FrameworkError, expectation
from casestudy.framework.elements import Element

__all__ = ["ValueFactor", "VALUE_ASPECTS", "VALUE_FACTORS", "aspects_of"]

_SRC = "Paper IV (creating value), Gambar 4; Loebler & Wloka (2019)"


@dataclass(frozen=True)
class ValueFactor:
    """A factor grouping value aspects: its element and its aspects' ids, in order."""

    element: Element
    aspect_ids: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.aspect_ids:
            raise FrameworkError(expectation("aspect_ids", "at least one aspect id", self.aspect_ids, self.element.id))

    @property
    def id(self) -> str:
        """The factor's id."""
        return self.element.id


def _aspect(key: str, en: str, ind: str, desc: str) -> Element:
    return Element(f"aspect_{key}", en, ind, desc, source=_SRC)


VALUE_ASPECTS: tuple[Element, ...] = (
    _aspect("communicative", "Communicative", "Aspek komunikasi", "How clearly and patiently the offer is explained."),
    _aspect("emotional", "Emotional", "Aspek emosional", "Trust, comfort and empathy felt in dealing with the firm."),
    _aspect("problem", "Problem", "Aspek masalah", "The customer's problem the product must solve."),
    _aspect("rational", "Rational", "Aspek rasional", "The reasoned case for the product: function, cost, benefit."),
    _aspect("representational", "Representational", "Aspek representasional", "How the solution is shown: designs, demos, roadmaps."),
    _aspect("agreement", "Agreement", "Aspek kesepakatan", "Terms agreed: terms of reference, deadline, payment."),
    _aspect("goal", "Goal", "Aspek tujuan", "The customer's goal the work serves."),
    _aspect("spatial", "Spatial", "Aspek spasial", "Where service happens: proximity and on-site presence."),
    _aspect("monetary", "Monetary", "Aspek moneter", "Price, payment terms and affordability."),
    _aspect("temporal", "Temporal", "Aspek temporal", "Timing: schedules, deadlines, response time."),
    _aspect("event", "Event", "Aspek peluang (peristiwa)", "The occasion of purchase that the supporting aspects enable."),
    _aspect("control", "Control", "Aspek kendali", "Ethical and legal compliance the customer can rely on."),
    _aspect("organisational", "Organisational", "Aspek organisasi", "The firm's organisation and network behind the service."),
)


def _factor(key: str, en: str, ind: str, desc: str, aspects: tuple[str, ...]) -> ValueFactor:
    return ValueFactor(Element(f"factor_{key}", en, ind, desc, source=_SRC), tuple(f"aspect_{a}" for a in aspects))


VALUE_FACTORS: tuple[ValueFactor, ...] = (
    _factor("product_introduction", "Product introduction", "Pengenalan produk",
            "Introducing the product to the customer.", ("communicative", "emotional")),
    _factor("purchase_management", "Purchase management", "Manajemen pembelian",
            "Steering, understanding and realising the product the customer needs.",
            ("problem", "rational", "representational", "agreement", "goal")),
    _factor("supporting", "Supporting factors", "Faktor pendukung",
            "Spatial, monetary and temporal aspects that enable the event aspect.",
            ("spatial", "monetary", "temporal", "event")),
    _factor("conditional_assessment", "Conditional assessment", "Penilaian kondisional",
            "The control and organisational conditions behind the service.", ("control", "organisational")),
)


def aspects_of(factor_id: str) -> tuple[Element, ...]:
    """Return the aspects of the factor ``factor_id`` in the paper's order."""
    by_id = {a.id: a for a in VALUE_ASPECTS}
    for f in VALUE_FACTORS:
        if f.id == factor_id:
            return tuple(by_id[a] for a in f.aspect_ids)
    raise FrameworkError(expectation("factor_id", "one of " + ", ".join(f.id for f in VALUE_FACTORS), factor_id))

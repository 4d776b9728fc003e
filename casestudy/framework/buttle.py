"""Buttle's CRM value chain (Buttle 2004) as the PT. XYZ paper applies it.

Edition followed: F. Buttle, *Customer Relationship Management: Concepts and
Tools*, Elsevier Butterworth-Heinemann, 2004 (the paper's reference). Later
editions (Buttle & Maklan 2015, 2019) reorganise the model; differences are not
modelled here. The five primary stages run in order; the paper's conclusion
notes that they form one chain except the network stage, which faces partners
rather than customers.

:data:`BUTTLE_2004` is the master copy of the framework: codebooks, design
findings, analytics and figures refer to its ids, and tests keep them in step.

Examples
--------
>>> [s.id for s in BUTTLE_2004.stages]
['portfolio', 'intimacy', 'network', 'value', 'lifecycle']
>>> BUTTLE_2004.get("aspect_event").name_en
'Event'
>>> BUTTLE_2004.stage_of("tie_competitors")
'network'
>>> renamed = BUTTLE_2004.with_stage_name("network", "Business network")
>>> renamed.stage("network").name_en
'Business network'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from casestudy.errors import FrameworkError, expectation
from casestudy.framework.elements import Element
from casestudy.framework.lifecycle import LIFECYCLE_PHASES, LifecyclePhase
from casestudy.framework.network import NETWORK_TIES, NetworkTie
from casestudy.framework.value_aspects import VALUE_ASPECTS, VALUE_FACTORS, ValueFactor
from casestudy.validators import check_id, check_one_of, check_text, check_unique

__all__ = ["Stage", "CRMFramework", "BUTTLE_2004", "SUPPORTING_CONDITIONS"]

FACES = ("customers", "partners")


@dataclass(frozen=True)
class Stage:
    """One primary stage of the CRM value chain.

    Parameters
    ----------
    id : str
        Stable id (``portfolio``, ``intimacy``, ``network``, ``value``, ``lifecycle``).
    order : int
        Position in the chain, from 1.
    name_en, name_id : str
        Buttle's English name; the paper's Indonesian heading.
    question : str
        The question the stage answers, in the package's words.
    elements : tuple of Element
        The sub-elements the paper uses for this stage.
    faces : {'customers', 'partners'}
        Whom the stage faces.
    """

    id: str
    order: int
    name_en: str
    name_id: str
    question: str
    elements: tuple[Element, ...]
    faces: str = "customers"

    def __post_init__(self) -> None:
        check_id("id", self.id, FrameworkError)
        for name in ("name_en", "name_id", "question"):
            check_text(name, getattr(self, name), FrameworkError, where=self.id)
        if not isinstance(self.order, int) or self.order < 1:
            raise FrameworkError(expectation("order", "a positive integer", self.order, self.id))
        check_one_of("faces", self.faces, FACES, FrameworkError, where=self.id)
        check_unique("elements[].id", (e.id for e in self.elements), FrameworkError, where=self.id)

    def label(self, language: str = "en") -> str:
        """Return the stage name in ``language`` ('en' or 'id')."""
        return Element(self.id, self.name_en, self.name_id, self.question).label(language)


def _el(id_: str, en: str, ind: str, desc: str, items: tuple[tuple[str, str], ...] = (), source: str = "") -> Element:
    return Element(id_, en, ind, desc, items=items, source=source)


SUPPORTING_CONDITIONS: tuple[Element, ...] = (
    _el("condition_leadership_culture", "Leadership and culture", "Kepemimpinan dan budaya",
        "Leaders and a culture that put customers first.", source="Buttle (2004), Gambar 1"),
    _el("condition_data_it", "Data and IT", "Data dan TI", "Customer data and the systems that hold it.",
        source="Buttle (2004), Gambar 1"),
    _el("condition_people", "People", "Sumber daya manusia", "Staff with the skills CRM needs.",
        source="Buttle (2004), Gambar 1"),
    _el("condition_processes", "Processes", "Proses", "Processes that create and deliver customer value.",
        source="Buttle (2004), Gambar 1"),
)

_P = "Paper IV (customer portfolio analysis)"
_I = "Paper IV (customer intimacy)"
_N = "Paper IV (business network)"
_V = "Paper IV (creating value)"
_L = "Paper IV (customer lifecycle)"

_STAGES: tuple[Stage, ...] = (
    Stage("portfolio", 1, "Customer portfolio analysis", "Analisis portofolio pelanggan",
          "Which customers and markets does the firm serve, and with what offer?",
          (
              _el("portfolio_business_lines", "Business lines", "Bidang usaha", "The four lines of business.",
                  (("Telecommunications", "Telekomunikasi"), ("Hardware", "Perangkat keras"),
                   ("Digital content", "Konten digital"), ("Software", "Perangkat lunak")), _P),
              _el("portfolio_segments", "Customer segments", "Segmen pelanggan", "Business, consumer and government buyers.",
                  (("B2B", "B2B"), ("B2C", "B2C"), ("B2G", "B2G")), _P),
              _el("portfolio_marketing_mix", "Marketing mix", "Bauran pemasaran", "Product, price, place and promotion.",
                  (("Product", "Produk"), ("Price", "Harga"), ("Place", "Tempat"), ("Promotion", "Promosi")), _P),
              _el("portfolio_terms_of_reference", "Terms of reference (KAK)", "Kerangka acuan kerja (KAK)",
                  "Function, design, schedule and agreed terms: the basis of a price quote.", source=_P),
              _el("portfolio_pricing", "Pricing", "Penentuan harga",
                  "Operating cost, added value, flexibility, demand and competition.", source=_P),
              _el("portfolio_word_of_mouth", "Word-of-mouth promotion", "Promosi dari mulut ke mulut",
                  "Promotion mainly through recommendations.", source=_P),
              _el("portfolio_location", "Location and competition", "Lokasi dan persaingan",
                  "Sidoarjo, where at most ten such firms operate.", source=_P),
          )),
    Stage("intimacy", 2, "Customer intimacy", "Keintiman pelanggan",
          "How well does the firm know its customers, and how does it use what it knows?",
          (
              _el("intimacy_segmentation", "Segmentation of customers", "Segmentasi pelanggan",
                  "Grouping customers, e.g. 69 transactions with government and 31 with others.", source=_I),
              _el("intimacy_customer_database", "Customer database", "Basis data pelanggan",
                  "Identity, transaction history, interaction, payment and preference (Tabel 1).", source=_I),
              _el("intimacy_on_site_assistance", "On-site assistance", "Pendampingan di lokasi",
                  "Staff stationed with a customer, as for the 2020 attendance app in Gresik.", source=_I),
              _el("intimacy_feedback", "Customer feedback", "Umpan balik pelanggan",
                  "Feedback gathered during service and used for training.", source=_I),
              _el("intimacy_contract_repricing", "Contract re-pricing", "Penyesuaian nilai kontrak",
                  "Raising later contract values to match workload, complexity, staffing and cash flow.", source=_I),
          )),
    Stage("network", 3, "Network development", "Pengembangan jaringan (jaringan bisnis)",
          "Which partners help the firm create and deliver value?",
          (
              _el("network_direct_ties", "Direct ties", "Hubungan langsung",
                  "Labour providers, financial consultants and marketing intermediaries.", source=_N),
              _el("network_indirect_ties", "Indirect ties", "Hubungan tidak langsung",
                  "Government regulation, competitors and the global ecosystem.", source=_N),
          ), faces="partners"),
    Stage("value", 4, "Value proposition development", "Penciptaan nilai bagi pelanggan",
          "What value does the firm create for its customers?",
          (
              _el("value_aspects", "Thirteen aspects of value", "Tiga belas aspek nilai",
                  "Loebler & Wloka's aspects in four factors (Gambar 4).", source=_V),
              _el("value_requirements_discussion", "Requirements discussion", "Diskusi kebutuhan",
                  "One to three months of discussion before a roadmap and terms of reference.", source=_V),
              _el("value_plain_language", "Plain-language presentation", "Presentasi dengan bahasa sederhana",
                  "Explaining products simply and answering patiently.", source=_V),
          )),
    Stage("lifecycle", 5, "Managing the customer lifecycle", "Pengelolaan siklus hidup pelanggan",
          "How does the firm acquire, retain and develop customers?",
          (
              _el("lifecycle_geographic_reach", "Geographic reach", "Jangkauan wilayah",
                  "Sidoarjo 2017, Surabaya 2019, Gresik 2020, outside Java from 2021.", source=_L),
              _el("lifecycle_complaint_handling", "Complaint handling", "Penanganan keluhan",
                  "Complaints handled, e.g. 20 of 32 transactions in 2023.", source=_L),
              _el("lifecycle_repeat_rewards", "Rewards for repeat purchase", "Penghargaan pembelian ulang",
                  "Souvenirs, incentives and parcels for returning customers.", source=_L),
          )),
)


@dataclass(frozen=True)
class CRMFramework:
    """The whole framework: stages, supporting conditions, value aspects, lifecycle and network.

    Every element id is unique across the framework; :meth:`get` finds any of them.
    """

    edition: str
    citation: str
    stages: tuple[Stage, ...]
    supporting_conditions: tuple[Element, ...]
    value_aspects: tuple[Element, ...]
    value_factors: tuple[ValueFactor, ...]
    lifecycle: tuple[LifecyclePhase, ...]
    network: tuple[NetworkTie, ...]

    def __post_init__(self) -> None:
        orders = [s.order for s in self.stages]
        if orders != list(range(1, len(self.stages) + 1)):
            raise FrameworkError(expectation("stages[].order", "1..n in sequence", orders, self.edition))
        check_unique("id", (i for i, _ in self._index()), FrameworkError, where=self.edition)
        aspect_ids = {a.id for a in self.value_aspects}
        grouped = [a for f in self.value_factors for a in f.aspect_ids]
        if sorted(grouped) != sorted(aspect_ids):
            raise FrameworkError(expectation("value_factors", "a partition of the value aspects", grouped, self.edition))

    def _index(self) -> Iterator[tuple[str, tuple[Element | Stage, str]]]:
        for s in self.stages:
            yield s.id, (s, s.id)
            for e in s.elements:
                yield e.id, (e, s.id)
        for e in self.supporting_conditions:
            yield e.id, (e, "conditions")
        for e in self.value_aspects:
            yield e.id, (e, "value")
        for f in self.value_factors:
            yield f.id, (f.element, "value")
        for p in self.lifecycle:
            yield p.id, (p.element, "lifecycle")
        for t in self.network:
            yield t.id, (t.element, "network")

    def ids(self) -> tuple[str, ...]:
        """Every id of the framework, in a fixed order."""
        return tuple(i for i, _ in self._index())

    def get(self, id_: str) -> Element | Stage:
        """Return the stage or element with id ``id_``."""
        for i, (obj, _) in self._index():
            if i == id_:
                return obj
        raise FrameworkError(expectation("id", f"an id of the {self.edition} framework", id_))

    def stage(self, stage_id: str) -> Stage:
        """Return the stage ``stage_id``."""
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise FrameworkError(expectation("stage_id", "one of " + ", ".join(s.id for s in self.stages), stage_id))

    def stage_of(self, id_: str) -> str:
        """Return the id of the stage an element belongs to ('conditions' for supporting conditions)."""
        for i, (_, stage) in self._index():
            if i == id_:
                return stage
        raise FrameworkError(expectation("id", f"an id of the {self.edition} framework", id_))

    def with_stage_name(self, stage_id: str, name_en: str, name_id: str | None = None) -> "CRMFramework":
        """Return a copy with stage ``stage_id`` renamed (for what-if figures and tests)."""
        self.stage(stage_id)
        stages = tuple(
            replace(s, name_en=name_en, name_id=name_id or s.name_id) if s.id == stage_id else s for s in self.stages
        )
        return replace(self, stages=stages)


BUTTLE_2004 = CRMFramework(
    edition="Buttle 2004",
    citation="F. Buttle, Customer Relationship Management: Concepts and Tools. Oxford: Elsevier Butterworth-Heinemann, 2004.",
    stages=_STAGES,
    supporting_conditions=SUPPORTING_CONDITIONS,
    value_aspects=VALUE_ASPECTS,
    value_factors=VALUE_FACTORS,
    lifecycle=LIFECYCLE_PHASES,
    network=NETWORK_TIES,
)

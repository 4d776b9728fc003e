"""The business network around the firm (paper section IV, Gambar 3).

Direct ties: labour providers, financial consultants, marketing intermediaries.
Indirect ties: government regulation, competitors, the global ecosystem.

Examples
--------
>>> [t.id for t in NETWORK_TIES if t.kind == "direct"]
['tie_labour_providers', 'tie_financial_consultants', 'tie_marketing_intermediaries']
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.errors import FrameworkError
from casestudy.framework.elements import Element
from casestudy.validators import check_one_of

__all__ = ["NetworkTie", "NETWORK_TIES", "TIE_KINDS"]

TIE_KINDS = ("direct", "indirect")
_SRC = "Paper IV (business network), Gambar 3"


@dataclass(frozen=True)
class NetworkTie:
    """A tie of the firm's business network: its element and whether it is direct."""

    element: Element
    kind: str

    def __post_init__(self) -> None:
        check_one_of("kind", self.kind, TIE_KINDS, FrameworkError, where=self.element.id)

    @property
    def id(self) -> str:
        """The tie's id."""
        return self.element.id


NETWORK_TIES: tuple[NetworkTie, ...] = (
    NetworkTie(Element("tie_labour_providers", "Freelancers and labour providers", "Pekerja lepas dan penyedia tenaga kerja",
                       "Extra hands hired when demand outgrows staff.", source=_SRC), "direct"),
    NetworkTie(Element("tie_financial_consultants", "Financial consultants", "Konsultan keuangan",
                       "Advice on tax, financial reporting and financial health.", source=_SRC), "direct"),
    NetworkTie(Element("tie_marketing_intermediaries", "Marketing intermediaries", "Perantara pemasaran",
                       "Agents who recommend the firm for a 10-20% commission on the sale price.", source=_SRC), "direct"),
    NetworkTie(Element("tie_government_regulation", "Government regulation and permits", "Regulasi dan perizinan pemerintah",
                       "Permits a limited partnership needs to operate.",
                       items=(("Deed of establishment", "Akta perusahaan"), ("Business ID (NIB)", "NIB"),
                              ("Company tax number (NPWP)", "NPWP perusahaan"), ("Taxable entrepreneur (PKP)", "PKP"),
                              ("Business-entity certificate (SBU)", "SBU"), ("Domicile letter", "Surat keterangan domisili")),
                       source=_SRC), "indirect"),
    NetworkTie(Element("tie_competitors", "Competitors", "Kompetitor",
                       "Other ICT service firms, at most ten in Sidoarjo.", source=_SRC), "indirect"),
    NetworkTie(Element("tie_global_ecosystem", "Global ecosystem", "Ekosistem global",
                       "Wider forces such as the COVID-19 digital disruption.", source=_SRC), "indirect"),
)

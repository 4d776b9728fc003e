"""Cases (informants and other units), their attributes and consent.

Examples
--------
>>> c = CodingCase("inf03", unit="government_buyers", role="buyer", consent="recorded",
...                attributes=(("segment", "B2G"),), source_ids=("int_inf03",))
>>> c.attribute("segment")
'B2G'
>>> CodingCase("inf03", consent="yes")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: case 'inf03': 'consent' must be one of recorded, refused, unknown (got 'yes')
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.consent import CONSENT_STATES
from casestudy.deprecation import deprecated_names
from casestudy.errors import ValidationError, expectation
from casestudy.validators import check_id, check_text, check_unique
from casestudy.provenance import EMPIRICAL

__all__ = ["CodingCase"]

#: ``Case`` (three classes had that name) is ``CodingCase`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)


@dataclass(frozen=True)
class CodingCase:
    """A case of the case study database: an informant (``inf01``..``inf09``) or another unit.

    Distinct from a case of the design (:class:`casestudy.design.case.DesignCase`) and a REFI-QDA
    case (:class:`casestudy.exchange.model.RefiCase`).

    Parameters
    ----------
    id : str
        Case id.
    unit : str, optional
        Embedded unit of analysis (``owner``, ``government_buyers``...).
    role : str, optional
        The informant's role, in English.
    consent : str
        ``recorded``, ``refused`` or ``unknown`` (:mod:`casestudy.consent`); only ``recorded`` material
        reaches exports and reports. ``True``/``False`` are read as ``recorded``/``unknown``.
    consent_date, consent_scope : str, optional
        When consent was recorded and what it covers.
    provenance : str
        One of :data:`casestudy.provenance.PROVENANCES`; ``empirical`` (the researcher's own case)
        unless given.
    attributes : tuple of (str, str)
        Further attributes (name, value), e.g. ``("segment", "B2G")``.
    source_ids : tuple of str
        Sources the case owns (its interview; field notes it appears in).
    """

    id: str
    unit: str | None = None
    role: str | None = None
    consent: str = "unknown"
    consent_date: str | None = None
    consent_scope: str | None = None
    provenance: str = EMPIRICAL
    attributes: tuple[tuple[str, str], ...] = ()
    source_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        where = f"case {self.id!r}"
        check_id("id", self.id, ValidationError)
        if isinstance(self.consent, bool):
            object.__setattr__(self, "consent", "recorded" if self.consent else "unknown")
        if self.consent not in CONSENT_STATES:
            raise ValidationError(expectation("consent", "one of " + ", ".join(CONSENT_STATES), self.consent, where))
        check_text("provenance", self.provenance, ValidationError, where)
        for pair in self.attributes:
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str) and pair[0]):
                raise ValidationError(expectation("attributes", "(name, value) pairs of strings", pair, where))
        check_unique("attributes[].name", (n for n, _ in self.attributes), ValidationError, where)
        check_unique("source_ids", self.source_ids, ValidationError, where)

    def attribute(self, name: str) -> str | None:
        """Return the value of attribute ``name`` (``unit`` and ``role`` included), or None."""
        if name in ("unit", "role"):
            return getattr(self, name)
        return dict(self.attributes).get(name)

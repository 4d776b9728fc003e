"""The case, its embedded units of analysis and the informants who speak for them.

Yin (2009, pp. 29-33) calls the third component "units of analysis"; Yin (2014,
ch. 2) calls it "the case" (see :data:`casestudy.design.components.COMPONENT_NAMES`).
A case with embedded units makes an *embedded* design, one without a *holistic*
design (Yin 2009, Figure 2.4, p. 46).

Examples
--------
>>> owner = Unit("owner", "Owner", "The owner and director.")
>>> case = DesignCase("pt_xyz", "PT. XYZ", "An ICT service firm.", units=(owner,),
...                   informants=(Informant("inf01", "owner", "owner and director"),))
>>> case.is_embedded, case.informant_ids()
(True, ('inf01',))
>>> DesignCase("pt_xyz", "PT. XYZ", "x", informants=(Informant("inf01", "buyers", "buyer"),))
Traceback (most recent call last):
...
casestudy.errors.DesignError: pt_xyz: 'informants[0].unit' must be the id of a unit of the case (got 'buyers')
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.deprecation import deprecated_names
from casestudy.errors import DesignError, expectation
from casestudy.validators import check_id, check_text, check_unique

__all__ = ["DesignCase", "Unit", "Informant"]

#: ``Case`` (three classes had that name) is ``DesignCase`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)


@dataclass(frozen=True)
class Unit:
    """An embedded unit of analysis (a group of people or things within the case).

    Parameters
    ----------
    id, name, description : str
    planned_count : int or None
        How many members the study plans to include, when it says (e.g. two lapsed buyers).
    """

    id: str
    name: str
    description: str
    planned_count: int | None = None

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_text("name", self.name, DesignError, where=self.id)
        check_text("description", self.description, DesignError, where=self.id)
        if self.planned_count is not None and (
            isinstance(self.planned_count, bool) or not isinstance(self.planned_count, int) or self.planned_count < 1
        ):
            raise DesignError(expectation("planned_count", "a positive integer or null", self.planned_count, self.id))


@dataclass(frozen=True)
class Informant:
    """A (pseudonymised) informant and the embedded unit they belong to."""

    id: str
    unit: str
    role: str

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_id("unit", self.unit, DesignError, where=self.id)
        check_text("role", self.role, DesignError, where=self.id)


@dataclass(frozen=True)
class DesignCase:
    """A case of the design: what it is, how it was selected, its embedded units and informants.

    Yin's case (the unit of analysis); distinct from a case of the case study database
    (:class:`casestudy.records.cases.CodingCase`) and a REFI-QDA case
    (:class:`casestudy.exchange.model.RefiCase`).

    Parameters
    ----------
    id, name, description : str
    selection : str
        Rationale for selecting the case (Yin 2009, pp. 47-49: critical, extreme,
        representative or typical, revelatory, longitudinal).
    units : tuple of Unit
    informants : tuple of Informant
    source : str
    """

    id: str
    name: str
    description: str
    selection: str = ""
    units: tuple[Unit, ...] = ()
    informants: tuple[Informant, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id, DesignError)
        check_text("name", self.name, DesignError, where=self.id)
        check_unique("units[].id", (u.id for u in self.units), DesignError, where=self.id)
        check_unique("informants[].id", (i.id for i in self.informants), DesignError, where=self.id)
        unit_ids = {u.id for u in self.units}
        for k, inf in enumerate(self.informants):
            if inf.unit not in unit_ids:
                raise DesignError(expectation(f"informants[{k}].unit", "the id of a unit of the case", inf.unit, self.id))

    @property
    def is_embedded(self) -> bool:
        """Whether the case has embedded units of analysis."""
        return bool(self.units)

    def informant_ids(self) -> tuple[str, ...]:
        """Ids of the informants, in order."""
        return tuple(i.id for i in self.informants)

"""Buttle's CRM framework as the PT. XYZ study applies it: the study's theory.

Examples
--------
>>> from casestudy.framework import BUTTLE_2004
>>> BUTTLE_2004.stage("value").order
4
"""

from casestudy.framework.buttle import BUTTLE_2004, SUPPORTING_CONDITIONS, CRMFramework, Stage
from casestudy.framework.elements import LANGUAGES, Element
from casestudy.framework.lifecycle import LIFECYCLE_PHASES, LifecyclePhase
from casestudy.framework.network import NETWORK_TIES, TIE_KINDS, NetworkTie
from casestudy.framework.value_aspects import VALUE_ASPECTS, VALUE_FACTORS, ValueFactor, aspects_of

__all__ = [
    "BUTTLE_2004", "SUPPORTING_CONDITIONS", "CRMFramework", "Stage", "Element", "LANGUAGES",
    "LIFECYCLE_PHASES", "LifecyclePhase", "NETWORK_TIES", "TIE_KINDS", "NetworkTie",
    "VALUE_ASPECTS", "VALUE_FACTORS", "ValueFactor", "aspects_of",
]

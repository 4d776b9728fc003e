"""casestudy: reproducible qualitative case study research.

Yin's case study design and Buttle's CRM framework as validated objects, with
interview coding, an embedded case study database, intercoder reliability,
REFI-QDA exchange, CRM analytics, statistics, paper figures and reports.

The public API below is imported lazily, so ``import casestudy`` stays cheap
and never imports matplotlib; each name lives in the module listed in
:data:`API`. Subpackages: :mod:`casestudy.framework`, :mod:`casestudy.design`,
:mod:`casestudy.coding`, :mod:`casestudy.store`, :mod:`casestudy.reliability`,
:mod:`casestudy.exchange`, :mod:`casestudy.crm`, :mod:`casestudy.stats`,
:mod:`casestudy.present` (each reachable as ``casestudy.<name>``, imported on first use; see
:data:`SUBMODULES`).

Examples
--------
>>> import casestudy
>>> casestudy.BUTTLE_2004.stage("lifecycle").order
5
>>> casestudy.load_design(casestudy.paths.design_dir() / "pt_xyz.yaml").yin_type
('single', 'embedded')
>>> sorted(casestudy.published.tables())
['facts', 'geographic_reach', 'orders_per_year']
"""

from __future__ import annotations

import importlib
from typing import Any

from casestudy import deprecation as _deprecation
from casestudy import errors, paths, published

_deprecation.install()  # moved module paths keep importing for one release, with a DeprecationWarning

__version__ = "0.1.0"

#: Public name -> module that defines it.
API: dict[str, str] = {
    # the study's theory
    "BUTTLE_2004": "casestudy.framework",
    "CRMFramework": "casestudy.framework",
    # Yin's design
    "CaseStudyDesign": "casestudy.design",
    "load_design": "casestudy.design",
    "dump_design": "casestudy.design",
    "assess_validity": "casestudy.design",
    "triangulation_matrix": "casestudy.design",
    "ChainOfEvidence": "casestudy.design",
    # coding and the case study database
    "Codebook": "casestudy.coding",
    "load_codebook": "casestudy.coding",
    "read_transcript": "casestudy.coding",
    "load_key": "casestudy.coding",
    "Coding": "casestudy.coding",
    "CaseDatabase": "casestudy.store",
    "FixedClock": "casestudy.store",
    "build_case_database": "casestudy.pt_xyz",
    "open_view": "casestudy.view",
    "CodingSession": "casestudy.view",
    # intercoder reliability
    "ReliabilityResult": "casestudy.reliability",
    "assess_agreement": "casestudy.reliability",
    "reliability_data": "casestudy.reliability",
    "krippendorff_alpha": "casestudy.reliability",
    "cohen_kappa": "casestudy.reliability",
    "fleiss_kappa": "casestudy.reliability",
    # REFI-QDA
    "import_qdpx": "casestudy.exchange.refi_import",
    "qdpx_bytes": "casestudy.exchange.refi_export",
    # CRM analytics and statistics
    "generate_ledger": "casestudy.crm.synthetic",
    "validate_ledger": "casestudy.crm.ledger",
    "yoy_change": "casestudy.stats.growth",
    "cagr": "casestudy.stats.growth",
    "fit_orders_models": "casestudy.stats.counts_models",
    "rival_tests": "casestudy.stats.rival_tests",
    "audit_claims": "casestudy.stats.audit",
    # reports
    "build_report": "casestudy.present.report_build",
}

#: Old public names -> (module, new name), kept for one release with a DeprecationWarning
#: (this package's entry of :data:`casestudy.deprecation.RENAMED_NAMES`).
RENAMED: dict[str, tuple[str, str]] = _deprecation.RENAMED_NAMES["casestudy"]

#: Subpackages and modules reachable as ``casestudy.<name>`` without an import of their own (imported on
#: first use, so ``import casestudy`` stays cheap: ``casestudy.reliability`` never imports matplotlib).
SUBMODULES = ("framework", "records", "design", "coding", "store", "reliability", "exchange", "crm", "stats",
              "present", "view", "provenance", "consent", "speakers", "manifest", "checksums", "validators",
              "pt_xyz")

__all__ = ["__version__", "errors", "paths", "published", "API", "SUBMODULES", *API, *SUBMODULES]


def __getattr__(name: str) -> Any:
    """Import a public name or a subpackage on first use (PEP 562)."""
    if name in SUBMODULES:
        value = importlib.import_module(f"casestudy.{name}")
    elif name in RENAMED:
        module, new = RENAMED[name]
        _deprecation.warn_moved(f"casestudy.{name}", f"{module}.{new}")
        return getattr(importlib.import_module(module), new)
    elif name in API:
        value = getattr(importlib.import_module(API[name]), name)
    else:
        raise AttributeError(f"module 'casestudy' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API only (``__all__``), not the names this module uses internally."""
    return sorted(__all__)

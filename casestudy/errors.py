"""Exceptions and warnings of the casestudy package.

Every exception subclasses :class:`CaseStudyError` *and* the built-in exception
that describes its kind (``ValueError``, ``FileNotFoundError``...), so callers
can catch either. Methodological caveats are warnings, never exceptions.

Messages share one shape, after attrs::

    '<field>' must be <expectation> (got <value>)

prefixed with the place (file, line, row) where there is one. Use
:func:`expectation` to build them.

Examples
--------
>>> expectation("year", "an integer from 2017 to 2023", 2031, where="data/x.csv, row 3")
"data/x.csv, row 3: 'year' must be an integer from 2017 to 2023 (got 2031)"
>>> issubclass(DesignError, ValueError)
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CaseStudyError",
    "DataIntegrityError",
    "DataFileNotFoundError",
    "ValidationError",
    "DesignError",
    "FrameworkError",
    "TranscriptError",
    "TranscriptEncodingError",
    "PseudonymError",
    "CodebookError",
    "CodingError",
    "StoreError",
    "ConcurrencyError",
    "ReliabilityError",
    "LedgerError",
    "ExchangeError",
    "UnsafeArchiveError",
    "SchemaValidationError",
    "ReportError",
    "CaseStudyWarning",
    "MethodologyWarning",
    "SyntheticDataWarning",
    "ReliabilityWarning",
    "ModelFitWarning",
    "TranscriptWarning",
    "expectation",
]


def expectation(field: str, expected: str, got: Any, where: str | None = None) -> str:
    """Format an error message of the package's one shape.

    Parameters
    ----------
    field : str
        Name or path of the offending field (``questions[0].form``).
    expected : str
        What the field must be, as a phrase ("one of how, why").
    got : Any
        The value found; shown with ``repr``.
    where : str, optional
        The place: file, line, row or object id.

    Returns
    -------
    str
        ``"<where>: '<field>' must be <expected> (got <got!r>)"``.
    """
    message = f"'{field}' must be {expected} (got {got!r})"
    return f"{where}: {message}" if where else message


class CaseStudyError(Exception):
    """Base class of every error raised by casestudy."""


class ValidationError(CaseStudyError, ValueError):
    """A value object was given a value outside its domain."""


class DataIntegrityError(CaseStudyError, ValueError):
    """A data file differs from its recorded checksum or published value."""


class DataFileNotFoundError(CaseStudyError, FileNotFoundError):
    """A data file the package needs is missing."""


class DesignError(ValidationError):
    """A case study design (or design file) is invalid."""


class FrameworkError(ValidationError):
    """A reference to the CRM framework (stage, aspect, phase, tie) is unknown."""


class TranscriptError(ValidationError):
    """A transcript cannot be read or parsed."""


class TranscriptEncodingError(TranscriptError, UnicodeError):
    """A transcript is not in the expected text encoding."""


class PseudonymError(ValidationError):
    """A pseudonymisation key is invalid or cannot be applied."""


class CodebookError(ValidationError):
    """A codebook is invalid (duplicate id, missing parent, cycle, bad colour...)."""


class CodingError(ValidationError):
    """A coding is invalid (span outside the text, unknown code, quote not found...)."""


class StoreError(CaseStudyError, RuntimeError):
    """The case study database cannot perform an operation."""


class ConcurrencyError(StoreError):
    """Another writer holds the case study database."""


class ReliabilityError(ValidationError):
    """Reliability data cannot give an agreement statistic."""


class LedgerError(ValidationError):
    """An order ledger or customer table is invalid."""


class ExchangeError(ValidationError):
    """A REFI-QDA file cannot be exported or imported."""


class UnsafeArchiveError(ExchangeError):
    """An archive or XML document was refused as unsafe."""


class SchemaValidationError(ExchangeError):
    """An XML document does not validate against its XSD schema."""


class ReportError(CaseStudyError, RuntimeError):
    """A figure, table or report cannot be produced."""


class CaseStudyWarning(UserWarning):
    """Base class of casestudy warnings."""


class MethodologyWarning(CaseStudyWarning):
    """A methodological caveat: the result stands but needs care in reading."""


class SyntheticDataWarning(MethodologyWarning):
    """A result rests on synthetic or illustrative data, not on the case's real data."""


class ReliabilityWarning(MethodologyWarning):
    """Agreement falls below Krippendorff's thresholds (0.800 rely, 0.667 tentative)."""


class ModelFitWarning(MethodologyWarning):
    """A statistical model's assumptions are doubtful (overdispersion, few points)."""


class TranscriptWarning(CaseStudyWarning):
    """A transcript was read, but a reading decision deserves a look (undeclared speaker label...)."""

"""The case study database (Yin): SQLite, versioned schema, one transaction per batch, event log.

Examples
--------
>>> from casestudy.store import CaseDatabase, FixedClock, SCHEMA_VERSION
>>> with CaseDatabase(":memory:", clock=FixedClock()) as db:
...     db.schema_version == SCHEMA_VERSION, list(db.sources().columns[:3])
(True, ['source_id', 'source_type', 'title'])
"""

from casestudy.store.database import CaseDatabase, backup_path
from casestudy.store.events import Clock, Event, FixedClock, SystemClock
from casestudy.store.reads import COLUMNS
from casestudy.store.schema import SCHEMA_VERSION, TABLES

__all__ = ["CaseDatabase", "backup_path", "Clock", "Event", "FixedClock", "SystemClock", "COLUMNS",
           "SCHEMA_VERSION", "TABLES"]

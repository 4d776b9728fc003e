"""SQLite integrity errors in the package's words: which field broke which rule, never the raw SQL text."""

from __future__ import annotations

import re

from casestudy.errors import expectation

__all__ = ["constraint_message"]


def constraint_message(raw: str, where: str) -> str:
    """Say which field broke which rule, for an SQLite integrity error (never the raw SQL text).

    Examples
    --------
    >>> constraint_message("UNIQUE constraint failed: codings.source_id, codings.start", "x.sqlite, import")
    "x.sqlite, import: 'codings' must be without two rows of the same source_id, start (got 'a duplicate')"
    >>> constraint_message("CHECK constraint failed: (provenance = 'published' OR provenance = 'synthetic')", "x")
    "x: 'provenance' must be one of published, synthetic (got 'another value')"
    """
    if raw.startswith("UNIQUE constraint failed: "):
        cols = [c.strip() for c in raw.split(": ", 1)[1].split(",")]
        table = cols[0].split(".")[0]
        return expectation(table, "without two rows of the same " + ", ".join(c.split(".")[-1] for c in cols),
                           "a duplicate", where)
    if raw.startswith("CHECK constraint failed: "):
        body = raw.split(": ", 1)[1]
        values = re.findall(r"(\w+) = '([^']*)'", body)
        if values:
            return expectation(values[0][0], "one of " + ", ".join(v for _, v in values), "another value", where)
        column = re.search(r"\"?(\w+)\"?", body)
        return expectation(column.group(1) if column else "value", f"such that {body}", "a value that is not", where)
    if raw.startswith("FOREIGN KEY constraint failed"):
        return expectation("rows", "referring only to rows that exist (a later event may depend on them: undo that "
                           "first)", "a dangling reference", where)
    return expectation("batch", "consistent with the database's constraints", raw, where)

"""SHA-256 checksums of files and bytes: the one implementation the package uses.

Data files (``data/SHA256SUMS``), design sources and the report manifest all
record checksums made here.

Examples
--------
>>> sha256_bytes(b"abc")[:16]
'ba7816bf8f01cfea'
"""

from __future__ import annotations

import hashlib
import os

__all__ = ["sha256_bytes", "sha256_file"]


def sha256_bytes(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Return the hex SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

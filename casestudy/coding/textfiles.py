"""Strict reading of the small UTF-8 text inputs of coding: codebooks, keys, codings CSVs, glosses.

Transcripts have their own decoder (:func:`casestudy.coding.transcript_readers.decode_text`,
which also sniffs UTF-16 and records normalisation); the inputs read here are
the package's own formats, UTF-8 with or without BOM, and fail with one clear
message naming the file.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "k.yaml").write_bytes(b"\\xef\\xbb\\xbfentries: []\\n")
15
>>> read_yaml(folder / "k.yaml", ValueError, "key file")
{'entries': []}
>>> (folder / "bad.yaml").write_bytes(b"a: \\xff\\n")
5
>>> read_utf8(folder / "bad.yaml", ValueError, "key file")
Traceback (most recent call last):
...
ValueError: bad.yaml: 'encoding' must be UTF-8 (got 'invalid byte at offset 3')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from casestudy import paths
from casestudy.errors import expectation
from casestudy.safe_yaml import load_yaml

__all__ = ["read_utf8", "read_yaml"]


def read_utf8(path: str | os.PathLike[str], error: type[Exception], what: str) -> str:
    """Return the text of ``path`` decoded as strict UTF-8 (a BOM is dropped).

    Parameters
    ----------
    path : path-like
    error : type of Exception
        The package error to raise (``CodebookError``, ``PseudonymError``...).
    what : str
        What the file is, for the message ("codebook file", "codings CSV").

    Raises
    ------
    error
        ``'<file>: 'path' must be an existing <what>`` or ``'encoding' must be UTF-8``.
    """
    p = Path(path)
    where = paths.display_path(p)
    try:
        return p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise error(expectation("path", f"an existing {what}", where, where)) from None
    except UnicodeDecodeError as exc:
        raise error(expectation("encoding", "UTF-8", f"invalid byte at offset {exc.start}", where)) from None


def read_yaml(path: str | os.PathLike[str], error: type[Exception], what: str) -> Any:
    """Return the YAML document in ``path`` (hardened: :func:`casestudy.safe_yaml.load_yaml`), read with
    :func:`read_utf8`.

    Raises
    ------
    error
        As :func:`read_utf8`, or ``'yaml' must be well-formed YAML`` with the line of the problem; a
        duplicate key, an alias bomb, a tag or an impossible date, naming the line.
    """
    text = read_utf8(path, error, what)
    return load_yaml(text, paths.display_path(Path(path)), error)

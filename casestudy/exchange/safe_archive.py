"""Open an untrusted ZIP archive (a ``.qdpx``) without trusting anything it says.

Python's :mod:`zipfile` accepts parent-directory, absolute and backslash names,
duplicate names (the last wins), members that overlap each other and members that
inflate a thousandfold. :class:`SafeArchive` checks every member's name, flags,
method and declared size *before* anything is read, then bounds every read by the
declared size, so a lying header cannot make it read more. Nothing is ever
extracted to disk: members are returned as bytes.

Examples
--------
>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("project.qde", "<Project/>")
...     z.writestr("Sources/a.txt", "hello")
>>> with SafeArchive(buf.getvalue(), "demo.qdpx") as archive:
...     archive.find("sources/A.TXT"), archive.read("Sources/a.txt")
('Sources/a.txt', b'hello')
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("../evil.txt", "x")
>>> SafeArchive(buf.getvalue(), "evil.qdpx")
Traceback (most recent call last):
...
casestudy.errors.UnsafeArchiveError: evil.qdpx: 'member name' must be a relative path without '..' components (got '../evil.txt')
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from types import TracebackType

from casestudy.errors import UnsafeArchiveError, ValidationError, expectation

__all__ = ["DEFAULT_LIMITS", "ArchiveLimits", "SafeArchive"]

_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds applied to an archive before and while it is read.

    Parameters
    ----------
    max_members : int
        Most members (files and folders) accepted.
    max_member_bytes : int
        Largest decompressed member accepted.
    max_total_bytes : int
        Largest sum of decompressed members accepted.
    max_ratio : float
        Largest decompressed/compressed ratio for members larger than ``ratio_floor``.
    ratio_floor : int
        Members up to this size are never refused for their ratio.

    Examples
    --------
    >>> ArchiveLimits(max_ratio=0)
    Traceback (most recent call last):
    ...
    casestudy.errors.ValidationError: ArchiveLimits: 'max_ratio' must be a positive number (got 0)
    """

    max_members: int = 100_000
    max_member_bytes: int = 512 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: float = 200.0
    ratio_floor: int = 1024 * 1024

    def __post_init__(self) -> None:
        for name in ("max_members", "max_member_bytes", "max_total_bytes", "max_ratio", "ratio_floor"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValidationError(expectation(name, "a positive number", value, "ArchiveLimits"))


#: The default bounds (a frozen value, shared).
DEFAULT_LIMITS = ArchiveLimits()


class SafeArchive:
    """A ZIP archive whose members are checked on opening and read with bounds.

    Parameters
    ----------
    source : path-like or bytes
        The archive file, or its bytes.
    label : str, optional
        Its name in messages (default: the file name).
    limits : ArchiveLimits, optional
        Bounds on members and sizes.

    Raises
    ------
    UnsafeArchiveError
        For a truncated or non-ZIP file, an unsafe or duplicate member name, an
        encrypted member, an unknown compression method, or sizes past the limits.
    """

    def __init__(self, source: str | os.PathLike[str] | bytes, label: str | None = None,
                 limits: ArchiveLimits = ArchiveLimits()) -> None:
        self.label = label or (os.path.basename(os.fspath(source)) if not isinstance(source, bytes) else "archive")
        self.limits = limits
        stream = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
        try:
            self._zip = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            stream.close()
            raise UnsafeArchiveError(expectation(
                "archive", "a complete ZIP file (it may be truncated)", str(exc), self.label)) from None
        try:
            self._infos = self._check(self._zip.infolist())
        except BaseException:
            self.close()
            raise

    def _check(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        lim = self.limits
        if len(infos) > lim.max_members:
            raise UnsafeArchiveError(expectation("members", f"at most {lim.max_members}", len(infos), self.label))
        seen: dict[str, str] = {}
        files: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = info.filename
            self._check_name(name)
            key = name.rstrip("/").casefold()
            if key in seen:
                raise UnsafeArchiveError(expectation(
                    "member name", f"unique, ignoring case (it repeats {seen[key]!r})", name, self.label))
            seen[key] = name
            if info.flag_bits & 0x1:
                raise UnsafeArchiveError(expectation("member", "unencrypted", name, self.label))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnsafeArchiveError(expectation(
                    "compression method", "stored (0) or deflated (8)", info.compress_type, f"{self.label}!{name}"))
            if name.endswith("/"):
                continue
            where = f"{self.label}!{name}"
            if info.file_size > lim.max_member_bytes:
                raise UnsafeArchiveError(expectation(
                    "uncompressed size", f"at most {lim.max_member_bytes} bytes", info.file_size, where))
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > lim.ratio_floor and ratio > lim.max_ratio:
                raise UnsafeArchiveError(expectation(
                    "compression ratio", f"at most {lim.max_ratio:g} (a decompression bomb otherwise)",
                    round(ratio, 1), where))
            total += info.file_size
            if total > lim.max_total_bytes:
                raise UnsafeArchiveError(expectation(
                    "total uncompressed size", f"at most {lim.max_total_bytes} bytes", total, self.label))
            files[name] = info
        return files

    def _check_name(self, name: str) -> None:
        def refuse(expected: str) -> None:
            raise UnsafeArchiveError(expectation("member name", expected, name, self.label))

        if not name or "\x00" in name:
            refuse("a non-empty name without NUL characters")
        if "\\" in name:
            refuse("a name with '/' separators, not backslashes")
        if name.startswith("/") or _DRIVE.match(name) or ":" in name:
            refuse("a relative path without a drive, colon or leading '/'")
        parts = name.rstrip("/").split("/")
        if any(p in ("..", ".") for p in parts):
            refuse("a relative path without '..' components")
        if any(p == "" for p in parts):
            refuse("a path without empty components")

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the file members (folders left out), in archive order."""
        return tuple(self._infos)

    def find(self, name: str) -> str | None:
        """Return the member matching ``name`` exactly, else ignoring case (``Sources/`` vs ``sources/``)."""
        if name in self._infos:
            return name
        key = name.casefold()
        return next((n for n in self._infos if n.casefold() == key), None)

    def size(self, name: str) -> int:
        """Declared uncompressed size of member ``name``."""
        return self._infos[name].file_size

    def read(self, name: str) -> bytes:
        """Read member ``name``, never more than its declared size.

        Raises
        ------
        UnsafeArchiveError
            If the member is missing, holds more than it declares, or is truncated or corrupt.
        """
        info = self._infos.get(name)
        where = f"{self.label}!{name}"
        if info is None:
            raise UnsafeArchiveError(expectation("member", "present in the archive", name, self.label))
        out = bytearray()
        try:
            with self._zip.open(info) as fh:
                while len(out) <= info.file_size:
                    block = fh.read(min(_CHUNK, info.file_size + 1 - len(out)))
                    if not block:
                        break
                    out += block
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError) as exc:
            raise UnsafeArchiveError(expectation(
                "member", "complete and intact (the archive may be truncated)", str(exc), where)) from None
        if len(out) != info.file_size:
            raise UnsafeArchiveError(expectation(
                "member", f"exactly its declared {info.file_size} bytes", f"{len(out)}+ bytes", where))
        return bytes(out)

    def close(self) -> None:
        """Close the archive and its file."""
        fp = self._zip.fp
        self._zip.close()
        if fp is not None:
            fp.close()

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

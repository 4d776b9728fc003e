"""Untrusted ZIP archives: names, duplicates, sizes, ratios, truncation; nothing read before the checks."""

from __future__ import annotations

import io
import zipfile

import pytest

from _exchange_helpers import zip_bytes
from casestudy.errors import UnsafeArchiveError, ValidationError
from casestudy.exchange.safe_archive import ArchiveLimits, SafeArchive


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "a relative path without '..' components"),
    ("sources/../../x.txt", "a relative path without '..' components"),
    ("/etc/passwd", "a relative path without a drive, colon or leading '/'"),
    ("C:/Windows/win.ini", "a relative path without a drive, colon or leading '/'"),
    ("sources\\..\\x.txt", "a name with '/' separators, not backslashes"),
    ("sources//x.txt", "a path without empty components"),
    ("./project.qde", "a relative path without '..' components"),
])
def test_unsafe_member_names_are_refused(name, expected):
    data = zip_bytes([("project.qde", b"<Project/>"), (name, b"x")])
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(data, "evil.qdpx")
    assert str(exc.value) == f"evil.qdpx: 'member name' must be {expected} (got {name!r})"


def test_duplicate_names_ignoring_case_are_refused():
    data = zip_bytes([("project.qde", b"<a/>"), ("sources/a.txt", b"1"), ("Sources/A.txt", b"2")])
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(data, "dup.qdpx")
    assert str(exc.value) == ("dup.qdpx: 'member name' must be unique, ignoring case (it repeats 'sources/a.txt') "
                              "(got 'Sources/A.txt')")


def test_exact_duplicates_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z, pytest.warns(UserWarning):
        z.writestr("project.qde", b"first")
        z.writestr("project.qde", b"second")
    with pytest.raises(UnsafeArchiveError, match=r"'member name' must be unique"):
        SafeArchive(buf.getvalue(), "dup.qdpx")


def test_decompression_bomb_is_refused_before_reading():
    data = zip_bytes([("project.qde", b"<a/>"), ("sources/bomb.txt", b"\0" * (8 * 1024 * 1024))])
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(data, "bomb.qdpx")
    message = str(exc.value)
    assert message.startswith("bomb.qdpx!sources/bomb.txt: 'compression ratio' must be at most 200 "
                              "(a decompression bomb otherwise) (got ")
    assert float(message.rsplit("(got ", 1)[1].rstrip(")")) > 1000


def test_declared_sizes_are_bounded():
    data = zip_bytes([("project.qde", b"<a/>" * 1000)])
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(data, "big.qdpx", ArchiveLimits(max_member_bytes=1000))
    assert str(exc.value) == "big.qdpx!project.qde: 'uncompressed size' must be at most 1000 bytes (got 4000)"
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(zip_bytes([("a", b"x" * 600), ("b", b"y" * 600)]), "t.qdpx", ArchiveLimits(max_total_bytes=1000))
    assert str(exc.value) == "t.qdpx: 'total uncompressed size' must be at most 1000 bytes (got 1200)"


def test_member_count_is_bounded():
    data = zip_bytes([(f"sources/{i}.txt", b"x") for i in range(5)])
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(data, "many.qdpx", ArchiveLimits(max_members=4))
    assert str(exc.value) == "many.qdpx: 'members' must be at most 4 (got 5)"


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_archive_is_reported(keep):
    data = zip_bytes([("project.qde", b"<Project/>" * 200), ("sources/a.txt", "teks 😀".encode() * 300)])
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(data[: int(len(data) * keep)], "cut.qdpx")
    assert str(exc.value) == ("cut.qdpx: 'archive' must be a complete ZIP file (it may be truncated) "
                              "(got 'File is not a zip file')")


def test_corrupt_member_data_is_reported_on_read():
    data = bytearray(zip_bytes([("project.qde", b"<Project>" + b"abc" * 500 + b"</Project>")]))
    start = data.index(b"project.qde") + len("project.qde")
    data[start + 5:start + 25] = b"\xff" * 20  # damage the deflate stream, keep the directory
    with SafeArchive(bytes(data), "bad.qdpx") as archive:
        with pytest.raises(UnsafeArchiveError) as exc:
            archive.read("project.qde")
    assert str(exc.value).startswith("bad.qdpx!project.qde: 'member' must be complete and intact "
                                     "(the archive may be truncated) (got ")


def test_not_a_zip_at_all():
    with pytest.raises(UnsafeArchiveError) as exc:
        SafeArchive(b"<Project/>", "plain.qdpx")
    assert str(exc.value) == ("plain.qdpx: 'archive' must be a complete ZIP file (it may be truncated) "
                              "(got 'File is not a zip file')")


def test_reads_are_exact_and_lookup_ignores_folder_case(tmp_path):
    path = tmp_path / "ok.qdpx"
    path.write_bytes(zip_bytes([("project.qde", b"<a/>"), ("Sources/X.txt", "é😀".encode())]))
    with SafeArchive(path) as archive:
        assert archive.label == "ok.qdpx"
        assert archive.names == ("project.qde", "Sources/X.txt")
        assert archive.find("sources/X.txt") == "Sources/X.txt"
        assert archive.find("sources/missing.txt") is None
        assert archive.read("Sources/X.txt").decode() == "é😀"
        with pytest.raises(UnsafeArchiveError) as exc:
            archive.read("sources/missing.txt")
    assert str(exc.value) == "ok.qdpx: 'member' must be present in the archive (got 'sources/missing.txt')"


def test_limits_validate():
    with pytest.raises(ValidationError) as exc:
        ArchiveLimits(max_members=-1)
    assert str(exc.value) == "ArchiveLimits: 'max_members' must be a positive number (got -1)"

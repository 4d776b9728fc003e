"""Read the text of a Word ``.docx`` transcript: paragraphs, table rows, content controls, bounded.

A ``.docx`` is a zip archive; before anything is unpacked, its entries are
checked against :data:`MAX_UNPACKED` (a 1.5 MB "docx bomb" otherwise expands to
gigabytes) and :data:`MAX_RATIO`. Paragraphs are read in document order,
including those inside content controls (``w:sdt``) and custom XML
(``w:customXml``); a table row of two or three cells is read as ``[time]
Speaker | text``; nothing with text is dropped.

Examples
--------
>>> import tempfile, pathlib, docx
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.docx"
>>> d = docx.Document(); _ = d.add_paragraph("A: Halo."); _ = d.add_paragraph("B: Baik."); d.save(p)
>>> print(docx_text(p, "t.docx", []))
A: Halo.
<BLANKLINE>
B: Baik.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from casestudy.errors import TranscriptError, expectation

__all__ = ["docx_text", "MAX_UNPACKED", "MAX_RATIO"]

#: Total uncompressed size of a .docx's entries (bytes).
MAX_UNPACKED = 200_000_000
#: Largest compression ratio of one entry.
MAX_RATIO = 200
_STAMP = re.compile(r"\d{1,2}:\d{2}:\d{2}")


def _check_archive(path: Path, where: str) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TranscriptError(expectation("file", "a Word .docx document (a zip archive)", str(exc) or "not a zip",
                                          where)) from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise TranscriptError(expectation("file", f"a .docx that unpacks to at most {MAX_UNPACKED // 1_000_000} MB",
                                          f"{total:,} bytes", where))
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise TranscriptError(expectation("file", f"a .docx whose entries compress at most {MAX_RATIO}:1",
                                              f"{i.filename} at {i.file_size // max(i.compress_size, 1)}:1", where))
    if "word/document.xml" not in {i.filename for i in infos}:
        raise TranscriptError(expectation("file", "a Word .docx document (with word/document.xml)",
                                          "no word/document.xml", where))


def docx_text(path: Path, where: str, steps: list[str]) -> str:
    """Return the paragraphs of ``path`` as text, one paragraph per blank-line-separated block.

    ``steps`` receives what reading did (``docx_table_rows``, ``docx_tracked_insertions_kept``,
    ``docx_content_controls``).

    Raises
    ------
    TranscriptError
        For a file that is not a .docx, or is too large once unpacked.
    """
    _check_archive(path, where)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise TranscriptError(expectation("file", "a readable Word .docx document", type(exc).__name__,
                                          where)) from None
    paragraphs: list[str] = []

    def note(step: str) -> None:
        if step not in steps:
            steps.append(step)

    def text_of(element: Any) -> str:
        return "".join(t.text or "" for t in element.iter(qn("w:t")))

    def walk(parent: Any) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                if child.find(".//" + qn("w:ins")) is not None:
                    note("docx_tracked_insertions_kept")
                paragraphs.append(text_of(child))
            elif child.tag == qn("w:tbl"):
                for row in child.iter(qn("w:tr")):
                    cells = [c for c in (text_of(tc).strip() for tc in row.iter(qn("w:tc"))) if c]
                    if len(cells) in (2, 3):
                        stamp = f"[{cells[0]}] " if len(cells) == 3 and _STAMP.fullmatch(cells[0]) else ""
                        paragraphs.append(f"{stamp}{cells[-2]}: {cells[-1]}")
                        note("docx_table_rows")
                    elif cells:
                        paragraphs.append(" ".join(cells))
            elif child.tag in (qn("w:sdt"), qn("w:customXml"), qn("w:sdtContent")):
                note("docx_content_controls")
                walk(child)

    walk(document.element.body)
    return "\n\n".join(unicodedata.normalize("NFC", p.strip()) for p in paragraphs if p.strip())

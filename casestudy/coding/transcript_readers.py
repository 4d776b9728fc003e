"""Read transcripts from ``.txt``/``.md``, WebVTT, SRT and ``.docx`` into :class:`Transcript`.

Decoding is strict: a BOM is sniffed (UTF-8, UTF-16), otherwise UTF-8 is required
unless ``encoding=`` names another; a bad byte is an error naming the file and
byte offset, never a silent U+FFFD. Line endings become ``\\n`` and text NFC;
what was done is recorded in ``Transcript.normalisation``. Front matter (YAML
between ``---`` lines), cue numbers and timestamps become metadata, never text.
A sidecar ``<name>.gloss.yaml`` (``turns: {1: "English..."}``) adds the gloss layer.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "inf03.md"
>>> _ = p.write_bytes("---\\nsource_id: int_inf03\\ninformant: inf03\\n---\\n\\n[00:00:05] Pewawancara: Apa kabar?\\r\\n\\r\\nINF03: Baik.\\r\\n".encode())
>>> t = read_transcript(p)
>>> t.text, t.turns[0].timestamp, t.normalisation
('Pewawancara: Apa kabar?\\n\\nINF03: Baik.', '00:00:05', ('crlf_to_lf',))
>>> _ = p.write_bytes("Pewawancara: Caf\\xe9".encode("cp1252"))
>>> read_transcript(p)
Traceback (most recent call last):
...
casestudy.errors.TranscriptEncodingError: inf03.md, byte 16: 'encoding' must be UTF-8 (with or without BOM) or named with encoding= (got 'byte 0xe9')
>>> read_transcript(p, encoding="cp1252").text
'Pewawancara: Café'
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from casestudy import paths
from casestudy.coding.transcripts import Transcript
from casestudy.coding.textfiles import read_yaml
from casestudy.errors import TranscriptEncodingError, TranscriptError, expectation

__all__ = ["read_transcript", "decode_text", "parse_text_turns", "SUFFIXES", "TURN_PATTERN"]

SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".docx")
#: One paragraph: optional ``[hh:mm:ss]``, a speaker without ':', a colon, the text.
TURN_PATTERN = re.compile(r"^(?:\[(\d{1,2}:\d{2}:\d{2})\]\s*)?([^:\[\]\n]{1,60}?):\s+(\S.*)$", re.S)
_FIELDS = {"source_id", "informant", "informants", "source_type", "language", "provenance", "title"}


def decode_text(data: bytes, where: str, encoding: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data`` strictly and normalise it; return ``(text, normalisation steps)``.

    Raises
    ------
    TranscriptEncodingError
        Naming ``where`` and the byte offset of the first undecodable byte.
    """
    steps: list[str] = []
    codec = encoding or "utf-8"
    if encoding is None:
        for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
            if data.startswith(bom):
                codec = name
                steps.append("bom_removed" if name == "utf-8" else "decoded_utf-16_bom")
                data = data[len(bom):] if name == "utf-8" else data
                break
    else:
        steps.append(f"decoded_{codecs.lookup(encoding).name}")
    try:
        text = data.decode(codec, errors="strict")
    except UnicodeDecodeError as exc:
        hint = "UTF-8 (with or without BOM) or named with encoding=" if encoding is None else f"valid {encoding}"
        raise TranscriptEncodingError(expectation("encoding", hint, f"byte 0x{data[exc.start]:02x}",
                                                  f"{where}, byte {exc.start}")) from None
    if codec == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        steps.append("crlf_to_lf")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        steps.append("nfc")
    return nfc, steps


def _front_matter(text: str, where: str) -> tuple[dict[str, Any], str, int]:
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---\n", 4)
    if end < 0:
        raise TranscriptError(expectation("front matter", "closed by a line '---'", "no closing line", f"{where}, line 1"))
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        raise TranscriptError(expectation("front matter", "valid YAML", str(getattr(exc, "problem", exc)),
                                          f"{where}, line 2")) from None
    if not isinstance(meta, dict):
        raise TranscriptError(expectation("front matter", "a YAML mapping", meta, f"{where}, line 2"))
    body = text[end + 5:]
    return meta, body, text[:end + 5].count("\n")


def parse_text_turns(body: str, where: str, first_line: int = 1) -> list[tuple[str, str, str | None]]:
    """Split plain text into ``(speaker, text, timestamp)`` turns: one paragraph per turn.

    Lines inside a paragraph are joined with a space.

    Raises
    ------
    TranscriptError
        For a paragraph not of the form ``[hh:mm:ss] Speaker: text``, naming its line.
    """
    turns = []
    line = first_line
    for block in re.split(r"(\n[ \t]*\n)", body):
        if block.strip() and not re.fullmatch(r"\n[ \t]*\n", block):
            lead = len(block) - len(block.lstrip("\n"))
            para = " ".join(s.strip() for s in block.strip().split("\n"))
            m = TURN_PATTERN.match(para)
            if not m:
                raise TranscriptError(expectation("turn", "a paragraph 'Speaker: text' with an optional [hh:mm:ss]",
                                                  para[:60], f"{where}, line {line + lead}"))
            turns.append((m.group(2).strip(), m.group(3).strip(), m.group(1)))
        line += block.count("\n")
    return turns


def _cue_turns(captions: list[Any], where: str) -> list[tuple[str, str, str | None]]:
    turns: list[list[Any]] = []
    for i, cue in enumerate(captions, start=1):
        text = " ".join(s.strip() for s in cue.text.split("\n") if s.strip())
        speaker = getattr(cue, "voice", None)
        if not speaker:
            m = TURN_PATTERN.match(text)
            if not m:
                raise TranscriptError(expectation("cue", "a '<v Speaker>' voice or 'Speaker: text'", text[:60],
                                                  f"{where}, cue {i}"))
            speaker, text = m.group(2).strip(), m.group(3).strip()
        stamp = cue.start.split(".")[0].split(",")[0]
        if turns and turns[-1][0] == speaker:
            turns[-1][1] += " " + text
        elif text:
            turns.append([speaker, text, stamp])
    return [tuple(t) for t in turns]  # type: ignore[misc]


def _docx_turns(path: Path, where: str, steps: list[str]) -> list[tuple[str, str, str | None]]:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    paragraphs: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            if child.find(".//" + qn("w:ins")) is not None and "docx_tracked_insertions_kept" not in steps:
                steps.append("docx_tracked_insertions_kept")
            paragraphs.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))).strip() for tc in row.iter(qn("w:tc"))]
                cells = [c for c in cells if c]
                if len(cells) >= 2:
                    stamp = f"[{cells[0]}] " if len(cells) == 3 and re.fullmatch(r"\d{1,2}:\d{2}:\d{2}", cells[0]) else ""
                    paragraphs.append(f"{stamp}{cells[-2]}: {cells[-1]}")
                    if "docx_table_rows" not in steps:
                        steps.append("docx_table_rows")
    text = "\n\n".join(unicodedata.normalize("NFC", p.strip()) for p in paragraphs if p.strip())
    return parse_text_turns(text, where)


def _gloss(path: Path) -> dict[int, str]:
    sidecar = path.with_name(path.name.split(".")[0] + ".gloss.yaml")
    if not sidecar.is_file():
        return {}
    where = paths.display_path(sidecar)
    data = read_yaml(sidecar, TranscriptError, "gloss file") or {}
    turns = data.get("turns") if isinstance(data, dict) else None
    if not isinstance(turns, dict) or not all(isinstance(v, str) for v in turns.values()):
        raise TranscriptError(expectation("turns", "a mapping of turn number -> English gloss", turns, where))
    return {int(k): unicodedata.normalize("NFC", v.strip()) for k, v in turns.items()}


def read_transcript(path: str | os.PathLike[str], *, encoding: str | None = None, source_id: str | None = None,
                    **fields: Any) -> Transcript:
    """Read one transcript file.

    Parameters
    ----------
    path : path-like
        ``.txt``, ``.md``, ``.vtt``, ``.srt`` or ``.docx``.
    encoding : str, optional
        Explicit text encoding for files that are not UTF-8.
    source_id : str, optional
        Overrides the front matter's ``source_id`` (default: the file stem).
    **fields
        Other :class:`Transcript` fields to set (``informant_id``, ``language``...).

    Returns
    -------
    Transcript
        With ``checksum`` = ``sha256:`` of the file's bytes and ``normalisation`` recorded.
    """
    p = Path(path)
    where = paths.display_path(p)
    if p.suffix.lower() not in SUFFIXES:
        raise TranscriptError(expectation("suffix", "one of " + ", ".join(SUFFIXES), p.suffix, where))
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(expectation("path", "an existing transcript file", where, where)) from None
    checksum = "sha256:" + hashlib.sha256(data).hexdigest()
    meta: dict[str, Any] = {}
    steps: list[str] = []
    suffix = p.suffix.lower()
    if suffix == ".docx":
        turns = _docx_turns(p, where, steps)
    else:
        text, steps = decode_text(data, where, encoding)
        if not text.strip():
            raise TranscriptError(expectation("text", "a non-empty transcript", "an empty file", where))
        if suffix in (".vtt", ".srt"):
            import webvtt.srt
            import webvtt.vtt

            module = webvtt.vtt if suffix == ".vtt" else webvtt.srt
            try:
                if suffix == ".vtt":
                    parsed = webvtt.WebVTT.from_buffer(io.StringIO(text)).captions
                else:
                    parsed = module.parse(text.split("\n"))
            except Exception as exc:  # webvtt-py raises its own MalformedFileError
                raise TranscriptError(expectation("file", f"valid {suffix[1:].upper()}", str(exc), where)) from None
            turns = _cue_turns(parsed, where)
        else:
            meta, body, offset = _front_matter(text, where)
            turns = parse_text_turns(body, where, offset + 1)
    if not turns:
        raise TranscriptError(expectation("text", "a non-empty transcript", "no speaker turns", where))
    glosses = _gloss(p)
    items = [(s, b, ts, glosses.get(i)) for i, (s, b, ts) in enumerate(turns, start=1)]
    informants = meta.get("informants") or []
    kwargs: dict[str, Any] = {
        "source_type": meta.get("source_type", "interviews"), "title": str(meta.get("title") or ""),
        "informant_id": meta.get("informant"), "informant_ids": tuple(str(i) for i in informants),
        "language": str(meta.get("language", "id")), "provenance": str(meta.get("provenance", "illustrative")),
        "file_name": p.name, "checksum": checksum, "normalisation": tuple(steps),
        "metadata": tuple(sorted((str(k), str(v)) for k, v in meta.items() if k not in _FIELDS and v is not None)),
    }
    kwargs.update(fields)
    sid = source_id or meta.get("source_id") or p.name.split(".")[0]
    transcript = Transcript.from_turns(str(sid), items, **kwargs)
    if glosses and max(glosses) > len(transcript.turns):
        raise TranscriptError(expectation("gloss turn", f"a turn number from 1 to {len(transcript.turns)}",
                                          max(glosses), where))
    return transcript

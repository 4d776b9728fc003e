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
>>> _ = p.write_bytes("---\\nsource_id: int_inf03\\ninformant: inf03\\nlanguage: id\\n---\\n\\n[00:00:05] Pewawancara: Apa kabar?\\r\\n\\r\\nINF03: Baik.\\r\\n".encode())
>>> t = read_transcript(p)
>>> t.text, t.turns[0].timestamp, t.normalisation
('Pewawancara: Apa kabar?\\n\\nINF03: Baik.', '00:00:05', ('crlf_to_lf',))
>>> _ = p.write_bytes("Pewawancara: Caf\\xe9".encode("cp1252"))
>>> read_transcript(p)
Traceback (most recent call last):
...
casestudy.errors.TranscriptEncodingError: inf03.md, byte 16: 'encoding' must be UTF-8 (with or without BOM) or named with encoding= (got 'byte 0xe9')
>>> read_transcript(p, encoding="cp1252", language="id").text
'Pewawancara: Café'
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any

from casestudy import paths
from casestudy.records.transcripts import Transcript
from casestudy.coding.textfiles import read_yaml
from casestudy.coding.transcript_docx import docx_text
from casestudy.safe_yaml import load_yaml
from casestudy.errors import TranscriptEncodingError, TranscriptError, TranscriptWarning, expectation
from casestudy.speakers import parse_speakers, speaker_key
from casestudy.provenance import EMPIRICAL

__all__ = ["read_transcript", "decode_text", "parse_text_turns", "SUFFIXES", "TURN_PATTERN"]

SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".docx")
#: One paragraph: optional ``[hh:mm:ss]``, a speaker without ':', a colon, the text.
TURN_PATTERN = re.compile(r"^(?:\[(\d{1,2}:\d{2}:\d{2})\]\s*)?([^:\[\]\n]{1,60}?):\s+(\S.*)$", re.S)
_FIELDS = {"source_id", "informant", "informants", "source_type", "language", "provenance", "title", "speakers"}
#: Largest transcript file read (bytes); a .docx is also bounded in what it unpacks.
MAX_FILE_BYTES = 50_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    meta = load_yaml(text[4:end], where, TranscriptError) or {}
    if not isinstance(meta, dict):
        raise TranscriptError(expectation("front matter", "a YAML mapping", meta, f"{where}, line 2"))
    for name in ("source_id", "informant", "source_type", "language", "provenance", "title"):
        if meta.get(name) is not None and not isinstance(meta[name], (str, int)) or isinstance(meta.get(name), bool):
            raise TranscriptError(expectation(name, "a text value", meta[name], f"{where}, front matter"))
    informants = meta.get("informants")
    if informants is not None and not (isinstance(informants, list) and all(isinstance(i, str) for i in informants)):
        raise TranscriptError(expectation("informants", "a list of informant ids", informants,
                                          f"{where}, front matter"))
    body = text[end + 5:]
    return meta, body, text[:end + 5].count("\n")


def _controls(text: str, where: str) -> None:
    """Refuse control characters (NUL...) other than tab and line breaks, naming the line."""
    bad = _CONTROL.search(text)
    if bad is None:
        return
    line = text.count("\n", 0, bad.start()) + 1
    if text.count("\x00") > len(text) // 8:
        raise TranscriptEncodingError(expectation("encoding", "UTF-8, or UTF-16 with a BOM (this looks like UTF-16 "
                                                  "without a BOM: give --encoding utf-16-le or utf-16-be)",
                                                  "NUL bytes between characters", where))
    raise TranscriptError(expectation("text", "free of control characters", f"U+{ord(bad.group(0)):04X}",
                                      f"{where}, line {line}"))


class _TurnBuilder:
    """Collects turns; with declared speakers, an undeclared ``Name:`` is a continuation (warned)."""

    def __init__(self, where: str, speakers: tuple[tuple[str, str], ...]) -> None:
        self.where = where
        self.declared = {speaker_key(n): n for n, _ in speakers}
        self.turns: list[list[Any]] = []
        self.first_line: dict[str, str] = {}

    def add(self, label: str | None, text: str, stamp: str | None, place: str, whole: str, merge: bool = False) -> None:
        if label is not None and self.declared:
            name = self.declared.get(speaker_key(label))
            if name is None:
                warnings.warn(TranscriptWarning(
                    f"{place}: {label!r} is not a declared speaker; read as a continuation of the previous turn"),
                    stacklevel=4)
                label, text = None, whole
            else:
                label = name
        if label is None:
            if not self.turns:
                raise TranscriptError(expectation("turn", "a paragraph beginning with a declared speaker ("
                                                  + ", ".join(self.declared.values()) + ")", whole[:60], place))
            self.turns[-1][1] += " " + whole
            return
        self.first_line.setdefault(label, place)
        if merge and self.turns and self.turns[-1][0] == label:
            self.turns[-1][1] += " " + text
        elif text:
            self.turns.append([label, text, stamp])

    def result(self, warn_undeclared: bool = True) -> list[tuple[str, str, str | None]]:
        if warn_undeclared and not self.declared and self.turns:
            counts: dict[str, int] = {}
            for label, *_ in self.turns:
                counts[label] = counts.get(label, 0) + 1
            listed = ", ".join(f"{k!r} ({n} turn{'s' if n > 1 else ''}"
                               + (f", first at {self.first_line[k].rsplit(', ', 1)[-1]})" if n == 1 else ")")
                               for k, n in counts.items())
            if len(counts) > 2 and any(n == 1 for n in counts.values()):
                warnings.warn(TranscriptWarning(
                    f"{self.where}: no speakers declared; read {len(counts)} labels as speakers: {listed} "
                    "(declare them with 'speakers:' in the front matter or --speakers)"), stacklevel=3)
        return [tuple(t) for t in self.turns]  # type: ignore[misc]


def parse_text_turns(body: str, where: str, first_line: int = 1, speakers: tuple[tuple[str, str], ...] = (),
                     warn_undeclared: bool = False) -> list[tuple[str, str, str | None]]:
    """Split plain text into ``(speaker, text, timestamp)`` turns: one paragraph per turn.

    Lines inside a paragraph are joined with a space. With declared ``speakers`` (``(name, role)``
    pairs), a paragraph that does not begin with one of them continues the previous turn, with a
    :class:`~casestudy.errors.TranscriptWarning` naming its line. With ``warn_undeclared``, a text
    without declared speakers whose labels look doubtful (more than two, one of them used once)
    is warned about, listing the labels.

    Raises
    ------
    TranscriptError
        For a paragraph not of the form ``[hh:mm:ss] Speaker: text`` (no speakers declared),
        or a first paragraph without a declared speaker, naming its line.
    """
    builder = _TurnBuilder(where, speakers)
    line = first_line
    for block in re.split(r"(\n[ \t]*\n)", body):
        if block.strip() and not re.fullmatch(r"\n[ \t]*\n", block):
            lead = len(block) - len(block.lstrip("\n"))
            para = " ".join(s.strip() for s in block.strip().split("\n"))
            place = f"{where}, line {line + lead}"
            m = TURN_PATTERN.match(para)
            if m is None and not speakers:
                raise TranscriptError(expectation("turn", "a paragraph 'Speaker: text' with an optional [hh:mm:ss]",
                                                  para[:60], place))
            if m is None:
                builder.add(None, para, None, place, para)
            else:
                _check_stamp(m.group(1), place)
                builder.add(m.group(2).strip(), m.group(3).strip(), m.group(1), place, para)
        line += block.count("\n")
    return builder.result(warn_undeclared)


def _check_stamp(stamp: str | None, place: str) -> None:
    if stamp is None:
        return
    h, m, s = (int(x) for x in stamp.split(":"))
    if m > 59 or s > 59:
        raise TranscriptError(expectation("timestamp", "hh:mm:ss with minutes and seconds below 60", stamp, place))


def _cue_turns(captions: list[Any], where: str,
               speakers: tuple[tuple[str, str], ...] = ()) -> list[tuple[str, str, str | None]]:
    builder = _TurnBuilder(where, speakers)
    previous = -1.0
    for i, cue in enumerate(captions, start=1):
        place = f"{where}, cue {i}"
        if cue.start_in_seconds > cue.end_in_seconds or cue.start_in_seconds < previous:
            raise TranscriptError(expectation("cue", "times in order (start before end, cues in time order)",
                                              f"{cue.start} --> {cue.end}", place))
        previous = cue.start_in_seconds
        text = " ".join(s.strip() for s in cue.text.split("\n") if s.strip())
        speaker = getattr(cue, "voice", None)
        whole = text
        if not speaker:
            m = TURN_PATTERN.match(text)
            if m is None and not speakers:
                raise TranscriptError(expectation("cue", "a '<v Speaker>' voice or 'Speaker: text'", text[:60], place))
            if m is not None:
                speaker, text = m.group(2).strip(), m.group(3).strip()
        stamp = cue.start.split(".")[0].split(",")[0]
        builder.add(speaker, text, stamp, place, whole, merge=True)
    return builder.result()


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
                    speakers: Any = None, language: str | None = None, language_option: str = "language=",
                    **fields: Any) -> Transcript:
    """Read one transcript file.

    The language is the front matter's ``language`` or, for a file that declares none (and
    for formats without front matter), ``language``; never assumed. The provenance is the
    front matter's, else ``empirical``: a researcher's own transcript.

    Parameters
    ----------
    path : path-like
        ``.txt``, ``.md``, ``.vtt``, ``.srt`` or ``.docx``.
    encoding : str, optional
        Explicit text encoding for files that are not UTF-8.
    source_id : str, optional
        Overrides the front matter's ``source_id`` (default: the file stem).
    speakers : dict, list or str, optional
        Declared speakers and roles (:func:`casestudy.speakers.parse_speakers`); overrides the
        front matter's ``speakers``. With speakers declared, an undeclared ``Name:`` prefix is a
        continuation of the previous turn (with a :class:`~casestudy.errors.TranscriptWarning`).
    language : str, optional
        The language of a file whose front matter declares none (``en``, ``id``...).
    language_option : str
        How the caller names ``language`` in messages (``--language`` on the command line).
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
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TranscriptError(expectation("encoding", "a known text encoding (utf-8, utf-16, cp1252...)",
                                              encoding, where)) from None
    if p.is_dir():
        raise TranscriptError(expectation("path", "a transcript file, not a folder", where, where))
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise TranscriptError(expectation("file", f"at most {MAX_FILE_BYTES // 1_000_000} MB",
                                              f"{p.stat().st_size:,} bytes", where))
        data = p.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(expectation("path", "an existing transcript file", where, where)) from None
    checksum = "sha256:" + hashlib.sha256(data).hexdigest()
    meta: dict[str, Any] = {}
    steps: list[str] = []
    suffix = p.suffix.lower()
    declared = parse_speakers(speakers, "--speakers" if isinstance(speakers, str) else where) if speakers else ()
    if suffix == ".docx":
        body = docx_text(p, where, steps)
        _controls(body, where)
        turns = parse_text_turns(body, where, 1, declared, warn_undeclared=True)
    else:
        text, steps = decode_text(data, where, encoding)
        if not text.strip():
            raise TranscriptError(expectation("text", "a non-empty transcript", "an empty file", where))
        _controls(text, where)
        if suffix in (".vtt", ".srt"):
            turns = _cue_turns(_captions(text, suffix, where), where, declared)
        else:
            meta, body, offset = _front_matter(text, where)
            if not declared and meta.get("speakers") is not None:
                declared = parse_speakers(meta["speakers"], where)
            turns = parse_text_turns(body, where, offset + 1, declared, warn_undeclared=True)
    if not turns:
        raise TranscriptError(expectation("text", "a non-empty transcript", "no speaker turns", where))
    glosses = _gloss(p)
    items = [(s, b, ts, glosses.get(i)) for i, (s, b, ts) in enumerate(turns, start=1)]
    informant = meta.get("informant")
    informants = meta.get("informants") or []
    kwargs: dict[str, Any] = {
        "source_type": meta.get("source_type", "interviews"), "title": str(meta.get("title") or ""),
        "informant_id": None if informant in (None, "none") else str(informant),
        "informant_ids": tuple(str(i) for i in informants),
        "language": str(meta.get("language") or language or ""),
        "provenance": str(meta.get("provenance") or EMPIRICAL),
        "file_name": p.name, "checksum": checksum, "normalisation": tuple(steps), "speakers": declared,
        "metadata": tuple(sorted((str(k), str(v)) for k, v in meta.items() if k not in _FIELDS and v is not None)),
    }
    if informant == "none":
        kwargs["metadata"] = (*kwargs["metadata"], ("informant", "none"))
    kwargs.update(fields)
    if not kwargs["language"]:
        raise TranscriptError(expectation("language", f"declared in the front matter ('language: en') or given "
                                          f"with {language_option}", None, where))
    sid = source_id or meta.get("source_id") or p.name.split(".")[0]
    transcript = Transcript.from_turns(str(sid), items, **kwargs)
    if glosses and max(glosses) > len(transcript.turns):
        raise TranscriptError(expectation("gloss turn", f"a turn number from 1 to {len(transcript.turns)}",
                                          max(glosses), where))
    return transcript


def _captions(text: str, suffix: str, where: str) -> list[Any]:
    import webvtt

    if suffix == ".srt":
        _check_srt(text, where)
    try:
        if suffix == ".vtt":
            return list(webvtt.WebVTT.from_buffer(io.StringIO(text)).captions)
        return list(webvtt.from_buffer(io.StringIO(text), format="srt").captions)
    except Exception as exc:  # webvtt-py raises its own MalformedFileError / MalformedCaptionError
        raise TranscriptError(expectation("file", f"valid {suffix[1:].upper()}", str(exc), where)) from None


_SRT_TIME = re.compile(r"^\s*(\d{1,2}):([0-5]\d):([0-5]\d)[,.]\d{1,3}\s+-->\s+(\d{1,2}):([0-5]\d):([0-5]\d)[,.]\d{1,3}\s*$")


def _check_srt(text: str, where: str) -> None:
    """Refuse an SRT cue whose timing line is malformed (webvtt-py would drop the cue silently)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "-->" in line and not _SRT_TIME.match(line):
            raise TranscriptError(expectation("timestamp", "hh:mm:ss,mmm --> hh:mm:ss,mmm with minutes and seconds "
                                              "below 60", line.strip()[:60], f"{where}, line {i + 1}"))
        if line.strip().isdigit() and i + 1 < len(lines) and lines[i + 1].strip() and "-->" not in lines[i + 1] \
                and (i == 0 or not lines[i - 1].strip()):
            raise TranscriptError(expectation("cue", "a cue number followed by a timing line 'start --> end'",
                                              lines[i + 1].strip()[:60], f"{where}, line {i + 2}"))

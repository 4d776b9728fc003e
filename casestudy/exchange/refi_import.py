"""Store a REFI-QDA project or codebook in the case study database: the inverse of :mod:`mapping`.

A project is stored in ONE batch of the database (one ``BEGIN IMMEDIATE``
transaction, one event): sources, cases, the codebook, coders, assignments,
codings and memos commit together or not at all, so the database is unchanged
when anything fails. Objects written by casestudy come back with their ids (read
from the ``Description`` fields :mod:`mapping` writes); objects from other tools
get ids made from their names. Texts that are not canonical are made so with an
offset map (:mod:`casestudy.exchange.canonical`), so every quote stays exact.

Examples
--------
>>> from casestudy.exchange.model import Code, CodeBook, stable_guid
>>> book = CodeBook((Code(stable_guid("x", 1), "Kepuasan pelanggan", color="#abc",
...                       children=(Code(stable_guid("x", 2), "Harga murah"),)),), origin="QualCoder")
>>> cb = codebook_from_model(book, codebook_id="imported", title="Imported")
>>> [(c.id, c.parent, c.colour) for c in cb.codes]
[('kepuasan_pelanggan', None, '#aabbcc'), ('harga_murah', 'kepuasan_pelanggan', None)]
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from casestudy.coding.cases import Case as DbCase
from casestudy.coding.codebook import Code as DbCode, Codebook
from casestudy.coding.coders import Assignment, Coder
from casestudy.coding.memos import Memo
from casestudy.coding.segments import Coding as DbCoding
from casestudy.coding.transcripts import Transcript
from casestudy.errors import ExchangeError, expectation
from casestudy.exchange.canonical import canonicalise
from casestudy.exchange.mapping import CODING_NOTE, SUGGESTED
from casestudy.exchange.model import CodeBook, Project, parse_fields, walk_codes
from casestudy.exchange.refi_read import ReadReport, read_qdpx
from casestudy.exchange.safe_archive import ArchiveLimits
from casestudy.validators import ID_PATTERN

__all__ = ["FALLBACK_USER", "ImportResult", "codebook_from_model", "import_project", "import_qdpx"]

#: Coder of codings and author of notes that name no user.
FALLBACK_USER = "refi_import"
_MEMO_ON_CASE = re.compile(r"^Memo on case (\S+)$")
_TOKEN = re.compile(r"^\S+$")


@dataclass(frozen=True)
class ImportResult:
    """What an import stored.

    Parameters
    ----------
    event_id : int
        The database batch (event) that holds everything imported.
    stored : tuple of (kind, count)
        Sources, cases, codes, coders, codings and memos stored.
    report : ReadReport, optional
        What was read from the file and what was discarded.
    adjustments : tuple of str
        Texts made canonical, selections dropped, and the like.
    """

    event_id: int
    stored: tuple[tuple[str, int], ...]
    report: ReadReport | None = None
    adjustments: tuple[str, ...] = ()


class _Ids:
    """Hands out unique ids: the preferred one when valid, else one made from a name."""

    def __init__(self, prefix: str, pattern: re.Pattern[str] = ID_PATTERN) -> None:
        self.prefix, self.pattern = prefix, pattern
        self.used: set[str] = set()

    def take(self, preferred: str | None, name: str | None, guid: str) -> str:
        if preferred and self.pattern.match(preferred) and preferred not in self.used:
            self.used.add(preferred)
            return preferred
        ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
        slug = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")[:60]
        base = slug if slug and slug[0].isalpha() else f"{self.prefix}_{slug or guid[:8]}"
        out, n = base, 1
        while out in self.used:
            n += 1
            out = f"{base}_{n}"
        self.used.add(out)
        return out


def _colour(value: str | None) -> str | None:
    if value and len(value) == 4:
        return "#" + "".join(ch * 2 for ch in value[1:]).lower()
    return value


def codebook_from_model(book: CodeBook | Project, codebook_id: str = "refi_import", title: str = "Imported codebook",
                        version: int = 1) -> Codebook:
    """Map a REFI code tree to a :class:`~casestudy.coding.codebook.Codebook`.

    Codes written by casestudy keep their ids and every field (see :mod:`mapping`); other
    codes get an id from their name, both labels from their name, their description as the
    English definition. A project's ``Description`` fields (codebook id, version, titles...)
    override the arguments.
    """
    fields = parse_fields(book.description or "") if isinstance(book, Project) else {}
    ids = _Ids("code")
    by_guid: dict[str, str] = {}
    codes = []
    for code, parent in walk_codes(book.codes):
        f = parse_fields(code.description or "")
        ours = "Code id" in f
        cid = ids.take(f.get("Code id"), code.name, code.guid)
        by_guid[code.guid] = cid
        keywords = []
        for key, value in f.items():
            if key.startswith("Keywords (") and key.endswith(")"):
                try:
                    phrases = tuple(json.loads(value))
                except ValueError:
                    raise ExchangeError(expectation(key, "a JSON list of phrases", value, f"Code {code.name!r}")) from None
                keywords.append((key[10:-1], phrases))
        codes.append(DbCode(
            cid, code.name, f.get("Label (id)", code.name) if ours else code.name,
            by_guid[parent.guid] if parent else None, code.codable, f.get("Framework"),
            f.get("Definition (en)", "") if ours else (code.description or ""), f.get("Definition (id)", ""),
            f.get("When to use", ""), f.get("When not to use", ""), f.get("Example", ""), _colour(code.color),
            tuple(keywords)))
    return Codebook(fields.get("Codebook id", codebook_id), int(fields.get("Codebook version", version)),
                    fields.get("Codebook title (en)", title), fields.get("Codebook title (id)", title), tuple(codes),
                    fields.get("Codebook framework"), fields.get("Codebook provenance", "real"),
                    fields.get("Codebook note", ""))


def _opt_tuple(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(", ") if v)


def _description_memos(project: Project, sources: dict[str, str], cases: dict[str, str]) -> list[Memo]:
    """Descriptions from other tools that the database has no field for, kept as memos."""
    out = []
    for s in project.sources:
        if s.description and "Source id" not in parse_fields(s.description):
            out.append(Memo("source", sources[s.guid], FALLBACK_USER, s.description))
    for c in project.cases:
        if c.description and "Consent" not in parse_fields(c.description):
            out.append(Memo("case", cases[c.guid], FALLBACK_USER, c.description))
    for v in project.variables:
        if v.description and v.description.strip():
            out.append(Memo("project", "project", FALLBACK_USER, f"Variable {v.name!r}: {v.description}"))
    if project.description and "Codebook id" not in parse_fields(project.description):
        out.append(Memo("project", "project", FALLBACK_USER, project.description))
    return [m for m in out if m.text.strip()]


def import_project(project: Project, db: Any, report: ReadReport | None = None,
                   actor: str = FALLBACK_USER) -> ImportResult:
    """Store ``project`` in ``db`` (a :class:`~casestudy.store.CaseDatabase`) in one batch.

    Raises
    ------
    ExchangeError, CodingError, StoreError...
        On the first problem; the database is then unchanged.
    """
    adjustments: list[str] = []
    codebook = codebook_from_model(project, title=project.name or "Imported codebook")
    code_ids = {c.guid: cb.id for (c, _), cb in zip(walk_codes(project.codes), codebook.codes)}

    coder_ids = _Ids("user", _TOKEN)
    users = {u.guid: coder_ids.take(u.id, u.name, u.guid) for u in project.users}
    coders = [Coder(users[u.guid], u.name or users[u.guid]) for u in project.users]

    def coder(guid: str | None) -> str:
        if guid in users:
            return users[guid]  # type: ignore[index]
        if FALLBACK_USER not in {c.id for c in coders}:
            coders.append(Coder(FALLBACK_USER, "Imported without a user", "program"))
        return FALLBACK_USER

    # -- sources ------------------------------------------------------------------------------------
    source_ids = _Ids("source", _TOKEN)
    sources: dict[str, str] = {}
    transcripts, codings, assignments = [], [], set()
    coding_notes: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    notes = {n.guid: n for n in project.notes}
    for s in project.sources:
        f = parse_fields(s.description or "")
        sid = source_ids.take(f.get("Source id"), s.name, s.guid)
        sources[s.guid] = sid
        canon = canonicalise(s.text, f"TextSource {s.name!r}")
        if canon.changed:
            adjustments.append(f"TextSource {s.name!r}: text made canonical (one turn a line); selections remapped")
        transcript = Transcript.from_turns(
            sid, canon.turns, source_type=f.get("Source type", "documentation"), title=s.name or sid,
            informant_id=f.get("Informant"), informant_ids=_opt_tuple(f.get("Informants")),
            language=f.get("Language", "und"), provenance=f.get("Provenance", "real"), file_name=f.get("File name"),
            checksum=f.get("Checksum"), normalisation=("refi_import",) + (("lines_as_turns",) if canon.changed else ()))
        if transcript.text != canon.text:
            raise ExchangeError(expectation("text", "representable as canonical turns", s.name, "TextSource"))
        transcripts.append(transcript)
        for sel in s.selections:
            span = canon.map_span(sel.start, sel.end)
            if span is None:
                adjustments.append(f"TextSource {s.name!r}: selection {sel.guid} held only blank space; dropped")
                continue
            status = "suggested" if sel.name == SUGGESTED else "accepted"
            for c in sel.codings:
                who = coder(c.user_guid or sel.user_guid)
                key = (sid, span[0], span[1], code_ids[c.code_guid], who)
                own = [notes[g].text for g in c.note_guids if g in notes and notes[g].name == CODING_NOTE]
                codings.append(DbCoding(sid, span[0], span[1], code_ids[c.code_guid], who, status, "import",
                                        codebook.version, own[0] if own else None))
                assignments.add((who, sid))
                for g in (*c.note_guids, *sel.note_guids):
                    if g in notes and notes[g].name != CODING_NOTE:
                        coding_notes[key].append(g)

    # -- cases --------------------------------------------------------------------------------------
    variables = {v.guid: v.name for v in project.variables}
    case_ids = _Ids("case")
    cases = []
    for c in project.cases:
        f = parse_fields(c.description or "")
        values = {variables[v.variable_guid]: v.value for v in c.values if v.variable_guid in variables}
        cases.append(DbCase(
            case_ids.take(c.name, c.name, c.guid), values.pop("unit", None), values.pop("role", None),
            f.get("Consent") == "yes", f.get("Consent date"), f.get("Consent scope"), f.get("Provenance", "real"),
            tuple(sorted(values.items())), tuple(sources[g] for g in c.source_guids if g in sources)))

    # -- memos: targets of each note, in document order ----------------------------------------------
    targets: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for code, _ in walk_codes(project.codes):
        for g in code.note_guids:
            targets[g].append(("code", code_ids[code.guid]))
    for s in project.sources:
        for g in s.note_guids:
            targets[g].append(("source", sources[s.guid]))
    for key, guids in coding_notes.items():
        for g in guids:
            targets[g].append(("coding", key))
    for g in project.note_guids:
        targets[g].append(("project", "project"))
    known_cases = {c.id for c in cases}

    with db.batch("import_refi", actor=actor, detail={"project": project.name, "origin": project.origin}) as event:
        db.add_transcripts(transcripts, actor=actor)
        db.add_cases(cases, actor=actor)
        if codebook.codes:
            db.add_codebook(codebook, actor=actor)
        db.add_coders(coders, actor=actor)
        db.assign([Assignment(c, s) for c, s in sorted(assignments)], actor=actor)
        db.add_codings(codings, actor=actor)
        stored = db.codings()
        ids = {(r.source_id, int(r.start), int(r.end), r.code_id, r.coder_id): int(r.coding_id)
               for r in stored.itertuples()}
        memos = []
        for note in project.notes:
            if note.name == CODING_NOTE or not note.text.strip():
                continue
            author = users.get(note.user_guid or "", FALLBACK_USER)
            where = targets.get(note.guid)
            if not where:
                match = _MEMO_ON_CASE.match(note.name or "")
                where = [("case", match.group(1))] if match and match.group(1) in known_cases else \
                    [("project", "project")]
            for kind, target in where:
                target_id = str(ids[target]) if kind == "coding" else target
                memos.append(Memo(kind, target_id, author, note.text))
        memos += _description_memos(project, sources, {c.guid: k.id for c, k in zip(project.cases, cases)})
        db.add_memos(memos, actor=actor)
    stored_counts = (("sources", len(transcripts)), ("cases", len(cases)), ("codes", len(codebook.codes)),
                     ("coders", len(coders)), ("codings", len(codings)), ("memos", len(memos)))
    return ImportResult(event, stored_counts, report, tuple(adjustments))


def import_qdpx(path: str | os.PathLike[str], db: Any, base_dir: str | os.PathLike[str] | None = None,
                limits: ArchiveLimits = ArchiveLimits(), actor: str = FALLBACK_USER) -> ImportResult:
    """Read a ``.qdpx`` file safely and store it in ``db`` in one batch (see :func:`import_project`)."""
    project, report = read_qdpx(path, base_dir, limits)
    result = import_project(project, db, report, actor)
    return ImportResult(result.event_id, result.stored, report, report.notes + result.adjustments)

"""What a REFI-QDA project would put in the case study database: the plan of an import, built without a database.

:func:`plan_import` maps the neutral model (:mod:`casestudy.exchange.model`) to the
database's objects; :mod:`casestudy.exchange.refi_import` checks the plan against
what the database already holds and stores it in one batch, and ``casestudy qdpx
import --dry-run`` prints it (:meth:`ImportPlan.summary`).

The text contract: a source's text is stored **exactly as the file gives it**
(:meth:`~casestudy.records.transcripts.Transcript.from_text`; turns are spans over
its non-blank lines), so the file's positions, once in code points, are the
database's offsets and every stored quote is the file's text at the file's
positions. The source's GUID and ``Description`` are kept in its metadata
(``refi_guid``, ``refi_description``) and written back unchanged on export.

Objects written by casestudy come back with their ids (read from the ``Description``
fields :mod:`mapping` writes); objects from other tools get ids made from their names.
Nothing is invented: codings without a user are credited to :data:`FALLBACK_USER`
only when the file names none, and consent that the file does not record is stored as
not recorded, withheld from exports until it is recorded (``casestudy consent``).

Examples
--------
>>> from casestudy.exchange.model import CodeBook, RefiCode, stable_guid
>>> book = CodeBook((RefiCode(stable_guid("x", 1), "Kepuasan pelanggan", color="#abc",
...                       children=(RefiCode(stable_guid("x", 2), "Harga murah"),)),), origin="QualCoder")
>>> cb = codebook_from_model(book, codebook_id="imported", title="Imported")
>>> [(c.id, c.parent, c.colour) for c in cb.codes]
[('kepuasan_pelanggan', None, '#aabbcc'), ('harga_murah', 'kepuasan_pelanggan', None)]
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from casestudy.records.cases import CodingCase
from casestudy.records.codebook import Code as DbCode, Codebook
from casestudy.records.coders import Coder
from casestudy.records.segments import Coding as DbCoding
from casestudy.records.transcripts import Transcript
from casestudy.errors import ExchangeError, expectation
from casestudy.provenance import RENAMED
from casestudy.exchange.mapping import CODING_NOTE, DEFAULT_CODEBOOK_ID, FALLBACK_USER, IMPORTED_PROVENANCE, SUGGESTED
from casestudy.exchange.model import CodeBook, Ids, Project, parse_fields, walk_codes

__all__ = ["FALLBACK_USER", "CONSENT_HINT", "PlannedMemo", "ImportPlan", "codebook_from_model", "plan_import"]

#: How a user records consent that a file did not carry.
CONSENT_HINT = "record it with 'casestudy consent set ID --status recorded --db DB'"
_MEMO_ON_CASE = re.compile(r"^Memo on case (\S+)$")
_TOKEN = re.compile(r"^\S+$")



def _provenance(value: str | None) -> str:
    """A provenance field of an imported file (an old ``real`` is today's ``empirical``); absent: empirical."""
    return RENAMED.get(value, value) if value else IMPORTED_PROVENANCE

def _colour(value: str | None) -> str | None:
    if value and len(value) == 4:
        return "#" + "".join(ch * 2 for ch in value[1:]).lower()
    return value


def codebook_from_model(book: CodeBook | Project, codebook_id: str = DEFAULT_CODEBOOK_ID, title: str = "Imported codebook",
                        version: int = 1, notes: list[str] | None = None) -> Codebook:
    """Map a REFI code tree to a :class:`~casestudy.records.codebook.Codebook`.

    Codes written by casestudy keep their ids and every field (see :mod:`mapping`); other
    codes get an id from their name, both labels from their name, their description as the
    English definition. A project's ``Description`` fields (codebook id, version, titles...)
    override the arguments. A codebook holds no two sibling codes of one name; a later sibling
    of the same name is stored as ``name (2)``, with a note appended to ``notes``.
    """
    fields = parse_fields(book.description or "") if isinstance(book, Project) else {}
    ids = Ids("code")
    by_guid: dict[str, str] = {}
    codes = []
    siblings: dict[tuple[str | None, str], int] = {}
    for code, parent in walk_codes(book.codes):
        f = parse_fields(code.description or "")
        sibling = (parent.guid if parent else None, " ".join(code.name.split()).casefold())
        siblings[sibling] = siblings.get(sibling, 0) + 1
        name = code.name if siblings[sibling] == 1 else f"{code.name} ({siblings[sibling]})"
        if name != code.name and notes is not None:
            notes.append(f"Code {code.name!r} ({code.guid}): another code of that name has the same parent; "
                         f"stored as {name!r}")
        ours = "Code id" in f or "Label (id)" in f
        cid = ids.take(f.get("Code id"), code.name, code.guid)
        by_guid[code.guid] = cid
        keywords: list[tuple[str, tuple[str, ...]]] = []
        for key, value in f.items():
            if ours and key.startswith("Keywords (") and key.endswith(")"):
                try:
                    phrases = tuple(json.loads(value))
                except ValueError:
                    raise ExchangeError(expectation(key, "a JSON list of phrases", value, f"Code {code.name!r}")) from None
                keywords.append((key[10:-1], phrases))
        codes.append(DbCode(
            cid, name, f.get("Label (id)", name) if ours else name,
            by_guid[parent.guid] if parent else None, code.codable, f.get("Framework") if ours else None,
            f.get("Definition (en)", "") if ours else (code.description or ""),
            f.get("Definition (id)", "") if ours else "", f.get("When to use", "") if ours else "",
            f.get("When not to use", "") if ours else "", f.get("Example", "") if ours else "",
            _colour(code.color), tuple(keywords)))
    return Codebook(fields.get("Codebook id", codebook_id), int(fields.get("Codebook version", version)),
                    fields.get("Codebook title (en)", title), fields.get("Codebook title (id)", title), tuple(codes),
                    fields.get("Codebook framework"), _provenance(fields.get("Codebook provenance")),
                    fields.get("Codebook note", ""))


def _opt_tuple(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(", ") if v)


@dataclass(frozen=True)
class PlannedMemo:
    """A memo to store: its target (``("coding", key)`` resolves to a coding id once stored), name and time."""

    kind: str
    target: Any
    author: str
    text: str
    name: str | None = None
    created: str | None = None


@dataclass
class ImportPlan:
    """Everything an import would store, and what it noticed (``notes``)."""

    project_name: str
    origin: str | None
    transcripts: list[Transcript] = field(default_factory=list)
    cases: list[CodingCase] = field(default_factory=list)
    codebook: Codebook | None = None
    coders: list[Coder] = field(default_factory=list)
    assignments: set[tuple[str, str]] = field(default_factory=set)
    codings: list[DbCoding] = field(default_factory=list)
    memos: list[PlannedMemo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counting: str = ""
    coding_note_times: dict[tuple[Any, ...], str] = field(default_factory=dict)
    description: str | None = None

    def summary(self) -> list[str]:
        """Lines saying what would come in (``casestudy qdpx import --dry-run``)."""
        n_codes = len(self.codebook.codes) if self.codebook else 0
        lines = [f"project {self.project_name!r} from {self.origin or 'an unnamed program'}: "
                 f"{len(self.transcripts)} sources, {len(self.cases)} cases, {n_codes} codes, "
                 f"{len(self.coders)} coders, {len(self.codings)} codings, {len(self.memos)} memos",
                 f"positions: {self.counting}"]
        lines += [f"source {t.source_id}: {t.title!r}, {len(t.text)} characters, "
                  f"{sum(c.source_id == t.source_id for c in self.codings)} codings" for t in self.transcripts]
        lines += [f"case {c.id}: {len(c.source_ids)} sources, consent "
                  f"{c.consent if c.consent != 'unknown' else 'not recorded in the file (withheld until recorded)'}"
                  for c in self.cases]
        return lines + [f"note: {n}" for n in self.notes]


#: Consent words of a case's description -> the consent model's states (:mod:`casestudy.consent`).
_CONSENT = {"yes": "recorded", "recorded": "recorded", "refused": "refused", "no": "unknown", "unknown": "unknown"}


def _case_consent(fields: dict[str, str], name: str, notes: list[str]) -> str:
    word = (fields.get("Consent") or "").strip().lower()
    if word not in _CONSENT:
        notes.append(f"Case {name!r}: the file records no consent; stored as not recorded and withheld from "
                     f"exports and reports until recorded ({CONSENT_HINT})")
    return _CONSENT.get(word, "unknown")


def plan_import(project: Project, counting: str = "") -> ImportPlan:
    """Map ``project`` to the objects an import stores (no database needed).

    Raises
    ------
    ExchangeError, TranscriptError, CodebookError...
        On the first object the database could not hold.
    """
    plan = ImportPlan(project.name, project.origin, counting=counting)
    codebook = codebook_from_model(project, title=project.name or "Imported codebook",
                                   notes=plan.notes) if project.codes else None
    plan.codebook = codebook
    code_ids = {c.guid: cb.id for (c, _), cb in zip(walk_codes(project.codes), codebook.codes)} if codebook else {}
    coder_ids = Ids("user", _TOKEN)
    users = {u.guid: coder_ids.take(u.id, u.name, u.guid) for u in project.users}
    plan.coders = [Coder(users[u.guid], u.name or users[u.guid]) for u in project.users]

    def coder(guid: str | None) -> str:
        if guid in users:
            return users[guid]  # type: ignore[index]
        if FALLBACK_USER not in {c.id for c in plan.coders}:
            plan.coders.append(Coder(FALLBACK_USER, "Imported without a user", "program"))
            plan.notes.append(f"some codings name no user; credited to {FALLBACK_USER!r}")
        return FALLBACK_USER

    source_ids = Ids("source", _TOKEN)
    comments = 0
    sources: dict[str, str] = {}
    notes = {n.guid: n for n in project.notes}
    targets: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for s in project.sources:
        f = parse_fields(s.description or "")
        ours = "Source id" in f
        sid = source_ids.take(f.get("Source id"), s.name or s.guid, s.guid)
        sources[s.guid] = sid
        meta = () if ours else (("refi_guid", s.guid), ("refi_name", s.name)) + (
            (("refi_description", s.description),) if s.description is not None else ())
        plan.transcripts.append(Transcript.from_text(
            sid, s.text, source_type=f.get("Source type", "documentation"), title=s.name or sid,
            informant_id=f.get("Informant"), informant_ids=_opt_tuple(f.get("Informants")),
            language=f.get("Language", "und"), provenance=_provenance(f.get("Provenance")),
            file_name=f.get("File name"), checksum=f.get("Checksum"), normalisation=("refi_import",), metadata=meta,
            release=_CONSENT.get((f.get("Release") or "").strip().lower(), "unknown")))
        for g in s.note_guids:
            targets[g].append(("source", sid))
        for sel in s.selections:
            if not sel.codings and sel.description and sel.description.strip():  # a comment, not a coding
                quote = s.text[sel.start:sel.end]
                plan.memos.append(PlannedMemo("source", sid, users.get(sel.user_guid or "", FALLBACK_USER),
                                              f"[{sel.start}:{sel.end}] {quote!r}: {sel.description}"))
                comments += 1
            status = "suggested" if sel.name == SUGGESTED else "accepted"
            for c in sel.codings:
                who = coder(c.user_guid or sel.user_guid)
                key = (sid, sel.start, sel.end, code_ids[c.code_guid], who)
                own = [notes[g].text for g in c.note_guids if g in notes and notes[g].name == CODING_NOTE]
                times = [notes[g].created for g in c.note_guids if g in notes and notes[g].name == CODING_NOTE]
                if times and times[0]:
                    plan.coding_note_times[key] = times[0]
                described = sel.description if sel.description and sel.description.strip() else None
                plan.codings.append(DbCoding(sid, sel.start, sel.end, code_ids[c.code_guid], who, status, "import",
                                             codebook.version if codebook else 1, own[0] if own else described))
                plan.assignments.add((who, sid))
                for g in (*c.note_guids, *sel.note_guids):
                    if g in notes and notes[g].name != CODING_NOTE:
                        targets[g].append(("coding", key))

    if comments:
        plan.notes.append(f"{comments} selection(s) without a coding carry a Description (a comment on a passage, as "
                          "ATLAS.ti and MAXQDA write them): kept as memos on their sources, each starting with its "
                          "positions and quote")
    variables = {v.guid: v.name for v in project.variables}
    case_ids = Ids("case")
    for case in project.cases:
        f = parse_fields(case.description or "")
        values = {variables[v.variable_guid]: v.value for v in case.values if v.variable_guid in variables}
        name = case.name or case.guid
        cid = case_ids.take(case.name, case.name, case.guid)
        plan.cases.append(CodingCase(
            cid, values.pop("unit", None), values.pop("role", None), _case_consent(f, name, plan.notes),
            f.get("Consent date"), f.get("Consent scope"), _provenance(f.get("Provenance")),
            tuple(sorted(values.items())), tuple(sources[g] for g in case.source_guids if g in sources)))
        if case.description and "Consent" not in f and case.description.strip():
            plan.memos.append(PlannedMemo("case", cid, FALLBACK_USER, case.description))
    tied = {sid for c in plan.cases for sid in c.source_ids}
    alone = [t.source_id for t in plan.transcripts
             if t.source_id not in tied and not t.informant_ids and t.release != "recorded"]
    if alone:
        plan.notes.append(f"{len(alone)} source(s) with no informant and no case in the file, and no recorded release: "
                          f"{', '.join(alone)}; withheld from exports and reports until recorded ({CONSENT_HINT})")

    for code, _ in walk_codes(project.codes):
        for g in code.note_guids:
            targets[g].append(("code", code_ids[code.guid]))
    for g in project.note_guids:
        targets[g].append(("project", "project"))
    known_cases = {c.id for c in plan.cases}
    for note in project.notes:
        if note.name == CODING_NOTE or not note.text.strip():
            continue
        author = users.get(note.user_guid or "", FALLBACK_USER)
        where = targets.get(note.guid)
        if not where:
            match = _MEMO_ON_CASE.match(note.name or "")
            where = [("case", match.group(1))] if match and match.group(1) in known_cases else [("project", "project")]
        for kind, target in where:
            plan.memos.append(PlannedMemo(kind, target, author, note.text, note.name, note.created))
    for v in project.variables:
        if v.description and v.description.strip():
            plan.memos.append(PlannedMemo("project", "project", FALLBACK_USER, f"Variable {v.name!r}: {v.description}"))
    if project.description is not None and "Codebook id" not in parse_fields(project.description):
        plan.description = project.description  # kept in the import's event, written back as it came
    return plan

"""How the case study database maps to REFI-QDA (export side); the inverse is in :mod:`refi_import`.

The mapping, object by object (GUIDs are :func:`~casestudy.exchange.model.stable_guid` of the key):

=================  ===============================================================================
database           REFI-QDA
=================  ===============================================================================
coder, memo author ``User``: ``id`` = coder id, ``name`` = coder name; key ``("user", coder_id)``
code               ``Code``: ``name`` = **English label**; ``isCodable``; ``color`` = colour;
                   ``Description`` = ``Key: value`` lines: ``Code id``, ``Label (id)`` (the
                   Indonesian label, when it differs), ``Definition (en)``, ``Definition (id)``,
                   ``When to use``, ``When not to use``, ``Example``, ``Framework`` (Buttle id),
                   ``Keywords (<lang>)`` (JSON list); empty fields left out; a code with only a name
                   and a definition (as other tools write them) gets the definition alone, as it
                   came. Children nest. Key ``("code", code_id)``
case attribute     ``Variable`` (``Text``), one per attribute name incl. ``unit`` and ``role``
case (consented)   ``Case``: ``name`` = case id, ``VariableValue`` per attribute, ``SourceRef`` per
                   source it owns; consent and provenance in ``Description``
source (consented) ``TextSource`` ``name`` = title, text in ``sources/<GUID>.txt`` (UTF-8),
                   ``plainTextPath="internal://<GUID>.txt"``; id, type, provenance, language,
                   informants in ``Description``. A source imported from another program goes
                   back out with its own GUID, name, ``Description`` and text, as they came.
codings            one ``PlainTextSelection`` per (source, start, end, coder, status) holding one
                   ``Coding`` (+ ``CodeRef``) per code; ``creatingUser`` = the coder. Accepted
                   codings only, unless suggestions are asked for: their selections are named
                   ``casestudy:suggested``. Rejected and unanchored codings are never exported.
memo               ``Note`` (inline text, ``creatingUser`` = author) with a ``NoteRef`` from its
                   code, source, coding or the project; memos on the project are journals: their
                   text in ``sources/<GUID>.txt`` (``plainTextPath``), names made unique; memos on cases (``Case`` has no NoteRef)
                   are named ``Memo on case <id>``; an imported note keeps its name and
                   ``creationDateTime``, every other note gets the memo's time from the event log
                   (readers such as QualCoder require one). A coding's own memo is the selection's
                   ``Description`` when every coding of the selection has that memo (QualCoder and
                   MAXQDA read it as the coding memo), else a ``Note`` named ``Coding note``.
codebook version   id, version, titles, framework, provenance and note in the project ``Description``
                   (unless an import would make the same codebook again: then an imported
                   project's own ``Description``, as it came); project ``name``: ``--name``, else
                   the name of the last imported project
=================  ===============================================================================

Why the English label as ``name``: the codebook's ids and the package's reports are in
English and REFI tools show only ``name`` in their code trees; the Indonesian label and both
definitions travel in ``Description``, so nothing is lost and a reader of either language
finds the code. Times of codings are not exported: the database stamps them from its clock
on import, so exporting them would make a round trip change the file.

Examples
--------
>>> from casestudy.records.codebook import Code as DbCode, Codebook
>>> cb = Codebook("demo", 1, "Demo", "Demo", codes=(DbCode("trust", "Trust", "Kepercayaan", colour="#123456"),))
>>> (code,) = codebook_codes(cb)
>>> code.name, code.color, code.codable
('Trust', '#123456', True)
>>> print(code.description)
Code id: trust
Label (id): Kepercayaan
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from casestudy.consent import withheld_notice
from casestudy.exchange.model import (
    Ids, Note, Project, RefiCase, RefiCode, RefiCoding, Selection, TextSource, User, Variable, VariableValue, derived_id,
    format_fields, stable_guid,
)
from casestudy.provenance import EMPIRICAL

if TYPE_CHECKING:
    import pandas as pd

    from casestudy.store.database import CaseDatabase

__all__ = ["SUGGESTED", "CODING_NOTE", "FALLBACK_USER", "DEFAULT_CODEBOOK_ID", "IMPORTED_PROVENANCE", "code_description", "imported_details", "codebook_codes", "codebook_description",
           "stored_codebook", "project_from_database"]

#: Name of selections that hold suggested (not yet accepted) codings.
SUGGESTED = "casestudy:suggested"
#: Name of the note that carries a coding's own ``memo``.
CODING_NOTE = "Coding note"
#: Author of memos that an imported file attributed to no user (exported without a ``creatingUser``).
FALLBACK_USER = "refi_import"
#: Id of a codebook imported from a file that names none, and the provenance of what an import brings in.
DEFAULT_CODEBOOK_ID = "refi_import"
IMPORTED_PROVENANCE = EMPIRICAL


def code_description(code: Any, expected_id: str | None = None) -> str | None:
    """The ``Description`` of a code: every codebook field REFI has no attribute for.

    A code with nothing but a name and a definition (as other tools write them, and as they
    come back from an import) gets its definition alone, as it came; its id is the one an
    import makes from its name. Otherwise ``Key: value`` lines, starting with ``Code id``;
    empty fields, and an Indonesian label equal to the English one, are left out.

    Examples
    --------
    >>> from casestudy.records.codebook import Code as DbCode
    >>> code_description(DbCode("pricing", "Pricing", "Pricing", definition_en="Price mentions"))
    'Price mentions'
    >>> print(code_description(DbCode("trust", "Trust", "Kepercayaan")))
    Code id: trust
    Label (id): Kepercayaan
    """
    extras: list[tuple[str, str | None]] = [
        ("Label (id)", code.label_id if code.label_id != code.label_en else None),
        ("Definition (id)", code.definition_id), ("When to use", code.when_to_use),
        ("When not to use", code.when_not_to_use), ("Example", code.example), ("Framework", code.framework_ref)]
    extras += [(f"Keywords ({lang})", json.dumps(list(phrases), ensure_ascii=False))
               for lang, phrases in code.keywords if phrases]
    if code.id == (expected_id or derived_id(code.label_en)) and not any(v for _, v in extras):
        return code.definition_en or None
    return format_fields([("Code id", code.id), extras[0], ("Definition (en)", code.definition_en), *extras[1:]])


def codebook_codes(codebook: Any, notes: dict[str, tuple[str, ...]] | None = None) -> tuple[RefiCode, ...]:
    """Map a :class:`~casestudy.records.codebook.Codebook` to the REFI code tree (roots in codebook order)."""
    notes = notes or {}
    children: dict[str | None, list[Any]] = defaultdict(list)
    for c in codebook.codes:
        children[c.parent].append(c)

    ids = Ids("code")  # the ids an import of this tree would make, in the same depth-first order

    def build(c: Any) -> RefiCode:
        made = code_description(c, ids.take(None, c.label_en, stable_guid("code", c.id)))
        return RefiCode(stable_guid("code", c.id), c.label_en, c.codable, c.colour, made,
                    tuple(build(k) for k in children[c.id]), notes.get(c.id, ()))

    return tuple(build(c) for c in children[None])


def codebook_description(codebook: Any) -> str:
    """The project ``Description``: the codebook version's own fields."""
    return format_fields([
        ("Codebook id", codebook.id), ("Codebook version", str(codebook.version)),
        ("Codebook title (en)", codebook.title_en), ("Codebook title (id)", codebook.title_id),
        ("Codebook framework", codebook.framework), ("Codebook provenance", codebook.provenance),
        ("Codebook note", codebook.note)])


def _rows(table: pd.DataFrame) -> Iterator[Any]:
    """The rows of a store table as named tuples: their fields have the store's column types, which the
    pandas stubs cannot see (they type every field as any scalar)."""
    return table.itertuples()


def _opt(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def stored_codebook(db: CaseDatabase) -> Any:
    """The latest codebook version of ``db`` (a :class:`~casestudy.records.codebook.Codebook`), or None."""
    return None if db.codebook_versions().empty else db.codebook()


def imported_details(db: CaseDatabase) -> tuple[str | None, dict[str, dict[str, str]], dict[str, str], str | None]:
    """What REFI imports recorded in the event log: the last project name, each memo's REFI name and time,
    the time of each coding's own note (by coding id), and the last project description."""
    name, memos, coding_notes, description = None, {}, {}, None
    for e in _rows(db.events()):
        if e.action != "import_refi":
            continue
        detail = e.detail if isinstance(e.detail, dict) else json.loads(e.detail)
        name = detail.get("project") or name
        memos.update(detail.get("memos", {}))
        coding_notes.update(detail.get("coding_notes", {}))
        description = detail.get("description", description)
    return name, memos, coding_notes, description


def project_from_database(db: CaseDatabase, name: str | None = None, origin: str = "casestudy",
                          include_suggestions: bool = False, include_withheld: bool = False) -> Project:
    """Map a case study database to a REFI project (consented cases and sources only).

    Parameters
    ----------
    db : casestudy.store.CaseDatabase
        The database (read only).
    name : str, optional
        The ``Project`` name (default: the name of the last imported project, else "casestudy project").
    origin : str
        The ``Project`` origin.
    include_suggestions : bool
        Also export suggested codings (default: accepted codings only).
    include_withheld : bool
        Also export sources and cases without recorded consent (``--all-informants``); the
        project's description then begins with that notice.

    Returns
    -------
    Project
        The model, every GUID derived from the objects' stable ids.
    """
    imported_name, memo_details, note_times, imported_description = imported_details(db)
    name = name or imported_name or "casestudy project"
    codebook = stored_codebook(db)
    code_ids = set(codebook.ids()) if codebook else set()
    source_ids = set(db.sources()["source_id"] if include_withheld else db.releasable_sources())
    withheld = db.withheld_sources()
    sources = db.sources()
    sources = sources[sources["source_id"].isin(source_ids)]
    cases = db.cases()
    if not include_withheld:
        cases = cases[cases["consent"] == "recorded"]
    case_ids = set(cases["case_id"])

    statuses = ("accepted", "suggested") if include_suggestions else ("accepted",)
    codings = db.codings()
    keep = (codings["status"].isin(statuses) & codings["source_id"].isin(source_ids)
            & (codings["flag"].fillna("") != "unanchored") & codings["code_id"].isin(code_ids))
    if codebook is not None:
        keep &= codings["codebook_version"] == codebook.version
    codings = codings[keep]
    coding_key = {int(r.coding_id): (r.source_id, int(r.start), int(r.end), r.code_id, r.coder_id)
                  for r in _rows(codings)}

    # -- memos -> notes, and which element refers to each ------------------------------------------
    notes: list[Note] = []
    refs: dict[tuple[str, Any], list[str]] = defaultdict(list)
    seen: Counter[tuple[Any, ...]] = Counter()
    journals: Counter[str] = Counter()
    authors: set[str] = set()
    for m in _rows(db.memos()):
        kind, target = m.target_kind, m.target_id
        if kind == "coding":
            key = coding_key.get(int(target)) if str(target).isdigit() else None
            if key is None:
                continue
            label = f"coding {key[0]} [{key[1]}:{key[2]}] {key[3]} by {key[4]}"
            target = key
        elif kind == "project":
            label, target = "the project", "project"
        elif (kind == "case" and target not in case_ids) or (kind == "source" and target not in source_ids) \
                or (kind == "code" and target not in code_ids):
            continue
        else:
            label = f"{kind} {target}"
        ident = (kind, target, m.author, m.text)
        seen[ident] += 1
        guid = stable_guid("note", *ident, seen[ident])
        known = memo_details.get(str(m.memo_id), {})
        anonymous = m.author == FALLBACK_USER
        title = known.get("name") or f"Memo on {label}"
        if kind == "project":  # a journal: its own file and a name of its own (QualCoder needs both)
            journals[title] += 1
            title = title if journals[title] == 1 else f"{title} ({journals[title]})"
        notes.append(Note(guid, title, m.text, None if anonymous else stable_guid("user", m.author),
                          known.get("created") or m.created, in_file=kind == "project"))
        if not anonymous:
            authors.add(m.author)
        refs[(kind, target)].append(guid)
    groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for r in _rows(codings):
        groups[(r.source_id, int(r.start), int(r.end), r.coder_id, r.status)].append(r)
    described: dict[tuple[Any, ...], str] = {}  # selections whose codings share one memo: its Description
    for group, rows in groups.items():
        texts = {r.memo if isinstance(r.memo, str) and r.memo else None for r in rows}
        if len(texts) == 1 and None not in texts:
            described[group] = texts.pop()  # type: ignore[assignment]
    in_description = {int(r.coding_id) for g in described for r in groups[g]}
    for r in _rows(codings):
        if isinstance(r.memo, str) and r.memo and int(r.coding_id) not in in_description:
            key = coding_key[int(r.coding_id)]
            guid = stable_guid("coding-note", *key)
            notes.append(Note(guid, CODING_NOTE, r.memo, stable_guid("user", r.coder_id),
                              note_times.get(str(int(r.coding_id)), r.created)))
            refs[("coding", key)].insert(0, guid)

    # -- users ----------------------------------------------------------------------------------------
    coders = {r.coder_id: r.name for r in _rows(db.coders())}
    user_ids = sorted(set(coders) | authors)
    users = tuple(User(stable_guid("user", u), coders.get(u) or u, u) for u in user_ids)

    # -- codes ----------------------------------------------------------------------------------------
    code_notes = {k[1]: tuple(v) for k, v in refs.items() if k[0] == "code"}
    codes = codebook_codes(codebook, code_notes) if codebook else ()

    # -- variables and cases ---------------------------------------------------------------------------
    attrs = db.case_attributes()
    attrs = attrs[attrs["case_id"].isin(case_ids) & attrs["value"].notna()]
    var_names = sorted(set(attrs["name"]))
    variables = tuple(Variable(stable_guid("variable", v), v, "Text") for v in var_names)
    owned = db.case_sources()
    out_cases = []
    for c in _rows(cases):
        values = tuple(VariableValue(stable_guid("variable", a.name), str(a.value))
                       for a in attrs[attrs["case_id"] == c.case_id].sort_values("name").itertuples())
        srcs = sorted(s for s in owned[owned["case_id"] == c.case_id]["source_id"] if s in source_ids)
        description = format_fields([("Consent", "yes" if c.consent == "recorded" else c.consent),
                                     ("Consent date", _opt(c.consent_date)),
                                     ("Consent scope", _opt(c.consent_scope)), ("Provenance", _opt(c.provenance))])
        out_cases.append(RefiCase(stable_guid("case", c.case_id), c.case_id, description, values,
                              tuple(stable_guid("source", s) for s in srcs)))

    # -- sources with selections -------------------------------------------------------------------------
    by_source: dict[str, list[Selection]] = defaultdict(list)
    for (sid, start, end, coder, status), rows in sorted(groups.items()):
        user = stable_guid("user", coder)
        items = tuple(RefiCoding(stable_guid("coding", sid, start, end, r.code_id, coder), stable_guid("code", r.code_id),
                             user, tuple(refs.get(("coding", (sid, start, end, r.code_id, coder)), ())))
                      for r in sorted(rows, key=lambda r: r.code_id))
        by_source[sid].append(Selection(stable_guid("selection", sid, start, end, coder, status), start, end,
                                        SUGGESTED if status == "suggested" else None, user, items,
                                        description=described.get((sid, start, end, coder, status))))
    out_sources = []
    for s in _rows(sources):
        meta = json.loads(s.metadata) if isinstance(s.metadata, str) else {}
        if "refi_guid" in meta:  # imported from another program: GUID, name and description as they came
            out_sources.append(TextSource(meta["refi_guid"], meta.get("refi_name", s.title), db.source_text(s.source_id),
                                          meta.get("refi_description"), tuple(by_source.get(s.source_id, ())),
                                          tuple(refs.get(("source", s.source_id), ()))))
            continue
        description = format_fields([
            ("Source id", s.source_id), ("Source type", s.source_type), ("Provenance", s.provenance),
            ("Language", s.language), ("Informant", _opt(s.informant_id)),
            ("Informants", ", ".join(s.informant_ids) or None), ("Release", _opt(s.release)),
            ("File name", _opt(s.file_name)),
            ("Checksum", _opt(s.checksum))])
        out_sources.append(TextSource(stable_guid("source", s.source_id), s.title, db.source_text(s.source_id),
                                      description, tuple(by_source.get(s.source_id, ())),
                                      tuple(refs.get(("source", s.source_id), ()))))

    project_description = _project_description(codebook, name, imported_description)
    if include_withheld and withheld:
        notice = withheld_notice(len(withheld), included=True)
        project_description = notice + ("\n\n" + project_description if project_description else "")
    return Project(name, origin, users, codes, variables, tuple(out_cases), tuple(out_sources), tuple(notes),
                   project_description,
                   tuple(refs.get(("project", "project"), ())))


def _project_description(codebook: Any, name: str, imported: str | None) -> str | None:
    """The codebook's fields, unless an import would make the same codebook again; else an imported description."""
    if codebook is None:
        return imported
    derived = (codebook.id == DEFAULT_CODEBOOK_ID and codebook.version == 1 and codebook.title_en == name
               and codebook.title_id == name and codebook.framework is None
               and codebook.provenance == IMPORTED_PROVENANCE and not codebook.note)
    return imported if derived else codebook_description(codebook)

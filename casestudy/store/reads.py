"""Read side of the case study database: every query answers with a pandas DataFrame.

Columns are fixed and documented per method; rows come in a stable order, so
the same database always gives the same frames.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pandas as pd

from casestudy.store.anchoring import CONTEXT
from casestudy.consent import RELEASABLE, combine_states
from casestudy.errors import StoreError, expectation

__all__ = ["ReadMixin", "COLUMNS"]

#: Columns of each read method's DataFrame.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id", "source_type", "title", "informant_id", "informant_ids", "language", "provenance",
                "file_name", "checksum", "n_chars", "n_turns", "normalisation", "metadata", "release",
                "key_fingerprint", "event_id"),
    "turns": ("source_id", "turn", "speaker", "role", "start", "end", "body_start", "timestamp", "gloss_en"),
    "source_release": ("source_id", "subjects", "release", "reason"),
    "cases": ("case_id", "unit", "role", "consent", "consent_date", "consent_scope", "provenance"),
    "case_attributes": ("case_id", "name", "value"),
    "case_sources": ("case_id", "source_id"),
    "coders": ("coder_id", "name", "role"),
    "assignments": ("coder_id", "source_id"),
    "codebook_versions": ("version", "codebook_id", "title_en", "title_id", "framework", "provenance", "note",
                          "revisions", "created"),
    "codes": ("code_id", "version", "position", "parent_id", "codable", "framework_ref", "label_en", "label_id",
              "definition_en", "definition_id", "when_to_use", "when_not_to_use", "example", "colour", "keywords"),
    "codings": ("coding_id", "source_id", "start", "end", "code_id", "codebook_version", "coder_id", "status",
                "origin", "flag", "text", "context_before", "context_after", "memo", "rule", "suggestion_id", "created",
                "event_id"),
    "memos": ("memo_id", "target_kind", "target_id", "author", "text", "created"),
    "events": ("event_id", "time", "actor", "action", "detail"),
}


class ReadMixin:
    """Read methods of :class:`~casestudy.store.database.CaseDatabase` (DataFrames with :data:`COLUMNS`)."""

    _con: sqlite3.Connection

    def _frame(self, name: str, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
        rows = self._con.execute(sql, params).fetchall()
        return pd.DataFrame(rows, columns=list(COLUMNS[name]))

    def sources(self) -> pd.DataFrame:
        """Sources: ``source_id, source_type, title, informant_id, informant_ids`` (tuple), ``language,
        provenance, file_name, checksum, n_chars, n_turns, normalisation`` (JSON list), ``metadata`` (JSON),
        ``release`` (own release status of a source without informant, else None), ``key_fingerprint``
        (of the pseudonym key, or None), ``event_id``. All sources, releasable or not: outputs filter
        with :meth:`releasable_sources`."""
        df = self._frame("sources", "SELECT s.id, source_type, title, informant_id, metadata, language, provenance,"
                         " file_name, checksum, length(text), (SELECT count(*) FROM turns t WHERE t.source_id = s.id),"
                         " normalisation, metadata, release, key_fingerprint, event_id FROM sources s ORDER BY s.id")
        df["informant_ids"] = [tuple(json.loads(m).get("informant_ids", [])) for m in df["informant_ids"]]
        return df

    def source_text(self, source_id: str) -> str:
        """The canonical text of ``source_id``."""
        row = self._con.execute("SELECT text FROM sources WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            raise StoreError(expectation("source_id", "a source of the database", source_id, "source_text"))
        return row[0]

    def turns(self, source_id: str | None = None) -> pd.DataFrame:
        """Turns: ``source_id, turn`` (1-based), ``speaker, role`` (the declared role: ``interviewer``,
        ``informant``, ``observer``, ``other``; None where the transcript declared no speakers), ``start, end,
        body_start, timestamp, gloss_en``."""
        where, params = ("WHERE source_id = ?", (source_id,)) if source_id else ("", ())
        return self._frame("turns", 'SELECT source_id, turn, speaker, role, start, "end", body_start, timestamp,'
                           f" gloss_en FROM turns {where} ORDER BY source_id, turn", params)

    def cases(self) -> pd.DataFrame:
        """Cases: ``case_id, unit, role, consent`` (``recorded``, ``refused`` or ``unknown``), ``consent_date,
        consent_scope, provenance``."""
        return self._frame("cases", "SELECT id, unit, role, consent, consent_date, consent_scope, provenance"
                           " FROM cases ORDER BY id")

    def case_attributes(self) -> pd.DataFrame:
        """Case attributes in long form: ``case_id, name, value`` (``unit`` and ``role`` included)."""
        return self._frame("case_attributes", "SELECT id, 'unit', unit FROM cases UNION ALL SELECT id, 'role', role"
                           " FROM cases UNION ALL SELECT case_id, name, value FROM case_attributes ORDER BY 1, 2")

    def case_sources(self) -> pd.DataFrame:
        """Which case owns or appears in which source: ``case_id, source_id``."""
        return self._frame("case_sources", "SELECT case_id, source_id FROM case_sources ORDER BY 1, 2")

    def source_release(self) -> pd.DataFrame:
        """Release status of every source: ``source_id, subjects`` (tuple of informant ids, empty for a source
        without informant), ``release`` (``recorded``, ``refused`` or ``unknown``), ``reason`` (in words).

        A source with informants is ``recorded`` only if every one of them is a case with consent
        ``recorded`` (an informant who is no case counts as ``unknown``); a source without informants
        has its own release status. Fails closed: anything not recorded is withheld.
        """
        consent = dict(self._con.execute("SELECT id, consent FROM cases").fetchall())
        links: dict[str, set[str]] = {}
        for case_id, source_id in self._con.execute("SELECT case_id, source_id FROM case_sources"):
            links.setdefault(source_id, set()).add(case_id)
        rows = []
        for sid, informant, meta, own in self._con.execute(
                "SELECT id, informant_id, metadata, release FROM sources ORDER BY id"):
            subjects = set(links.get(sid, ())) | set(json.loads(meta).get("informant_ids", []))
            subjects |= {informant} if informant else set()
            if subjects:
                states = {i: consent.get(i, "unknown") for i in sorted(subjects)}
                release = combine_states(states.values())
                bad = [f"{i} ({s})" for i, s in states.items() if s != RELEASABLE]
                reason = "consent recorded" if not bad else "consent not recorded for " + ", ".join(bad)
            else:
                release = own or "unknown"
                reason = ("release recorded" if release == RELEASABLE
                          else f"a source without informant whose release is {release}")
            rows.append((sid, tuple(sorted(subjects)), release, reason))
        return pd.DataFrame(rows, columns=list(COLUMNS["source_release"]))

    def releasable_sources(self) -> list[str]:
        """Ids of the sources that may reach an export, report, figure or notebook output (sorted).

        The one filter every output path uses (fails closed; see :meth:`source_release`).
        """
        df = self.source_release()
        return df.loc[df["release"] == RELEASABLE, "source_id"].tolist()

    def withheld_sources(self) -> list[str]:
        """Ids of the sources :meth:`releasable_sources` leaves out (sorted)."""
        df = self.source_release()
        return df.loc[df["release"] != RELEASABLE, "source_id"].tolist()

    def consented_sources(self) -> list[str]:
        """Deprecated name of :meth:`releasable_sources` (kept for one release)."""
        return self.releasable_sources()

    def coders(self) -> pd.DataFrame:
        """Coders: ``coder_id, name, role``."""
        return self._frame("coders", "SELECT id, name, role FROM coders ORDER BY id")

    def assignments(self) -> pd.DataFrame:
        """Assignments: ``coder_id, source_id`` (absent pair = not assigned)."""
        return self._frame("assignments", "SELECT coder_id, source_id FROM assignments ORDER BY 1, 2")

    def codebook_versions(self) -> pd.DataFrame:
        """Codebook versions: ``version, codebook_id, title_en, title_id, framework, provenance, note,
        revisions`` (JSON list of revision dicts), ``created``."""
        return self._frame("codebook_versions", "SELECT version, codebook_id, title_en, title_id, framework,"
                           " provenance, note, revisions, created FROM codebook_versions ORDER BY version")

    def codes(self, version: int | None = None) -> pd.DataFrame:
        """Codes of ``version`` (latest when None): ``code_id, version, position, parent_id, codable`` (bool),
        ``framework_ref, label_en, label_id, definition_en, definition_id, when_to_use, when_not_to_use, example,
        colour, keywords`` (JSON ``{lang: [phrases]}``)."""
        if version is None:
            version = self._con.execute("SELECT max(version) FROM codebook_versions").fetchone()[0] or 0
        df = self._frame("codes", "SELECT * FROM codes WHERE version = ? ORDER BY position", (version,))
        df["codable"] = df["codable"].astype(bool)
        return df

    def codebook(self, version: int | None = None) -> Any:
        """The stored codebook ``version`` (latest when None) as a :class:`~casestudy.records.codebook.Codebook`."""
        from casestudy.records.codebook import Code, Codebook, CodebookRevision

        versions = self.codebook_versions()
        if versions.empty:
            raise StoreError(expectation("codebook", "stored (add_codebook first)", None, "codebook"))
        row = versions.iloc[-1] if version is None else versions[versions["version"] == version].iloc[0]
        rows = self._con.execute("SELECT id, label_en, label_id, parent_id, codable, framework_ref, definition_en,"
                                 " definition_id, when_to_use, when_not_to_use, example, colour, keywords FROM codes"
                                 " WHERE version = ? ORDER BY position", (int(row["version"]),)).fetchall()
        codes = tuple(Code(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6] or "", r[7] or "", r[8] or "", r[9] or "",
                           r[10] or "", r[11],
                           tuple((k, tuple(v)) for k, v in json.loads(r[12]).items())) for r in rows)
        revisions = tuple(CodebookRevision(d["kind"], tuple(d["from_ids"]), tuple(d["to_ids"]), d["reason"])
                          for d in json.loads(row["revisions"]))
        return Codebook(row["codebook_id"], int(row["version"]), row["title_en"], row["title_id"], codes,
                        row["framework"], row["provenance"], row["note"] or "", revisions)

    def codings(self, coder: str | None = None, status: str | None = None, source_id: str | None = None,
                code: str | None = None, event_id: int | None = None) -> pd.DataFrame:
        """Codings, filtered: ``coding_id, source_id, start, end, code_id, codebook_version, coder_id, status,
        origin, flag`` (None, 'reanchored', 'unanchored'), ``text`` (the quote: ``source_text[start:end]``, or
        the original quote of an unanchored coding), ``context_before, context_after`` (40 code points each),
        ``memo`` (the coder's memo on the coding), ``rule`` (what made a suggestion), ``suggestion_id`` (the
        suggestion a coder's decision came from), ``created, event_id``; ordered by source, start, end, code,
        coder."""
        filters = [(c, v) for c, v in (("coder_id", coder), ("status", status), ("source_id", source_id),
                                       ("code_id", code), ("event_id", event_id)) if v is not None]
        where = ("WHERE " + " AND ".join(f"{c} = ?" for c, _ in filters)) if filters else ""
        rows = self._con.execute('SELECT id, source_id, start, "end", code_id, codebook_version, coder_id, status,'
                                 f' origin, flag, quote, memo, rule, suggestion_id, created, event_id FROM codings {where}'
                                 ' ORDER BY source_id, start, "end", code_id, coder_id, id',
                                 tuple(v for _, v in filters)).fetchall()
        texts = {sid: self.source_text(sid) for sid in sorted({r[1] for r in rows})}
        out = []
        for r in rows:
            text, s, e = texts[r[1]], r[2], r[3]
            quote = r[10] if r[10] is not None else text[s:e]
            out.append((*r[:10], quote, text[max(0, s - CONTEXT):s], text[e:e + CONTEXT], *r[11:]))
        df = pd.DataFrame(out, columns=list(COLUMNS["codings"]))
        df["suggestion_id"] = df["suggestion_id"].astype("Int64")
        return df

    def code_source_counts(self, status: str = "accepted") -> pd.DataFrame:
        """Count matrix code x source of codings with ``status`` (index ``code_id``, one column per source)."""
        rows = self._con.execute("SELECT code_id, source_id, count(*) FROM codings WHERE status = ?"
                                 " GROUP BY code_id, source_id", (status,)).fetchall()
        df = pd.DataFrame(rows, columns=["code_id", "source_id", "n"])
        return df.pivot(index="code_id", columns="source_id", values="n").fillna(0).astype(int)

    def memos(self) -> pd.DataFrame:
        """Memos: ``memo_id, target_kind, target_id, author, text, created``."""
        return self._frame("memos", "SELECT id, target_kind, target_id, author, text, created FROM memos ORDER BY id")

    def events(self) -> pd.DataFrame:
        """The event log: ``event_id, time, actor, action, detail`` (JSON with the batch's steps)."""
        return self._frame("events", "SELECT id, time, actor, action, detail FROM events ORDER BY id")

"""The case study database's schema: one list of DDL statements per version.

Version ``n`` of the schema is the result of applying migrations ``1..n``
(:mod:`casestudy.store.migrations`), recorded in ``PRAGMA user_version``.
Offsets (``start``, ``end``) are Unicode code points into a source's canonical
text, end exclusive. Every row created by a write batch carries the batch's
``event_id``, so a batch can be audited and undone. A coding's text is read from its
source's text by offsets; ``codings.quote`` keeps the original quote only for codings
flagged ``unanchored`` after a correction of the source text.

Version 2 names a coding's note ``memo`` (one word for it everywhere), records the
``rule`` that made a suggestion (a keyword phrase, a classifier) and, on a coder's
decision about a suggestion, the ``suggestion_id`` it came from: accepting a
suggestion stores a coding of the accepting coder (origin kept) that points at it.

Examples
--------
>>> SCHEMA_VERSION
5
>>> sorted(TABLES)[:4]
['assignments', 'case_attributes', 'case_sources', 'cases']
"""

from __future__ import annotations

from casestudy import provenance
from casestudy.consent import CONSENT_STATES
from casestudy.speakers import SPEAKER_ROLES

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "TABLES", "SOURCE_TYPES", "PROVENANCES", "STATUSES", "ORIGINS",
           "FLAGS", "MEMO_TARGETS", "CODING_INDEXES", "CONSENT_STATES", "SPEAKER_ROLES"]

SOURCE_TYPES = ("documentation", "archival_records", "interviews", "direct_observation",
                "participant_observation", "physical_artifacts")
#: Provenances a source may carry, generated from :mod:`casestudy.provenance` (the CHECK of version 5).
PROVENANCES = provenance.PROVENANCES
#: The values of schema versions 1-4 (``real`` became ``empirical`` in version 5).
_V1_PROVENANCES = (provenance.PUBLISHED, provenance.ILLUSTRATIVE, provenance.SYNTHETIC, *provenance.RENAMED)
STATUSES = ("suggested", "accepted", "rejected")
ORIGINS = ("manual", "auto", "import", "consensus")
FLAGS = ("reanchored", "unanchored")
MEMO_TARGETS = ("code", "coding", "source", "project", "case")


#: Indexes of ``codings`` (dropped and rebuilt around a bulk load into an empty table).
CODING_INDEXES = (
    'CREATE UNIQUE INDEX codings_unique ON codings (source_id, start, "end", code_id, coder_id, codebook_version)',
    "CREATE INDEX codings_code_source ON codings (code_id, source_id, status)",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    # An OR chain, not ``IN (...)``: SQLite evaluates IN-list CHECKs far more slowly on bulk inserts
    # (measured: 3.4 s more per million codings).
    return "(" + " OR ".join(f"{column} = '{v}'" for v in values) + ")"


_V1 = (
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}')""",
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN "
    "SELECT RAISE(ABORT, 'events are append-only'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN "
    "SELECT RAISE(ABORT, 'events are append-only'); END",
    """CREATE TABLE cases (
        id TEXT PRIMARY KEY, unit TEXT, role TEXT,
        consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
        consent_date TEXT, consent_scope TEXT, provenance TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id))""",
    """CREATE TABLE case_attributes (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE, name TEXT NOT NULL,
        value TEXT, PRIMARY KEY (case_id, name))""",
    f"""CREATE TABLE sources (
        id TEXT PRIMARY KEY, source_type TEXT NOT NULL CHECK ({_one_of('source_type', SOURCE_TYPES)}),
        title TEXT NOT NULL, informant_id TEXT, language TEXT NOT NULL,
        provenance TEXT NOT NULL CHECK ({_one_of('provenance', _V1_PROVENANCES)}),
        file_name TEXT, checksum TEXT, text TEXT NOT NULL, normalisation TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{{}}', event_id INTEGER NOT NULL REFERENCES events(id))""",
    """CREATE TABLE case_sources (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE, PRIMARY KEY (case_id, source_id))""",
    """CREATE TABLE turns (
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE, turn INTEGER NOT NULL,
        speaker TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, body_start INTEGER NOT NULL,
        timestamp TEXT, gloss_en TEXT, PRIMARY KEY (source_id, turn))""",
    """CREATE TABLE coders (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id))""",
    """CREATE TABLE assignments (
        coder_id TEXT NOT NULL REFERENCES coders(id), source_id TEXT NOT NULL REFERENCES sources(id),
        event_id INTEGER NOT NULL REFERENCES events(id), PRIMARY KEY (coder_id, source_id))""",
    """CREATE TABLE codebook_versions (
        version INTEGER PRIMARY KEY, codebook_id TEXT NOT NULL, title_en TEXT NOT NULL, title_id TEXT NOT NULL,
        framework TEXT, provenance TEXT NOT NULL, note TEXT, revisions TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL, event_id INTEGER NOT NULL REFERENCES events(id))""",
    """CREATE TABLE codes (
        id TEXT NOT NULL, version INTEGER NOT NULL REFERENCES codebook_versions(version), position INTEGER NOT NULL,
        parent_id TEXT, codable INTEGER NOT NULL CHECK (codable IN (0, 1)), framework_ref TEXT,
        label_en TEXT NOT NULL, label_id TEXT NOT NULL, definition_en TEXT, definition_id TEXT,
        when_to_use TEXT, when_not_to_use TEXT, example TEXT, colour TEXT, keywords TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (id, version), FOREIGN KEY (parent_id, version) REFERENCES codes(id, version))""",
    f"""CREATE TABLE codings (
        id INTEGER PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources(id),
        start INTEGER NOT NULL CHECK (start >= 0), "end" INTEGER NOT NULL CHECK ("end" > start),
        code_id TEXT NOT NULL, codebook_version INTEGER NOT NULL, coder_id TEXT NOT NULL REFERENCES coders(id),
        status TEXT NOT NULL CHECK ({_one_of('status', STATUSES)}),
        origin TEXT NOT NULL CHECK ({_one_of('origin', ORIGINS)}),
        flag TEXT CHECK (flag IS NULL OR {_one_of('flag', FLAGS)}),
        quote TEXT, note TEXT, created TEXT NOT NULL, event_id INTEGER NOT NULL REFERENCES events(id),
        FOREIGN KEY (code_id, codebook_version) REFERENCES codes(id, version))""",
    *CODING_INDEXES,
    f"""CREATE TABLE memos (
        id INTEGER PRIMARY KEY, target_kind TEXT NOT NULL CHECK ({_one_of('target_kind', MEMO_TARGETS)}),
        target_id TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL, created TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id))""",
)

#: Version 2: a coding's ``note`` becomes ``memo``; suggestions keep their ``rule``; a coder's decision on a
#: suggestion (an accepted or rejected copy credited to that coder) keeps ``suggestion_id``.
_V2 = (
    "ALTER TABLE codings RENAME COLUMN note TO memo",
    "ALTER TABLE codings ADD COLUMN rule TEXT",
    "ALTER TABLE codings ADD COLUMN suggestion_id INTEGER REFERENCES codings(id)",
    "CREATE INDEX codings_suggestion ON codings (suggestion_id)",
)

#: Version 3: an index on a code's parent, which the self-referencing foreign key of ``codes`` checks on every
#: insert (without it a codebook of n codes takes n^2 steps to store: 100,000 flat codes took minutes).
_V3 = ("CREATE INDEX codes_parent ON codes (parent_id, version)",)

#: Version 4 (issue 12): consent is ``recorded``/``refused``/``unknown`` (1 -> recorded, 0 -> unknown: a 0 never
#: said whether consent was refused or simply not recorded, and both are withheld); a source without an
#: informant has its own ``release`` (``unknown`` until recorded; NULL when informants decide); the pseudonym
#: key's fingerprint per source; the declared role of each turn's speaker.
_V4 = (
    f"ALTER TABLE cases ADD COLUMN consent_state TEXT NOT NULL DEFAULT 'unknown'"
    f" CHECK ({_one_of('consent_state', CONSENT_STATES)})",
    "UPDATE cases SET consent_state = CASE consent WHEN 1 THEN 'recorded' ELSE 'unknown' END",
    "ALTER TABLE cases DROP COLUMN consent",
    "ALTER TABLE cases RENAME COLUMN consent_state TO consent",
    f"ALTER TABLE sources ADD COLUMN release TEXT CHECK (release IS NULL OR {_one_of('release', CONSENT_STATES)})",
    "UPDATE sources SET release = 'unknown' WHERE informant_id IS NULL AND coalesce(json_array_length(metadata,"
    " '$.informant_ids'), 0) = 0 AND NOT EXISTS (SELECT 1 FROM case_sources cs WHERE cs.source_id = sources.id)",
    "ALTER TABLE sources ADD COLUMN key_fingerprint TEXT",
    f"ALTER TABLE turns ADD COLUMN role TEXT CHECK (role IS NULL OR {_one_of('role', SPEAKER_ROLES)})",
)


def _renamed(column: str) -> str:
    cases = " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in provenance.RENAMED.items())
    return f"CASE {column} {cases} ELSE {column} END"


_SOURCE_COLUMNS = ("id, source_type, title, informant_id, language, provenance, file_name, checksum, text, "
                   "normalisation, metadata, event_id, release, key_fingerprint")
#: Version 5 (issue 11): provenance ``real`` becomes ``empirical`` and the sources' CHECK is generated from
#: casestudy.provenance. SQLite cannot change a CHECK in place: the table is rebuilt with the columns of
#: version 4 (foreign keys off, which migrations.migrate arranges, so that no cascade fires).
_V5 = (
    f"""CREATE TABLE sources_v5 (
        id TEXT PRIMARY KEY, source_type TEXT NOT NULL CHECK ({_one_of('source_type', SOURCE_TYPES)}),
        title TEXT NOT NULL, informant_id TEXT, language TEXT NOT NULL,
        provenance TEXT NOT NULL CHECK ({_one_of('provenance', PROVENANCES)}),
        file_name TEXT, checksum TEXT, text TEXT NOT NULL, normalisation TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{{}}', event_id INTEGER NOT NULL REFERENCES events(id),
        release TEXT CHECK (release IS NULL OR {_one_of('release', CONSENT_STATES)}), key_fingerprint TEXT)""",
    f"INSERT INTO sources_v5 ({_SOURCE_COLUMNS}) SELECT "
    + _SOURCE_COLUMNS.replace("provenance,", f"{_renamed('provenance')},") + " FROM sources",
    "DROP TABLE sources",
    "ALTER TABLE sources_v5 RENAME TO sources",
    f"UPDATE cases SET provenance = {_renamed('provenance')}",
    f"UPDATE codebook_versions SET provenance = {_renamed('provenance')}",
)

#: Migrations in order; ``MIGRATIONS[n - 1]`` turns schema version ``n - 1`` into ``n``.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = ("events", "cases", "case_attributes", "sources", "case_sources", "turns", "coders", "assignments",
          "codebook_versions", "codes", "codings", "memos")

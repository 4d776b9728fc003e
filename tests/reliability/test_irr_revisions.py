"""Codebook revisions files: applied through the codebook engine; errors name file and line."""

from __future__ import annotations

import pytest

from casestudy.records.codebook import Code, Codebook
from casestudy.errors import CodebookError, DataFileNotFoundError
from casestudy.reliability.revisions import load_revisions, revisions_from_text

BASE = Codebook("demo", 1, "Demo", "Demo", codes=(
    Code("portfolio", "Portfolio", "Portofolio", codable=False, framework_ref="portfolio"),
    Code("a", "A", "A", parent="portfolio", definition_en="old"),
    Code("b", "B", "B", parent="portfolio"),
    Code("c", "C", "C", parent="portfolio")))

TEXT = """codebook: demo
from_version: 1
version: 2
provenance: illustrative
note: after the review
revisions:
  - kind: redefine
    from_ids: [a]
    to_ids: [a]
    reason: boundary with b unclear
    changes: {definition_en: new, when_not_to_use: "b instead"}
  - kind: split
    from_ids: [b]
    to_ids: [b1, b2]
    reason: two ideas
    new_codes:
      b1: {label_en: B one, label_id: B satu}
      b2: {label_en: B two, label_id: B dua}
  - kind: rename
    from_ids: [c]
    to_ids: [c_new]
    reason: clearer id
"""


def test_revisions_make_version_two_with_reasons():
    v2 = revisions_from_text(TEXT, BASE, "rev.yaml")
    assert v2.version == 2 and v2.note == "after the review"
    assert v2.ids() == ("portfolio", "a", "b1", "b2", "c_new")
    assert (v2.code("a").definition_en, v2.code("a").when_not_to_use) == ("new", "b instead")
    assert (v2.code("b1").label_en, v2.code("b1").parent) == ("B one", "portfolio")
    assert [r.kind for r in v2.revisions] == ["redefine", "split", "rename"]
    assert v2.map_code("b") == ("b1", "b2") and v2.map_code("c") == ("c_new",)


@pytest.mark.parametrize("old, new, message", [
    ("version: 2", "version: 3", "rev.yaml, line 3: 'version' must be 2, revising version 1 (got 3)"),
    ("codebook: demo", "codebook: other", "rev.yaml, line 1: 'codebook' must be the id of the revised codebook "
                                          "(demo) (got 'other')"),
    ("note: after", "notes: after", "rev.yaml, line 5: 'notes' must be a known key (one of codebook, from_version, "
                                    "version, provenance, note, revisions) (got 'an unknown key')"),
    ("reason: clearer id", "reason: ''", "rev.yaml, line 19: 'reason' must be the rationale of the revision (got '')"),
    ("from_ids: [c]", "from_ids: [zz]", "rev.yaml: revision rename: 'from_ids' must be codes of version 1 "
                                        "(got 'zz')"),
    ("changes: {definition_en", "changes: {colour_x", "rev.yaml, line 7: 'colour_x' must be a code field (one of "
     "parent, codable, framework_ref, label_en, label_id, definition_en, definition_id, when_to_use, "
     "when_not_to_use, example, colour) (got 'an unknown key')"),
])
def test_bad_revisions_are_one_clear_error(old, new, message):
    with pytest.raises(CodebookError) as exc:
        revisions_from_text(TEXT.replace(old, new), BASE, "rev.yaml")
    assert str(exc.value) == message


def test_missing_file(tmp_path):
    with pytest.raises(DataFileNotFoundError) as exc:
        load_revisions(tmp_path / "none.yaml", BASE)
    assert str(exc.value).startswith("'revisions file' must be an existing file (got ")

"""Codebooks in one language or two, and sibling codes with distinct labels."""

from __future__ import annotations

import pytest

from casestudy.coding.codebook_yaml import codebook_from_text, load_codebook, to_yaml
from casestudy.errors import CodebookError

ENGLISH = """codebook:
  id: library
  version: 1
  title_en: Library service
  languages: [en]
  framework: servqual_1988
codes:
  - {id: responsiveness, label_en: Responsiveness, codable: false, framework_ref: responsiveness}
  - {id: waiting, parent: responsiveness, label_en: Waiting times, framework_ref: responsiveness}
  - {id: staff_help, parent: responsiveness, label_en: Staff help}
"""


def test_monolingual_english_codebook_needs_no_indonesian():
    cb = codebook_from_text(ENGLISH, "library.yaml")
    assert cb.languages == ("en",) and cb.title_id == ""
    assert cb.code("waiting").label("id") == "Waiting times"   # falls back to the label it has
    assert codebook_from_text(to_yaml(cb), "again.yaml") == cb


def test_declared_language_requires_its_labels():
    text = ENGLISH.replace("languages: [en]", "languages: [en, id]")
    with pytest.raises(CodebookError) as err:
        codebook_from_text(text, "library.yaml")
    assert str(err.value) == ("library.yaml, line 8, code 'responsiveness': 'label_id' must be present (the "
                              "codebook's labels are in en, id) (got None)")


def test_unknown_language_is_refused():
    with pytest.raises(CodebookError) as err:
        codebook_from_text(ENGLISH.replace("languages: [en]", "languages: [fr]"), "library.yaml")
    assert str(err.value) == ("library.yaml, line 5: 'languages' must be a list of en and id (the label fields are "
                              "label_en and label_id) (got ['fr'])")


def test_sibling_codes_with_the_same_label_are_refused(tmp_path):
    text = ENGLISH.replace("label_en: Staff help", "label_en: waiting  TIMES")
    (tmp_path / "library.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        load_codebook(tmp_path / "library.yaml")
    assert str(err.value).endswith("library.yaml, line 10, code 'staff_help': 'label_en' must be unique among sibling "
                              "codes under 'responsiveness' (code 'waiting' has it) (got 'waiting  TIMES')")
    other_parent = ENGLISH + "  - {id: tangibles, label_en: Tangibles, codable: false}\n" \
                             "  - {id: waiting_room, parent: tangibles, label_en: Waiting times}\n"
    assert len(codebook_from_text(other_parent, "library.yaml").codes) == 5   # same label, other parent: fine


def test_framework_refs_follow_the_codebook_framework():
    with pytest.raises(CodebookError) as err:
        codebook_from_text(ENGLISH.replace("framework_ref: responsiveness}\n  - {id: staff",
                                           "framework_ref: portfolio}\n  - {id: staff"), "library.yaml")
    assert "'framework_ref' must be an id of SERVQUAL (Parasuraman, Zeithaml and Berry 1988) (got 'portfolio')" \
        in str(err.value)
    with pytest.raises(CodebookError) as err:
        codebook_from_text(ENGLISH.replace("framework: servqual_1988", "framework: none"), "library.yaml")
    assert "'framework_ref' must be empty (the codebook names no framework) (got 'responsiveness')" in str(err.value)

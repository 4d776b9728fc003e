"""Codebook: the shipped Buttle codebook, validation errors with file and line, YAML round trip, revisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from casestudy import paths
from casestudy.records.codebook import Code, Codebook, CodebookRevision
from casestudy.coding.codebook_yaml import codebook_from_text, load_codebook, to_yaml
from casestudy.errors import CodebookError
from casestudy.framework import BUTTLE_2004

GOOD = """codebook:
  id: demo
  version: 1
  title_en: Demo
  title_id: Demo
codes:
  - id: portfolio
    codable: false
    framework_ref: portfolio
    label_en: Portfolio
    label_id: Portofolio
  - id: portfolio_pricing
    parent: portfolio
    label_en: Pricing
    label_id: Harga
    colour: "#E69F00"
    keywords: {id: [harga], en: [price]}
"""


def test_shipped_codebook_matches_the_framework() -> None:
    cb = load_codebook(paths.codebooks_dir() / "buttle_crm.yaml")
    assert (cb.id, cb.version, cb.provenance) == ("buttle_crm", 1, "illustrative")
    refs = {c.framework_ref for c in cb.codes if c.framework_ref}
    assert {s.id for s in BUTTLE_2004.stages} <= refs
    assert {a.id for a in BUTTLE_2004.value_aspects} <= refs
    assert {e.id for s in BUTTLE_2004.stages for e in s.elements} <= refs
    for c in cb.codes:  # framework codes carry the framework's id and sit under their stage
        if c.framework_ref and c.framework_ref in {s.id for s in BUTTLE_2004.stages}:
            assert c.parent is None and not c.codable
        if c.framework_ref:
            assert c.id == c.framework_ref
    assert codebook_from_text(to_yaml(cb)) == cb


@pytest.mark.parametrize("old, new, message", [
    ("  - id: portfolio_pricing\n", "  - id: portfolio\n",
     "demo.yaml, line 12, code 'portfolio': 'id' must be unique (got 'portfolio')"),
    ("    codable: false\n", "    codable: false\n    parent: portfolio_pricing\n",
     "demo.yaml, line 7, code 'portfolio': 'parent' must be a code that is not its own ancestor (no cycles) "
     "(got 'portfolio -> portfolio_pricing -> portfolio')"),
    ('colour: "#E69F00"', 'colour: "orange"',
     "demo.yaml, line 16, code 'portfolio_pricing': 'colour' must be a colour '#rrggbb' (got 'orange')"),
    ("    label_id: Harga\n", "    label_id: Harga\n    lable_en: x\n",
     "demo.yaml, line 16: 'lable_en' must be a known key (one of id, parent, codable, framework_ref, label_en, "
     "label_id, definition_en, definition_id, when_to_use, when_not_to_use, example, colour, keywords) "
     "(got 'an unknown key')"),
    ("    framework_ref: portfolio\n", "    framework_ref: portfolio_x\n",
     "demo.yaml, line 7, code 'portfolio': 'framework_ref' must be an id of Buttle 2004 "
     "(got 'portfolio_x')"),
    ("    label_en: Pricing\n", "    label_en: Pricing\n    label_en: Price\n",
     "demo.yaml, line 15: 'label_en' must be given once (got 'a repeated key')"),
    ("    label_en: Portfolio\n", "", "demo.yaml, line 7, code 'portfolio': 'label_en' must be present (the codebook's labels are in en, id) (got None)"),
    ("codes:\n", "codes: [\n", "demo.yaml, line 7: 'file' must be valid YAML (got \"expected the node content, but found '-'\")"),
])
def test_bad_codebook_one_error_naming_line_and_code(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(CodebookError) as err:
        codebook_from_text(GOOD.replace(old, new, 1), "demo.yaml")
    assert str(err.value) == message


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CodebookError) as err:
        load_codebook(tmp_path / "none.yaml")
    assert str(err.value) == "none.yaml: 'path' must be an existing codebook file (got 'none.yaml')"


def test_revisions_rename_merge_split() -> None:
    cb = codebook_from_text(GOOD)
    extra = (Code("price_level", "Price level", "Tingkat harga", parent="portfolio"),
             Code("price_terms", "Price terms", "Syarat harga", parent="portfolio"))
    v2 = cb.revise([CodebookRevision("split", ("portfolio_pricing",), ("price_level", "price_terms"), "two ideas")],
                   new_codes=extra)
    assert (v2.version, v2.ids()) == (2, ("portfolio", "price_level", "price_terms"))
    assert v2.map_code("portfolio_pricing") == ("price_level", "price_terms")
    v3 = v2.revise([CodebookRevision("merge", ("price_level", "price_terms"), ("price_level",), "too fine")])
    assert (v3.ids(), v3.map_code("price_terms")) == (("portfolio", "price_level"), ("price_level",))
    assert codebook_from_text(to_yaml(v3)) == v3
    with pytest.raises(CodebookError) as err:
        cb.revise([CodebookRevision("add", (), ("new_code",), "")])
    assert str(err.value) == "revision add: 'new_codes' must be a Code for every new id (got 'new_code')"


def test_codebook_model_checks() -> None:
    with pytest.raises(CodebookError) as err:
        Codebook("demo", 0, "D", "D")
    assert str(err.value) == "codebook 'demo': 'version' must be a positive integer (got 0)"
    with pytest.raises(CodebookError) as err:
        Code("x", "X", "X", keywords=(("id", ("",)),))
    assert str(err.value) == "code 'x': 'keywords' must be a mapping language -> list of non-empty phrases (got ('id', ('',)))"

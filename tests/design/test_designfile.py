"""The design file: round trip, checksums, and one clear error per kind of bad file."""

from __future__ import annotations

import pytest

from casestudy.design.designfile import (
    dump_design, dumps_design, load_design, loads_design, refresh_checksums, verify_checksums, with_checksums,
)
from casestudy.errors import DataFileNotFoundError, DataIntegrityError, DesignError


def test_round_trip_gives_an_equal_design(mini, pt_xyz, tmp_path):
    for design in (mini, pt_xyz):
        path = dump_design(design, tmp_path / f"{design.id}.yaml")
        again = load_design(path, verify=False)
        assert again == design
        assert dumps_design(again) == path.read_text(encoding="utf-8")


BAD = {
    "missing field": (
        ("    form: why\n", ""),
        "mini.yaml, line 8: 'questions[0].form' must be given (got nothing)"),
    "wrong type": (
        ("    causal: true\n", "    causal: yes please\n"),
        "mini.yaml, line 16: 'propositions[0].causal' must be true or false (got 'yes please')"),
    "wrong type (list)": (
        ("    questions: [q1]\n", "    questions: q1\n"),
        "mini.yaml, line 17: 'propositions[0].questions' must be a list (got 'q1')"),
    "unknown key": (
        ("    form: why\n", "    form: why\n    colour: red\n"),
        "mini.yaml, line 11: 'questions[0].colour' must be a known key (one of id, text, form, original, source)"
        " (got 'colour')"),
    "dangling reference": (
        ("    bears_on: [q1]\n    builds_on", "    bears_on: [q9]\n    builds_on"),
        "mini.yaml, line 66: 'findings[1].bears_on[0]' must be the id of a study question or proposition (got 'q9')"),
    "dangling source": (
        ("{source: int_a, quote: gamma}", "{source: int_b, quote: gamma}"),
        "mini.yaml, line 69: 'findings[1].evidence[0].source' must be the id of a registered source (got 'int_b')"),
    "duplicate id in a finding": (
        ("      - id: e5\n", "      - id: e3\n"),
        "mini.yaml, line 71: 'findings[1].evidence[1].id' must be unique (got 'e3')"),
    "duplicate id across the design": (
        ("      - id: e5\n", "      - id: e1\n"),
        "mini.yaml, line 71: 'findings[1].evidence[1].id' must be unique in the design (got 'e1')"),
    "cyclic link": (
        ("    bears_on: [p1]\n    evidence:", "    bears_on: [p1]\n    builds_on: [f2]\n    evidence:"),
        "mini.yaml, line 68: 'findings[1].builds_on[0]' must be a link that makes no cycle (got 'f1 -> f2 -> f1')"),
    "value out of domain": (
        ("form: why", "form: when"),
        "mini.yaml, line 10: 'questions[0].form' must be one of how, why, what, who, where, how_many, how_much"
        " (got 'when')"),
    "bad selector": (
        ("{source: int_a, quote: gamma}", "{source: int_a, text: gamma}"),
        "mini.yaml, line 70: 'findings[1].evidence[0].selector' must be a quote, segment or table selector (a mapping"
        " with one of quote, code, table) (got {'source': 'int_a', 'text': 'gamma'})"),
    "duplicate key": (
        ("    form: why\n", "    form: why\n    form: how\n"),
        "mini.yaml, line 11: 'questions[0].form' must be given once (no duplicate keys) (got 'form')"),
    "typed verdict": (
        ("    verdict: untested\n    reasoning: Cannot tell.\n", "    verdict: not_rejected\n    reasoning: Cannot tell.\n"),
        "mini.yaml, line 96: 'rivals[1].verdict' must be untested unless rules decide it (a verdict is computed "
        "from declared rules and the data, never typed) (got 'not_rejected')"),
    "typed verdict beside rules": (
        ("    otherwise: not_rejected\n", "    otherwise: not_rejected\n    verdict: rejected\n"),
        "mini.yaml, line 87: 'rivals[0].verdict' must be absent when rules decide the verdict (it is computed from "
        "the rules and the data) (got 'rejected')"),
    "rule that cannot depend on the data": (
        ('        when: {p_value: "< 0.05"}\n', '        when: {p_value: "<= 1"}\n'),
        "mini.yaml, line 83: 'rivals[0].rules[0].when.p_value' must be a condition the data can make true or false "
        "(got '<= 1')"),
    "rules that all give the otherwise verdict": (
        ("        then: rejected\n", "        then: not_rejected\n"),
        "mini.yaml, line 80: 'rivals[0].rules' must be rules whose verdicts can differ from otherwise (not_rejected), "
        "so that the verdict can depend on the data (got ['not_rejected'])"),
    "pattern that no data could confirm": (
        ("        then: rejected\n", "        then: supported\n"),
        "mini.yaml, line 18: 'propositions[0].rule_out[0]' must be a rival whose decision rules can reject it (else "
        "the pattern could never be confirmed, whatever the data) (got 'r1')"),
    "malformed YAML": (
        ("  - id: q1\n", "  - id: q1\n   bad: [\n"),
        "mini.yaml, line 9: '<design>' must be well-formed YAML (got \"expected <block end>, but found "
        "'<block mapping start>'\")"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_give_one_clear_error(mini_text, case):
    (old, new), message = BAD[case]
    assert old in mini_text
    with pytest.raises(DesignError) as err:
        loads_design(mini_text.replace(old, new, 1), name="mini.yaml")
    assert str(err.value) == message


def test_empty_file():
    with pytest.raises(DesignError, match=r"^e.yaml, line 1: '<design>' must be a mapping \(the design\) "
                                          r"\(got 'an empty file'\)$"):
        loads_design("", name="e.yaml")


def test_checksums_are_verified_with_line(pt_xyz, tmp_path):
    text = open("data/design/pt_xyz.yaml", encoding="utf-8").read()
    good = pt_xyz.source("int_inf03").sha256
    bad_text = text.replace(good, "f" * 64)
    with pytest.raises(DataIntegrityError) as err:
        loads_design(bad_text, name="pt_xyz.yaml", verify=True, root="data/design")
    line = bad_text[: bad_text.index("f" * 64)].count("\n") + 1
    assert str(err.value) == (f"pt_xyz.yaml, line {line}: 'sources[2].sha256' must be the SHA-256 of "
                              f"../corpus/transcripts/inf03.md, {good} (got '{'f' * 64}')")
    assert refresh_checksums(bad_text, name="pt_xyz.yaml", root="data/design") == text


def test_missing_source_file(mini, tmp_path):
    from dataclasses import replace
    d = replace(mini, sources=(replace(mini.sources[0], file="data/nowhere.md", sha256="0" * 64), *mini.sources[1:]))
    with pytest.raises(DataFileNotFoundError, match=r"^mini: 'sources\[0\].file' must be an existing file "
                                                    r"\(got 'data/nowhere.md'\)$"):
        verify_checksums(d, root=tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "nowhere.md").write_text("x", encoding="utf-8")
    fixed = with_checksums(d, root=tmp_path)
    assert fixed.sources[0].sha256 == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
    verify_checksums(fixed, root=tmp_path)


def test_pt_xyz_checksums_are_current():
    load_design("data/design/pt_xyz.yaml", verify=True)

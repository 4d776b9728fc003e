"""Frameworks as data: the shipped YAML files, the schema's errors, and designs that name them."""

from __future__ import annotations

import pytest

from casestudy.cli import main
from casestudy.design.designfile import loads_design
from casestudy.design.yin_editions import YIN_EDITIONS
from casestudy.errors import DesignError, FrameworkError
from casestudy.framework import BUTTLE_2004
from casestudy.framework.framework_yaml import (
    SHIPPED_FRAMEWORKS, framework_from_text, framework_to_yaml, load_framework, shipped_framework_text,
)
from casestudy.framework.model import framework_from_crm


def test_buttle_yaml_is_generated_from_the_master_copy():
    generic = framework_from_crm(BUTTLE_2004)
    assert load_framework("buttle_2004") == generic
    text = shipped_framework_text("buttle_2004")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    assert text == framework_to_yaml(generic, header), "regenerate casestudy/framework/data/buttle_2004.yaml"
    assert set(generic.ids()) == set(BUTTLE_2004.ids())
    assert all(generic.stage_of(i) == BUTTLE_2004.stage_of(i) for i in BUTTLE_2004.ids())


def test_servqual_has_five_parallel_dimensions_and_its_citation():
    fw = load_framework("servqual_1988")
    assert fw.stage_ids() == ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
    assert fw.sequence is False and fw.languages == ("en",)
    assert "Parasuraman" in fw.citation and "1988" in fw.citation and "Journal of Retailing" in fw.citation
    assert fw.stage_of("empathy_access") == "empathy"
    assert fw.stage("tangibles").label("id") == "Tangibles"   # falls back to the framework's own language


def test_every_shipped_framework_round_trips():
    for name in SHIPPED_FRAMEWORKS:
        fw = load_framework(name)
        assert framework_from_text(framework_to_yaml(fw), "x.yaml") == fw


@pytest.mark.parametrize("text, message", [
    ("framework: {id: x, title: X, citation: C}\nstages: []\n",
     "x.yaml, line 1: framework 'x': 'stages' must be at least one stage (got ())"),
    ("framework: {id: x, title: X}\nstages: [{id: a, name: A}]\n",
     "x.yaml, line 1: 'citation' must be present in 'framework' (got None)"),
    ("framework: {id: x, title: X, citation: C}\nstages:\n  - {id: a, name: A}\n  - {id: a, name: B}\n",
     "x.yaml, line 1: framework 'x': 'id' must be unique across the framework (got 'a')"),
    ("framework: {id: x, title: X, citation: C}\nstages:\n  - {id: a}\n",
     "x.yaml, line 3: 'name' must be given (got None)"),
    ("framework: {id: x, title: X, citation: C, colour: red}\nstages: []\n",
     "x.yaml, line 1: 'colour' must be a known key (one of id, title, citation, sequence, languages) (got 'colour')"),
])
def test_schema_errors_name_file_line_and_field(text, message):
    with pytest.raises(FrameworkError) as err:
        framework_from_text(text, "x.yaml")
    assert str(err.value) == message


def _design(mini_text: str, framework: str, edition: str = "2018") -> str:
    text = mini_text.replace('yin_edition: "2009"', f'yin_edition: "{edition}"')
    return text.replace("framework: buttle_2004", f"framework: {framework}")


def test_yin_2018_and_servqual_design(mini_text):
    text = _design(mini_text, "servqual_1988").replace("stage: intimacy", "stage: empathy").replace(
        "stage: value", "stage: reliability")
    d = loads_design(text, "study.yaml")
    assert d.yin.edition == "6th" and d.component_names[2] == "the case"
    assert d.framework.id == "servqual_1988"
    with pytest.raises(DesignError) as err:
        loads_design(_design(mini_text, "servqual_1988"), "study.yaml")
    assert "'findings[0].stage' must be the id of a stage of SERVQUAL (Parasuraman, Zeithaml and Berry 1988) " \
           "(got 'intimacy')" in str(err.value)
    assert str(err.value).startswith("study.yaml, line ")


def test_framework_file_relative_to_the_design_file(mini_text, tmp_path):
    (tmp_path / "theory").mkdir()
    (tmp_path / "theory" / "mine.yaml").write_text(
        "framework: {id: mine, title: My frame, citation: Me 2024}\nstages:\n  - {id: access, name: {en: Access}}\n"
        "  - {id: trust, name: {en: Trust}}\n", encoding="utf-8")
    text = _design(mini_text, "theory/mine.yaml").replace("stage: intimacy", "stage: access").replace(
        "stage: value", "stage: trust")
    d = loads_design(text, "study.yaml", root=tmp_path)
    assert d.framework.stage_ids() == ("access", "trust")
    with pytest.raises(DesignError, match=r"^study.yaml, line \d+: 'theory.framework': 'framework' must be an "
                                          r"existing framework file \(got 'theory/mine.yaml'\)$"):
        loads_design(text, "study.yaml", root=tmp_path / "theory")


def test_no_framework_means_no_stages(mini_text):
    text = _design(mini_text, "none")
    with pytest.raises(DesignError, match=r"'findings\[0\].stage' must be the id of a stage \(the design names no "
                                          r"framework: leave it empty\) \(got 'intimacy'\)"):
        loads_design(text, "study.yaml")
    d = loads_design(text.replace("    stage: intimacy\n", "").replace("    stage: value\n", ""), "study.yaml")
    assert d.framework is None and d.findings[0].stage == ""


def test_unknown_framework_name(mini_text):
    with pytest.raises(DesignError, match=r"'theory.framework' must be one of buttle_2004, servqual_1988, none or a "
                                          r"framework .yaml file \(got 'servqual'\)"):
        loads_design(_design(mini_text, "servqual"), "study.yaml")


def test_yin_editions_as_data():
    assert list(YIN_EDITIONS) == ["2009", "2012", "2014", "2018"]
    assert YIN_EDITIONS["2018"].title == "Case Study Research and Applications: Design and Methods"
    assert all(len(e.component_names) == 5 and e.differences for e in YIN_EDITIONS.values())


def test_design_check_cli_accepts_2018_and_servqual(mini_text, tmp_path, capsys):
    text = _design(mini_text, "servqual_1988").replace("stage: intimacy", "stage: empathy").replace(
        "stage: value", "stage: reliability")
    p = tmp_path / "study.yaml"
    p.write_text(text, encoding="utf-8")
    assert main(["design", "check", str(p)]) == 0
    assert capsys.readouterr().out.startswith("Mini (mini): Type 2: single-case, embedded")

"""COREQ: 32 items, answered only from the design (or the database), otherwise open."""

from dataclasses import replace

from casestudy.design.designfile import load_design
from casestudy.present.coreq import COREQ_ITEMS, coreq_checklist


def test_items_and_domains():
    assert [i.number for i in COREQ_ITEMS] == list(range(1, 33))
    assert [sum(i.domain == d for i in COREQ_ITEMS) for d in dict.fromkeys(i.domain for i in COREQ_ITEMS)] == [8, 15, 9]


def test_filled_from_the_design_and_open_elsewhere():
    d = load_design("data/design/pt_xyz.yaml", verify=False)
    c = coreq_checklist(d, coders=["coder_a", "coder_b"], n_codes=61).set_index("number")
    assert c.loc[12, "answer"].startswith("9 informants in 5 embedded units")
    assert c.loc[24, "answer"] == "2 coders (coder_a, coder_b)" and c.loc[24, "provenance"] == "illustrative"
    assert c.loc[10, "basis"] == "design: cases[].selection"
    assert set(c.loc[[1, 2, 3, 4, 5, 21, 22], "status"]) == {"open"}
    assert (c.loc[c["status"] == "open", "answer"] == "").all()
    # the checklist follows the design: without a case selection, item 10 is open
    cases = tuple(replace(x, selection="") for x in d.cases)
    assert coreq_checklist(replace(d, cases=cases)).set_index("number").loc[10, "status"] == "open"

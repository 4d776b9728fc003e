"""From the command line alone: a new user codes three transcripts with two coders and checks their agreement.

In an empty temporary folder: import three transcripts, record coder A's codings by
offsets and coder B's by quotes, let the keyword lexicon suggest codes and accept
some as each coder, undo one step (after being told which later step depends on
another), rename a code (codings carried), and run ``casestudy irr --db`` on exactly
the two human coders. Every step is a ``casestudy`` command; nothing is done in Python
but reading what the commands print.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from casestudy.cli import main

TIME = ("--time", "2025-03-01T09:00:00+00:00")
CODEBOOK = """\
codebook: {id: library_service, version: 1, title_en: Library service, languages: [en]}
codes:
  - {id: service, label_en: Service, codable: false}
  - {id: opening_hours, parent: service, label_en: Opening hours, keywords: {en: [opening hours, open late]}}
  - {id: staff_help, parent: service, label_en: Help from staff, keywords: {en: [librarian, staff]}}
  - {id: waiting, parent: service, label_en: Waiting, keywords: {en: [queue, wait]}}
"""
INTERVIEWS = {
    "ana": ("When do you come to the library?",
            "Mostly after work, so the opening hours matter. I wish it were open late on Fridays.",
            "And the staff?",
            "The librarian at the desk always helps me find books. The queue at the desk can be long."),
    "budi": ("What brings you here?",
             "The staff know me. A librarian found an old map for my school project.",
             "Anything you would change?",
             "I wait too long for the computers; there is a queue every afternoon."),
    "citra": ("How was your first visit?",
              "Confusing. The opening hours on the website were wrong, the door was shut.",
              "Did anyone help?",
              "Yes, a staff member explained the catalogue. Friendly, no wait at all."),
}


def _write_study(folder: Path) -> list[str]:
    (folder / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (folder / "consent.csv").write_text("informant,consent_recorded,consent_date,scope\n"
                                        + "".join(f"{n},true,2025-02-01,analysis and publication\n"
                                                  for n in INTERVIEWS), encoding="utf-8")
    files = []
    for name, (q1, a1, q2, a2) in INTERVIEWS.items():
        path = folder / f"{name}.md"
        speaker = name.capitalize()
        path.write_text(f"---\nsource_id: int_{name}\ninformant: {name}\nlanguage: en\n"
                        f"source_type: interviews\nspeakers:\n  Interviewer: interviewer\n  {speaker}: informant\n---\n"
                        f"Interviewer: {q1}\n\n{speaker}: {a1}\n\nInterviewer: {q2}\n\n{speaker}: {a2}\n",
                        encoding="utf-8")
        files.append(path.name)
    return files


def cli(capsys: pytest.CaptureFixture[str], *argv: str, status: int = 0) -> str:
    got = main(list(argv))
    out = capsys.readouterr()
    assert got == status, out.err
    assert "Traceback" not in out.err
    return out.out if status == 0 else out.err


def test_a_new_user_codes_reviews_and_checks_agreement_from_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TQDM_DISABLE", "1")
    files = _write_study(tmp_path)
    db = "study.sqlite"
    cli(capsys, "transcripts", "import", *files, "--db", db, "--consent", "consent.csv", *TIME)

    # Coder A works in a tool that gives offsets: code points into the stored text (as `codings export` writes).
    con = sqlite3.connect(db)
    texts = dict(con.execute("SELECT id, text FROM sources"))
    con.close()
    rows = []
    for sid, quote, code in [("int_ana", "opening hours matter", "opening_hours"),
                             ("int_ana", "The librarian at the desk always helps me find books", "staff_help"),
                             ("int_budi", "A librarian found an old map", "staff_help"),
                             ("int_budi", "I wait too long for the computers", "waiting"),
                             ("int_citra", "The opening hours on the website were wrong", "opening_hours")]:
        start = texts[sid].index(quote)
        rows.append(f"{sid},{code},{start},{start + len(quote)}\n")
    (tmp_path / "coder_a.csv").write_text("source,code,start,end\n" + "".join(rows), encoding="utf-8")
    out = cli(capsys, "codings", "import", "coder_a.csv", "--db", db, "--coder", "coder_a", "--codebook",
              "codebook.yaml", *TIME)
    assert out.startswith("imported 5 coding(s) of coder_a from coder_a.csv into study.sqlite")

    # Coder B copies quotes from the transcripts; one quote occurs twice, and the error says where.
    (tmp_path / "coder_b.csv").write_text(
        "source,code,quote,memo\n"
        "int_ana,opening_hours,the opening hours matter,\n"
        "int_ana,waiting,the desk,long queues\n", encoding="utf-8")
    err = cli(capsys, "codings", "import", "coder_b.csv", "--db", db, "--coder", "coder_b", *TIME, status=2)
    assert err.startswith("casestudy: error: coder_b.csv, line 3: 'quote' must be text found once in source "
                          "int_ana, or pinned by an occurrence or a context column (found 2 times: occurrence 1 at "
                          "text line 7, occurrence 2 at text line 7)")
    (tmp_path / "coder_b.csv").write_text(
        "source,code,quote,context,memo\n"
        "int_ana,opening_hours,the opening hours matter,,\n"
        "int_ana,waiting,The queue at the desk can be long.,,long queues\n"
        "int_budi,staff_help,The staff know me.,,\n"
        "int_budi,waiting,there is a queue every afternoon,,\n"
        "int_citra,opening_hours,opening hours,The opening hours on the website,\n"
        "int_citra,staff_help,a staff member explained the catalogue,,\n", encoding="utf-8")
    out = cli(capsys, "codings", "import", "coder_b.csv", "--db", db, "--coder", "coder_b", *TIME)
    assert out.startswith("imported 6 coding(s) of coder_b")

    # Suggestions, never in the interviewer's turns; each coder decides independently.
    out = cli(capsys, "autocode", "--db", db, *TIME)
    autocode_event = int(re.search(r"event (\d+)", out).group(1))
    listing = cli(capsys, "suggestions", "list", "--db", db, "--coder", "coder_a")
    ids = [int(line.split()[0]) for line in listing.splitlines()[1:-1]]
    assert ids and "Interviewer" not in listing
    out = cli(capsys, "suggestions", "accept", *map(str, ids[:2]), "--db", db, "--coder", "coder_a", *TIME)
    accept_a = int(re.search(r"event (\d+)", out).group(1))
    out = cli(capsys, "suggestions", "accept", "--db", db, "--coder", "coder_b", "--code", "waiting", *TIME)
    accept_b = int(re.search(r"event (\d+)", out).group(1))
    cli(capsys, "suggestions", "reject", "--db", db, "--coder", "coder_b", "--rule", "keyword", "--all", *TIME)

    # Undo: the suggestions cannot go while decisions on them stand; the message names what to undo first.
    err = cli(capsys, "undo", str(autocode_event), "--db", db, *TIME, status=2)
    assert f"undo event {accept_a} first" in err and err.count("\n") == 1
    cli(capsys, "undo", str(accept_b), "--db", db, *TIME)

    # A code renamed: a new codebook version, codings carried to it.
    out = cli(capsys, "codes", "rename", "waiting", "queueing", "--label", "Queueing", "--db", db, "--reason",
              "what informants describe", *TIME)
    assert "renamed waiting -> queueing" in out

    out = cli(capsys, "irr", "--db", db, "--n-boot", "200")
    assert out.startswith("Intercoder reliability: 2 coders (coder_a, coder_b), unit = turn")
    assert "autocoder" not in out.split("\n")[0]
    shares = [line for line in out.splitlines() if line.startswith("Accepted codings that came from")][0]
    assert shares.startswith("Accepted codings that came from accepted suggestions: coder_a 2 of 7")
    assert "coder_b 0 of 6" in shares
    assert "queueing" in out and "waiting" not in out.split("Notes:")[0]
    out = cli(capsys, "irr", "--db", db, "--n-boot", "50", "--include-auto")
    assert out.startswith("Intercoder reliability: 3 coders (autocoder, coder_a, coder_b)")

    log = cli(capsys, "events", "--db", db)
    assert re.search(rf"^\s*{accept_b} .*accept_suggestions\s+undone$", log, flags=re.M)

"""Issue 12: material of a source whose release is not recorded reaches an output only when asked for by
name (``--all-informants``, ``include_withheld=True``), and then the output says so: on stderr, and in the
output itself (the report's first line, the ``.qdpx`` project description, a printed table's first line,
a CSV's sidecar ``.README``; never a first line inside a CSV, which would break ``codings import``).

The study is the library example (tests/fixtures/library_study) with Cara's consent not recorded.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from casestudy.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "library_study"
CARA = "the confirmation often does not come"          # a sentence of the withheld interview (int_cara.vtt)
NOTICE = "INCLUDES 1 source(s) without recorded consent (--all-informants): not for release: int_cara"
T = "--time=2024-01-01T00:00:00+00:00"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, (argv, err)
    return out, err


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("withheld")
    for name in ("codebook.yaml", "design.yaml", "coder_a.csv", "coder_b.csv"):
        shutil.copy(FIXTURE / name, folder / name)
    (folder / "transcripts").mkdir()
    for name in ("ann.md", "ben.txt", "int_cara.vtt"):
        shutil.copy(FIXTURE / "transcripts" / name, folder / "transcripts" / name)
    consent = (FIXTURE / "consent.csv").read_text(encoding="utf-8").replace("cara,yes,2024-03-02", "cara,no,")
    (folder / "consent.csv").write_text(consent, encoding="utf-8")
    db = str(folder / "study.sqlite")
    t = folder / "transcripts"
    assert main(["transcripts", "import", str(t / "ann.md"), str(t / "ben.txt"), "--db", db, "--consent",
                 str(folder / "consent.csv"), T]) == 0
    assert main(["transcripts", "import", str(t / "int_cara.vtt"), "--db", db, "--language", "en", "--informant",
                 "cara", "--consent", str(folder / "consent.csv"), T]) == 0
    for coder in ("coder_a", "coder_b"):
        assert main(["codings", "import", str(folder / f"{coder}.csv"), "--db", db, "--coder", coder, "--codebook",
                     str(folder / "codebook.yaml"), T]) == 0
    assert main(["design", "checksums", str(folder / "design.yaml")]) == 0
    return folder


def _outputs(study: Path, capsys: pytest.CaptureFixture[str], tag: str, *extra: str) -> dict[str, tuple[str, str]]:
    """Every output that can carry quotes, as (what was written or printed, stderr)."""
    db, out = str(study / "study.sqlite"), study / tag
    out.mkdir(exist_ok=True)
    got: dict[str, tuple[str, str]] = {}

    def written(name: str, *argv: str, path: Path | None = None) -> None:
        printed, err = run(capsys, *argv, *extra)
        got[name] = ((path.read_text(encoding="utf-8") if path is not None else printed), err)

    written("codings export", "codings", "export", "--db", db, "-o", str(out / "codings.csv"),
            path=out / "codings.csv")
    written("query kwic", "query", "kwic", "confirmation", "--db", db)
    written("query kwic -o", "query", "kwic", "confirmation", "--db", db, "-o", str(out / "kwic.csv"),
            path=out / "kwic.csv")
    written("query segments", "query", "segments", "--db", db, "--coder", "coder_a", "-o", str(out / "seg.csv"),
            path=out / "seg.csv")
    written("query cooccurrence", "query", "cooccurrence", "--db", db, "--coder", "coder_a")
    written("query matrix", "query", "matrix", "--by", "informant", "--db", db, "--coder", "coder_a")
    written("irr --disagreements", "irr", "--db", db, "--n-boot", "20", "--disagreements", str(out / "dis.csv"),
            path=out / "dis.csv")
    written("report", "report", "--db", db, "--design", str(study / "design.yaml"), "-o", str(out / "r.html"),
            "--n-boot", "20", path=out / "r.html")
    printed, err = run(capsys, "qdpx", "export", "--db", db, "-o", str(out / "p.qdpx"), *extra)
    with zipfile.ZipFile(out / "p.qdpx") as z:  # project.qde first, then the sources' texts
        got["qdpx export"] = ("\n".join(z.read(n).decode("utf-8") for n in sorted(z.namelist())), err)
    return got


def test_without_all_informants_nothing_withheld_appears(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    got = _outputs(study, capsys, "plain")
    assert {name for name, (text, _) in got.items() if CARA in text or "Cara:" in text or "cara" in text.split()
            or ("int_cara" in text and name != "report")} == set()
    assert "Left out of this report: 1 source(s) without recorded consent (int_cara)" in got["report"][0]
    assert not list((study / "plain").glob("*.README"))
    assert {name for name, (text, err) in got.items() if "INCLUDES" in text + err} == set()


def test_with_all_informants_the_material_comes_with_the_notice(study: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    got = _outputs(study, capsys, "all", "--all-informants")
    quoting = ("codings export", "query kwic", "query kwic -o", "query segments", "irr --disagreements", "report",
               "qdpx export")
    assert {name for name in quoting if CARA not in got[name][0] and "int_cara" not in got[name][0]} == set()
    assert CARA in got["report"][0] and CARA in got["qdpx export"][0]
    assert {name for name, (_, err) in got.items() if NOTICE not in err} == set()  # stderr, every command
    # in the output itself: printed tables begin with it, CSVs have it beside them, the report's body begins with it
    for name in ("query kwic", "query cooccurrence", "query matrix"):
        assert got[name][0].splitlines()[0] == f"# {NOTICE}", name
    for csv in ("codings.csv", "kwic.csv", "seg.csv", "dis.csv"):
        assert (study / "all" / f"{csv}.README").read_text(encoding="utf-8").startswith(f"{csv}: INCLUDES 1 "), csv
    body = got["report"][0].split("<body>\n", 1)[1]
    assert body.splitlines()[0] == f'<p class="missing-note withheld-notice" role="alert">{NOTICE}</p>'
    assert "INCLUDES 1 source(s) without recorded consent" in got["qdpx export"][0].split("<Description>", 1)[1]
    # the CSV stays a CSV that our own codings import reads back
    assert "int_cara" in set(pd.read_csv(study / "all" / "codings.csv")["source"])
    assert list(pd.read_csv(study / "all" / "kwic.csv").columns)[0] == "source_id"
    copy, mine = study / "all" / "copy.sqlite", study / "all" / "coder_a.csv"
    shutil.copy(study / "study.sqlite", copy)
    run(capsys, "codings", "export", "--db", str(copy), "--coder", "coder_a", "-o", str(mine), "--all-informants")
    printed, _ = run(capsys, "codings", "import", str(mine), "--db", str(copy), "--coder", "coder_a", T)
    assert printed.startswith("imported 13 coding(s) of coder_a") and printed.endswith("skipped duplicates 13\n")


def test_the_python_report_says_it_too(study: Path) -> None:
    from casestudy.present.report_build import build_report

    db, design = study / "study.sqlite", study / "design.yaml"
    left_out = build_report(db, design, study / "py.html", n_boot=20, write_outputs=False)
    assert left_out.alert == "" and CARA not in left_out.html
    included = build_report(db, design, study / "py_all.html", n_boot=20, write_outputs=False, include_withheld=True)
    assert included.alert == NOTICE and CARA in included.html
    assert included.html.split("<body>\n", 1)[1].startswith('<p class="missing-note withheld-notice" role="alert">')


# -- figures (issue 12: nothing withheld reaches a figure) ---------------------------------------------------
def _svg_texts(fig: object) -> list[str]:
    """Every text a figure draws, read from its SVG with text kept as text."""
    import io
    import re
    from html import unescape

    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "x"}):
        fig.savefig(buf, format="svg")  # type: ignore[attr-defined]
    return [unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", buf.getvalue(), flags=re.S)]


def _withheld_in(texts: list[str]) -> list[str]:
    cara = (FIXTURE / "transcripts" / "int_cara.vtt").read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.?!])\s+|\n", cara) if len(s) > 25 and not s.startswith("<v Interviewer")]
    sentences = [s.removeprefix("<v Cara>") for s in sentences]
    return [t for t in texts if t.strip().lower() == "cara" or any(s[:40] in t or t[:40] in s and len(t) > 25
                                                                     for s in sentences)]


def test_no_figure_draws_from_a_withheld_source(study: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    from casestudy.coding.queries import code_by_informant
    from casestudy.present import report as report_module
    from casestudy.present.coding_plots import plot_code_by_informant
    from casestudy.present.report_build import build_report
    from casestudy.store import CaseDatabase, FixedClock

    drawn: list[list[str]] = []
    encode = report_module.figure_data_uri

    def recording(fig: object, dpi: int = 150) -> str:
        drawn.append(_svg_texts(fig))
        return encode(fig, dpi)  # type: ignore[arg-type]

    monkeypatch.setattr(report_module, "figure_data_uri", recording)
    build_report(study / "study.sqlite", study / "design.yaml", study / "fig.html", n_boot=20, write_outputs=False)
    assert len(drawn) >= 3                                   # design diagram, stage coverage, reliability
    assert [_withheld_in(texts) for texts in drawn] == [[] for _ in drawn]
    with CaseDatabase(study / "study.sqlite", clock=FixedClock(), readonly=True) as db:
        released = code_by_informant(db, coder="coder_a")
        everything = code_by_informant(db, coder="coder_a", consented_only=False)
    assert _withheld_in(_svg_texts(plot_code_by_informant(released))) == []
    assert _withheld_in(_svg_texts(plot_code_by_informant(everything))) == ["cara"]  # the check does see a leak
    plt.close("all")

"""Issue 12: every command, given a missing, an empty or a binary file, or a closed stdout, answers in one line.

No traceback, exit status 2 for bad input, and a failed command leaves no new file behind.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casestudy import cli, paths

#: Placeholder values of required arguments that are not files.
WORDS = {"subject": "inf01", "text": "a memo", "keyword": "harga", "code": "x", "old": "x", "new": "y", "codes": "x",
         "event": "1", "ids": "1", "--coder": "coder_a", "--author": "coder_a", "--label": "X", "--into": "y",
         "--by": "unit"}
OUTPUTS = {"--output", "--out"}
SUFFIX = {("transcripts", "import"): ".md", ("qdpx", "import"): ".qdpx", ("qdc", "import"): ".qdc",
          ("ledger", "check"): ".csv", ("consent", "import"): ".csv", ("codings", "import"): ".csv"}
BINARY = bytes(range(256)) * 8 + b"\x00" * 64


def _leaves(parser, prefix=()):
    subs = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    if not subs:
        yield prefix, parser
    for s in subs:
        for name, sub in s.choices.items():
            yield from _leaves(sub, (*prefix, name))


def _argv(words: tuple[str, ...], parser, bad: dict[str, Path], out: Path) -> list[str] | None:
    argv, takes_file = list(words), False
    options = {o for a in parser._actions for o in a.option_strings}
    for a in parser._actions:
        if a.dest == "help" or not (a.required or not a.option_strings):
            continue
        name = a.option_strings[-1] if a.option_strings else a.dest
        if a.choices and a.option_strings:
            value = sorted(a.choices)[0]
        elif name in OUTPUTS or a.dest == "output" or a.dest == "out":
            value = str(out)
        elif name in WORDS or a.dest in WORDS:
            value = WORDS.get(name, WORDS.get(a.dest))
        else:
            suffix = ".sqlite" if name == "--db" else ".yaml" if name in ("--design", "--pseudonyms") else \
                SUFFIX.get(words, ".yaml")
            value, takes_file = str(bad[suffix]), True
        argv += [name, value] if a.option_strings else [value]
    if "--db" in options and "--db" not in argv:
        argv += ["--db", str(bad[".sqlite"])]
        takes_file = True
    return argv if takes_file else None


def _bad_files(folder: Path, kind: str) -> dict[str, Path]:
    out = {}
    for suffix in (".md", ".qdpx", ".qdc", ".csv", ".yaml", ".sqlite"):
        p = folder / f"bad{suffix}"
        if kind == "empty":
            p.write_bytes(b"")
        elif kind == "binary":
            p.write_bytes(BINARY)
        out[suffix] = p
    return out


COMMANDS = [(words, parser) for words, parser in _leaves(cli.build_parser())]


@pytest.mark.parametrize("kind", ["missing", "empty", "binary"])
def test_every_command_on_a_bad_file_answers_in_one_line(kind: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = _bad_files(tmp_path, kind)
    out = tmp_path / "out" / "result.out"
    tried, problems = 0, []
    for words, parser in COMMANDS:
        argv = _argv(words, parser, bad, out)
        if argv is None or (words == ("init",) and kind == "missing"):
            continue  # init makes the folder it is given: a missing one is not bad input (tests/test_own_study.py)
        before = {p: p.stat().st_size for p in tmp_path.rglob("*") if p.is_file()}
        try:
            status = cli.main(argv)
        except BaseException as exc:  # noqa: BLE001 - the point of the test
            problems.append(f"{' '.join(words)}: raised {type(exc).__name__}: {exc}")
            continue
        _, err = capsys.readouterr()
        tried += 1
        lines = [line for line in err.splitlines() if not line.startswith("casestudy: warning:")]
        if "Traceback" in err or status != 2 or len(lines) != 1 or not lines[0].startswith("casestudy: error: "):
            problems.append(f"{' '.join(words)} -> {status}: {err!r}")
        after = {p: p.stat().st_size for p in tmp_path.rglob("*") if p.is_file()}
        if after != before:
            problems.append(f"{' '.join(words)} left files behind or changed: "
                            f"{sorted(str(p.relative_to(tmp_path)) for p in set(after) ^ set(before))}")
            for p in set(after) - set(before):
                p.unlink()
            for p, size in before.items():  # restore the bad file for the next command
                if after.get(p) != size:
                    _bad_files(tmp_path, kind)
    assert problems == []
    assert tried >= 30


class _BrokenPipe(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def write(self, s: str) -> int:  # type: ignore[override]
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")


@pytest.mark.parametrize("argv", [
    ["data", "verify"], ["design", "check", "data/design/pt_xyz.yaml"], ["codebook", "check",
                                                                         "data/codebooks/buttle_crm.yaml"],
    ["audit"], ["privacy", "check", "--pseudonyms", "data/corpus/pseudonyms_demo.yaml", "data/corpus/consent.csv"]])
def test_a_closed_stdout_ends_quietly(argv: list[str], monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(paths.project_root())
    with capsys.disabled():
        monkeypatch.setattr(sys, "stdout", _BrokenPipe())
        err = io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        status = cli.main(argv)
    assert "Traceback" not in err.getvalue() and status in (0, 2)


def test_piped_into_head_in_a_real_shell() -> None:
    exe = Path(sys.executable).with_name("casestudy")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    run = subprocess.run(f"'{exe}' design check data/design/pt_xyz.yaml | head -c 10; "
                         f"'{exe}' audit >&-; echo status=$?", shell=True, capture_output=True, text=True,
                         cwd=paths.project_root(), env=env, timeout=300)
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr
    assert run.stdout.endswith("status=2\n") or run.stdout.endswith("status=0\n")

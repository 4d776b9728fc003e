"""The casestudy command line: one entry point, nouns then verbs, --help everywhere."""

from __future__ import annotations

import subprocess
import sys


from casestudy import cli


def _subcommands(parser):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            yield from action.choices.items()


def _all_parsers(parser, prefix=()):
    yield prefix, parser
    for name, sub in _subcommands(parser):
        yield from _all_parsers(sub, (*prefix, name))


def test_every_command_has_help(capsys):
    parser = cli.build_parser()
    commands = list(_all_parsers(parser))
    assert ("data", "verify") in [c for c, _ in commands]
    for words, _ in commands:
        assert cli.main([*words, "--help"]) == 0
        assert "usage: casestudy" in capsys.readouterr().out


def test_data_verify_passes_on_the_committed_data(capsys):
    assert cli.main(["data", "verify"]) == 0
    assert capsys.readouterr().out.startswith("data: ")


def test_console_script_is_installed():
    result = subprocess.run([sys.executable, "-m", "casestudy.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == "casestudy 0.1.0"

"""Every command has help text, and every command and setting is in the README."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from closeloop.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def walk(command, path: tuple[str, ...] = ()):
    """(path, command) for the root and every command and subcommand under it."""
    yield path, command
    # Duck-typed: recent Typer carries its own copy of click, so isinstance(click.Group) fails.
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, path + (name,))


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = list(walk(ROOT_COMMAND))
NAMES = [" ".join(path) for path, _ in COMMANDS if path]


def test_the_tree_holds_the_documented_verbs():
    for name in ("people add", "people edit", "people list", "people show", "people remove",
                 "people merge", "merge", "me", "log", "interactions", "ask", "got", "gave", "thank",
                 "acted", "report", "ack", "outcome", "nudge", "snooze", "drop", "reopen", "undo",
                 "loops", "loop", "today", "stats", "export", "import json", "config"):
        assert name in NAMES, name


@pytest.mark.parametrize("path, command", COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_and_is_in_the_readme(path, command):
    assert (command.help or "").strip(), f"closeloop {' '.join(path)} has no help text"
    for param in command.params:
        if param.param_type_name in ("option", "argument") and param.name != "help":
            assert (getattr(param, "help", None) or "").strip(), \
                f"closeloop {' '.join(path)}: {param.name} has no help text"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    first_line = command.help.strip().splitlines()[0]
    assert " ".join(first_line.split()[:4]) in " ".join(result.output.split())
    assert "Traceback" not in result.output
    if path:
        assert f"`closeloop {' '.join(path)}" in README, f"closeloop {' '.join(path)} is not in README.md"
    if path and any(p.name == "as_json" for p in command.params):
        assert "--json" in result.output


def test_every_setting_and_policy_rule_is_in_the_readme():
    from closeloop.core.policy import POLICY_HELP
    from closeloop.settings import SETTINGS

    for setting in SETTINGS:
        assert f"`{setting.name}`" in README, setting.name
    for name in POLICY_HELP:
        assert f"`{name}`" in README, name


def test_usage_mistakes_are_short_and_have_no_traceback():
    runner = CliRunner()
    top = runner.invoke(app, [])
    assert "Usage" in top.output and "today" in top.output and "Traceback" not in top.output
    for args in (["frobnicate"], ["people", "frobnicate"], ["thank"], ["today", "--limit", "x"],
                 ["import", "csv", "x.csv"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Traceback" not in result.output

"""Every command's --help teaches with an example, and every example runs, from any folder.

The examples are walked from the command tree, so a new command is held to this too.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitroom.cli import app, command_tree
from sitroom.ingest.sample import sample_dir

runner = CliRunner()
BLOCKING = {("serve",), ("demo",)}  # they serve until stopped: their help is checked only
# the job queue needs PostgreSQL, the sample store is SQLite: help checked here, runs in
# tests/ingest/test_queue.py
NEEDS_POSTGRES = {("worker",), ("jobs", "list"), ("jobs", "failed"), ("jobs", "retry")}
# a review needs a user, whom `users add` (a later command here) makes: help checked here,
# the example runs in tests/cli/test_review_cli.py
NEEDS_USER = {("review",)}


def _leaves(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    # Any: Typer's own click-like group; a group is what has sub-commands
    found = []
    for name, command in sorted(group.commands.items()):
        if getattr(command, "commands", None):
            found += _leaves(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _leaves(command_tree())


def _example(command: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, command
    lines = [line.strip() for line in result.stdout.splitlines() if "Example: sitroom" in line]
    assert lines, f"sitroom {' '.join(command)} --help gives no example"
    return lines[0].removeprefix("Example: ")


def test_the_tree_holds_every_command_we_document() -> None:
    assert {("briefing",), ("places", "list"), ("grade", "actor"), ("sample", "path")} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_example_of_every_command_runs_from_another_folder(
    command: tuple[str, ...],
    sample_db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    example = _example(command)
    if command in BLOCKING | NEEDS_POSTGRES | NEEDS_USER:
        return
    monkeypatch.chdir(tmp_path)  # not the repository: the sample is found by `sample path`
    monkeypatch.setenv("SITROOM_DATABASE_URL", sample_db)
    words = shlex.split(example.replace("$(sitroom sample path)", str(sample_dir())))
    assert words[0] == "sitroom"
    if ">" in words:  # "... > aleppo.geojson": the shell's redirection, not an argument
        words = words[: words.index(">")]
    result = runner.invoke(app, words[1:])
    assert result.exit_code in (0, 3), f"{example}\n{result.output}"

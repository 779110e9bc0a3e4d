"""`sitroom --help` lists every command without importing the command modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import COMMAND_HELP, COMMAND_MODULES, app, command_tree

SITROOM = str(Path(sys.executable).parent / "sitroom")


def test_every_command_has_its_docstrings_first_sentence() -> None:
    tree = command_tree()
    assert list(COMMAND_HELP) == list(COMMAND_MODULES)
    for name, text in COMMAND_HELP.items():
        command = tree.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        assert command.get_short_help_str(limit=1000) == text, name


def test_the_listing_is_what_click_would_print_from_the_commands() -> None:
    ours = CliRunner().invoke(app, ["--help"], terminal_width=100)
    assert ours.exit_code == 0
    listing = ours.output[ours.output.index("Commands:") :]
    tree = command_tree()
    limit = 100 - 6 - max(map(len, COMMAND_HELP))
    for name in COMMAND_HELP:
        command = tree.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        width = max(map(len, COMMAND_HELP))
        assert f"  {name.ljust(width)}  {command.get_short_help_str(limit)}\n" in listing


def test_help_imports_no_command_module() -> None:
    probe = (
        "import sys; from sitroom.cli import main; sys.argv = ['sitroom', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('sitroom.cli.')), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "Commands:" in done.stdout
    assert done.stderr.strip() == "[]"

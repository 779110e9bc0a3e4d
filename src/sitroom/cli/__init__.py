"""The `sitroom` command line (Typer): thin commands that call one function a layer down.

Each command group lives in its own module and registers itself on `app` when imported.
Modules are imported when their command is run, not at start-up: `sitroom extract FILE`
loads the extractor, never the database, the web server or the PDF renderer.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
from typer.core import TyperGroup

# Which module registers each top-level command, in --help order.
COMMAND_MODULES = {
    "briefing": "briefing_commands",
    "claims": "claims_commands",
    "sources": "claims_commands",
    "extract": "extract_commands",
    "eval": "extract_commands",
    "import": "import_commands",
    "reextract": "import_commands",
    "worker": "worker_commands",
    "jobs": "worker_commands",
    "demo": "sample_commands",
    "serve": "serve_commands",
    "control": "control_commands",
    "db": "db_commands",
    "grade": "grade_commands",
    "actors": "actors_commands",
    "places": "places_commands",
    "sample": "sample_commands",
    "init": "workspace_commands",
    "settings": "workspace_commands",
    "users": "review_commands",
    "review": "review_commands",
    "audit": "review_commands",
    "events": "events_commands",
    "export": "export_commands",
}


# Each command's one-line help, as its docstring starts, for the listing of `sitroom --help`
# (which would otherwise import every command module: 1.5 s). tests/cli/test_help.py holds
# them to the docstrings.
COMMAND_HELP = {
    "briefing": "Write the briefing for a place and day: every figure footnoted to its source.",
    "claims": "List stored claims, each with its source, claimant, quote and window.",
    "sources": "List the stored sources with their ids, dates, publishers and numbers of claims.",
    "extract": "Extract the claims of reports without writing to the database.",
    "eval": "Score the extractor on gold annotations: value P/R/F1 and each field's accuracy.",
    "import": "Import reports and extract their claims into the database.",
    "reextract": "Extract stored sources again, never overwriting a reviewed claim.",
    "worker": "Run the imports queued with `sitroom import --queue` (PostgreSQL stores).",
    "jobs": "The queue of imports (PostgreSQL stores).",
    "demo": "Load a sample into a fresh database, print its briefing, serve the dashboard.",
    "serve": "Serve the dashboard (briefing, sources with highlighted quotes) and the REST API.",
    "control": "Who holds what: control observations, shares, timelines.",
    "db": "The database schema (Alembic migrations).",
    "grade": "Grade sources (reliability A-F) and claims (credibility 1-6), NATO Admiralty "
    "scale; say which claimants are parties to the conflict.",
    "actors": "Parties and claimants: who speaks, who is a party to the conflict, the names "
    "reports give them.",
    "places": "The gazetteer: places, their spellings and areas.",
    "sample": "The bundled samples: Aleppo, December 2016 (the default), and six crises of "
    "the world.",
    "init": "Start a workspace: create the database and store its name, place and parties.",
    "settings": "The workspace's settings: its name, place and parties (sitroom init sets them).",
    "users": "Users of the dashboard and API: roles (viewer, editor, admin) and their tokens.",
    "review": "Review a claim: confirm it, reject it with a reason, or correct its fields.",
    "audit": "List the audit trail, oldest first: reviews, grades, users, settings.",
    "events": "Events in ACLED's layout: import ACLED exports, list what is stored.",
    "export": "Export claims, events, places or control observations to hand on.",
}


# Any below: click's Context and Command, which Typer vendors in recent versions (typer._click)
# and imports from click in older ones; the overrides take whichever Typer uses.


class _LazyCommands(TyperGroup):
    """The top-level group: a command's module is imported when the command is looked up."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        importlib.import_module(f"sitroom.cli.{module}")
        # the group Typer builds from what is registered by now holds the command
        return command_tree(load=False).commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # as click lists them, from COMMAND_HELP instead of the imported commands
        try:
            from typer._click.utils import make_default_short_help
        except ImportError:  # a Typer that uses click rather than its own copy
            from click.utils import make_default_short_help  # type: ignore[no-redef]

        limit = formatter.width - 6 - max(map(len, COMMAND_HELP))
        rows = [
            (name, make_default_short_help(COMMAND_HELP[name], limit))
            for name in self.list_commands(ctx)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="sitroom",
    cls=_LazyCommands,
    help=(
        "Attributed, checkable claims from crisis reports: import reports, extract their "
        "figures with source, claimant, quote and window, compute territorial control, and "
        "write the morning briefing.\n\n"
        "Start with: sitroom demo --no-serve\n\n"
        "Exit codes: 0 done; 1 refused (bad input, nothing written); 2 wrong invocation; "
        "3 done but consistency checks failed (with --fail-on-check); 4 internal error (a bug)."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    # a callback makes `app` a group even while only one command module is loaded
    pass


def command_tree(load: bool = True) -> TyperGroup:
    """Return the top-level group with every command module imported (for docs and tests).

    With `load=False`, only the commands whose modules are already imported.
    """
    if load:
        for module in dict.fromkeys(COMMAND_MODULES.values()):
            importlib.import_module(f"sitroom.cli.{module}")
    built = typer.main.get_command(app)
    assert isinstance(built, TyperGroup)
    return built


__all__ = ["COMMAND_HELP", "COMMAND_MODULES", "app", "command_tree", "main"]


def main() -> None:
    """The `sitroom` command: an unexpected failure exits 4 with its traceback, never 1."""
    try:
        app()
    except Exception:  # anything not refused by a command is a bug: say so, keep 1 for refusals
        import traceback

        from sitroom.cli.common import ExitCode

        traceback.print_exc()
        print("error: internal error (a bug in sitroom; please report it)", file=sys.stderr)
        sys.exit(ExitCode.INTERNAL)

"""The `sitroom` command line (Typer): thin commands that call one function a layer down.

Each command group lives in its own module and registers itself on `app` when imported.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sitroom",
    help=(
        "Attributed, checkable claims from crisis reports: import reports, extract their "
        "figures with source, claimant, quote and window, compute territorial control, and "
        "write the morning briefing.\n\n"
        "Start with: sitroom demo --no-serve\n\n"
        "Exit codes: 0 done; 1 refused (bad input, nothing written); 2 wrong invocation; "
        "3 done but consistency checks failed (with --fail-on-check)."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# The command modules register on `app`; imported for that side effect, in --help order.
from sitroom.cli import (  # noqa: E402
    briefing_commands,
    claims_commands,
    control_commands,
    db_commands,
    extract_commands,
    grade_commands,
    import_commands,
    places_commands,
    sample_commands,
    serve_commands,
)

__all__ = [
    "app",
    "briefing_commands",
    "claims_commands",
    "control_commands",
    "db_commands",
    "extract_commands",
    "grade_commands",
    "import_commands",
    "places_commands",
    "sample_commands",
    "serve_commands",
]


def main() -> None:
    app()

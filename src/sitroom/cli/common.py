"""What every command shares: exit codes, the --db and --quiet options, errors, progress."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sitroom.domain import SitroomError
from sitroom.progress import Progress, ProgressBar, null_progress
from sitroom.vocabulary import SECTIONS

if TYPE_CHECKING:
    from rich.console import Console


class ExitCode(IntEnum):
    """Exit codes scripts can trust (listed in the README and in `sitroom --help`)."""

    DONE = 0
    REFUSED = 1  # bad input or unmet precondition; nothing was written
    USAGE = 2  # wrong invocation (Typer's own usage errors)
    CHECKS_FAILED = 3  # done, but consistency checks failed (only with --fail-on-check)
    INTERNAL = 4  # an unexpected failure: a bug in sitroom, with its traceback


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite file. Default: $SITROOM_DATABASE_URL, else ./sitroom.db.",
        show_default=False,
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
SectionOption = Annotated[
    str | None,
    typer.Option(
        "--section",
        help="The claims of one briefing section: " + ", ".join(k for k, _, _ in SECTIONS) + ".",
    ),
]


@contextmanager
def refuse_on(*errors: type[BaseException]) -> Iterator[None]:
    """Print "error: ..." to stderr and exit 1 when one of `errors` is raised."""
    caught: tuple[type[BaseException], ...] = errors or (SitroomError,)
    try:
        yield
    except caught as err:
        for line in str(err).splitlines() or [type(err).__name__]:
            typer.echo(f"error: {line}", err=True)
        raise typer.Exit(ExitCode.REFUSED) from err


class CannotWrite(SitroomError):
    """An output file that cannot be written where it was asked for."""


def require_claim_terms(
    review: str | None, indicator: str | None, section: str | None = None
) -> None:
    """Refuse a review status, an indicator or a briefing section no claim can have,
    naming the ones there are: a filter that misspells one would list nothing, and say
    nothing of why."""
    from sitroom.domain import ReviewStatus
    from sitroom.vocabulary import default_vocabulary, section_prefixes

    if review is not None and review not in {r.value for r in ReviewStatus}:
        raise SitroomError(
            f'review "{review}" is none of ' + ", ".join(r.value for r in ReviewStatus)
        )
    if indicator:
        default_vocabulary().require(indicator)
    if section:
        section_prefixes(section)


def check_writable(path: Path) -> Path:
    """`path` if a file can be written there, else CannotWrite naming what is wrong.

    Called before the work that produces the file, so a typo in `-o` costs nothing.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CannotWrite(f'cannot write "{path}": it is a folder (give a file name in it)')
    if not folder.is_dir():
        raise CannotWrite(f'cannot write "{path}": there is no folder "{folder}"')
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CannotWrite(f'cannot write "{path}": permission denied')
    return path


def write_output(path: Path, content: str | bytes) -> None:
    """Write `content` to `path` (text as UTF-8), refusing with CannotWrite on failure."""
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as err:
        raise CannotWrite(f'cannot write "{path}": {err.strerror or err}') from err


class _RichBar:
    def __init__(self, total: int, label: str) -> None:
        from rich.progress import Progress as RichProgress

        # rich sends what is printed to stdout meanwhile through its own console, which
        # writes to stderr: right when both are the terminal, wrong when stdout is a pipe
        self._progress = RichProgress(
            transient=True, console=_stderr_console(), redirect_stdout=sys.stdout.isatty()
        )
        self._progress.start()
        self._task = self._progress.add_task(label, total=total)

    def advance(self, label: str = "", steps: int = 1) -> None:
        self._progress.update(self._task, advance=steps, description=label or None)

    def close(self) -> None:
        self._progress.stop()


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def progress_for(quiet: bool, minimum: int = 4) -> Progress:
    """A rich progress bar on stderr for `minimum` or more steps, unless quiet or not a tty.

    Steps are files, or characters where a command reads big files.
    """

    def make(total: int, label: str) -> ProgressBar:
        if quiet or total < minimum or not sys.stderr.isatty():
            return null_progress(total, label)
        return _RichBar(total, label)

    return make

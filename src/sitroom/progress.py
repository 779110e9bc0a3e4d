"""The progress interface long work reports to; the CLI plugs a bar in, tests plug nothing."""

from __future__ import annotations

from typing import Protocol


class ProgressBar(Protocol):
    def advance(self, label: str = "", steps: int = 1) -> None:
        """Move the bar on by `steps` (files, or characters of a big file)."""
        ...

    def close(self) -> None: ...


class Progress(Protocol):
    def __call__(self, total: int, label: str) -> ProgressBar: ...


class _NullBar:
    def advance(self, label: str = "", steps: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def null_progress(total: int, label: str) -> ProgressBar:
    """A progress object that shows nothing, so code below never branches on --quiet."""
    return _NullBar()

"""The words of time windows: loads and checks `windows.toml` (the window stage's data)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from sitroom.domain import InputError

# What a relative phrase may stand for (see the [relative] table of windows.toml).
_SPAN_KINDS = ("day", "night", "week", "weekend", "month", "year", "to date", "open")


@dataclass(frozen=True)
class WindowWords:
    """The words the window grammar combines; every phrase is lower-case.

    `units` pairs a unit word with the days it covers; `relative` pairs a phrase with
    the span it names ("day -1", "week 0", "to date", "open").
    """

    units: tuple[tuple[str, float], ...]
    past_prepositions: tuple[str, ...]
    past_words: tuple[str, ...]
    within: tuple[str, ...]
    limits: tuple[str, ...]
    relative: tuple[tuple[str, str], ...]
    day_parts: tuple[str, ...]
    period_prepositions: tuple[str, ...]
    period_determiners: tuple[str, ...]
    period_nouns: tuple[str, ...]
    event_prepositions: tuple[str, ...]
    span_prepositions: tuple[str, ...]
    span_nouns: tuple[str, ...]
    event_nouns: tuple[str, ...]
    event_phases: tuple[str, ...]
    event_verbs: tuple[str, ...]
    tie_openers: tuple[str, ...]
    breakdown_verbs: tuple[str, ...]

    def unit_days(self, word: str) -> float | None:
        """Return the days one `word` ("hours", "week") covers, None if it is no unit."""
        low = word.lower()
        days = dict(self.units)
        return days.get(low, days.get(low[:-1]) if low.endswith("s") else None)

    def span_of(self, phrase: str) -> str | None:
        """Return the span a relative phrase ("yesterday") names, None if it is not one."""
        return dict(self.relative).get(" ".join(phrase.lower().split()))


def parse_window_words(text: str, path: str | Path = "windows.toml") -> WindowWords:
    """Return the window words of a TOML text; InputError names the field that is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(Path(path), None, None, f"not valid TOML: {err}") from err

    def words(table: str, key: str) -> tuple[str, ...]:
        value = raw.get(table, {}).get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise InputError(Path(path), None, f"{table}.{key}", "is not a list of words")
        return tuple(" ".join(w.lower().split()) for w in value)

    units: list[tuple[str, float]] = []
    for word, days in raw.get("units", {}).items():
        if not isinstance(days, int | float) or days <= 0:
            raise InputError(Path(path), None, f"units.{word}", f'"{days}" is not a length in days')
        units.append((word.lower(), float(days)))
    relative: list[tuple[str, str]] = []
    for phrase, span in raw.get("relative", {}).items():
        kind = str(span).split()[0] if str(span).split() else ""
        if str(span) not in ("to date", "open", "night") and (
            kind not in _SPAN_KINDS or len(str(span).split()) != 2 or not _is_int(str(span))
        ):
            raise InputError(
                Path(path),
                None,
                f"relative.{phrase}",
                f'"{span}" is not a span',
                'use "day N", "week N", "month N", "year N", "night", "to date" or "open"',
            )
        relative.append((" ".join(phrase.lower().split()), str(span)))
    return WindowWords(
        units=tuple(units),
        past_prepositions=words("past", "prepositions"),
        past_words=words("past", "words"),
        within=words("past", "within"),
        limits=words("past", "limits"),
        relative=tuple(relative),
        day_parts=words("day_parts", "words"),
        period_prepositions=words("periods", "prepositions"),
        period_determiners=words("periods", "determiners"),
        period_nouns=words("periods", "nouns"),
        event_prepositions=words("events", "prepositions"),
        span_prepositions=words("events", "span_prepositions"),
        span_nouns=words("events", "span_nouns"),
        event_nouns=words("events", "nouns"),
        event_phases=words("events", "phases"),
        event_verbs=words("events", "verbs"),
        tie_openers=words("ties", "openers"),
        breakdown_verbs=words("ties", "breakdown_verbs"),
    )


def _is_int(span: str) -> bool:
    try:
        int(span.split()[1])
    except ValueError:
        return False
    return True


@cache
def default_window_words() -> WindowWords:
    """The window words bundled with sitroom (`windows.toml`)."""
    text = resources.files("sitroom").joinpath("windows.toml").read_text(encoding="utf-8")
    return parse_window_words(text, "sitroom/windows.toml")


def load_window_words(path: Path | None = None) -> WindowWords:
    """The window words at `path`, or the bundled ones."""
    if path is None:
        return default_window_words()
    return parse_window_words(path.read_text(encoding="utf-8"), path)


_Trie = dict[str, "_Trie"]


def phrase_pattern(phrases: tuple[str, ...] | list[str]) -> str:
    """Return a pattern of any of `phrases`, the longest where several match, spaces
    matching any white space.

    Written as a trie ("in the past" and "in the previous" share "in the p"), so that
    at each place of the text the engine reads a character once instead of trying
    every phrase in turn: this keeps the one pass over a document fast.
    """
    trie: _Trie = {}
    for phrase in phrases:
        node = trie
        for token in re.findall(r"\s+|\S", " ".join(phrase.split())):
            node = node.setdefault(" " if token.isspace() else token, {})
        node[""] = {}
    return "(?:" + _pattern_of(trie) + ")"


def _pattern_of(node: _Trie) -> str:
    branches = [
        (r"\s+" if token == " " else re.escape(token)) + _pattern_of(child)
        for token, child in sorted(node.items())
        if token
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body

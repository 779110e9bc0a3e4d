"""Counts of one written with an article: "an attack", "a Russian tank destroyed".

Reports count single events and losses this way, and the gold files count them. Which
nouns count so is data (`nouns.toml`, [articles]): a noun of an incident class counts on
its own, a person or a piece of equipment only when an outcome follows ("a nurse was
killed", "a drone shot down"). One pass over the text, existing numbers looked up by
bisection.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sitroom.extract.nouns import noun_class
from sitroom.extract.numbers import NumberMention

# "a" or "an" and the three words after it: the noun is one of them, after its modifiers
# ("a Russian tank", "an Israeli airstrike")
_WORD = r"([A-Za-z][\w-]*)"
_ARTICLE = re.compile(rf"\b([Aa]n?)\s+{_WORD}(?:\s+{_WORD})?(?:\s+{_WORD})?")
# words that make "a"/"an" no count: "a number of", "a total of", "a series of"
_NOT_ONE = re.compile(r"\s+of\b")


@dataclass(frozen=True)
class _Articles:
    alone: frozenset[str]
    with_outcome: frozenset[str]
    outcome: re.Pattern[str]
    another: re.Pattern[str]  # "a nurse was killed and another wounded"


@cache
def _articles() -> _Articles:
    raw = tomllib.loads(
        resources.files("sitroom").joinpath("nouns.toml").read_text(encoding="utf-8")
    )["articles"]
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in raw["outcomes"])
    outcome = rf"\s+(?:(?:was|were|has\s+been|had\s+been|is|are)\s+)?(?:{words})\b"
    return _Articles(
        frozenset(raw["alone"]),
        frozenset(raw["with_outcome"]),
        re.compile(outcome),
        re.compile(rf"\b([Aa]nother)(?:\s+[a-z]+)?{outcome}"),
    )


def article_counts(text: str, numbers: list[NumberMention]) -> list[NumberMention]:
    """Return the counts of one written with an article that `numbers` do not hold."""
    articles = _articles()
    starts = [n.start for n in numbers]
    found: list[NumberMention] = []
    for match in _ARTICLE.finditer(text):
        k = bisect_right(starts, match.start(1)) - 1
        if k >= 0 and numbers[k].end > match.start(1):
            continue  # "a million", "a third": read as numbers already
        words = [w for w in match.groups()[1:] if w]
        for n in range(len(words)):
            if _counts_one(text, words[: n + 1], match.end(n + 2), articles):
                found.append(NumberMention(match.start(1), match.end(1), 1.0, article=True))
                break
    for match in articles.another.finditer(text):
        k = bisect_right(starts, match.start(1)) - 1
        if k < 0 or numbers[k].end <= match.start(1):
            found.append(NumberMention(match.start(1), match.end(1), 1.0, article=True))
    found.sort(key=lambda n: n.start)
    return found


def _counts_one(text: str, words: list[str], end: int, articles: _Articles) -> bool:
    """Whether "a" + `words` (modifiers, then the noun ending at `end`) counts one thing."""
    noun = words[-1].lower()
    if noun in ("few", "number", "total", "series", "lot") or _NOT_ONE.match(text, end):
        return False
    if noun.endswith("s") and not noun.endswith("ss"):
        return False  # "a ... attacks" counts no one
    cls = noun_class(tuple(w.lower() for w in words))
    if cls in articles.alone and noun_class((noun,)) == cls:
        return True
    return (
        cls in articles.with_outcome
        and noun_class((noun,)) == cls
        and articles.outcome.match(text, end) is not None
    )

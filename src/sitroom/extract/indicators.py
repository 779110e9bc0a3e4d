"""Stage 5: which indicator a figure reports and which group it counts.

The vocabulary's trigger words are looked for in the figure's clause; the nearer a trigger
and the more words it has, the more it weighs. What the counted noun is (people, sites,
tons, ...) rules out indicators of another unit: "3,000 residents ... retaken" is never
a count of areas taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.extract.nouns import NounClass, group_of, noun_class
from sitroom.extract.numbers import NumberKind, NumberMention
from sitroom.extract.phrases import CountedPhrase
from sitroom.vocabulary import Vocabulary

OTHER = "other"
# Units of the vocabulary mapped to the class of counted noun they take; None = no noun.
_UNIT_CLASSES: dict[str, set[NounClass | None]] = {
    "people": {NounClass.PEOPLE, None},
    "areas": {NounClass.AREA},
    "sites": {NounClass.SITE},
    "tonnes": {NounClass.TONNES},
    "kitchens": {NounClass.KITCHEN},
    "centres": {NounClass.CENTRE, NounClass.SITE},
    "vehicles": {NounClass.VEHICLE},
    "incidents": {NounClass.INCIDENT, None},
    "km2": {NounClass.AREA_KM2},
}
_COMBATANT_INDICATORS = "combatants."
_COMBATANT_GROUPS = ("combatants", "commanders")
# Words that stop a trigger from reaching a figure: another clause begins.
_CLAUSE_BREAK = re.compile(r";|\s[–—-]\s|\bwhile\b|\bwhereas\b|\bbut\b")


@dataclass(frozen=True)
class Classified:
    """The indicator key, unit and group of one figure."""

    indicator: str
    unit: str
    group: str | None


@dataclass(frozen=True)
class _Trigger:
    key: str
    pattern: re.Pattern[str]
    weight: float


def classify(
    sentence: str,
    offset: int,
    number: NumberMention,
    phrase: CountedPhrase,
    vocabulary: Vocabulary,
    after_only: bool = False,
) -> Classified | None:
    """Return the indicator, unit and group of `number` in `sentence` (which starts at `offset`).

    Returns None when no trigger of the vocabulary fits; the caller then inherits from a
    whole or falls back to `other`. With `after_only`, only triggers after the figure count
    (a part of a breakdown takes its own verb, if it has one, else its whole's).
    """
    words = phrase.words or phrase.possessed
    cls = noun_class(words)
    group = group_of(words)
    candidates = _candidates(vocabulary, number, cls, group)
    if not candidates:
        return None
    start, end = number.start - offset, phrase.end - offset
    scores: dict[str, float] = {}
    lower = sentence.lower()
    for key, weight, t_start, t_end in _hits(lower, _table(vocabulary)):
        if key not in candidates:
            continue
        inside = start <= t_start and t_end <= end
        if inside and cls is NounClass.PEOPLE:
            continue  # "IDPs" says who, not what happened to them
        if after_only and t_start < end:
            continue
        score = weight * _nearness(lower, start, end, t_start, t_end)
        if inside or _in_complement(phrase, lower[t_start:t_end]):
            score *= 3
        if group in _COMBATANT_GROUPS and key.startswith(_COMBATANT_INDICATORS):
            score *= 1.5  # fighters who "left" left as combatants, not as displaced
        scores[key] = max(scores.get(key, 0.0), score)
    if not scores:
        return None
    best = max(scores, key=lambda key: (scores[key], -list(vocabulary.indicators).index(key)))
    return Classified(best, unit_for(best, number, vocabulary, phrase), group)


HOUSEHOLD_NOUNS = frozenset({"family", "families", "household", "households"})


def unit_for(key: str, number: NumberMention, vocabulary: Vocabulary, phrase: CountedPhrase) -> str:
    """Return the unit of a figure: percent and ratio by how it is written, else the key's."""
    if number.kind is NumberKind.PERCENT:
        return "percent"
    if number.kind is NumberKind.FRACTION:
        return "ratio"
    if phrase.head in HOUSEHOLD_NOUNS and (
        key not in vocabulary or vocabulary[key].unit == "people"
    ):
        return "households"  # a family is not a person: never add families to people
    if key == OTHER or key not in vocabulary:
        cls = noun_class(phrase.words)
        return "people" if cls in (NounClass.PEOPLE, None) else (phrase.head or "count")
    return vocabulary[key].unit


def group_for(phrase: CountedPhrase) -> str | None:
    """Return the group the counted words of `phrase` narrow to."""
    return group_of(phrase.words or phrase.possessed)


def _candidates(
    vocabulary: Vocabulary, number: NumberMention, cls: NounClass | None, group: str | None
) -> set[str]:
    keys: set[str] = set()
    for key, indicator in vocabulary.indicators.items():
        if key == OTHER:
            continue
        if number.kind is NumberKind.PERCENT:
            if indicator.unit == "percent":
                keys.add(key)
            continue
        if number.kind is NumberKind.FRACTION:
            # a share of a count keeps the count's indicator: "two thirds of them have left"
            if indicator.unit in ("people", "ratio"):
                keys.add(key)
            continue
        allowed = _UNIT_CLASSES.get(indicator.unit, set())
        if cls not in allowed:
            continue
        if (
            cls is NounClass.PEOPLE
            and group not in _COMBATANT_GROUPS
            and key.startswith(_COMBATANT_INDICATORS)
        ):
            continue  # civilians who "left" were displaced; only fighters are "combatants.left"
        keys.add(key)
    return keys


def _nearness(lower: str, start: int, end: int, t_start: int, t_end: int) -> float:
    if t_end <= start:
        between = lower[t_end:start]
    elif t_start >= end:
        between = lower[end:t_start]
    else:
        return 1.0
    if _CLAUSE_BREAK.search(between):
        return 0.0
    words = len(between.split())
    penalty = 0.5 if re.search(r"\d", between) else 1.0
    return penalty / (1 + words / 4)


def _in_complement(phrase: CountedPhrase, found: str) -> bool:
    return bool(phrase.complement) and found in " ".join(phrase.complement)


_Table = tuple[tuple[str, tuple[str, ...]], ...]
_WORD_START = re.compile(r"(?<!\w)\w")


def _table(vocabulary: Vocabulary) -> _Table:
    return tuple((key, ind.triggers) for key, ind in vocabulary.indicators.items())


@lru_cache(maxsize=8)
def _compiled(table: _Table) -> dict[str, tuple[_Trigger, ...]]:
    """Return the triggers of a vocabulary by the first two letters they start with."""
    buckets: dict[str, list[_Trigger]] = {}
    for key, words in table:
        for word in words:
            body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
            tail = r"\w*" if word.endswith("*") else r"\b"
            pattern = re.compile(rf"{body}{tail}")
            trigger = _Trigger(key, pattern, 1.0 + 0.5 * len(word.split()))
            buckets.setdefault(word[:2], []).append(trigger)
    return {prefix: tuple(triggers) for prefix, triggers in buckets.items()}


@lru_cache(maxsize=512)
def _hits(lower: str, table: _Table) -> tuple[tuple[str, float, int, int], ...]:
    """Return (key, weight, start, end) of every trigger in a lower-case sentence.

    Cached: the figures of one sentence share its hits. Only triggers sharing a word's
    first two letters are tried at that word, instead of every trigger everywhere.
    """
    buckets = _compiled(table)
    found: list[tuple[str, float, int, int]] = []
    for word in _WORD_START.finditer(lower):
        pos = word.start()
        for trigger in buckets.get(lower[pos : pos + 2], ()):
            match = trigger.pattern.match(lower, pos)
            if match is not None:
                found.append((trigger.key, trigger.weight, pos, match.end()))
    return tuple(found)

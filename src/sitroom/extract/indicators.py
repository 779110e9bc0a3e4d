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

from sitroom.extract.nouns import (
    PEOPLE,
    commodity_of,
    group_of,
    is_outcome,
    noun_class,
    noun_unit,
)
from sitroom.extract.numbers import NumberKind, NumberMention
from sitroom.extract.phrases import CountedPhrase
from sitroom.vocabulary import Vocabulary

OTHER = "other"
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
    group = group_for(phrase)
    candidates = _candidates(vocabulary, number, cls, group)
    if not candidates:
        return None
    start, end = number.start - offset, phrase.end - offset
    restated = _RESTATED.match(sentence, end)
    if restated is not None:
        end = restated.end()  # "813,000 internally displaced persons (IDPs)": one phrase
    scores: dict[str, float] = {}
    lower = sentence.lower()
    hits = [h for h in _hits(lower, _table(vocabulary)) if h[0] in candidates]
    # a figure whose own words say what happened or who ("3,961 deaths and 16,520
    # injured", "267,000 displaced people ... and 712,000 people") hardly takes a trigger
    # that lies beyond another figure
    own_outcome = any(start <= t_start and t_end <= end for _, _, t_start, t_end in hits)
    # "120 were killed and 340 were injured": a figure with a verb of its own after it
    # does not take the verb of the figure before it
    own_after = any(
        end <= t_start
        and not _DIGIT.search(lower, end, t_start)
        and not _CLAUSE_BREAK.search(lower, end, t_start)
        for _, _, t_start, _ in hits
    )
    for key, weight, t_start, t_end in hits:
        inside = start <= t_start and t_end <= end
        if after_only and t_end <= start:
            continue
        score = weight * _nearness(lower, start, end, t_start, t_end)
        if inside and cls == PEOPLE and not is_outcome(lower[t_start:t_end]):
            # "IDPs", "evacuees" say who, and what happened to them only when no verb
            # of the clause says it
            score *= 0.2
        elif inside or _in_complement(phrase, lower[t_start:t_end]):
            score *= 3
        elif end <= t_start and not lower[end:t_start].strip():
            score *= 1.5  # "left 11,300 people dead": the word right after says what
        elif t_end <= start and _OF_BEFORE.match(lower[t_end:start]):
            score *= 3  # "the evacuation of 17 people": the event the figure is the object of
        elif (
            t_end <= start
            and lower[t_start:t_end].endswith("ing")
            and _ADJACENT.match(lower[t_end:start])
        ):
            score *= 1.5  # "a convoy carrying 250 civilians": the participle's object
        if (
            own_after
            and t_end <= start
            and _PREDICATE_OF_BEFORE.search(lower, max(0, t_start - 48), t_start)
        ):
            score *= 0.25  # "120 were killed and 340 were injured": killed is the 120's
        if (
            (own_outcome or own_after)
            and not inside
            and t_end <= start
            and _DIGIT.search(_between(lower, start, end, t_start, t_end))
        ) or (
            own_outcome
            and not inside
            and t_start >= end
            and _DIGIT.search(_between(lower, start, end, t_start, t_end))
        ):
            score *= 0.25
        if group in _COMBATANT_GROUPS and key.startswith(_COMBATANT_INDICATORS):
            score *= 1.5  # fighters who "left" left as combatants, not as displaced
        scores[key] = max(scores.get(key, 0.0), score)
    if cls == PEOPLE and _POSSESSIVE_BEFORE.search(lower, max(0, start - 30), start):
        # "the city's 1.2 million residents", "Gaza's 2.2 million people": a place's people
        # counted as its own are its population, unless a verb of the clause says more
        scores.setdefault(_POPULATION, 1.0)
    if not scores:
        return None
    best = max(scores, key=lambda key: (scores[key], -list(vocabulary.indicators).index(key)))
    return Classified(best, unit_for(best, number, vocabulary, phrase), group)


def unit_for(key: str, number: NumberMention, vocabulary: Vocabulary, phrase: CountedPhrase) -> str:
    """Return the unit of a figure: percent and ratio by how it is written, else the counted
    noun's ("families", "kg", "kits", "flights"), else the key's.

    A family is not a person: families and households keep their own unit and are never
    added to people.
    """
    if number.kind is NumberKind.PERCENT:
        return "percent"
    if number.kind is NumberKind.FRACTION:
        return "ratio"
    words = phrase.words or phrase.possessed
    if key in vocabulary and vocabulary[key].units:
        own = dict(vocabulary[key].units).get(noun_class(words) or "")
        if own is not None:
            return own  # "174 aircraft destroyed": aircraft, not flights
    counted = noun_unit(words)
    if counted is not None:
        return counted
    if key == OTHER or key not in vocabulary or vocabulary[key].unit == "as counted":
        if noun_class(words) in (PEOPLE, None):
            return "people"
        head = phrase.head
        return (head if head.endswith("s") else head + "s") if head else "count"
    return vocabulary[key].unit


def group_for(phrase: CountedPhrase) -> str | None:
    """Return the group the counted words of `phrase` narrow to, or the commodity a
    measure of goods is of."""
    return commodity_of(phrase.words, phrase.complement) or group_of(
        phrase.words or phrase.possessed
    )


def _candidates(
    vocabulary: Vocabulary, number: NumberMention, cls: str | None, group: str | None
) -> set[str]:
    keys: set[str] = set()
    for key, indicator in vocabulary.indicators.items():
        if key == OTHER:
            keys.add(key)  # its triggers mark figures no key fits ("families in need")
            continue
        if number.kind in (NumberKind.PERCENT, NumberKind.FRACTION):
            # a share of a count keeps the count's indicator: "two thirds of them have
            # left", "16.38% of IDPs"; a share of territory is its own key; a share of
            # "the wounded" is no count of fighters unless the words say fighters
            if (
                indicator.unit in ("people", "ratio", "percent")
                and indicator.shares
                and (group in _COMBATANT_GROUPS or not key.startswith(_COMBATANT_INDICATORS))
            ):
                keys.add(key)
            continue
        if (cls or "none") not in indicator.counts:
            continue
        if (
            cls == PEOPLE
            and group not in _COMBATANT_GROUPS
            and key.startswith(_COMBATANT_INDICATORS)
        ):
            continue  # civilians who "left" were displaced; only fighters are "combatants.left"
        keys.add(key)
    return keys


# an acronym or short form in brackets right after the counted words restates them
_RESTATED = re.compile(r"\s*\([A-Za-z][\w\s.-]{0,15}\)")
_POPULATION = "population.in_area"
_POSSESSIVE_BEFORE = re.compile(
    r"['’]s\s+(?:(?:some|about|around|nearly|over|almost|roughly|more\s+than)\s+)?$"
)
_OF_BEFORE = re.compile(r"\s+of\s+(?:[a-z]+\s+){0,2}$")
_DIGIT = re.compile(r"\d")
# a trigger that is the predicate of a figure before it: "120 people were killed"
_PREDICATE_OF_BEFORE = re.compile(
    r"(?:\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an))"
    r"(?:\s+[a-z-]+){0,3}\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|"
    r"being)(?:\s+(?:reportedly|also|later|since))?\s+$"
)
_ADJACENT = re.compile(r"\s+(?:(?:some|about|around|nearly|over|at\s+least)\s+)?$")


def _between(lower: str, start: int, end: int, t_start: int, t_end: int) -> str:
    return lower[t_end:start] if t_end <= start else lower[end:t_start] if t_start >= end else ""


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

"""Stage 2: the numbers of a text, with their values, less those that count nothing.

The number grammar of English reports is small and closed (digits with separators,
number words, scale words, fractions, dozens, vague amounts, ranges, percents), so it is
written as one compiled regular expression: measured, it runs well under a millisecond
per report, where a tokenizer-based parser (spaCy, quantulum3) costs 10-100 times more and
still needs the same rules for dates, ages and document numbers (see bench/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class NumberKind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    FRACTION = "fraction"


@dataclass(frozen=True)
class NumberMention:
    """A number written at `text[start:end]` and what it means.

    `vague` numbers ("dozens of") carry the smallest value they can mean; ranges carry
    `low` and `high` with `value` = `low`.
    """

    start: int
    end: int
    value: float
    kind: NumberKind = NumberKind.COUNT
    low: float | None = None
    high: float | None = None
    vague: bool = False
    article: bool = False  # "a" or "an" counted as one inside a breakdown


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
# The smallest amount a vague plural can mean, as the gold rules ask ("dozens" = 24).
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "tens": 20,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
}
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)

_WORD = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
    r"\b)?|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f]\d{3})+|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion)\b(?:\s+(?:and\s+)?" + _WORD + r")?)*"
_NUM = r"(?:(?<![\w.,/:-])" + _DIGITS + r"(?![\w]|[.,/]\d)|\b" + _WORD + r"\b)" + _SCALE
_FRACTION_WORD = r"(?:halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)"

_PATTERN = re.compile(
    rf"""
    (?P<between>\bbetween\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM}))
  | (?P<vague>\b(?:(?P<vq>tens|hundreds|thousands|dozens|scores|millions)\s+of
        (?:\s+(?P<vs>thousands|millions))?\b
        |(?P<several>several|a\s+few)\s+(?P<vsu>dozen|hundred|thousand|million)\b))
  | (?P<multiple>(?P<mn>{_NUM}|\ba|\bhalf\s+a)\s+dozen\b)
  | (?P<fraction>\b(?P<fn>one|a|two|three|four|nine)[-\s](?P<fd>{_FRACTION_WORD})\b
        |\b(?P<half>half)\b(?=\s+(?:of|the|a|an|their|its|all)\b))
  | (?P<range>(?P<r1>(?<![\w.,/:-]){_DIGITS})\s*(?:-|–|—|\bto\b)\s*
        (?P<r2>{_DIGITS}(?![\w]|[.,/]\d)))
  | (?P<plain>(?P<pn>{_NUM})(?P<pct>\s*%|\s+per\s?cent\b|\s+percent\b)?)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_CANDIDATE = re.compile(
    r"\d|\b(?:between|tens|hundreds|thousands|dozens|scores|millions|several|a|half|"
    + "|".join([*_UNITS, *_TENS])
    + r")\b",
    re.IGNORECASE,
)

# Context that makes a number something other than a count of the situation.
_DATE_AFTER = re.compile(r"(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTHS, re.IGNORECASE)
_DATE_BEFORE = re.compile(_MONTHS + r"\.?\s+(?:the\s+)?$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|until|till|by|from|to|through|during|early|late|mid|year|before|after|"
    r"spring|summer|autumn|fall|winter|and|end)\s+$",
    re.IGNORECASE,
)
_CLOCK_AFTER = re.compile(
    r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|hrs\b|h\b|GMT\b|UTC\b|o'clock)", re.IGNORECASE
)
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}$")
_AGE_BEFORE = re.compile(
    r"(?:\baged?|\bages|\bage\s+of|(?:children|boys|girls|minors|those|persons|people|adults|"
    r"men|women|anyone|youths?)\s+(?:over|under|above|below|older\s+than|younger\s+than))"
    r"\s+(?:of\s+)?$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"(?:\s|-)*(?:years?|yrs?)(?:\s|-)*(?:old|of\s+age)\b|-?year-old", re.IGNORECASE
)
_DOCUMENT_BEFORE = re.compile(
    r"(?:\bNo\.?|\bNos\.?|\bNr\.?|#|\bNumber|\bResolutions?|\bArticles?|\bParagraphs?|"
    r"\bPara\.?|\bChapter|\bSection|\bAnnex|\bProtocol|\bDecree|\bLaw|\bpages?|\bp\.|\bpp\.|"
    r"\bVol\.?|\bVolume|\bIssue|\bEdition|\bBulletin|\bPhase|\bRound|\bVersion|\bRoute|"
    r"\bHighway|\bM|\bRoad)\s*$",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"(?:\s+|-)(?:hours?|days?|weeks?|months?|years?|minutes?|hrs|nights?|decades?|"
    r"seconds?)\b",
    re.IGNORECASE,
)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
# "one" is a pronoun more often than a count: keep it only before a counted noun.
_ONE_NOT_COUNT_AFTER = re.compile(
    r"\s+(?:of|another|side|hand|way|day|more|thing|or|and|by|who|which|that)\b|\s*[,.;:)]|$",
    re.IGNORECASE,
)
_ONE_NOT_COUNT_BEFORE = re.compile(
    r"\b(?:no|the|any|every|this|that|which|each|some)\s+$", re.IGNORECASE
)
# "a" counts as one only as an item of a breakdown: "among them two schools, a power
# supply substation, a water cleaning facility".
_LIST_OPENER = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+which|of\s+whom|"
    r"namely|incl\.)\s|:\s",
    re.IGNORECASE,
)
_ARTICLE_ITEM = re.compile(r"(?:,\s+|\band\s+|including\s+|among\s+them\s+)(an?)\s+(?=[a-z])")


def find_numbers(text: str) -> list[NumberMention]:
    """Return every number of `text` that may count something, in order of position.

    Dates, clock times, years, ages, document numbers, ordinals and the lengths of time
    windows ("past 24 hours") are left out: they are never claims.
    """
    found: list[NumberMention] = []
    for match in _matches(text):
        mention = _mention(match)
        if mention is not None and not _is_not_a_count(text, mention, match):
            found.append(mention)
    found.extend(_article_items(text, found))
    found.sort(key=lambda m: m.start)
    return found


def _matches(text: str) -> list[re.Match[str]]:
    """Return what `_PATTERN.finditer` would, trying it only where a number can start.

    `re` cannot tell which characters open the big pattern, so finditer tries every branch
    at every position; a cheap scan for digits and number words first makes the stage
    about three times faster on a report.
    """
    found: list[re.Match[str]] = []
    reached = 0
    for candidate in _CANDIDATE.finditer(text):
        if candidate.start() < reached:
            continue
        match = _PATTERN.match(text, candidate.start())
        if match is not None and match.end() > match.start():
            found.append(match)
            reached = match.end()
    return found


def _mention(match: re.Match[str]) -> NumberMention | None:
    start, end = match.span()
    if match.group("between"):
        low, high = parse_number(match.group("b1")), parse_number(match.group("b2"))
        if low is None or high is None:
            return None
        return NumberMention(start, end, low, low=low, high=high)
    if match.group("vague"):
        if match.group("several"):
            value = 2 * _scale_of(match.group("vsu"))
        else:
            value = _VAGUE[match.group("vq").lower()]
            if match.group("vs"):
                value *= _VAGUE[match.group("vs").lower()] // 2
            # "Dozens of" ends the quote before "of": the counted noun follows it
        return NumberMention(start, end, float(value), vague=True)
    if match.group("multiple"):
        written = match.group("mn").lower()
        count = (
            1.0 if written == "a" else 0.5 if written.startswith("half") else parse_number(written)
        )
        if count is None:
            return None
        return NumberMention(start, end, count * 12)
    if match.group("fraction"):
        if match.group("half"):
            return NumberMention(start, end, 0.5, kind=NumberKind.FRACTION)
        numerator = 1 if match.group("fn").lower() == "a" else _UNITS[match.group("fn").lower()]
        share = round(numerator / _DENOMINATORS[match.group("fd").lower()], 4)
        return NumberMention(start, end, share, kind=NumberKind.FRACTION)
    if match.group("range"):
        low, high = parse_number(match.group("r1")), parse_number(match.group("r2"))
        if low is None or high is None or high <= low:
            return None
        return NumberMention(start, end, low, low=low, high=high)
    parsed = parse_number(match.group("pn"))
    if parsed is None:
        return None
    kind = NumberKind.PERCENT if match.group("pct") else NumberKind.COUNT
    return NumberMention(start, end, parsed, kind=kind)


def _scale_of(word: str) -> int:
    return 12 if word.lower() == "dozen" else _SCALES[word.lower()]


def parse_number(written: str) -> float | None:
    """Return the value of a number written in digits and/or words, or None if it is none."""
    total = 0.0
    current = 0.0
    seen = False
    for token in re.findall(r"[\d.,\u00a0\u202f]+|[a-z]+", written.lower()):
        if token[0].isdigit():
            digits = re.sub(r"[,\u00a0\u202f]", "", token)
            try:
                current += float(digits)
            except ValueError:
                return None
            seen = True
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        elif token != "and":
            return None
    return total + current if seen else None


def _is_not_a_count(text: str, mention: NumberMention, match: re.Match[str]) -> bool:
    start, end = mention.start, mention.end
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    written = text[start:end]
    if mention.vague or mention.kind is NumberKind.FRACTION:
        return bool(_DURATION_AFTER.match(after))
    if mention.kind is NumberKind.PERCENT:
        return False
    if _DATE_AFTER.match(after) or _DATE_BEFORE.search(before):
        return True
    if (
        written.isdigit()
        and len(written) == 4
        and 1900 <= int(written) <= 2100
        and (_YEAR_BEFORE.search(before) or not re.match(r"\s+[a-z]", after))
    ):
        return True
    if _CLOCK.search(written) or (_CLOCK_AFTER.match(after) and written[0].isdigit()):
        return True
    if text[end : end + 1] == ":" and re.match(r":\d{2}", after):
        return True
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
        return True
    if _DOCUMENT_BEFORE.search(before):
        return True
    if _DURATION_AFTER.match(after) or _ORDINAL_AFTER.match(after):
        return True
    if written.lower() == "one" and (
        _ONE_NOT_COUNT_AFTER.match(after) or _ONE_NOT_COUNT_BEFORE.search(before)
    ):
        return True
    # a bare digit glued to a letter or slash ("A1", "24/7") is a code, not a count
    return bool(re.match(r"[/-]\d", after))


def _article_items(text: str, numbers: list[NumberMention]) -> list[NumberMention]:
    """Return "a"/"an" items of a breakdown that already holds a number after its opener."""
    items: list[NumberMention] = []
    for opener in _LIST_OPENER.finditer(text):
        stop = _clause_end(text, opener.end())
        if not any(opener.end() <= n.start < stop for n in numbers):
            continue
        for item in _ARTICLE_ITEM.finditer(text, opener.start(), stop):
            items.append(NumberMention(item.start(1), item.end(1), 1.0, article=True))
    return items


def _clause_end(text: str, start: int) -> int:
    """Return the end of the clause from `start`: the next full stop, semicolon or line break."""
    found = re.compile(r"[.;\n]|$").search(text, start)
    return found.start() if found else len(text)

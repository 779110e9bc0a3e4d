"""Stage 2: the numbers of a text, with their values, less those that count nothing.

The number grammar of English reports is small and closed (digits with separators,
number words, scale words and their abbreviations, fractions of a scale, shares, dozens,
vague amounts, ranges, percents), so it is written as a few compiled regular expressions
tried where a number can start: measured, it runs well under a millisecond per report,
where a tokenizer-based parser (spaCy, quantulum3) costs 10-100 times more and still needs
the same rules for dates, ages and document numbers (see bench/README.md).

text2num and number-parser were measured on the peer suites (tests/data/peer-suites) and
not taken: handed the exact words, they read plain number words about as well as this
stage finds them in the sentence (29 and 28 of 49, against 27), but neither reads
fractions, shares, "half a million" or "tens of thousands" ("10 of 1000"), alpha2digit
rewrites the text and loses the offsets a claim needs, and number-parser alone costs six
times this whole stage.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from sitroom.extract.nouns import OTHER, noun_class


class NumberKind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    FRACTION = "fraction"


@dataclass(frozen=True)
class NumberMention:
    """A number written at `text[start:end]` and what it means.

    `vague` numbers ("dozens of") carry the smallest value they can mean; ranges carry
    `low` and `high` with `value` = `low`. A share ("one in four households") is a
    FRACTION of its noun (0.25), as "a quarter of households" would be. `currency` is the
    sign or code written before an amount of money ("$4.3bn"), inside the span.
    """

    start: int
    end: int
    value: float
    kind: NumberKind = NumberKind.COUNT
    low: float | None = None
    high: float | None = None
    vague: bool = False
    article: bool = False  # "a" or "an" counted as one inside a breakdown
    currency: str | None = None


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
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated scales written after digits ("1.2m", "$4.3bn", "10k"). A lone "m" or "b" is
# a scale only after a currency sign or a decimal ("1.2m"): "500m from the border" is metres.
_ABBREVIATIONS = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "tn": 1_000_000_000_000,
}
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
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# Written alone, these are ordinals as often as fractions ("a third convoy"): a fraction
# only with a hyphen ("one-third"), before "of", or closing the clause ("by a third.").
_ORDINAL_DENOMINATORS = frozenset(
    {"third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
)
_VULGAR = {
    "½": 0.5,
    "⅓": 0.3333,
    "⅔": 0.6667,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅙": 0.1667,
    "⅛": 0.125,
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

_SMALL_WORD = "one|two|three|four|five|six|seven|eight|nine"
_WORD = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:[-\s](?:"
    + _SMALL_WORD
    + r")\b)?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r"|an?(?=\s+(?:hundred|thousand|million|billion|trillion)\b))"
)
# Thousands grouped by commas, by (narrow) no-break spaces or by plain spaces ("25 000");
# by a plain space only where no other number stands next to it, so that a list of
# numbers ("99 100 101 102") does not fuse into one.
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:\.\d+)?"
    r"|(?<!\b\d\x20)(?<!\b\d\d\x20)(?<!\b\d\d\d\x20)\d{1,3}(?:\x20\d{3}){1,3}(?![\d,]|\.\d|\x20\d)"
    r"|\d+(?:\.\d+)?)"
)
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)"
_SCALE = r"(?:\s+" + _SCALE_WORD + r"\b(?:\s+(?:and\s+)?" + _WORD + r")?)*"
# An area may be glued to its digits ("12km2"): the number ends before its unit. Sizes of
# items ("50kg bags", "20L jerrycans") and distances ("5km") stay unread: they count nothing.
_GLUED_AREA = r"(?:km2|km²|sqkm|ha)\b"
_NUM = (
    r"(?:(?<![\w.,/:-])" + _DIGITS + r"(?![\w]|[.,/]\d)|"
    r"(?<![\w.,/:-])" + _DIGITS + r"(?=" + _GLUED_AREA + r")|\b" + _WORD + r"\b)" + _SCALE
)
_VULGAR_SIGNS = "".join(_VULGAR)
_FRACTION_WORD = (
    r"(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
    r"tenths?)"
)
_CURRENCY = r"(?P<cur>US\$|\$|£|€|USD\s?|EUR\s?|GBP\s?)"
_DURATION_WORD = r"(?:hours?|days?|weeks?|months?|years?|minutes?|hrs|nights?|decades?|seconds?)\b"

_PATTERN = re.compile(
    rf"""
    (?P<between>\bbetween\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM}))
  | (?P<vague>\b(?:(?P<vq>tens|hundreds|thousands|dozens|scores|millions)
        (?:\s+of(?:\s+(?P<vs>thousands|millions))?\b
          |(?=\s+(?:more|upon|have|had|were|are|remain|remained)\b))
        |(?P<several>several|a\s+few)\s+(?P<vsu>dozen|hundred|thousand|million)\b
         (?:\s+(?P<vsu2>thousand|million)\b)?))
  | (?P<multiple>(?P<mn>{_NUM}|\ba|\bhalf\s+a)\s+dozens?\b)
  | (?P<fraction>\b(?P<fn>{_SMALL_WORD}|a)(?P<fsep>\s*-\s*|\s+)(?P<fd>{_FRACTION_WORD})\b
        |\b(?P<half>half)\b(?=\s+(?:of|the|a|an|their|its|all)\b)
        |(?P<vulgar>[{_VULGAR_SIGNS}]))
  | (?P<range>(?P<r1>(?<![\w.,/:-]){_DIGITS})\s*(?:-|–|—|\bto\b|\bthrough\b)\s*
        (?P<r2>{_DIGITS}(?![\w]|[.,/]\d)))
  | (?P<plain>{_CURRENCY}?(?P<pn>{_NUM})
        (?P<pct>\s*%|\s+per\s?cents?\b|\s+percents?\b|\s+percentage(?:\s+points?)?\b)?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Forms tried before the main pattern, each of which may turn out not to apply (a share
# whose second number is not larger, a lone "m" that is metres); then the main pattern
# reads the same place as it would have without them.
_SHARE = re.compile(
    rf"""(?P<sn>\b(?:{_SMALL_WORD}|ten)\b|(?<![\w.,/:-])\d{{1,3}}(?![\w,.]))
    \s+(?:in|out\s+of)\s+(?:every\s+)?(?P<sd>{_NUM})(?!\s*%)
    (?!\s+{_DURATION_WORD}|\s*[-–])""",
    re.IGNORECASE | re.VERBOSE,
)
_SCALED_FRACTION = re.compile(
    rf"""(?:(?P<n>an?|{_SMALL_WORD})[-\s]+)?(?P<d>{_FRACTION_WORD})
    \s+(?:of\s+)?(?:an?\s+)?(?P<s>{_SCALE_WORD})\b""",
    re.IGNORECASE | re.VERBOSE,
)
_AND_FRACTION = re.compile(
    rf"""(?P<n>{_NUM})\s+and\s+(?P<fn>an?|{_SMALL_WORD})\s+(?P<d>{_FRACTION_WORD})\b
    (?:\s+(?P<s>{_SCALE_WORD})\b)?""",
    re.IGNORECASE | re.VERBOSE,
)
_ABBREVIATED = re.compile(
    rf"""{_CURRENCY}?(?<![\w.,/:-])(?P<n>{_DIGITS})\s?(?P<a>bn|bln|mn|mln|tn|k|m|b)\b""",
    re.IGNORECASE | re.VERBOSE,
)

_CANDIDATE = re.compile(
    r"(?<![\d,.])\d|[$£€½⅓⅔¼¾⅕⅙⅛]|\b(?:US\$|USD|EUR|GBP|between|tens|hundreds|thousands|dozens|"
    r"scores|millions|several|a|an|half|quarter|" + "|".join([*_UNITS, *_TENS]) + r")\b",
    re.IGNORECASE,
)

# Context that makes a number something other than a count of the situation.
_DATE_AFTER = re.compile(r"(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTHS, re.IGNORECASE)
_DATE_BEFORE = re.compile(_MONTHS + r"\.?\s+(?:the\s+)?$", re.IGNORECASE)
# The first days of a list or range of days: "On 14 and 15 February", "June 3 and 5".
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAYS_AFTER = re.compile(
    rf"(?:(?:st|nd|rd|th)?\s*(?:,|and|&|to|-|–|—|through|until)\s*{_DAY})+(?:\s+of)?\s+" + _MONTHS,
    re.IGNORECASE,
)
_DAYS_BEFORE = re.compile(
    _MONTHS + rf"\.?\s+{_DAY}(?:\s*(?:,|and|&|to|-|–|—)\s*{_DAY})*\s*(?:and|&|to|-|–|—)\s*$",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|until|till|by|from|to|through|during|early|late|mid|year|before|after|"
    r"spring|summer|autumn|fall|winter|and|end)\s+$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s+([a-z]+)")
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|its|their|this|that|last)|['’]s)\s+$", re.I)
_CLOCK_AFTER = re.compile(
    r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|hrs\b|h\b|GMT\b|UTC\b|o'clock)", re.IGNORECASE
)
_CLOCK = re.compile(r"(?<![\d.])(?:[01]?\d|2[0-4])[:.][0-5]\d$")
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
    r"\bHighway|\bM|\bRoad|(?-i:\bReport|\bSitrep|\bSitRep|\bUpdate))\s*$",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(r"(?:\s+|-)" + _DURATION_WORD, re.IGNORECASE)
# A distance says where, not how many ("within 5 km", "30 kilometres from the border");
# an area ("78.5 square kilometres", "5 km2") is a claim and stays.
_DISTANCE_AFTER = re.compile(
    r"(?:\s*|-)(?:km|kms|kilomet(?:re|er)s?|miles?|mi|metres?|meters?|m|yards?|feet|ft)"
    r"(?![\w²])(?!\s*(?:2|²|sq))",
    re.IGNORECASE,
)
# "the second half of 2023", "the first quarter of 2024": a part of a year, not a share.
_PERIOD_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|last|latter|former|final|early|late)\s+$", re.IGNORECASE
)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
# "one" is a pronoun more often than a count: keep it only before a counted noun, or as the
# object of a verb ("killed one and wounded three").
_ONE_NOT_COUNT_AFTER = re.compile(
    r"\s+(?:of|another|side|hand|way|day|more|thing|or|and|by|who|which|that)\b|\s*[,.;:)]|$",
    re.IGNORECASE,
)
_ONE_NOT_COUNT_BEFORE = re.compile(
    r"\b(?:no|the|any|every|this|that|which|each|some)\s+$", re.IGNORECASE
)
_ONE_AS_OBJECT_BEFORE = re.compile(r"\b[a-z]{3,}(?:ed|ing)\s+$", re.IGNORECASE)
# "a" counts as one only as an item of a breakdown: "among them two schools, a power
# supply substation, a water cleaning facility".
_LIST_OPENER = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+which|of\s+whom|"
    r"namely|incl\.)\s|:\s",
    re.IGNORECASE,
)
_ARTICLE_ITEM = re.compile(r"(?:,\s+|\band\s+|including\s+|among\s+them\s+)(an?)\s+(?=[a-z])")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;\n]")
_FRACTION_CLOSE = re.compile(r"\s+of\b|\s*(?:[.,;:)]|$)")


def find_numbers(text: str) -> list[NumberMention]:
    """Return every number of `text` that may count something, in order of position.

    Dates, clock times, years, ages, document numbers, distances, ordinals and the
    lengths of time windows ("past 24 hours") are left out: they are never claims.
    Linear in the length of `text`.
    """
    found = [m for m in _mentions(text) if not _is_not_a_count(text, m)]
    found.extend(_article_items(text, found))
    found.sort(key=lambda m: m.start)
    return found


_Reader = Callable[[str, int], "NumberMention | None"]


def _mentions(text: str) -> list[NumberMention]:
    """Return the numbers of `text`, reading only where a number can start.

    `re` cannot tell which characters open the big pattern, so finditer would try every
    branch at every position; a cheap scan for digits and number words first makes the
    stage about three times faster on a report. Each place is read by the first reader
    that finds a number there; what a number spans is not read again.
    """
    found: list[NumberMention] = []
    reached = 0
    # the numbers of a web address or e-mail address ("?id=305&q=30%25") count nothing
    addresses = iter([*_ADDRESS.finditer(text), None])
    address = next(addresses)
    for candidate in _CANDIDATE.finditer(text):
        position = candidate.start()
        while address is not None and address.end() <= position:
            address = next(addresses)
        if address is not None and address.start() <= position:
            reached = address.end()
        if position < reached:
            continue
        for reader in _READERS:
            mention = reader(text, position)
            if mention is not None:
                found.append(mention)
                reached = mention.end
                break
    return found


def _share(text: str, position: int) -> NumberMention | None:
    """Return "one in four", "nine out of ten" as the share it states (0.25, 0.9)."""
    match = _SHARE.match(text, position)
    if match is None:
        return None
    part, whole = parse_number(match.group("sn")), parse_number(match.group("sd"))
    if part is None or not whole or part <= 0 or part >= whole:
        return None
    if _looks_like_a_year(match.group("sd")):
        return None  # "killed 3 in 2023"
    share = round(part / whole, 4)
    return NumberMention(position, match.end(), share, kind=NumberKind.FRACTION)


def _scaled_fraction(text: str, position: int) -> NumberMention | None:
    """Return "half a million", "a quarter of a million", "two thirds of a million"."""
    match = _SCALED_FRACTION.match(text, position)
    if match is None:
        return None
    written = (match.group("n") or "one").lower()
    numerator = 1 if written in ("a", "an") else _UNITS[written]
    value = numerator / _DENOMINATORS[match.group("d").lower()] * _SCALES[match.group("s").lower()]
    return NumberMention(position, match.end(), round(value, 2))


def _and_fraction(text: str, position: int) -> NumberMention | None:
    """Return "one and a half million" (1,500,000), "3 million and a half" (3,500,000).

    The fraction is of the scale written after it, else of the last scale (from a
    thousand up) of the whole number before it, else of one: "one billion and a half
    million" is 1,000,500,000.
    """
    match = _AND_FRACTION.match(text, position)
    if match is None:
        return None
    whole = parse_number(match.group("n"))
    if whole is None:
        return None
    written = match.group("fn").lower()
    numerator = 1 if written in ("a", "an") else _UNITS[written]
    fraction = numerator / _DENOMINATORS[match.group("d").lower()]
    scales = re.findall(_SCALE_WORD, match.group("n"), re.IGNORECASE)
    if match.group("s") and not scales:
        value = (whole + fraction) * _SCALES[match.group("s").lower()]
    elif match.group("s"):
        value = whole + fraction * _SCALES[match.group("s").lower()]
    else:
        # "3 million and a half" is 3,500,000, but "one hundred and three quarters" 100.75
        scale = _SCALES[scales[-1].lower()] if scales else 1
        value = whole + fraction * (scale if scale >= 1_000 else 1)
    return NumberMention(position, match.end(), round(value, 4))


def _abbreviated(text: str, position: int) -> NumberMention | None:
    """Return "1.2m", "$4.3bn", "10k" with their scale; None for "500m" (metres)."""
    match = _ABBREVIATED.match(text, position)
    if match is None:
        return None
    digits, abbreviation = match.group("n"), match.group("a")
    currency = match.group("cur")
    if abbreviation.lower() in ("m", "b") and not (
        currency or "." in digits or abbreviation.isupper()
    ):
        return None
    parsed = parse_number(digits)
    if parsed is None:
        return None
    value = round(parsed * _ABBREVIATIONS[abbreviation.lower()], 2)
    return NumberMention(position, match.end(), value, currency=_currency(currency))


def _main(text: str, position: int) -> NumberMention | None:
    match = _PATTERN.match(text, position)
    if match is None or match.end() == match.start():
        return None
    return _mention(match)


_READERS: tuple[_Reader, ...] = (_share, _scaled_fraction, _and_fraction, _abbreviated, _main)


def _currency(written: str | None) -> str | None:
    return written.strip() if written else None


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
            if match.group("vsu2"):
                value *= _scale_of(match.group("vsu2"))
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
        if match.group("vulgar"):
            return NumberMention(start, end, _VULGAR[match.group("vulgar")], NumberKind.FRACTION)
        denominator = match.group("fd").lower()
        if (
            denominator in _ORDINAL_DENOMINATORS
            and "-" not in match.group("fsep")
            and not _FRACTION_CLOSE.match(match.string, end)
        ):
            return None  # "a third convoy", "the fifth day"
        numerator = 1 if match.group("fn").lower() == "a" else _UNITS[match.group("fn").lower()]
        share = round(numerator / _DENOMINATORS[denominator], 4)
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
    return NumberMention(start, end, parsed, kind=kind, currency=_currency(match.group("cur")))


def _scale_of(word: str) -> int:
    return 12 if word.lower() == "dozen" else _SCALES[word.lower()]


_GROUPED = re.compile(r"(?<=\d)[,\u00a0\u202f\x20](?=\d{3}(?!\d))")
_TOKEN = re.compile(r"[\d.,]+|[a-z]+")


def parse_number(written: str) -> float | None:
    """Return the value of a number written in digits and/or words, or None if it is none."""
    total = 0.0
    current = 0.0
    seen = False
    for token in _TOKEN.findall(_GROUPED.sub("", written.lower())):
        if token[0].isdigit():
            try:
                current += float(token)
            except ValueError:
                return None
            seen = True
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token in ("a", "an"):
            current += 1  # "a hundred", "a million": the grammar lets "a" in only there
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        elif token != "and":
            return None
    return total + current if seen else None


def _is_not_a_count(text: str, mention: NumberMention) -> bool:
    start, end = mention.start, mention.end
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    written = text[start:end]
    if mention.kind is NumberKind.FRACTION and _PERIOD_BEFORE.search(before):
        return True
    if mention.vague or mention.kind is NumberKind.FRACTION:
        return bool(_DURATION_AFTER.match(after))
    if mention.kind is NumberKind.PERCENT:
        return False
    # the last word before the number gates the searches that end there: a `$`-anchored
    # search tries every position of `before`, and most numbers follow no such word
    last = _last_word(before)
    if _DATE_AFTER.match(after) or (
        (last in _MONTH_WORDS or last == "the") and _DATE_BEFORE.search(before)
    ):
        return True
    ranged = last in _RANGE_WORDS or (last != "" and last[-1] in "-–—")
    if written[0].isdigit() and (
        _DAYS_AFTER.match(after) or (ranged and _DAYS_BEFORE.search(before))
    ):
        return True
    if _looks_like_a_year(written) and _is_year(before, after):
        return True
    if mention.currency is None and (
        _CLOCK.search(written) or (_CLOCK_AFTER.match(after) and written[0].isdigit())
    ):
        return True
    if text[end : end + 1] == ":" and re.match(r":\d{2}", after):
        return True
    if (last in _AGE_WORDS and _AGE_BEFORE.search(before)) or _AGE_AFTER.match(after):
        return True
    document = last.strip(".#") in _DOCUMENT_WORDS or last.endswith("#")
    if document and _DOCUMENT_BEFORE.search(before):
        return True
    if written.isdigit() and _is_label(before):
        return True
    if _DURATION_AFTER.match(after) or _ORDINAL_AFTER.match(after):
        return True
    if _DISTANCE_AFTER.match(after):
        return True
    if written.lower() == "one" and _one_is_a_pronoun(before, after):
        return True
    # a bare digit glued to a letter or slash ("A1", "24/7") is a code, not a count
    return bool(re.match(r"[/-]\d", after))


_LAST_WORD = re.compile(r"(\S+)\s*$")
_MONTH_WORDS = frozenset(
    (
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "jan", "feb", "mar", "apr"),
        *("jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jan.", "feb.", "mar."),
        *("apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."),
    )
)
_RANGE_WORDS = frozenset({"and", "&", "to"})
_AGE_WORDS = frozenset({"age", "aged", "ages", "of", "over", "under", "above", "below", "than"})
# the words _DOCUMENT_BEFORE ends with, lower case, without "." and "#"
_DOCUMENT_WORDS = frozenset(
    (
        *("no", "nos", "nr", "number", "resolution", "resolutions", "article", "articles"),
        *("paragraph", "paragraphs", "para", "chapter", "section", "annex", "protocol"),
        *("decree", "law", "page", "pages", "p", "pp", "vol", "volume", "issue", "edition"),
        *("bulletin", "phase", "round", "version", "route", "highway", "m", "road"),
        *("report", "sitrep", "update"),
    )
)


# "camps 1 and 2", "Phase 3": a number (or a list of them) right after a label noun
_LABELLED = re.compile(r"\b([A-Za-z]+)\s+(?:\d{1,3}\s*(?:and|&|-|–)\s*)*$")


@cache
def _label_words() -> frozenset[str]:
    raw = tomllib.loads(
        resources.files("sitroom").joinpath("nouns.toml").read_text(encoding="utf-8")
    )
    return frozenset(raw["labels"]["words"])


def _is_label(before: str) -> bool:
    """Whether a number names rather than counts: it follows a label noun ("camps 1 and
    2", "Phase 3"), written after the noun as names are."""
    found = _LABELLED.search(before[-40:])
    return found is not None and found.group(1).lower() in _label_words()


def _last_word(before: str) -> str:
    found = _LAST_WORD.search(before[-24:])
    return found.group(1).lower() if found else ""


def _looks_like_a_year(written: str) -> bool:
    return written.isdigit() and len(written) == 4 and 1900 <= int(written) <= 2100


def _is_year(before: str, after: str) -> bool:
    """Tell whether a bare number from 1900 to 2100 is a year.

    It is after "in", "since", ...; with no lower-case word after it; and after a
    determiner, before a word that names no counted thing ("the 2011 uprising", "Sudan's
    2023 floods"). "the 2000 people" and "2000 were displaced" stay counts.
    """
    if _YEAR_BEFORE.search(before):
        return True
    word = _WORD_AFTER.match(after)
    if word is None:
        return True
    return bool(_DETERMINER_BEFORE.search(before)) and (noun_class((word.group(1),)) == OTHER)


def _one_is_a_pronoun(before: str, after: str) -> bool:
    """Tell whether a written "one" is the pronoun ("no one", "one of the drivers")."""
    if _ONE_NOT_COUNT_BEFORE.search(before):
        return True
    if _ONE_AS_OBJECT_BEFORE.search(before) and not re.match(
        r"\s+(?:of|another|side|hand|way|day|thing|by|who|which|that)\b", after, re.IGNORECASE
    ):
        return False  # "killed one and wounded three", "injuring one."
    return bool(_ONE_NOT_COUNT_AFTER.match(after))


def _article_items(text: str, numbers: list[NumberMention]) -> list[NumberMention]:
    """Return "a"/"an" items of a breakdown that already holds a number after its opener.

    Each clause is read once, from its first opener, and the numbers are looked up by
    bisection: linear in the text however many openers a clause holds.
    """
    starts = [n.start for n in numbers]
    taken = {n.start for n in numbers}
    items: list[NumberMention] = []
    done = 0
    for opener in _LIST_OPENER.finditer(text):
        if opener.start() < done:
            continue
        stop = _clause_end(text, opener.end())
        done = stop
        first = bisect_left(starts, opener.end())
        if first == len(starts) or starts[first] >= stop:
            continue
        for item in _ARTICLE_ITEM.finditer(text, opener.start(), stop):
            if item.start(1) in taken or _inside(numbers, starts, item.start(1)):
                continue
            items.append(NumberMention(item.start(1), item.end(1), 1.0, article=True))
    return items


def _inside(numbers: list[NumberMention], starts: list[int], position: int) -> bool:
    index = bisect_left(starts, position + 1) - 1
    return index >= 0 and numbers[index].end > position


def _clause_end(text: str, start: int) -> int:
    """Return the end of the clause from `start`: the next full stop, semicolon or line break."""
    found = _CLAUSE_END.search(text, start)
    return found.start() if found else len(text)

"""Stage 7: time windows ("over the past 24 hours", "since the escalation of hostilities",
"between 3 and 5 June", "As of 8:00 a.m. on September 26"), resolved to dates.

The words live in `windows.toml` (units, "past" words, relative phrases, event nouns,
the openers that tie a sentence to the one before); this module holds the grammar that
combines them, compiled once per word list, so a document is read in one pass.

Dates are resolved against the publication date: a day and month without a year is the
latest such day not after publication; "past N days" ends on the publication date; a
window bounded by an event ("since the ceasefire took effect") has an open start.

dateparser (1.5.0) was measured for the dates inside the candidate spans: ~0.15 s to
import and load English, ~0.5 ms a span, and it still needs this grammar to find the
spans. It reads "October 2023" as 26 October (the day of its base date) and fails on
"mid-July" and "late August", which reports use often; the standard library does all
the forms below, so sitroom does without it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache

from sitroom.extract.dates import (
    DATE,
    DATE_TIME,
    DAY,
    MONTH_CAP,
    PART,
    TIME,
    WEEKDAY,
    YEAR,
    YEAR_NUMBER,
    parse_date,
)
from sitroom.extract.window_dates import ORDINALS, PARTS_OF, resolve
from sitroom.extract.window_words import WindowWords, default_window_words
from sitroom.extract.window_words import phrase_pattern as _any

__all__ = [
    "Window",
    "find_windows",
    "parse_date",
    "ties_back",
    "window_before",
    "window_for",
    "windows_in",
]


@dataclass(frozen=True)
class Window:
    """Window words at `text[start:end]`, and the dates they cover (None when open)."""

    start: int
    end: int
    words: str
    first_day: date | None
    last_day: date | None
    rate: bool = False


# A word that may modify an event noun ("the latest", "the Russian full-scale"), but not
# a function word that would let the phrase run on across a clause.
_MOD = (
    r"(?!(?:the|a|an|of|and|or|but|to|in|on|at|by|for|with|from|that|which|who|during|after|"
    r"before|since|as|is|are|was|were|has|have|had|be|been|this|these|those|its|their|his|"
    r"her|some|more|people|than)\b)[a-z][\w'’\-]*"
)
_NAME = r"(?-i:[A-Z][\w'’\-]+)(?:\s+(?-i:[A-Z][\w'’\-]+))?"
_COUNT = r"(?:\d+|[a-z]+(?:-[a-z]+)?)"
# A count that must be one: "within 72 hours", "two weeks ago" (not "in recent days").
_NUMBER = (
    r"(?:\d+(?:\.\d+)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a\s+few|few|several|a\s+couple\s+of|a|an)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)\b"
)


@cache
def _grammar(words: WindowWords) -> re.Pattern[str]:
    """Return the one pattern of every window form, built from `words`."""
    unit = _any([u for u, _ in words.units]) + r"s?\b"
    limit = _any(words.limits)
    ago = rf"(?:(?:{limit})\s+)?{_NUMBER}\s+{unit}\s+ago\b"
    noun = _any(words.event_nouns) + r"(?![\w-])"
    phase = _any(words.event_phases)
    verb = _any(words.event_verbs)

    # "the humanitarian pauses on February 27": a day, not a place called February
    not_a_day = rf"(?!{MONTH_CAP}|{WEEKDAY})"

    def event(day_group: str) -> str:
        # "the ceasefire took effect", or without "the" where a verb follows ("fighting
        # erupted in El Fasher on 10 May", "hostilities began")
        return (
            rf"(?:the\s+(?:{_MOD}\s+){{0,2}}(?:{phase}\s+of\s+(?:the\s+)?(?:{_MOD}\s+){{0,2}})?"
            rf"{noun}(?:\s+(?:of|in|on|against)\s+(?:the\s+)?{not_a_day}{_NAME})?"
            rf"(?:\s+for\s+(?:(?!(?:in|on|at|of)\b)[a-z-]+\s+){{0,2}}(?!(?:in|on|at|of)\b)[a-z-]+)?"
            rf"(?:\s+{verb}\b)?"
            # "fighting erupted", "military operations to retake western Mosul began"
            rf"|(?:{_MOD}\s+){{0,2}}{noun}(?:\s+to\s+[a-z]+(?:\s+[\w'’-]+){{0,3}}?)?\s+{verb}\b)"
            rf"(?:\s+(?:in|at)\s+(?:the\s+)?{not_a_day}{_NAME})?"
            rf"(?:\s+{ago})?(?:\s+(?:(?:on|of)\s+)?(?P<{day_group}>{DATE})|\s+in\s+{MONTH_CAP}{YEAR}?)?"
        )

    day_part = rf"(?:\s+{_any(words.day_parts)}\b)?"
    relative = rf"(?:{_any([p for p, _ in words.relative])}\b{day_part}|last\s+{WEEKDAY}{day_part})"
    month_or_year = rf"(?:(?:{PART}\s*)?{MONTH_CAP}{YEAR}?|(?:{PART}\s+)?{YEAR_NUMBER})"
    range_end = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
    parenthesis = r"(?:\s*\([^()\n]{1,80}\))"
    before_event = rf"(?:,?\s+(?:prior\s+to|before)\s+(?:{event('aday')}))?"
    return re.compile(
        rf"""
        (?P<range>\b(?:from|between)\s+(?P<r1>{DATE_TIME}|{DAY}|{month_or_year})
            {range_end}(?P<r2>{DATE_TIME}|{month_or_year}))
      | (?P<since>\b(?:since|after)\s+
            (?P<s1>{DATE_TIME}|{month_or_year}|{relative}|(?P<sevent>{event("sday")}))
            (?:,?\s+(?:and\s+)?(?:up\s+)?(?:to|until|till|through)\s+(?P<s2>{DATE_TIME}))?
            (?P<sasof>\s*\((?:figures\s+|data\s+)?as\s+(?:of|at)\s+{DATE}\))?)
      | (?P<asof>\bas\s+(?:of|at)\s+
            (?:(?P<atime>{TIME}){parenthesis}?(?:,?\s+(?:on\s+)?(?P<atday>{DATE}))?
            |(?P<a1>{DATE_TIME}|{relative})){before_event})
      | (?P<until>\b(?:up\s+until|until|up\s+to|through|by)\s+(?P<u1>{DATE_TIME})(?![\w-]))
      | (?P<on>\bon\s+(?:the\s+(?:night|morning|afternoon|evening)\s+of\s+)?
            (?:(?P<od>{DAY})(?:\s*,\s*{DAY})*\s*,?\s*(?:and|&|-|–)\s*)?
            (?P<o1>{DATE_TIME}{day_part})(?:\s*(?:,\s*and|,|and|&|-|–)\s*(?P<o2>{DATE_TIME}))?)
      | (?P<from>\bfrom\s+(?P<f1>{DATE_TIME})(?:\s+(?:onwards?|on))?)
      | (?P<upto>\b{_any(words.past_prepositions)}\s+the\s+(?:{_any(words.past_words)}\s+)?
            (?P<tn>{_NUMBER})\s+(?P<tu>{unit})\s+(?:to|until|up\s+to|ending(?:\s+at)?)\s+
            (?:(?P<ttime>{TIME})(?:,?\s+(?:on\s+)?(?P<tday>{DATE}))?|(?P<tday2>{DATE_TIME})))
      | (?P<ordinal>\b(?:in|during|over|throughout)\s+the\s+(?P<onum>{_any(list(ORDINALS))})\s+
            (?P<ou>{_any(list(PARTS_OF))})\s+of\s+
            (?P<om>{month_or_year}|(?:the|this|last)\s+(?:year|month)))
      | (?P<past>\b(?:(?P<pp>{_any(words.past_prepositions)})\s+)?(?P<pthe>the\s+)?
            {_any(words.past_words)}\s+(?:(?P<pn>{_COUNT})\s+)?(?P<pu>{unit})(?:\s+alone)?)
      | (?P<within>\b{_any(words.within)}\s+(?:{limit}\s+)?(?P<wn>{_NUMBER})\s+(?P<wu>{unit}))
      | (?P<ago>\b(?:(?:{limit})\s+)?(?P<gn>{_NUMBER})\s+(?P<gu>{unit})\s+ago\b)
      | (?P<inmonth>\b(?:in|during|throughout)\s+(?P<m1>{month_or_year})
            (?:(?:\s*[-–]\s*|\s+(?:and|to|through)\s+)(?P<m2>{month_or_year}))?)
      | (?P<event>\b{_any(words.event_prepositions)}\s+{event("eday")})
      | (?P<span>\b{_any(words.span_prepositions)}\s+the\s+(?:{_MOD}\s+){{0,2}}
            {_any(words.span_nouns)}(?![\w-]))
      | (?P<period>\b{_any(words.period_prepositions)}\s+{_any(words.period_determiners)}\s+
            {_any(words.period_nouns)}\b)
      | (?P<relative>\b{relative})
      | (?P<rate>\b(?:daily(?!\s+(?!(?:to|in|at|on|for|and|or|from|by|since|until|during)\b)
            [a-z])|per\s+day|every\s+day|each\s+day|a\s+day)\b)
        """,
        re.IGNORECASE | re.VERBOSE,
    )


_SPOKEN_ON = re.compile(
    r"\b(?:said|says|told|added|stated|announced|reported|quoted|briefing|statement|"
    r"released|published|issued)\s+$",
    re.IGNORECASE,
)


def find_windows(
    text: str, published_at: date | None, words: WindowWords | None = None
) -> list[Window]:
    """Return every time window written in `text`, in order, with its dates resolved.

    One pass: a pattern of the words a window can open with finds the places to try,
    and the grammar is matched there only ("ago" is matched back from its place).
    `words` default to the bundled `windows.toml`.
    """
    words = words or default_window_words()
    grammar, openers = _grammar(words), _openers(words)
    windows: list[Window] = []
    reached = 0
    for opener in openers.finditer(text):
        if opener.start() < reached:
            continue
        if opener.group("ago_word"):
            low = max(reached, opener.start() - _AGO_REACH)
            found = [m for m in grammar.finditer(text, low, opener.end()) if m.group("ago")]
            match = found[0] if found else None
        else:
            match = grammar.match(text, opener.start())
        if match is None:
            continue
        if match.group("on") and _SPOKEN_ON.search(text, max(0, match.start() - 24), match.start()):
            continue  # "said on Friday" dates the speech, not the figures
        reached = match.end()
        try:
            first, last = resolve(match, published_at, words)
        except OverflowError:  # a window reaching before year 1: leave its dates open
            first, last = None, None
        words_written = match.group(0).rstrip(" ,")
        windows.append(
            Window(
                match.start(),
                match.start() + len(words_written),
                words_written,
                first,
                last,
                rate=bool(match.group("rate")),
            )
        )
    return windows


# How far before "ago" its count may start ("more than a year ago").
_AGO_REACH = 48


@cache
def _openers(words: WindowWords) -> re.Pattern[str]:
    """Return a pattern of the first words of every window form, and of "ago"."""
    phrases = [
        *words.past_prepositions,
        *words.past_words,
        *words.within,
        *words.limits,
        *words.event_prepositions,
        *words.span_prepositions,
        *words.period_prepositions,
        *(p for p, _ in words.relative),
        *_FIXED_OPENERS,
    ]
    firsts = {p.split()[0] for p in phrases if p.split()}
    return re.compile(rf"\b(?:{_any(sorted(firsts))}\b|(?P<ago_word>ago\b))", re.IGNORECASE)


# The words the grammar itself opens with (the lists of windows.toml add theirs).
_FIXED_OPENERS = (
    *("from", "between", "since", "after", "as", "until", "up", "through", "by", "on", "the", "in"),
    *("during", "throughout", "last", "daily", "per", "every", "each", "a", "an"),
)


# The start of a clause, just before a window that leads it: the start of the text or a
# line, a stop, a comma or colon, a bullet, or a word that opens a clause.
_CLAUSE_OPEN = re.compile(
    r"(?:^|[.;:,(\n•\u2013\u2014]|\b(?:that|and|but|while|whereas|when|where|however|"
    r"meanwhile|then|also|while)\b)[\s\"“‘'*•\-]*$",
    re.IGNORECASE,
)
_COMMA_AFTER = re.compile(r"\s*,")


_LIST_GLUE = re.compile(r"(?:[\s,;]|\band\b|\bor\b|\bas\s+well\s+as\b|\bplus\b)*", re.IGNORECASE)


# The longest list a window after it covers whole; this bounds the cost per figure.
_LIST_MAX = 64


def _listed(text: str, start: int, end: int, between: list[tuple[int, int]]) -> bool:
    """Whether `text[start:end]` holds only the figures `between`, joined by commas or "and".

    "lost 153,770 personnel, 3,423 tanks and 6,703 AFVs up to that point": a window after
    a list of figures covers each of them.
    """
    if len(between) > _LIST_MAX:
        return False
    for s, e in between:
        if not _LIST_GLUE.fullmatch(text, start, s):
            return False
        start = max(start, e)
    return start >= end or bool(_LIST_GLUE.fullmatch(text, start, end))


def _opens_clause(text: str, window: Window) -> bool:
    return bool(_CLAUSE_OPEN.search(text, max(0, window.start - 24), window.start))


def window_for(
    text: str,
    number_start: int,
    number_end: int,
    windows: list[Window],
    others: list[tuple[int, int]],
) -> Window | None:
    """Return the window of the figure at `text[number_start:number_end]` within its sentence.

    `windows` are those of the sentence in text order (as `find_windows` gives them),
    `others` the spans of the sentence's other figures that are not parts of this one, in
    text order (as the pipeline builds them). A
    window before the figure belongs to it when it opens its clause ("Since 27 November,
    ...", "... shows that as of 25 November, ..."), or when no other figure stands before
    it; the first window after the figure when no other figure stands between (or only
    the figures of a list: "A, B and C up to that point") and it does not lead the clause
    of another figure ("..., while as of 25 November, 899,725 ..."). The nearer wins.

    Cost: bisects over the windows and over the other figures, nothing linear.
    """

    def first_from(offset: int) -> int:
        return bisect_left(others, offset, key=lambda span: span[0])

    def figures_between(low: int, high: int) -> int:
        return first_from(high) - first_from(low)

    candidates: list[tuple[int, Window]] = []
    index = bisect_right(windows, number_start, key=lambda w: w.start)
    while index < len(windows) and windows[index].end <= number_end:
        index += 1  # a window inside the counted phrase is no window of it
    if index < len(windows):
        after = windows[index]
        between = others[first_from(number_end) : first_from(after.start)]
        leads_other = (
            _opens_clause(text, after)
            and _COMMA_AFTER.match(text, after.end) is not None
            and figures_between(after.end, len(text) + 1) > 0
        )
        if (not between or _listed(text, number_end, after.start, between)) and not leads_other:
            candidates.append((max(0, after.start - number_end), after))
    index = bisect_right(windows, number_start, key=lambda w: w.end) - 1
    for back in range(index, max(-1, index - _LOOK_BACK), -1):
        before = windows[back]
        if _opens_clause(text, before) or figures_between(-1, number_start) == 0:
            candidates.append((number_start - before.end, before))
            break
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


# How many windows back a figure looks for the one that opens its clause.
_LOOK_BACK = 8


@cache
def _opener(words: WindowWords) -> re.Pattern[str]:
    lead = r"^[\"“‘'•*\-\s]*"
    # "The humanitarian goods -- destined for ... -- included 66 metric tons": a sentence
    # whose subject is a definite phrase and whose verb breaks it down
    breakdown = rf"the\s+[^.;:!?\n]{{0,80}}?\b{_any(words.breakdown_verbs)}\b"
    return re.compile(rf"{lead}(?:{_any(words.tie_openers)}\b|{breakdown})", re.IGNORECASE)


def ties_back(sentence_text: str, words: WindowWords | None = None) -> bool:
    """Return whether a sentence opens by pointing back at the one before ("These areas ...").

    The openers are the [ties] of `windows.toml` ("These", "Of these", "Among them", ...).
    """
    return bool(_opener(words or default_window_words()).match(sentence_text))


def windows_in(windows: list[Window], start: int, end: int) -> list[Window]:
    """Return the windows (in text order, as `find_windows` gives them) inside [start, end).

    A bisect: the pipeline's windows of a sentence, without a scan of all windows.
    """
    low = bisect_left(windows, start, key=lambda w: w.start)
    high = bisect_right(windows, end, key=lambda w: w.end)
    return windows[low:high]


def window_before(windows: list[Window], offset: int) -> Window | None:
    """Return the last window that ends at or before `offset`, by bisect."""
    index = bisect_right(windows, offset, key=lambda w: w.end)
    return windows[index - 1] if index else None

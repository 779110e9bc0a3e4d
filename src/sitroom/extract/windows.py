"""Stage 7: time windows ("over the past 24 hours", "since 27 November"), resolved to dates.

Dates are resolved against the publication date: a day and month without a year is the
latest such day not after publication; "past N days" ends on the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.extract.numbers import parse_number

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(_WEEKDAYS) + r")"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?\b"
_YEAR = r"(?:,?\s+\d{4})"
_DATE = (
    rf"(?:{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}?|{_MONTH}\s+{_DAY}{_YEAR}?|{_MONTH}\s+\d{{4}}"
    rf"|{_WEEKDAY}|the\s+(?:beginning|start|end)\s+of\s+{_MONTH}{_YEAR}?)"
)
_COUNT = r"(?:\d+|[a-z]+(?:[-\s][a-z]+)?)"
_UNIT = r"(?:hours?|days?|weeks?|months?|years?)"
_AS_OF = rf"\s*\((?:figures\s+|data\s+)?as\s+(?:of|at)\s+{_DATE}\)"

_WINDOW = re.compile(
    rf"""
    (?P<past>\b(?:(?:over|in|during|for|within|throughout)\s+)?(?:the\s+)?
        (?:past|last|previous|preceding)\s+(?:(?P<pn>{_COUNT})\s+)?(?P<pu>{_UNIT})
        (?:\s+alone)?\b)
  | (?P<since>\bsince\s+(?P<s1>{_DATE})(?:\s+(?:to|until|till)\s+(?P<s2>{_DATE}))?
        (?P<sasof>{_AS_OF})?)
  | (?P<fromto>\b(?:from|between)\s+(?P<f1>{_DAY}|{_DATE})\s*(?:-|–|to|until|and|till)\s*
        (?P<f2>{_DATE}))
  | (?P<asof>\b(?:as\s+(?:of|at)|on|by|until)\s+(?P<a1>{_DATE}))
  | (?P<relative>\b(?:this\s+(?:morning|afternoon|evening|week)|today|yesterday|tonight|
        last\s+night|late\s+(?:last\s+)?night|overnight|earlier\s+today|on\s+{_WEEKDAY}))
  | (?P<rate>\b(?:daily|per\s+day|every\s+day|each\s+day|a\s+day)\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


_SPOKEN_ON = re.compile(
    r"\b(?:said|says|told|added|stated|announced|reported|quoted|briefing|statement)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Window:
    """Window words at `text[start:end]`, and the dates they cover (None when open)."""

    start: int
    end: int
    words: str
    first_day: date | None
    last_day: date | None
    rate: bool = False


def find_windows(text: str, published_at: date | None) -> list[Window]:
    """Return every time window written in `text`, in order, with its dates resolved."""
    windows: list[Window] = []
    for match in _WINDOW.finditer(text):
        if match.group(0)[:3].lower() == "on " and _SPOKEN_ON.search(
            text, max(0, match.start() - 24), match.start()
        ):
            continue  # "said on Friday" dates the speech, not the figures
        try:
            first, last = _resolve(match, published_at)
        except OverflowError:  # a window reaching before year 1: leave its dates open
            first, last = None, None
        windows.append(
            Window(
                match.start(),
                match.end(),
                match.group(0),
                first,
                last,
                rate=bool(match.group("rate")),
            )
        )
    return windows


def _resolve(match: re.Match[str], published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    if match.group("past"):
        unit = match.group("pu").lower().rstrip("s")
        count = parse_number(match.group("pn")) if match.group("pn") else None
        if count is None:
            return None, published  # "over the past days": the start is not said
        days = {
            "hour": count / 24,
            "day": count,
            "week": 7 * count,
            "month": 30 * count,
            "year": 365 * count,
        }[unit]
        return published - timedelta(days=max(1, round(days))), published
    if match.group("since"):
        first = parse_date(match.group("s1"), published)
        last = parse_date(match.group("s2"), published) if match.group("s2") else None
        if match.group("sasof"):
            as_of = re.search(r"as\s+(?:of|at)\s+(.+)\)", match.group("sasof"), re.IGNORECASE)
            last = parse_date(as_of.group(1), published) if as_of else None
        return first, last or published
    if match.group("fromto"):
        last = parse_date(match.group("f2"), published)
        start_words = match.group("f1")
        if re.fullmatch(_DAY, start_words) and last is not None:
            day_of_month = int(re.sub(r"\D", "", start_words))
            return _safe_date(last.year, last.month, day_of_month), last
        return parse_date(start_words, published), last
    if match.group("asof"):
        on = parse_date(match.group("a1"), published)
        return on, on
    if match.group("relative"):
        words = match.group("relative").lower()
        if "week" in words:
            return published - timedelta(days=published.weekday()), published
        if "yesterday" in words or "night" in words:
            return published - timedelta(days=1), published
        weekday = re.search(_WEEKDAY, words)
        if weekday:
            on = parse_date(weekday.group(0), published)
            return on, on
        return published, published
    return None, None  # a rate ("daily") covers each day, not a span


def parse_date(words: str, published: date) -> date | None:
    """Return the date `words` name, the latest one not after `published` when no year is given.

    A weekday is the latest such day not after publication; a month and year alone is
    the month's first day.
    """
    low = words.lower().strip()
    weekday = re.fullmatch(_WEEKDAY, low)
    if weekday:
        back = (published.weekday() - _WEEKDAYS[low]) % 7
        return published - timedelta(days=back)
    month_match = re.search(_MONTH, low)
    if month_match is None:
        return None
    month = _MONTHS[month_match.group(0).rstrip(".")]
    year_match = re.search(r"\d{4}", low)
    day_match = re.search(
        r"\b(\d{1,2})(?:st|nd|rd|th)?\b",
        low.replace(year_match.group(0), "") if year_match else low,
    )
    day = int(day_match.group(1)) if day_match else 1
    if "end of" in low:
        day = 28
    if year_match:
        return _safe_date(int(year_match.group(0)), month, day)
    candidate = _safe_date(published.year, month, day)
    if candidate is not None and candidate > published:
        candidate = _safe_date(published.year - 1, month, day)
    return candidate


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_LEADING_AFTER = re.compile(r"\s*,")
_ANAPHOR_START = re.compile(
    r"^[\"“•\-\s]*(?:These|This|Those|They|It|Of\s+(?:these|them|those)|Of\s+whom)\b"
)


def window_for(
    text: str,
    number_start: int,
    number_end: int,
    windows: list[Window],
    others: list[tuple[int, int]],
) -> Window | None:
    """Return the window of the figure at `text[number_start:number_end]` within its sentence.

    `windows` are those of the sentence, `others` the spans of the sentence's other figures
    that are not parts of this one. A window after the figure belongs to it when no other
    figure stands between; a window before it only when it leads its clause ("Since 27
    November, ...", "Over the past 24 hours alone, ...").
    """
    best: Window | None = None
    best_gap = len(text) + 1
    for window in windows:
        if window.start >= number_end:
            if any(number_end <= s and e <= window.start for s, e in others):
                continue
            gap = window.start - number_end
        elif window.end <= number_start:
            if not _LEADING_AFTER.match(text, window.end) and any(
                e <= window.start for _, e in others
            ):
                continue
            if any(window.end <= s and e <= number_start for s, e in others) and not (
                _LEADING_AFTER.match(text, window.end)
            ):
                continue
            gap = number_start - window.end
        else:
            continue
        if gap < best_gap:
            best, best_gap = window, gap
    return best


def ties_back(sentence_text: str) -> bool:
    """Return whether a sentence opens by pointing back at the one before ("These areas ...")."""
    return bool(_ANAPHOR_START.match(sentence_text))

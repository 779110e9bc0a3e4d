"""Dates as reports write them ("23 September", "August 27 at 3:00 AM EDT", "mid-July",
"12/09/2023", "Saturday"), as regex parts for the window grammar and resolved to days.

A date without a year is the latest such day not after an anchor (the publication date,
or the end of a range it opens); a weekday is the latest such day not after it. Written
with the standard library: dateparser (1.5) was measured for this and left out, see
`windows.py`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

_BY_LENGTH = sorted(MONTHS, key=len, reverse=True)
_FULL = [m for m in _BY_LENGTH if len(m) > 4 or m in ("may", "june", "july")]
_SHORT = [m for m in _BY_LENGTH if m not in _FULL]
# A short form may end in a stop ("Sept."); a full name never takes the sentence's stop.
MONTH = r"(?:(?:" + "|".join(_FULL) + r")\b|(?:" + "|".join(_SHORT) + r")\b\.?)"
# A month named alone ("in July", "between March and May") must be capitalised: "may",
# "march" and "sept" are words too.
MONTH_CAP = (
    r"(?-i:(?:" + "|".join(m.capitalize() for m in _FULL) + r")\b"
    r"|(?:" + "|".join(m.capitalize() for m in _SHORT) + r")\b\.?)"
)
WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")\b"
DAY = r"\d{1,2}(?:st|nd|rd|th)?\b"
YEAR_NUMBER = r"(?:19|20)\d{2}\b"
YEAR = rf"(?:,?\s+{YEAR_NUMBER})"
# "early", "mid-", "late", "the end of": a part of a month
PART = r"(?:early|mid-|mid|late|the\s+(?:beginning|start|end|middle)\s+of)"
_NUMERIC = r"(?:\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d{2}\b|(?:19|20)\d{2}-\d{2}-\d{2}\b)"
_DAY_MONTH = rf"(?:{DAY}\s+(?:of\s+)?{MONTH}{YEAR}?|{MONTH}\s+(?:the\s+)?{DAY}{YEAR}?)"
# A calendar date: "23 September", "September 26, 2023", "October 2023", "mid-July",
# "the end of July", "Saturday 23 September", "12/09/2023", "2023-09-12".
DATE = (
    rf"(?:{WEEKDAY}(?:,?\s+{_DAY_MONTH})?|{_DAY_MONTH}|{MONTH}\s+{YEAR_NUMBER}"
    rf"|{PART}\s*{MONTH}{YEAR}?|{_NUMERIC})"
)
# A clock time: "3:00 AM EDT", "8:00 a.m.", "7:00 a.m. Moscow time", "14:00 hrs", "noon".
# Zones are capitals, whatever the case rule of the pattern around them.
TIME = (
    r"(?:(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}(?:\s*(?:hrs|h)\b)?"
    r"|noon|midnight)(?:\s+(?-i:[A-Z]{2,5})\b)?(?:\s+(?:(?-i:[A-Z][a-z]+)|local)\s+time\b)?)"
)
DATE_TIME = rf"(?:{DATE}(?:,?\s+(?:at|from|by)\s+{TIME})?)"

_PARTS = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
}
# "early 2024", "mid-2023", "the end of 2022": months of a part of a year
_YEAR_PARTS = {
    "early": (1, 4),
    "beginning": (1, 4),
    "start": (1, 4),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "end": (9, 12),
}
_WEEKDAY_RE = re.compile(WEEKDAY, re.IGNORECASE)
_MONTH_RE = re.compile(MONTH, re.IGNORECASE)
_PART_RE = re.compile(r"\b(early|mid|middle|late|beginning|start|end)\b", re.IGNORECASE)
_NUMERIC_RE = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_DAY_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_TIME_RE = re.compile(r"\b(?:at|from|by)\s+.*$", re.IGNORECASE)


def date_span(words: str, anchor: date) -> tuple[date | None, date | None]:
    """Return the first and last day `words` name: one day, a part of a month, a month, a year.

    Without a year, the latest such span that begins on or before `anchor`.
    """
    low = _TIME_RE.sub("", " ".join(words.lower().split())).strip(" ,")
    numeric = _NUMERIC_RE.search(low)
    if numeric:
        day = _numeric_date(*numeric.groups())
        return day, day
    month_match = _MONTH_RE.search(low)
    year_match = _YEAR_RE.search(low)
    if month_match is None:
        weekday = _WEEKDAY_RE.search(low)
        if weekday is not None:
            back = (anchor.weekday() - WEEKDAYS[weekday.group(0)]) % 7
            return anchor - timedelta(days=back), anchor - timedelta(days=back)
        if year_match is not None:
            year = int(year_match.group(0))
            part = _PART_RE.search(low)
            first_month, last_month = _YEAR_PARTS[part.group(1)] if part else (1, 12)
            last_day = calendar.monthrange(year, last_month)[1]
            return date(year, first_month, 1), date(year, last_month, last_day)
        return None, None
    month = MONTHS[month_match.group(0).rstrip(".")]
    rest = low.replace(year_match.group(0), "") if year_match else low
    rest = rest.replace(month_match.group(0), " ")
    day_match = _DAY_RE.search(rest)
    part = _PART_RE.search(rest)
    if day_match is not None:
        first_day = last_day = int(day_match.group(1))
    elif part is not None:
        first_day, last_day = _PARTS[part.group(1)]
    else:
        first_day, last_day = 1, 31
    if year_match is not None:
        year = int(year_match.group(0))
    else:
        year = anchor.year if (month, first_day) <= (anchor.month, anchor.day) else anchor.year - 1
    last_day = min(last_day, calendar.monthrange(year, month)[1])
    return safe_date(year, month, first_day), safe_date(year, month, last_day)


def parse_date(words: str, published: date) -> date | None:
    """Return the (first) day `words` name, the latest one not after `published` without a year.

    A weekday is the latest such day not after publication; a month alone is its first day,
    "mid-July" the 11th, "the end of July" the 21st.
    """
    return date_span(words, published)[0]


def safe_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None where the day does not exist (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_date(a: str, b: str, c: str) -> date | None:
    if len(a) == 4:  # ISO: 2023-09-12
        return safe_date(int(a), int(b), int(c))
    year = int(c) + (2000 if len(c) == 2 else 0)
    first, second = int(a), int(b)
    # Day first, as humanitarian reports write it, unless the day cannot be the first.
    if first <= 12 < second:
        return safe_date(year, first, second)
    return safe_date(year, second, first)

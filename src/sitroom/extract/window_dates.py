"""The days a window's words cover, resolved against the publication date.

Called by `windows.find_windows` on each match of its grammar; the group names are the
grammar's. A day and month without a year is the latest such day not after publication;
"past N days" ends on the publication date; a window bounded by an event has an open start.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from sitroom.extract.dates import DAY, WEEKDAY, WEEKDAYS, date_span, parse_date
from sitroom.extract.numbers import parse_number
from sitroom.extract.window_words import WindowWords, phrase_pattern

Span = tuple[date | None, date | None]


def resolve(match: re.Match[str], published: date | None, words: WindowWords) -> Span:
    """Return the first and last day of the window `match` found (None where open)."""
    if published is None:
        return None, None
    group = match.group
    if group("range"):
        last = date_span(group("r2"), published)[1]
        anchor = last or published
        start = group("r1")
        if re.fullmatch(DAY, start.strip(), re.IGNORECASE) and last is not None:
            day = int(re.sub(r"\D", "", start))
            return _day(last.year, last.month, day), last
        return date_span(start, anchor)[0], last
    if group("since"):
        if group("sevent"):
            first = parse_date(group("sday"), published) if group("sday") else None
        else:
            first = _span(group("s1"), published, words)[0]
        last = date_span(group("s2"), published)[1] if group("s2") else published
        if group("sasof"):
            as_of = re.search(r"as\s+(?:of|at)\s+(.+)\)", group("sasof"), re.IGNORECASE)
            last = parse_date(as_of.group(1), published) if as_of else None
        return first, last
    if group("asof"):
        if group("atime"):
            on = parse_date(group("atday"), published) if group("atday") else published
            return on, on
        first, last = _span(group("a1"), published, words)
        if first is None or last is None:
            return last, last
        middle = first + (last - first) / 2  # "as of mid-July": about the 15th
        return middle, middle
    if group("until"):
        return None, date_span(group("u1"), published)[1]
    if group("on"):
        last = date_span(group("o2"), published)[1] if group("o2") else None
        first, own_last = date_span(group("o1"), last or published)
        if group("od") and first is not None:  # "On 14 and 15 February"
            first = _day(first.year, first.month, int(re.sub(r"\D", "", group("od"))))
        return first, last or own_last
    if group("from"):
        return date_span(group("f1"), published)[0], published
    if group("upto"):
        written = group("tday") or group("tday2")
        end = parse_date(written, published) if written else published
        if end is None:
            return None, None
        return _counted(group("tn"), group("tu"), end, words)
    if group("ordinal"):
        return _ordinal_part(group("onum"), group("ou"), group("om"), published, words)
    if group("past"):
        if not (group("pp") or group("pthe") or group("pn")):
            span = _relative(group("past"), published, words)
            if span is not None:
                return span  # "last week" is the calendar week before, not 7 days
        return _counted(group("pn"), group("pu"), published, words)
    if group("within"):
        return _counted(group("wn"), group("wu"), published, words)
    if group("ago"):
        first, _ = _counted(group("gn"), group("gu"), published, words)
        return first, first
    if group("inmonth"):
        first, last = date_span(group("m1"), published)
        if group("m2"):
            last = date_span(group("m2"), published)[1]
        return first, min(last, published) if last else None
    if group("event"):
        if group("eday") and match.group(0).lower().startswith("since"):
            return parse_date(group("eday"), published), published
        return None, None
    if group("span"):
        return None, published
    if group("period"):
        return None, None
    if group("relative"):
        return _relative(group("relative"), published, words) or (None, None)
    return None, None  # a rate ("daily") covers each day, not a span


def _span(words_written: str, published: date, words: WindowWords) -> Span:
    """Return the days of a date or a relative phrase ("yesterday afternoon", "last Monday")."""
    relative = _relative(words_written, published, words)
    return relative if relative is not None else date_span(words_written, published)


def _relative(written: str, published: date, words: WindowWords) -> Span | None:
    low = " ".join(written.lower().split())
    last_weekday = re.fullmatch(rf"last\s+({WEEKDAY}).*", low)
    if last_weekday:
        back = (published.weekday() - WEEKDAYS[last_weekday.group(1)]) % 7 or 7
        return published - timedelta(days=back), published - timedelta(days=back)
    span = words.span_of(low)
    if span is None:
        span = words.span_of(re.sub(rf"\s+{phrase_pattern(words.day_parts)}$", "", low))
    if span is None:
        return None
    if span == "to date":
        return None, published
    if span == "open":
        return None, None
    if span == "night":
        return published - timedelta(days=1), published
    kind, offset = span.split()
    n = int(offset)
    if kind == "weekend":  # the Saturday and Sunday on or before publication
        saturday = published - timedelta(days=(published.weekday() - 5) % 7 - 7 * n)
        return saturday, min(saturday + timedelta(days=1), published)
    if kind == "day":
        return published + timedelta(days=n), published + timedelta(days=n)
    if kind == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=n)
        return monday, min(monday + timedelta(days=6), published)
    if kind == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + n, 12)
        end = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        return date(year, month + 1, 1), min(end, published)
    return date(published.year + n, 1, 1), min(date(published.year + n, 12, 31), published)


# "in the first week of March", "during the second half of 2023", "in the last quarter of
# the year": which part, and how a month or a year divides into such parts.
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}
PARTS_OF = {"week": 7, "fortnight": 14, "ten days": 10, "half": 0, "quarter": 0}


def _ordinal_part(ordinal: str, part: str, whole: str, published: date, words: WindowWords) -> Span:
    first, last = _span(whole, published, words)
    if first is None or last is None:
        return None, None
    which = ORDINALS[ordinal.lower()]
    days = PARTS_OF[" ".join(part.lower().split())]
    if days == 0:  # a half or a quarter, in months of a year or days of a month
        pieces = 2 if part.lower() == "half" else 4
        index = pieces - 1 if which < 0 else min(which, pieces) - 1
        if (last - first).days > 31:
            months = 12 // pieces
            start = date(first.year, 1 + index * months, 1)
            end_month = index * months + months
            end = date(first.year, end_month, calendar.monthrange(first.year, end_month)[1])
        else:
            length = ((last - first).days + 1) / pieces
            start = first + timedelta(days=round(index * length))
            end = first + timedelta(days=round((index + 1) * length) - 1)
        return start, min(end, published)
    if which < 0:
        return max(first, last - timedelta(days=days - 1)), min(last, published)
    start = first + timedelta(days=days * (which - 1))
    return start, min(start + timedelta(days=days - 1), last, published)


def _counted(count: str | None, unit: str, published: date, words: WindowWords) -> Span:
    """Return the span of "past N units" ending on publication; "past week" is one week."""
    days_per = words.unit_days(unit) or 1.0
    if count is None:
        if unit.lower().endswith("s") and words.unit_days(unit.lower()[:-1]) is not None:
            return None, published  # "over the past days": the start is not said
        number: float | None = 1.0
    else:
        number = 1.0 if count.lower() in ("a", "an") else parse_number(count)
    if number is None:
        return None, published
    return published - timedelta(days=max(1, round(number * days_per))), published


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None

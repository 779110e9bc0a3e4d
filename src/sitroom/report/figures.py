"""How a figure reads in a briefing: "more than 10,500 people", "93%", "about 7,000"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sitroom.analysis.disagreements import Disagreement
from sitroom.domain import Claim, Event, Qualifier
from sitroom.geo.names import fold

_BEFORE = {
    Qualifier.EXACT: "",
    Qualifier.AT_LEAST: "at least ",  # the bound "more than", "over" and "at least" all set
    Qualifier.AT_MOST: "up to ",
    Qualifier.APPROX: "about ",
    Qualifier.VAGUE: "at least ",
    Qualifier.RANGE: "",
}
_UNIT_WORDS = {
    "people": "people",
    "tonnes": "tonnes",
    "sites": "sites",
    "areas": "areas",
    "kitchens": "kitchens",
    "centres": "centres",
    "vehicles": "vehicles",
    "incidents": "incidents",
    "km2": "km²",
}


def number(value: float) -> str:
    """A value as a person writes it: 10,500; 0.33; 93."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1 else f"{value:,.1f}"


def figure(claim: Claim) -> str:
    """The figure of a claim with its qualifier and unit, as it reads in the briefing."""
    if claim.qualifier is Qualifier.RANGE and claim.low is not None and claim.high is not None:
        amount = f"{number(claim.low)}–{number(claim.high)}"
    elif claim.unit == "ratio":
        amount = f"{claim.value:+.0%}" if claim.value < 0 else f"{claim.value:.0%}"
        return _BEFORE[claim.qualifier] + amount
    else:
        amount = number(claim.value)
    if claim.unit == "percent":
        return f"{_BEFORE[claim.qualifier]}{amount}%"
    unit = _UNIT_WORDS.get(claim.unit, "")
    if claim.value == 1 and claim.qualifier is Qualifier.EXACT and unit.endswith("s"):
        unit = unit[:-1]  # "1 site", "1 centre"
    words = f"{_BEFORE[claim.qualifier]}{amount}"
    return f"{words} {unit}".strip()


_BARE_NUMBER = re.compile(r"[\d.,\s%]+")


_NUMBER_FIELDS = frozenset(("value", "low", "high", "qualifier", "unit"))


def in_own_words(claim: Claim) -> str:
    """The figure in the source's own words ("at least 39,250 IDPs", "Nearly 150
    civilians"), with the computed value beside words without digits ("Two thirds (67%)"),
    and a bare number with its unit and group ("953 people (combatants)")."""
    quote = " ".join(claim.quote.split())
    if _NUMBER_FIELDS.intersection(claim.edited):
        # a reviewer corrected the number: theirs is the figure, the source's words beside it
        return f"{figure(claim)} (corrected; the source says “{quote}”)"
    if _BARE_NUMBER.fullmatch(quote):
        group = f" ({claim.group.replace('_', ' ')})" if claim.group else ""
        return figure(claim) + group
    if not any(map(str.isdigit, quote)):
        return f"{quote} ({figure(claim)})"
    return quote


def claim_place(claim: Claim) -> str:
    """Where a claim is: its place ("to Western Aleppo" when that is where people were
    taken), else "origin → destination"; "" when it names none."""
    if claim.place:
        taken_to = claim.destination and not claim.origin
        if taken_to and fold(claim.destination or "") == fold(claim.place):
            return f"to {claim.place}"
        return claim.place
    return " → ".join(p for p in (claim.origin, claim.destination) if p)


# words that open a window ("Over the past 24 hours", "In the past four days", "Since 27
# November") and are capitalised only because they opened the source's sentence
_WINDOW_OPENERS = frozenset(
    ("over", "in", "since", "during", "for", "from", "between", "within", "this", "last",
     "past", "throughout", "until", "up", "on", "as", "at", "by", "daily", "late", "early",
     "today", "yesterday", "overnight")
)  # fmt: skip


def window_words(window: str) -> str:
    """A window's words as they read inside a sentence: "in the past four days alone" for
    "In the past four days alone"; names keep their capitals ("December 8")."""
    first = window.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in _WINDOW_OPENERS and first[1:].islower():
        return first.lower() + window[len(first) :]
    return window


def unlocated_note(places: tuple[str, ...], briefing_place: str) -> str:
    """Why a figure at places nobody can locate is in the briefing of `briefing_place`."""
    named = ", ".join(places)
    verb = "is" if len(places) == 1 else "are"
    return f"{named} {verb} not in the gazetteer; its source names {briefing_place}"


def one_source(disagreement: Disagreement) -> bool:
    """Whether a disagreement is a source contradicting itself (a check, not a dispute)."""
    first, second = disagreement.first.source.id, disagreement.second.source.id
    return first is not None and first == second


def voice_of(claimant: str | None, publisher: str | None) -> str:
    """Who says a figure: its claimant; else its publisher, in its own voice; else the
    source itself, whose publisher is not known."""
    if claimant:
        return claimant
    if publisher:
        return f"{publisher} (own voice)"
    return "the source itself (publisher not known)"


def reliability_words(reliability: str) -> str:
    """A source's grade, said once with the source: "reliability B", "reliability not
    graded" (F, cannot be judged: what every source is until someone grades it)."""
    return "reliability not graded" if reliability == "F" else f"reliability {reliability}"


def credibility_words(credibility: int) -> str:
    """A figure's own grade: "credibility 2"; "" where nobody graded it (6)."""
    return "" if credibility == 6 else f"credibility {credibility}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def days_in_words(since: date, on: date) -> str:
    """A window of publication days in words: "3–9 December 2016", "28 November – 4
    December 2016", "28 December 2016 – 3 January 2017", "9 December 2016"."""

    def day(d: date, month: bool = True, year: bool = True) -> str:
        return (
            f"{d.day}"
            + (f" {_MONTHS[d.month - 1]}" if month else "")
            + (f" {d.year}" if year else "")
        )

    if since == on:
        return day(on)
    if since.year != on.year:
        return f"{day(since)} – {day(on)}"
    if since.month != on.month:
        return f"{day(since, year=False)} – {day(on)}"
    return f"{since.day}–{day(on)}"


def events_summary(events: Sequence[Event], since: date, on: date) -> str:
    """ "3 events ... 15 fatalities as ACLED reports them (Battles 1, ...)": counted beside
    the claims, never added to them."""
    kinds: dict[str, int] = {}
    for event in events:
        kinds[event.event_type] = kinds.get(event.event_type, 0) + 1
    by_kind = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items(), key=lambda k: -k[1]))
    fatalities = sum(e.fatalities for e in events)
    return (
        f"{len(events)} event{'' if len(events) == 1 else 's'} from "
        f"{since.isoformat()} to {on.isoformat()}, "
        f"{fatalities:,} fatalit{'y' if fatalities == 1 else 'ies'} as ACLED reports them "
        f"({by_kind}); shown beside the claims above, never added to them."
    )


def event_line(event: Event) -> str:
    """One event: day, type, place, fatalities, actors, source and ACLED id."""
    kind = event.event_type + (f" ({event.sub_event_type})" if event.sub_event_type else "")
    where = event.location or event.admin3 or event.admin2 or event.admin1 or "place not given"
    actors = " vs ".join(a for a in (event.actor1, event.actor2) if a)
    parts = [event.event_date.isoformat(), kind, where, f"{event.fatalities} fatalities"]
    if actors:
        parts.append(actors)
    if event.source:
        parts.append(f"source: {event.source}")
    return " · ".join(parts) + f" (ACLED {event.event_id_cnty})"

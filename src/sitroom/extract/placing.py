"""Stage 8b: where each figure is: its place, origin and destination.

A figure takes the place of its own clause (or of the figures listed with it), else of its
sentence, else its whole's, else (where its sentence points back) the figure's it points
at, else the place of the sentence that scopes its paragraph or bullet list, else the
title's, else the country the document is about. The document's places are indexed once
(`DocumentPlaces`), so each figure's look-up is a bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from sitroom.domain import PlaceKind
from sitroom.extract.figures import JOINED, Figure
from sitroom.extract.movements import Movement, movement
from sitroom.extract.places import PlaceSpan, coordinated
from sitroom.extract.sentences import Sentence
from sitroom.extract.windows import ties_back

if TYPE_CHECKING:  # passed in by the caller; extract never imports geo at run time
    from sitroom.geo.gazetteer import Gazetteer

# Flows of people whose "from A to B" is their origin and destination.
_MOVEMENT_END = re.compile(r"\b(?:from|to|into)\s+(?:the\s+)?$", re.IGNORECASE)
# (aid "delivered to Aleppo" is aid at Aleppo: the gold files give it a place, not an end)
MOVEMENTS = ("people.evacuated", "people.transferred", "people.displaced", "people.returned")


class DocumentPlaces:
    """The named places of a document, indexed once: by offset (bisect), by paragraph lead
    and title, and the country the document is mostly about."""

    def __init__(
        self,
        text: str,
        spans: list[PlaceSpan],
        sentences: list[Sentence],
        gazetteer: Gazetteer | None,
    ) -> None:
        self.all = spans
        self.all_starts = [p.start for p in spans]
        # a side's zone is no place, a possessive one an owner ("Syria's agencies"), a
        # subject an actor ("the United States has evacuated"), a dateline the newsroom's
        self.named = [
            p
            for p in spans
            if not p.controlled_area
            and not _POSSESSIVE.match(text, p.end)
            and not _is_subject(text, p)
            and not _is_dateline(text, p)
        ]
        self.starts = [p.start for p in self.named]
        self.text = text
        self.title_end = _title_end(text)
        self.lead_of = _leads(text, sentences)
        self.countries = _countries(self.named, gazetteer)
        self._counts: dict[str, int] | None = None

    def within(self, start: int, end: int) -> list[int]:
        """Return the indexes of the named places inside [start, end)."""
        low = bisect_left(self.starts, start)
        high = low
        while high < len(self.named) and self.named[high].end <= end:
            high += 1
        return list(range(low, high))

    def country_at(self, offset: int) -> str | None:
        """Return the country the document is about: the one most of its places lie in,
        among equals the one named last before `offset`. A country-wide figure takes it,
        never a town named in another paragraph."""
        if self._counts is None:
            self._counts = {}
            for country in self.countries:
                if country is not None:
                    self._counts[country] = self._counts.get(country, 0) + 1
        if not self._counts:
            return None
        best = max(self._counts.values())
        leaders = {c for c, n in self._counts.items() if n == best}
        k = bisect_left(self.starts, offset)
        for country in reversed(self.countries[:k]):
            if country in leaders:
                return country
        return next(c for c in self.countries if c in leaders)

    def run(self, k: int) -> str:
        """Return the place at k with the places coordinated with it, "; "-joined."""
        return "; ".join(dict.fromkeys(p.name for p in coordinated(self.text, self.named, k)))


def _title_end(text: str) -> int:
    """Return the end of the first line when it reads as a title (short, no full stop)."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    first = text[:end].strip()
    return end if first and len(first) <= 200 and not first.endswith(".") else 0


_BULLET = re.compile(r"^\s*(?:[•▪◦*·-]|\d+[.)])\s")


def _leads(text: str, sentences: list[Sentence]) -> dict[int, Sentence]:
    """Return, by paragraph, the sentence that scopes it: its own first sentence, or for a
    bullet, the last line before its list ("Situation in Darfur:", a lead sentence)."""
    leads: dict[int, Sentence] = {}
    last_plain: Sentence | None = None
    for sentence in sentences:
        if sentence.paragraph in leads:
            continue
        line_start = text.rfind("\n", 0, sentence.start) + 1
        if _BULLET.match(text, line_start):
            if last_plain is not None:
                leads[sentence.paragraph] = last_plain
        else:
            leads[sentence.paragraph] = sentence
            last_plain = sentence
    return leads


def _countries(named: list[PlaceSpan], gazetteer: Gazetteer | None) -> list[str | None]:
    """Return the country of each named place (by the gazetteer's parents), or None."""
    if gazetteer is None:
        return [None] * len(named)
    return [_country_of(gazetteer, span.name) for span in named]


def _country_of(gazetteer: Gazetteer, name: str) -> str | None:
    place = gazetteer.find(name)
    seen: set[str] = set()
    while place is not None and place.name not in seen:
        if place.kind == PlaceKind.COUNTRY:
            return place.name
        seen.add(place.name)
        place = gazetteer.find(place.parent) if place.parent else None
    return None


Where = tuple[str | None, str | None, str | None]
# "Syria's security agencies granted amnesty to 2,039": an owner, not where the figure is;
# "93% of Aleppo's territory", "Gaza's residents" stay places
_POSSESSIVE = re.compile(
    r"['’]s\s+(?!(?:territory|territories|area|areas|land|soil|capital|city|outskirts|"
    r"suburbs|countryside|border|borders|north|south|east|west|northern|southern|eastern|"
    r"western|central|districts?|neighbou?rhoods?|regions?|provinces?|governorates?|camps?|"
    r"population|residents|inhabitants|people|civilians|children)\b)",
    re.IGNORECASE,
)


def place_of(
    text: str,
    i: int,
    figures: list[Figure],
    clauses: list[tuple[int, int]],
    places: DocumentPlaces,
    parts: list[int | None],
    chosen: list[Where],
    indicator: str,
) -> Where:
    """Return (place, origin, destination) of figure i.

    A figure takes the place of its own clause (or of the figures coordinated with it:
    "11,300 dead and 10,100 missing in Derna"), else of its sentence, else its whole's,
    else (where its sentence points back) the figure's it points at, else the place of
    the sentence that scopes its paragraph or bullet list, else the title's, else the
    country the document is about.
    """
    figure = figures[i]
    seg_start, seg_end = clauses[i]
    whole = parts[i]
    if whole is not None and chosen[whole][1] is not None:
        return chosen[whole]
    if indicator in MOVEMENTS:
        # the movement of the figure's own clause, not one its parts state ("127,430 have
        # returned, the majority (82%) to east Mosul"), else that of the figures listed with
        # it ("52 militants, together with 147 family members, were moved from A to B")
        moved = _own_movement(text, i, figures, parts, seg_end, places)
        if not (moved.origin or moved.destination):
            moved = _listed_movement(text, i, figures, clauses, places) or moved
        if moved.origin and moved.destination and not moved.arrival:
            return None, moved.origin, moved.destination
        if moved.destination and moved.arrival:
            if moved.destination_is_zone:
                own = _clause_place(text, i, figure, places, parts, seg_start, seg_end)
                own = own or _scope_place(text, figure, places)
                return own, moved.origin, moved.destination
            return moved.destination, moved.origin, moved.destination
        if moved.destination and not moved.destination_is_zone:
            return moved.destination, None, moved.destination
        if moved.origin:
            return moved.origin, None, moved.destination
    own = _clause_place(text, i, figure, places, parts, seg_start, seg_end, after_only=True)
    own = own or _coordinated_place(text, i, figures, clauses, places, chosen)
    own = own or _clause_place(text, i, figure, places, parts, seg_start, seg_end)
    if own is not None:
        return own, None, None
    if whole is not None and chosen[whole][0] is not None:
        return chosen[whole][0], None, None
    sentence = figure.sentence
    if i > 0 and (ties_back(sentence.text) or figure.phrase.anaphoric):
        pointed = i - 1
        while parts[pointed] is not None:  # the whole of a breakdown, not its last part
            pointed = parts[pointed]  # type: ignore[assignment]
        place, origin, _ = chosen[pointed]
        if origin or place:
            # "This represents an increase of 30,475": the places of the figure it points at
            return origin or place, None, None
    return _scope_place(text, figure, places), None, None


def _own_movement(
    text: str,
    i: int,
    figures: list[Figure],
    parts: list[int | None],
    seg_end: int,
    places: DocumentPlaces,
) -> Movement:
    """Return the movement of figure i's own clause, read around its parts: before the
    first of them, else after a breakdown set between commas ("17,342 people, including
    2,815 children, have been evacuated from A to B"), never a part's own ("127,430 have
    returned, the majority (82%) to east Mosul")."""
    start = figures[i].qualified.start
    first = next(
        (
            j
            for j in range(i + 1, min(len(figures), i + 9))
            if parts[j] == i and figures[j].qualified.start < seg_end
        ),
        None,
    )
    if first is None:
        return movement(text, start, seg_end, places.all, places.all_starts)
    moved = movement(text, start, figures[first].qualified.start, places.all, places.all_starts)
    if moved.origin or moved.destination:
        return moved
    comma = text.find(",", figures[first].phrase.end, seg_end)
    last_part = max(j for j in range(first, min(len(figures), i + 9)) if parts[j] == i)
    if comma < 0 or comma < figures[last_part].phrase.end:
        comma = text.find(",", figures[last_part].phrase.end, seg_end)
    if comma < 0:
        return moved
    return movement(text, comma + 1, seg_end, places.all, places.all_starts)


def _listed_movement(
    text: str,
    i: int,
    figures: list[Figure],
    clauses: list[tuple[int, int]],
    places: DocumentPlaces,
) -> Movement | None:
    """Return the movement the next figure listed with figure i states, or None."""
    sentence = figures[i].sentence.index
    j = i + 1
    while j < len(figures) and figures[j].sentence.index == sentence and j - i <= 8:
        if not JOINED.match(text[figures[j - 1].phrase.end : figures[j].qualified.start]):
            return None
        moved = movement(
            text, figures[j].qualified.start, clauses[j][1], places.all, places.all_starts
        )
        if moved.origin or moved.destination:
            return moved
        j += 1
    return None


def _coordinated_place(
    text: str,
    i: int,
    figures: list[Figure],
    clauses: list[tuple[int, int]],
    places: DocumentPlaces,
    chosen: list[Where],
) -> str | None:
    """Return the place a figure shares with the figures it is listed with: the place after
    the next one ("... and 10,100 missing in Derna"), else the previous one's."""
    figure = figures[i]
    sentence = figure.sentence.index
    j = i + 1
    while j < len(figures) and figures[j].sentence.index == sentence and j - i <= 8:
        if not JOINED.match(text[figures[j - 1].phrase.end : figures[j].qualified.start]):
            break
        after = places.within(figures[j].phrase.end, clauses[j][1])
        if after:
            return places.run(after[0])
        j += 1
    if i > 0 and figures[i - 1].sentence.index == sentence:
        gap = text[figures[i - 1].phrase.end : figure.qualified.start]
        if JOINED.match(gap) and chosen[i - 1][0] is not None:
            return chosen[i - 1][0]
    return None


def _clause_place(
    text: str,
    i: int,
    figure: Figure,
    places: DocumentPlaces,
    parts: list[int | None],
    seg_start: int,
    seg_end: int,
    after_only: bool = False,
) -> str | None:
    """Return the place named in the figure's own clause, a list of places as a list:
    the first after the figure, else the last before it (with `after_only`, none)."""
    start, end = figure.qualified.start, figure.phrase.end
    named = places.named
    listed = _listed_place(text, start, places)
    if listed is not None:
        return listed
    after = places.within(end, seg_end)
    if after_only:
        return places.run(after[0]) if after else None
    before = [
        k
        for k in places.within(seg_start, start)
        if not _MOVEMENT_END.search(text, max(0, named[k].start - 12), named[k].start)
    ]
    order = after[:1] + before[-1:]
    return places.run(order[0]) if order else None


# a figure in brackets after a name, or set after it by a comma or colon, is that name's:
# "River Nile (16.38%)", "Telafar (21,100; 4%)", "Tawila, 47,300 people", "Kabkabiya: 15,900"
_OPEN_BRACKET = re.compile(r"\(([^()]{0,40})$")
_LIST_MARK = re.compile(r"\s*[,:–—]\s*$|\s+[-–—]\s+$")


def _listed_place(text: str, start: int, places: DocumentPlaces) -> str | None:
    """Return the place a figure is listed under: the name its bracket or its list mark
    follows, or None."""
    named = places.named
    k = bisect_left(places.starts, start) - 1
    if k < 0:
        return None
    bracket = _OPEN_BRACKET.search(text, max(named[k].end, start - 40), start)
    if bracket is not None:
        if not text[named[k].end : bracket.start()].strip():
            return named[k].name
        return None
    if _LIST_MARK.fullmatch(text, named[k].end, start) and not _PREPOSITION_BEFORE.search(
        text, max(0, named[k].start - 20), named[k].start
    ):
        return named[k].name
    return None


# a place with no preposition before it and a verb after it acts: "the United States has
# evacuated 111,900", "Russia lost 1,060 personnel" are not figures located there
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|from|to|into|of|near|across|throughout|within|around|outside|inside|"
    r"towards?|between|and|or|for|on|by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_VERB_AFTER = re.compile(
    r"\s+(?:has|have|had|is|was|were|are|will|would|also|said|says|lost|\w+ed)\b"
)


# "Geneva (ICRC) –", "YEREVAN, September 26. /TASS/.", "MOSCOW (Sputnik) -"
_DATELINE_AFTER = re.compile(
    r"\s*(?:\([^()\n]{1,40}\)|,\s*[A-Za-z]+\.?\s+\d{1,2}\.?)\s*(?:[-–—:]|/)"
)


def _is_dateline(text: str, span: PlaceSpan) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    return not text[line_start : span.start].strip() and bool(_DATELINE_AFTER.match(text, span.end))


def _is_subject(text: str, span: PlaceSpan) -> bool:
    return bool(_VERB_AFTER.match(text, span.end)) and not _PREPOSITION_BEFORE.search(
        text, max(0, span.start - 20), span.start
    )


def _scope_place(text: str, figure: Figure, places: DocumentPlaces) -> str | None:
    """Return the place of the sentence, lead or title that scopes a figure naming none."""
    sentence = figure.sentence
    in_sentence = places.within(sentence.start, sentence.end)
    if in_sentence:
        return places.run(in_sentence[0])
    lead = places.lead_of.get(sentence.paragraph)
    if lead is not None and lead.index != sentence.index:
        in_lead = places.within(lead.start, lead.end)
        if in_lead:
            # a new figure of the paragraph: the first place its lead names, not all of them
            return places.named[in_lead[0]].name
    in_title = places.within(0, places.title_end)
    if in_title:
        return places.named[in_title[-1]].name
    return places.country_at(figure.qualified.start)

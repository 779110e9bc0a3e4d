"""The extraction pipeline: the only module that knows the order of the stages.

sentences -> numbers -> qualifiers -> counted phrase -> indicator and group -> part-of
links -> time window -> places -> claimant (and, for territory, the side it is about).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sitroom.domain import Claim, PlaceKind, Qualifier
from sitroom.extract.actors import subject_in
from sitroom.extract.articles import article_counts
from sitroom.extract.claimants import find_speakers
from sitroom.extract.indicators import OTHER, Classified, classify, group_for, unit_for
from sitroom.extract.movements import movement
from sitroom.extract.nouns import noun_unit
from sitroom.extract.numbers import NumberMention, find_numbers
from sitroom.extract.parts import link_parts
from sitroom.extract.phrases import CountedPhrase, counted_phrase
from sitroom.extract.places import PlaceSpan, coordinated, find_places
from sitroom.extract.qualifiers import Qualified, qualify
from sitroom.extract.sentences import Sentence, split_sentences
from sitroom.extract.windows import (
    Window,
    find_windows,
    ties_back,
    window_before,
    window_for,
    windows_in,
)
from sitroom.vocabulary import Vocabulary, default_vocabulary

if TYPE_CHECKING:  # passed in by the caller
    from sitroom.geo.actors import Parties
    from sitroom.geo.gazetteer import Gazetteer

EXTRACTOR_VERSION = "sitroom-extract/0.1"
# Flows of people whose "from A to B" is their origin and destination.
_MOVEMENT_END = re.compile(r"\b(?:from|to|into)\s+(?:the\s+)?$", re.IGNORECASE)
_MOVEMENTS = ("people.evacuated", "people.transferred", "people.displaced", "people.returned")


@dataclass(frozen=True)
class _Figure:
    number: NumberMention
    qualified: Qualified
    phrase: CountedPhrase
    sentence: Sentence


def extract_claims(
    text: str,
    published_at: date | None,
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
    parties: Parties | None = None,
) -> list[Claim]:
    """Return the claims stated in `text`, sorted by start, numbered from 0 in that order.

    Pure: no clock, no I/O, no network; the same input gives the same claims. Dates of
    windows are resolved against `published_at` (None leaves them open). Without a
    gazetteer, only places the text itself marks as places are found. A territory claim's
    subject is one of the sides of `parties` (the workspace's; default: the bundled ones).
    """
    vocabulary = vocabulary or default_vocabulary()
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    figures: list[_Figure] = []
    numbers = find_numbers(text)
    numbers = sorted([*numbers, *article_counts(text, numbers)], key=lambda n: n.start)
    for number in numbers:
        index = bisect_right(starts, number.start) - 1
        if index < 0 or number.end > sentences[index].end:
            continue
        figures.append(
            _Figure(number, qualify(text, number), counted_phrase(text, number), sentences[index])
        )
    sentence_of = [f.sentence.index for f in figures]
    parts = link_parts(
        text, sentences, [f.number for f in figures], [f.phrase for f in figures], sentence_of
    )
    kinds = _classify_all(figures, parts, vocabulary)
    windows = find_windows(text, published_at)
    places = _Places(text, find_places(text, gazetteer), sentences, gazetteer)
    speakers = find_speakers(text, sentences)

    claims: list[Claim] = []
    chosen_windows: list[Window | None] = []
    chosen_places: list[_Where] = []
    unrelated = [_unrelated(i, figures, parts) for i in range(len(figures))]
    clauses = [_clause(text, f, others) for f, others in zip(figures, unrelated, strict=True)]
    for i, figure in enumerate(figures):
        own_windows = windows_in(windows, figure.sentence.start, figure.sentence.end)
        window = _window(
            text, i, figures, unrelated, own_windows, windows, parts, chosen_windows, published_at
        )
        chosen_windows.append(window)
        where = _place(text, i, figures, clauses, places, parts, chosen_places, kinds[i].indicator)
        chosen_places.append(where)
        claims.append(
            _claim(
                text,
                i,
                figure,
                kinds[i],
                parts[i],
                window,
                where,
                speakers.at(figure.sentence.index, figure.number.start),
                sentences,
                parties,
            )
        )
    return claims


# a clause ends where a comma opens a predicate or a relative clause ("The population of
# the Idleb area, estimated at 3 million people, is increasingly concentrated along ...")
_CLAUSE_END = re.compile(
    r",\s+(?:is|are|was|were|has|have|had|will|would|which|who|while|but|whereas)\b|;"
)
_APPOSITION = re.compile(
    r",\s+(?:estimated|put|numbering|totall?ing|reckoned|thought|believed)\b[^,]{0,24}$",
    re.IGNORECASE,
)


def _clause(text: str, figure: _Figure, others: list[tuple[int, int]]) -> tuple[int, int]:
    """Return the span of the figure's own clause: between the unrelated figures around it,
    up to a comma that opens another predicate."""
    start, end = figure.qualified.start, figure.phrase.end
    seg_start = max([e for s, e in others if e <= start], default=figure.sentence.start)
    seg_end = min([s for s, e in others if s >= end], default=figure.sentence.end)
    if not _APPOSITION.search(text, max(seg_start, start - 40), start):
        return seg_start, seg_end
    stop = _CLAUSE_END.search(text, end, seg_end)
    return seg_start, stop.start() if stop else seg_end


# a part whose own verb moves people on counts toward its whole's movement
_ONWARD = {"people.transferred": "people.evacuated"}


def _classify_all(
    figures: list[_Figure], parts: list[int | None], vocabulary: Vocabulary
) -> list[Classified]:
    kinds: list[Classified] = []
    for i, figure in enumerate(figures):
        sentence = figure.sentence
        whole = parts[i]
        found = classify(
            sentence.text,
            sentence.start,
            figure.number,
            figure.phrase,
            vocabulary,
            after_only=whole is not None,
        )
        if whole is not None:
            inherited = kinds[whole]
            group = group_for(figure.phrase)
            if not (figure.phrase.words or figure.phrase.possessed):
                group = inherited.group
            indicator = found.indicator if found is not None else inherited.indicator
            if indicator in _ONWARD and inherited.indicator == _ONWARD[indicator]:
                # "150 evacuated ... 30 of them were transferred to shelters": where some
                # of the evacuees were taken is a breakdown of the evacuation
                indicator = inherited.indicator
            unit = unit_for(indicator, figure.number, vocabulary, figure.phrase)
            counted = noun_unit(figure.phrase.words or figure.phrase.possessed)
            if found is None and unit not in ("percent", "ratio") and counted is None:
                # "953 of them": the whole's unit; "2,700 kilograms of salt": its own
                unit = inherited.unit
            kinds.append(Classified(indicator, unit, group))
        elif found is not None:
            kinds.append(found)
        else:
            unit = unit_for(OTHER, figure.number, vocabulary, figure.phrase)
            kinds.append(Classified(OTHER, unit, group_for(figure.phrase)))
    _relink_by_kind(figures, parts, kinds)
    return kinds


def _relink_by_kind(
    figures: list[_Figure], parts: list[int | None], kinds: list[Classified]
) -> None:
    """Give a part whose own words say another indicator than its whole's the whole of that
    indicator in its sentence: "120 were killed and 340 injured, including 12 killed and 30
    injured": the 12 are of the 120, the 30 of the 340."""
    for i, whole in enumerate(parts):
        if whole is None or kinds[i].indicator == kinds[whole].indicator:
            continue
        sentence = figures[i].sentence.index
        j = whole - 1
        while j >= 0 and figures[j].sentence.index == sentence and whole - j <= 8:
            if (
                parts[j] is None
                and kinds[j].indicator == kinds[i].indicator
                and figures[j].number.value >= figures[i].number.value
            ):
                parts[i] = j
                break
            j -= 1


# how far _unrelated walks from a figure to find an unrelated one: a breakdown of hundreds
# of parts would otherwise cost a walk per part (quadratic); past it, the sentence bounds do
_WALK = 64


def _unrelated(i: int, figures: list[_Figure], parts: list[int | None]) -> list[tuple[int, int]]:
    """Return the spans of the nearest figures of i's sentence, before and after it, that
    are not its whole, its parts or parts of its wholes."""
    ancestors = {i}
    root = i
    while parts[root] is not None and len(ancestors) < _WALK:
        root = parts[root]  # type: ignore[assignment]
        ancestors.add(root)
    sentence = figures[i].sentence.index

    def related(j: int) -> bool:
        return j in ancestors or parts[j] in ancestors

    found: list[tuple[int, int]] = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(figures) and abs(j - i) <= _WALK:
            if figures[j].sentence.index != sentence:
                break
            if not related(j):
                found.append((figures[j].qualified.start, figures[j].phrase.end))
                break
            j += step
    return found


def _window(
    text: str,
    i: int,
    figures: list[_Figure],
    unrelated: list[list[tuple[int, int]]],
    own: list[Window],
    windows: list[Window],
    parts: list[int | None],
    chosen: list[Window | None],
    published_at: date | None,
) -> Window | None:
    figure = figures[i]
    sentence = figure.sentence
    window = window_for(text, figure.qualified.start, figure.phrase.end, own, unrelated[i])
    if window is not None:
        return _as_of_before(text, window, sentence, windows, published_at)
    # "226 civilians have been killed and over 700 injured in the past month": a window
    # after a list of figures bounds each of them
    j = i + 1
    while (
        j < len(figures)
        and j - i <= 8
        and figures[j].sentence.index == sentence.index
        and _JOINED.match(text[figures[j - 1].phrase.end : figures[j].qualified.start])
    ):
        shared = window_for(
            text, figures[j].qualified.start, figures[j].phrase.end, own, unrelated[j]
        )
        if shared is not None and shared.start >= figures[j].phrase.end:
            return shared
        j += 1
    whole = parts[i]
    if whole is not None:
        return chosen[whole]
    if ties_back(sentence.text) or figure.phrase.anaphoric:
        before = window_before(windows, sentence.start)
        if before is not None and _in_previous_sentence(text, before, sentence):
            return before
    return None


def _as_of_before(
    text: str,
    window: Window,
    sentence: Sentence,
    windows: list[Window],
    published_at: date | None,
) -> Window:
    """A window running "since" a day up to publication, in a sentence that points back
    at the one before ("This represents an increase of 30,475 since 22 November"), ends
    where the figures pointed at end ("figures as of 30 November"), not at publication."""
    if not (
        ties_back(sentence.text)
        and published_at is not None
        and window.first_day is not None
        and window.last_day == published_at
    ):
        return window
    before = window_before(windows, sentence.start)
    if before is None or not _in_previous_sentence(text, before, sentence):
        return window
    ended = before.last_day
    if ended is None or not window.first_day <= ended < published_at:
        return window
    return replace(window, last_day=ended)


def _in_previous_sentence(text: str, window: Window, sentence: Sentence) -> bool:
    return "\n\n" not in text[window.end : sentence.start].strip() and (
        text.count(".", window.end, sentence.start) <= 1
    )


class _Places:
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


_Where = tuple[str | None, str | None, str | None]
# "Syria's security agencies granted amnesty to 2,039": an owner, not where the figure is;
# "93% of Aleppo's territory", "Gaza's residents" stay places
_POSSESSIVE = re.compile(
    r"['’]s\s+(?!(?:territory|territories|area|areas|land|soil|capital|city|outskirts|"
    r"suburbs|countryside|border|borders|north|south|east|west|northern|southern|eastern|"
    r"western|central|districts?|neighbou?rhoods?|regions?|provinces?|governorates?|camps?|"
    r"population|residents|inhabitants|people|civilians|children)\b)",
    re.IGNORECASE,
)


def _place(
    text: str,
    i: int,
    figures: list[_Figure],
    clauses: list[tuple[int, int]],
    places: _Places,
    parts: list[int | None],
    chosen: list[_Where],
    indicator: str,
) -> _Where:
    """Return (place, origin, destination) of figure i.

    A figure takes the place of its own clause (or of the figures coordinated with it:
    "11,300 dead and 10,100 missing in Derna"), else of its sentence, else its whole's,
    else (where its sentence points back) the figure's it points at, else the place of
    the sentence that scopes its paragraph or bullet list, else the title's, else the
    country the document is about.
    """
    figure = figures[i]
    start = figure.qualified.start
    seg_start, seg_end = clauses[i]
    whole = parts[i]
    if whole is not None and chosen[whole][1] is not None:
        return chosen[whole]
    if indicator in _MOVEMENTS:
        moved = movement(text, start, seg_end, places.all, places.all_starts)
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


# figures joined as one list ("11,300 people dead and 10,100 missing", "1,544 families in
# need of NFIs and 1,067 families in need of shelter kits"): no figure, no full stop between
_JOINED = re.compile(r"^[^\d.;:]{0,80}\b(?:and|or)\s+[^\d.;:]{0,30}$|^\s*,\s*$")


def _coordinated_place(
    text: str,
    i: int,
    figures: list[_Figure],
    clauses: list[tuple[int, int]],
    places: _Places,
    chosen: list[_Where],
) -> str | None:
    """Return the place a figure shares with the figures it is listed with: the place after
    the next one ("... and 10,100 missing in Derna"), else the previous one's."""
    figure = figures[i]
    sentence = figure.sentence.index
    j = i + 1
    while j < len(figures) and figures[j].sentence.index == sentence and j - i <= 8:
        if not _JOINED.match(text[figures[j - 1].phrase.end : figures[j].qualified.start]):
            break
        after = places.within(figures[j].phrase.end, clauses[j][1])
        if after:
            return places.run(after[0])
        j += 1
    if i > 0 and figures[i - 1].sentence.index == sentence:
        gap = text[figures[i - 1].phrase.end : figure.qualified.start]
        if _JOINED.match(gap) and chosen[i - 1][0] is not None:
            return chosen[i - 1][0]
    return None


def _clause_place(
    text: str,
    i: int,
    figure: _Figure,
    places: _Places,
    parts: list[int | None],
    seg_start: int,
    seg_end: int,
    after_only: bool = False,
) -> str | None:
    """Return the place named in the figure's own clause, a list of places as a list:
    the first after the figure, else the last before it (with `after_only`, none)."""
    start, end = figure.qualified.start, figure.phrase.end
    named = places.named
    if text[max(0, start - 1) : start] == "(":
        # "River Nile (16.38%), Northern (13.73%)": the place the brackets follow
        k = bisect_left(places.starts, start) - 1
        if k >= 0 and not text[named[k].end : start - 1].strip():
            return named[k].name
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


def _scope_place(text: str, figure: _Figure, places: _Places) -> str | None:
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


def _claim(
    text: str,
    i: int,
    figure: _Figure,
    kind: Classified,
    whole: int | None,
    window: Window | None,
    where: tuple[str | None, str | None, str | None],
    claimant: str | None,
    sentences: list[Sentence],
    parties: Parties | None,
) -> Claim:
    number, qualified = figure.number, figure.qualified
    value = number.value * qualified.sign
    subject = None
    if kind.indicator.startswith("territory."):
        subject = subject_in(figure.sentence.text, parties)
        previous = figure.sentence.index - 1
        if subject is None and previous >= 0:
            subject = subject_in(sentences[previous].text, parties)
    place, origin, destination = where
    return Claim(
        indicator=kind.indicator,
        value=value,
        quote=text[qualified.start : figure.phrase.end],
        start=qualified.start,
        end=figure.phrase.end,
        sentence=figure.sentence.text,
        qualifier=Qualifier(qualified.qualifier),
        unit=kind.unit,
        low=number.low,
        high=number.high,
        group=kind.group,
        place=place,
        origin=origin,
        destination=destination,
        subject=subject,
        window=window.words if window else None,
        window_start=window.first_day if window else None,
        window_end=window.last_day if window else None,
        claimant=claimant,
        local_id=i,
        part_of=whole,
        extracted_by=EXTRACTOR_VERSION,
    )

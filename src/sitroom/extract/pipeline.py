"""The extraction pipeline: the only module that knows the order of the stages.

sentences -> numbers -> qualifiers -> counted phrase -> indicator and group -> part-of
links -> time window -> places -> claimant (and, for territory, the side it is about).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sitroom.domain import Claim, Qualifier
from sitroom.extract.actors import subject_in
from sitroom.extract.claimants import find_claimants
from sitroom.extract.indicators import OTHER, Classified, classify, group_for, unit_for
from sitroom.extract.numbers import NumberMention, find_numbers
from sitroom.extract.parts import link_parts
from sitroom.extract.phrases import CountedPhrase, counted_phrase
from sitroom.extract.places import PlaceSpan, coordinated, find_places, movement
from sitroom.extract.qualifiers import Qualified, qualify
from sitroom.extract.sentences import Sentence, split_sentences
from sitroom.extract.windows import Window, find_windows, ties_back, window_for
from sitroom.vocabulary import Vocabulary, default_vocabulary

if TYPE_CHECKING:  # passed in by the caller; extract never imports geo at run time
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
) -> list[Claim]:
    """Return the claims stated in `text`, sorted by start, numbered from 0 in that order.

    Pure: no clock, no I/O, no network; the same input gives the same claims. Dates of
    windows are resolved against `published_at` (None leaves them open). Without a
    gazetteer, only places the text itself marks as places are found.
    """
    vocabulary = vocabulary or default_vocabulary()
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    figures: list[_Figure] = []
    for number in find_numbers(text):
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
    places = find_places(text, gazetteer)
    claimants = find_claimants(text, sentences)

    claims: list[Claim] = []
    chosen_windows: list[Window | None] = []
    chosen_places: list[tuple[str | None, str | None, str | None]] = []
    for i, figure in enumerate(figures):
        others = _unrelated(i, figures, parts)
        window = _window(text, i, figure, others, windows, parts, chosen_windows, published_at)
        chosen_windows.append(window)
        previous_start = figures[i - 1].qualified.start if i else -1
        where = _place(
            text,
            i,
            figure,
            others,
            places,
            parts,
            chosen_places,
            kinds[i].indicator,
            previous_start,
        )
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
                claimants[figure.sentence.index],
                sentences,
            )
        )
    return claims


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
            if found is None and unit not in ("percent", "ratio"):
                unit = inherited.unit
            kinds.append(Classified(indicator, unit, group))
        elif found is not None:
            kinds.append(found)
        else:
            unit = unit_for(OTHER, figure.number, vocabulary, figure.phrase)
            kinds.append(Classified(OTHER, unit, group_for(figure.phrase)))
    return kinds


def _unrelated(i: int, figures: list[_Figure], parts: list[int | None]) -> list[tuple[int, int]]:
    """Return the spans of the other figures of i's sentence that are not its whole or parts."""
    family = {i}
    root = i
    while parts[root] is not None:
        root = parts[root]  # type: ignore[assignment]
        family.add(root)
    family.update(j for j, whole in enumerate(parts) if whole in family or whole == i)
    return [
        (f.qualified.start, f.phrase.end)
        for j, f in enumerate(figures)
        if j not in family and f.sentence.index == figures[i].sentence.index
    ]


def _window(
    text: str,
    i: int,
    figure: _Figure,
    others: list[tuple[int, int]],
    windows: list[Window],
    parts: list[int | None],
    chosen: list[Window | None],
    published_at: date | None,
) -> Window | None:
    sentence = figure.sentence
    own = [w for w in windows if sentence.start <= w.start and w.end <= sentence.end]
    window = window_for(text, figure.qualified.start, figure.phrase.end, own, others)
    if window is not None:
        return _as_of_before(text, window, sentence, windows, published_at)
    whole = parts[i]
    if whole is not None:
        return chosen[whole]
    if ties_back(sentence.text) or figure.phrase.anaphoric:
        before = [w for w in windows if w.end <= sentence.start]
        return before[-1] if before and _in_previous_sentence(text, before[-1], sentence) else None
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
    before = [w for w in windows if w.end <= sentence.start]
    if not before or not _in_previous_sentence(text, before[-1], sentence):
        return window
    ended = before[-1].last_day
    if ended is None or not window.first_day <= ended < published_at:
        return window
    return replace(window, last_day=ended)


def _in_previous_sentence(text: str, window: Window, sentence: Sentence) -> bool:
    return "\n\n" not in text[window.end : sentence.start].strip() and (
        text.count(".", window.end, sentence.start) <= 1
    )


def _place(
    text: str,
    i: int,
    figure: _Figure,
    others: list[tuple[int, int]],
    places: list[PlaceSpan],
    parts: list[int | None],
    chosen: list[tuple[str | None, str | None, str | None]],
    indicator: str,
    previous_start: int,
) -> tuple[str | None, str | None, str | None]:
    """Return (place, origin, destination) of figure i."""
    sentence = figure.sentence
    start, end = figure.qualified.start, figure.phrase.end
    seg_start = max([e for s, e in others if e <= start], default=sentence.start)
    seg_end = min([s for s, e in others if s >= end], default=sentence.end)
    whole = parts[i]
    if whole is not None and chosen[whole][1] is not None:
        return chosen[whole]
    if indicator in _MOVEMENTS:
        moved = movement(text, start, seg_end, places)
        if moved.origin and moved.destination and not moved.arrival:
            return None, moved.origin, moved.destination
        if moved.destination and moved.arrival:
            if moved.destination_is_zone:
                return (
                    _named_place(
                        text, i, figure, places, parts, chosen, seg_start, seg_end, previous_start
                    ),
                    moved.origin,
                    moved.destination,
                )
            return moved.destination, moved.origin, moved.destination
        if moved.destination and not moved.destination_is_zone:
            return moved.destination, None, moved.destination
        if moved.origin:
            return moved.origin, None, moved.destination
    return (
        _named_place(text, i, figure, places, parts, chosen, seg_start, seg_end, previous_start),
        None,
        None,
    )


def _named_place(
    text: str,
    i: int,
    figure: _Figure,
    places: list[PlaceSpan],
    parts: list[int | None],
    chosen: list[tuple[str | None, str | None, str | None]],
    seg_start: int,
    seg_end: int,
    previous_start: int = -1,
) -> str | None:
    start, end = figure.qualified.start, figure.phrase.end
    named = [p for p in places if not p.controlled_area]
    in_brackets = text[max(0, start - 1) : start] == "("
    after = [k for k, p in enumerate(named) if end <= p.start and p.end <= seg_end]
    before = [
        k
        for k, p in enumerate(named)
        if seg_start <= p.start
        and p.end <= start
        and not _MOVEMENT_END.search(text, max(0, p.start - 12), p.start)
    ]
    order = (before[-1:] + after[:1]) if in_brackets else (after[:1] + before[-1:])
    if order:
        run = coordinated(text, named, order[0])
        if not in_brackets and any(parts[j] == i for j in range(len(parts))) and len(run) > 1:
            return "; ".join(dict.fromkeys(p.name for p in run))
        if in_brackets:
            return named[order[0]].name
        return "; ".join(dict.fromkeys(p.name for p in run))
    whole = parts[i]
    if whole is not None and chosen[whole][0] is not None:
        return chosen[whole][0]
    return _context_place(text, i, figure, named, chosen, previous_start)


def _context_place(
    text: str,
    i: int,
    figure: _Figure,
    named: list[PlaceSpan],
    chosen: list[tuple[str | None, str | None, str | None]],
    previous_start: int,
) -> str | None:
    """Return the place a figure whose own clause names none is about.

    In order: the origin or place of the previous figure of its paragraph (amnesty
    granted "besides that" to those transferred from Khan al-Shih); the last place named
    earlier in its paragraph that is not the end of a movement; the title's place; the
    last place named before.
    """
    start = figure.qualified.start
    line_start = text.rfind("\n", 0, start) + 1
    if i > 0 and previous_start >= line_start:
        place, origin, _ = chosen[i - 1]
        if origin or place:
            named_before = origin or place or ""
            if ties_back(figure.sentence.text):
                # "This represents an increase of 30,475": the same places as the figure
                # it points back at, all of them
                return named_before
            return named_before.split("; ")[0]
    same_paragraph = [
        p
        for p in named
        if line_start <= p.start
        and p.end <= start
        and not _MOVEMENT_END.search(text, max(0, p.start - 12), p.start)
    ]
    if same_paragraph:
        return same_paragraph[-1].name
    title_end = text.find("\n")
    title = [p for p in named if p.end <= (title_end if title_end >= 0 else len(text))]
    if title:
        return title[-1].name
    earlier = [p for p in named if p.end <= start]
    return earlier[-1].name if earlier else None


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
) -> Claim:
    number, qualified = figure.number, figure.qualified
    value = number.value * qualified.sign
    subject = None
    if kind.indicator.startswith("territory."):
        subject = subject_in(figure.sentence.text)
        previous = figure.sentence.index - 1
        if subject is None and previous >= 0:
            subject = subject_in(sentences[previous].text)
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

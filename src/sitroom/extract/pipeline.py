"""The extraction pipeline: the only module that knows the order of the stages.

sentences -> numbers -> qualifiers -> counted phrase -> indicator and group -> part-of
links -> time window -> places -> claimant (and, for territory, the side it is about).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sitroom.domain import Claim, Qualifier
from sitroom.extract.actors import subject_in
from sitroom.extract.articles import article_counts
from sitroom.extract.claimants import find_speakers
from sitroom.extract.figures import JOINED, Figure
from sitroom.extract.indicators import OTHER, Classified, classify, group_for, unit_for
from sitroom.extract.nouns import noun_unit
from sitroom.extract.numbers import find_numbers
from sitroom.extract.parts import link_parts
from sitroom.extract.phrases import counted_phrase
from sitroom.extract.places import find_places
from sitroom.extract.placing import DocumentPlaces, Where, place_of
from sitroom.extract.qualifiers import qualify
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
    figures: list[Figure] = []
    numbers = find_numbers(text)
    numbers = sorted([*numbers, *article_counts(text, numbers)], key=lambda n: n.start)
    for number in numbers:
        index = bisect_right(starts, number.start) - 1
        if index < 0 or number.end > sentences[index].end:
            continue
        figures.append(
            Figure(number, qualify(text, number), counted_phrase(text, number), sentences[index])
        )
    sentence_of = [f.sentence.index for f in figures]
    parts = link_parts(
        text, sentences, [f.number for f in figures], [f.phrase for f in figures], sentence_of
    )
    kinds = _classify_all(figures, parts, vocabulary)
    windows = find_windows(text, published_at)
    places = DocumentPlaces(text, find_places(text, gazetteer), sentences, gazetteer)
    speakers = find_speakers(text, sentences)

    claims: list[Claim] = []
    chosen_windows: list[Window | None] = []
    chosen_places: list[Where] = []
    unrelated = [_unrelated(i, figures, parts) for i in range(len(figures))]
    clauses = [_clause(text, f, others) for f, others in zip(figures, unrelated, strict=True)]
    for i, figure in enumerate(figures):
        own_windows = windows_in(windows, figure.sentence.start, figure.sentence.end)
        window = _window(
            text, i, figures, unrelated, own_windows, windows, parts, chosen_windows, published_at
        )
        chosen_windows.append(window)
        where = place_of(
            text, i, figures, clauses, places, parts, chosen_places, kinds[i].indicator
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


def _clause(text: str, figure: Figure, others: list[tuple[int, int]]) -> tuple[int, int]:
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
    figures: list[Figure], parts: list[int | None], vocabulary: Vocabulary
) -> list[Classified]:
    kinds: list[Classified] = []
    for i, figure in enumerate(figures):
        if i and _elided(figures[i - 1], figure):
            # "226 civilians were killed and over 700 injured", "12 tanks destroyed and 4
            # captured": the bare figure counts the noun of the one before it
            elided = replace(figure.phrase, possessed=figures[i - 1].phrase.words)
            figure = figures[i] = replace(figure, phrase=elided)
        sentence = figure.sentence
        whole = parts[i]
        if whole is not None and not (
            figure.phrase.words or figure.phrase.possessed or figure.phrase.anaphoric
        ):
            # "Of these, 430 are in schools": the bare part counts what its whole counts
            of_whole = figures[whole].phrase.words or figures[whole].phrase.possessed
            figure = figures[i] = replace(figure, phrase=replace(figure.phrase, possessed=of_whole))
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


def _elided(before: Figure, figure: Figure) -> bool:
    """Whether `figure` counts, unwritten, what the figure just before it counts: a bare
    number joined to it by "and" in one sentence ("N civilians were killed and M
    injured")."""
    return (
        before.sentence.index == figure.sentence.index
        and not (figure.phrase.words or figure.phrase.possessed or figure.phrase.anaphoric)
        and bool(before.phrase.words)
        and figure.number.kind is before.number.kind
        and JOINED.match(
            figure.sentence.text[
                before.phrase.end - figure.sentence.start : figure.qualified.start
                - figure.sentence.start
            ]
        )
        is not None
    )


def _relink_by_kind(
    figures: list[Figure], parts: list[int | None], kinds: list[Classified]
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


def _unrelated(i: int, figures: list[Figure], parts: list[int | None]) -> list[tuple[int, int]]:
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
    figures: list[Figure],
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
        and JOINED.match(text[figures[j - 1].phrase.end : figures[j].qualified.start])
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
    colon = text.rfind(
        ":", max(sentence.start, figure.qualified.start - 400), figure.qualified.start
    )
    if colon >= 0:
        # "Arrivals since 10 May: Tawila, 47,300; Zamzam, 41,600": the window before the
        # colon bounds the list after it
        led = [w for w in own if w.end <= colon]
        if led:
            return led[-1]
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


def _claim(
    text: str,
    i: int,
    figure: Figure,
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

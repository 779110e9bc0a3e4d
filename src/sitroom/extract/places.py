"""Stage 8: places named in a text (`placing` and `movements` give a figure its place, origin
and destination from them).

Places come from the gazetteer (any spelling), widened by the words that narrow them as
written ("east Aleppo", "rural Aleppo Governorate", "Old City of Aleppo"), plus names the
gazetteer lacks but the text clearly marks as places ("Al-Hasakeh Governorate", "Dar
Al-Safaa", "areas under GoS control").
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the gazetteer is passed in; extract does not import geo at run time
    from sitroom.geo.gazetteer import Gazetteer


@dataclass(frozen=True)
class PlaceSpan:
    """A place named at `text[start:end]`, as written (with its narrowing words)."""

    start: int
    end: int
    name: str
    controlled_area: bool = False  # "government-controlled areas": a side's zone, not a place


_DIRECTION = (
    r"(?:(?:former\s+)?(?:north|south|east|west|northern|southern|eastern|western|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|"
    r"central|rural|greater)\s+)"
)
_BEFORE = re.compile(
    rf"(?:(?:the\s+)?(?:Old\s+City|Citadel|outskirts|suburbs|countryside|centre|center)\s+of\s+"
    rf"|(?:the\s+)?Old\s+|{_DIRECTION})$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^\s+(?:Governorate|Province|State|Oblast|Region|countryside|camp|District|"
    r"sub-district)\b",
    re.IGNORECASE,
)
_LIST_SUFFIX = re.compile(
    r"^\s*(?:\(\s*[\d.,]+\s*\)\s*)?(governorates|provinces|districts)\b", re.IGNORECASE
)
_FALLBACK = re.compile(
    r"(?:(?:[A-Z][\w'’-]+\s+){1,3}(?:Governorate|Province|camp)\b"
    r"|\b(?:Al|El|Ar|As|Ash|Ad|Deir|Khan|Tal|Tell|Jisr|Bab|Bani|Dar|Kafr|Ain|Ras|Sheikh|Karm|"
    r"Tariq|Masaken|Bustan|Jabal|Souq|Maarat|Beit)[-\s](?:[A-Z][\w'’]+)(?:[-\s][A-Z][\w'’]+)?)"
)
_CONTROLLED = re.compile(
    r"\b(?:(?:government|opposition|GoS|NSAG|regime|rebel|militant|terrorist|SDF|Kurdish)"
    r"[-\s](?:controlled|held)\s+(?:areas?|territory|territories|neighbou?rhoods|districts)"
    r"|areas?\s+(?:under|controlled\s+by|held\s+by)\s+(?:the\s+)?"
    r"(?:GoS|government|opposition|NSAG|regime|rebel|militant|Syrian\s+Army|SDF)"
    r"(?:\s+control)?)\b",
    re.IGNORECASE,
)
_COORDINATION = re.compile(
    r"^\s*(?:\(\s*[\d.,]+\s*\)\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$"
)


@dataclass(frozen=True)
class _PersonPhrases:
    title_before: re.Pattern[str]
    title_words: frozenset[str]  # the last words of the titles, for a cheap first look
    name_then_speech: re.Pattern[str]
    organisations: frozenset[str]


# words that make a capitalised run an organisation, not a surname ("Lebanon Red Cross said")
_NOT_SURNAMES = (
    "Ministry|Government|Army|Armed|Forces|Force|Red|Office|Council|Committee|Authority|"
    "Authorities|Police|Agency|Department|Directorate|Office|Media|News|Radio|TV|Times|State|"
    "Province|Governorate|Region|District|City|Mission|Team|Unit|Cluster|Health|Civil|"
    "Defence|Defense|Emergency|Crisis|National|General|Staff|Command|Embassy|Delegation"
)


@cache
def _person_phrases() -> _PersonPhrases:
    """Person phrases from `places.toml`: a title before a name, a name and surname before
    a speech verb. A place name inside one is a person's name."""
    data = tomllib.loads(resources.files("sitroom").joinpath("places.toml").read_text("utf-8"))
    words = data["persons"]
    titles = "|".join(
        re.escape(t).replace(r"\ ", r"\s+") for t in sorted(words["titles"], key=len, reverse=True)
    )
    verbs = "|".join(sorted(words["speech_verbs"], key=len, reverse=True))
    name_word = (
        rf"(?:(?:al|el|bin|ibn|abu|ben|de|van|von|der)[-\s]+)?(?!(?:{titles}|{_NOT_SURNAMES})\b)"
        r"[A-Z][\w'’]+"
    )
    return _PersonPhrases(
        re.compile(rf"(?<![\w.])(?:{titles})\.?\s+$"),
        frozenset(t.split()[-1].rstrip(".") for t in words["titles"]),
        re.compile(rf"(?:[-\s]+{name_word}){{1,3}}(?:\s*,[^,.;\n]{{1,60}},)?\s+(?:{verbs})\b"),
        frozenset(data["organisations"]["words"]),
    )


# a capitalised name around a place: its words and the small words that join them ("UN
# Relief and Works Agency for Palestine Refugees", "Armed Forces of Ukraine")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*")
_JOINER = re.compile(r"(?:of|for|and|the|de|al|el)$")
_TOKENS = re.compile(r"[\w'’-]+")


def in_organisation_name(text: str, start: int, end: int) -> bool:
    """Whether the place at `text[start:end]` lies inside the name of an organisation or
    a building (a capitalised run holding a word of `places.toml`'s [organisations])."""
    organisations = _person_phrases().organisations
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = _TOKENS.findall(text, max(line_start, start - 80), start)
    after = _TOKENS.findall(text, end, min(line_end, end + 80))
    for words in (reversed(before), after):
        for word in words:
            if word in organisations:
                return True
            if not (_NAME_WORD.fullmatch(word) or _JOINER.fullmatch(word)):
                break
    return False


def in_person_phrase(text: str, start: int, end: int) -> bool:
    """Whether the name at `text[start:end]` is a person's: after a title ("deputy minister
    Jasim al-Atiyah", "Mr Hope"), or a one-word given name followed by a surname and a
    speech verb ("Jasim al-Atiyah said", "Jasim al-Atiyah, deputy minister, said")."""
    phrases = _person_phrases()
    word = _WORD_BEFORE.search(text, max(0, start - 24), start)
    if (
        word is not None
        and word.group(1).rstrip(".") in phrases.title_words
        and phrases.title_before.search(text, max(0, start - 40), start)
    ):
        return True
    if re.search(r"[\s-]", text[start:end]):
        return False
    return phrases.name_then_speech.match(text, end, min(len(text), end + 120)) is not None


# "Hayat Tahrir al-Sham", "Ahrar al-Sham", "Salah al-Din": a capitalised word and an
# article before a name make one longer name, which is a place only if it is known as one
_LONGER_NAME = re.compile(r"([A-Z][\w'’]+)[-\s](?:al|el|ad|ar|as|ash|az|an|at)[-\s]$")


def _longer_name(text: str, start: int, gazetteer: Gazetteer) -> int | None:
    """Return where the longer name a place at `start` ends begins ("Salah" of "Salah
    al-Din"), -1 when the gazetteer does not know that longer name ("Tahrir al-Sham" is no
    place), None when the place ends no longer name."""
    before = _LONGER_NAME.search(text, max(0, start - 30), start)
    if before is None:
        return None
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] in "'’-"):
        end += 1
    return before.start() if gazetteer.find(text[before.start() : end]) is not None else -1


def find_places(text: str, gazetteer: Gazetteer | None) -> list[PlaceSpan]:
    """Return the places named in `text`, in order, each with its narrowing words.

    A name inside a person phrase (`in_person_phrase`) is not a place.
    """
    spans: list[PlaceSpan] = []
    known: list[tuple[int, int]] = []
    if gazetteer is not None:
        for mention in gazetteer.mentions(text):
            if in_person_phrase(text, mention.start, mention.end) or in_organisation_name(
                text, mention.start, mention.end
            ):
                continue
            longer = _longer_name(text, mention.start, gazetteer)
            if longer == -1:
                continue
            spans.append(_widen(text, mention.start if longer is None else longer, mention.end))
            known.append((spans[-1].start, spans[-1].end))
    starts = [start for start, _ in known]
    for match in _FALLBACK.finditer(text):
        # a name the text marks as a place, unless the gazetteer found one there: "El Fasher
        # Flash Update" is El Fasher, not a place called "El Fasher Flash"
        k = bisect_right(starts, match.end()) - 1
        if k >= 0 and known[k][1] > match.start():
            continue
        spans.append(_widen(text, match.start(), match.end()))
    for match in _CONTROLLED.finditer(text):
        spans.append(PlaceSpan(match.start(), match.end(), match.group(0), controlled_area=True))
    spans = _without_overlaps(spans)
    spans = _without_locators(text, _without_possessors(text, _with_list_suffix(text, spans)))
    return _with_city_parts(text, spans)


# "the eastern part of the city", "Aleppo's eastern districts": a side of the city named
# just before, written as the gold files write it ("east Aleppo").
_PART_OF_CITY = re.compile(
    r"\b(?:the\s+)?(?P<side>north|south|east|west)(?:ern)?\s+"
    r"(?:part|parts|side|districts|neighbou?rhoods|quarters|areas)\s+of\s+the\s+city\b",
    re.IGNORECASE,
)
_CITY_SIDE = re.compile(
    r"['’]s\s+(?P<side>north|south|east|west)(?:ern)?\s+"
    r"(?:part|parts|side|districts|neighbou?rhoods|quarters|areas)\b",
    re.IGNORECASE,
)


# "93% of the city's territory", "across the city": the whole city named just before, not
# the side of it the previous sentence spoke of
_WHOLE_CITY = re.compile(
    r"\b(?:of|across|throughout|within)\s+(?P<city>the\s+city\b(?:['’]s)?)(?!\s+of\b)",
    re.IGNORECASE,
)


def _with_city_parts(text: str, spans: list[PlaceSpan]) -> list[PlaceSpan]:
    result = []
    for span in spans:
        side = _CITY_SIDE.match(text, span.end)
        if side is not None and not span.controlled_area:
            result.append(
                PlaceSpan(span.start, side.end(), f"{side.group('side').lower()} {span.name}")
            )
        else:
            result.append(span)
    # the named places by their ends, for "the last place before" by bisection: spans do
    # not overlap, so their ends are in order
    named = [p for p in result if not p.controlled_area]
    ends = [p.end for p in named]
    added: list[PlaceSpan] = []
    for match in _PART_OF_CITY.finditer(text):
        last = bisect_right(ends, match.start()) - 1
        if last >= 0:
            city = re.sub(r"^(?:north|south|east|west)\w*\s+", "", named[last].name, flags=re.I)
            added.append(
                PlaceSpan(match.start(), match.end(), f"{match.group('side').lower()} {city}")
            )
    # as before this was indexed: a side of the city named earlier wins over a place
    starts = {s.start for s in spans}
    parts = [(p.start, p.end) for p in added if p.start not in starts]
    part_starts = [start for start, _ in parts]
    added_ends = [p.end for p in added]
    for match in _WHOLE_CITY.finditer(text):
        at = bisect_right(part_starts, match.start("city")) - 1
        if at >= 0 and parts[at][0] <= match.start("city") < parts[at][1]:
            continue
        last_part = bisect_right(added_ends, match.start()) - 1
        last = bisect_right(ends, match.start()) - 1
        before = added[last_part] if last_part >= 0 else (named[last] if last >= 0 else None)
        if before is not None:
            city = re.sub(r"^(?:north|south|east|west)\w*\s+", "", before.name, flags=re.I)
            result.append(PlaceSpan(match.start("city"), match.end("city"), city))
    result.extend(added)
    result.sort(key=lambda p: p.start)
    return result


# a name that goes on with an Arabic article: "Hammam al-Alil", "Deir el-Balah" (the
# gazetteer may know only its first word, as another place)
_NAME_GOES_ON = re.compile(r"[-\s](?:al|el|ad|ar|as|ash|az|an|at)[-\s][A-Z][\w'’]+")


_WORD_BEFORE = re.compile(r"([\w-]+)\s+$")
_BEFORE_LAST = frozenset(
    (
        *("of", "old", "former", "north", "south", "east", "west", "northern", "southern"),
        *("eastern", "western", "northeast", "northeastern", "north-east", "north-eastern"),
        *("northwest", "northwestern", "north-west", "north-western", "southeast"),
        *("southeastern", "south-east", "south-eastern", "southwest", "southwestern"),
        *("south-west", "south-western", "central", "rural", "greater"),
    )
)


def _widen(text: str, start: int, end: int) -> PlaceSpan:
    goes_on = _NAME_GOES_ON.match(text, end)
    if goes_on is not None:
        end = goes_on.end()
    word = _WORD_BEFORE.search(text, max(0, start - 16), start)
    # only a direction, "of" or "Old" ends what _BEFORE looks for: search only then
    before = (
        _BEFORE.search(text, max(0, start - 30), start)
        if word is not None and word.group(1).lower() in _BEFORE_LAST
        else None
    )
    if before is not None:
        start = before.start()
        if text[start : start + 4].lower() == "the ":
            start += 4
    after = _AFTER.match(text[end : end + 20])
    if after is not None:
        end += after.end()
    name = text[start:end]
    name = re.sub(r"^former\s+", "", name, flags=re.IGNORECASE)
    return PlaceSpan(start, end, " ".join(name.split()))


def _without_overlaps(spans: list[PlaceSpan]) -> list[PlaceSpan]:
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[PlaceSpan] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _with_list_suffix(text: str, spans: list[PlaceSpan]) -> list[PlaceSpan]:
    """Give each of "Aleppo (271,691), Hama (91,645) ... governorates" its "Governorate"."""
    result = list(spans)
    i = 0
    while i < len(result):
        j = i
        while j + 1 < len(result) and _COORDINATION.match(
            text[result[j].end : result[j + 1].start]
        ):
            j += 1
        suffix = _LIST_SUFFIX.match(text[result[j].end : result[j].end + 40])
        if suffix is not None and j > i:
            word = suffix.group(1).rstrip("s").capitalize()
            for k in range(i, j + 1):
                span = result[k]
                if not span.name.lower().endswith(word.lower()):
                    result[k] = PlaceSpan(span.start, span.end, f"{span.name} {word}")
        i = j + 1
    return result


def _without_possessors(text: str, spans: list[PlaceSpan]) -> list[PlaceSpan]:
    """Drop "Syria" of "Syria's Aleppo": the possessed place is the one meant."""
    kept = []
    for i, span in enumerate(spans):
        following = spans[i + 1] if i + 1 < len(spans) else None
        if following is not None and re.fullmatch(r"['’]s\s+", text[span.end : following.start]):
            continue
        kept.append(span)
    return kept


# "the Kutupalong camp near Cox's Bazar": the second place says where the first one is
_LOCATOR = re.compile(
    r"\s*,?\s*(?:near|outside|close\s+to|next\s+to|on\s+the\s+outskirts\s+of)\s+"
    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?",
    re.IGNORECASE,
)


def _without_locators(text: str, spans: list[PlaceSpan]) -> list[PlaceSpan]:
    """Drop a place that only locates the one before it ("X camp near Y"): the figure is
    about X, which lies by Y."""
    kept: list[PlaceSpan] = []
    for span in spans:
        if kept and _LOCATOR.fullmatch(text, kept[-1].end, span.start):
            continue
        kept.append(span)
    return kept


def coordinated(text: str, spans: list[PlaceSpan], index: int) -> list[PlaceSpan]:
    """Return the run of places joined to `spans[index]` by "and" or commas, in text order.

    Commas alone make an apposition ("Rural Damascus, south-western Syria"), not a list:
    a run needs an "and"/"or" or bracketed figures between its items.
    """
    low = high = index
    while low > 0 and _COORDINATION.match(text[spans[low - 1].end : spans[low].start]):
        low -= 1
    while high + 1 < len(spans) and _COORDINATION.match(
        text[spans[high].end : spans[high + 1].start]
    ):
        high += 1
    gaps = [text[spans[k].end : spans[k + 1].start] for k in range(low, high)]
    if gaps and not any(re.search(r"\band\b|\bor\b|&|\(", gap) for gap in gaps):
        return [spans[index]]
    return spans[low : high + 1]

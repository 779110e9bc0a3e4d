"""Stage 6: part-of links, a figure that breaks down a whole stated before it.

"more than 10,500 people, including over 4,000 children"; "1,096 militants ..., 953 of
them"; "464,767 people displaced in ... Aleppo (271,691), Hama (91,645)"; a line ending in
":" followed by bullets.

Cost: linear in the figures and the text. The figures of a sentence, the openers and the
clause stops of a sentence are indexed once (`_Index`); a figure finds its whole by
bisection over those offsets instead of searching the text between it and every earlier
figure of its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from sitroom.extract.nouns import PEOPLE, noun_class, noun_unit
from sitroom.extract.numbers import NumberKind, NumberMention
from sitroom.extract.phrases import CountedPhrase
from sitroom.extract.sentences import Sentence

_OPENER = re.compile(
    r"\b(?:including|includ(?:es|ed)|among\s+them|among\s+whom|amongst\s+them|of\s+whom|"
    r"of\s+which|of\s+these|of\s+them|namely|incl\.|comprising|consisting\s+of)\b"
    r"|\(",
    re.IGNORECASE,
)
# What ends the clause of a breakdown: a semicolon or a full stop before a space.
_STOP = re.compile(r";|\.(?=\s)")
_SPACES = re.compile(r"\s*")
_BULLET = re.compile(r"^\s*(?:[•\-*–·▪●]|\d+[.)])\s")


@dataclass
class _Marks:
    """Where the openers and the clause stops of one sentence are, as text offsets."""

    opener_starts: list[int]
    opener_ends: list[int]
    opener_is_bracket: list[bool]
    stops: list[int]


class _Index:
    """The figures of a document indexed once: by sentence, by paragraph, by offset.

    `numbers` are in text order, so the figures of a sentence are a run of indices and
    the paragraphs of the figures never decrease.
    """

    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        numbers: list[NumberMention],
        sentence_of: list[int],
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.numbers = numbers
        self.sentence_of = sentence_of
        self.ends = [n.end for n in numbers]
        self.paragraphs = [sentences[k].paragraph for k in sentence_of]
        # run_start[i]: the first figure of i's sentence; runs: sentence -> (first, last + 1)
        self.run_start: list[int] = []
        self.runs: dict[int, tuple[int, int]] = {}
        for i, k in enumerate(sentence_of):
            first = self.runs[k][0] if k in self.runs else i
            self.runs[k] = (first, i + 1)
            self.run_start.append(first)
        self._marks: dict[int, _Marks] = {}

    def in_sentence(self, k: int) -> range:
        first, end = self.runs.get(k, (0, 0))
        return range(first, end)

    def marks(self, k: int) -> _Marks:
        found = self._marks.get(k)
        if found is None:
            sentence = self.sentences[k]
            openers = list(_OPENER.finditer(self.text, sentence.start, sentence.end))
            found = _Marks(
                [m.start() for m in openers],
                [m.end() for m in openers],
                [m.group(0) == "(" for m in openers],
                [m.start() for m in _STOP.finditer(self.text, sentence.start, sentence.end)],
            )
            self._marks[k] = found
        return found


def link_parts(
    text: str,
    sentences: list[Sentence],
    numbers: list[NumberMention],
    phrases: list[CountedPhrase],
    sentence_of: list[int],
) -> list[int | None]:
    """Return, for each number, the index of the whole it is part of, or None.

    `numbers` are in text order; `sentence_of[i]` is the index in `sentences` of number i.
    The breakdowns written as such (`link_breakdowns`), then shares of a count ("with 63
    per cent Syrians"), lists a sentence opens with "included" for a figure of the
    sentence before, and restatements in brackets undone ("2,613,036 individuals
    (523,142 households)" is one figure in two units, not a part).
    """
    index = _Index(text, sentences, numbers, sentence_of)
    parts = _link(index, phrases)
    classes = [noun_class(p.words or p.possessed) for p in phrases]
    units = [noun_unit(p.words or p.possessed) for p in phrases]
    numbers = index.numbers
    _restatements(index, parts, units)
    _bracket_lists(index, parts, phrases)
    _shares(index, parts, phrases, classes)
    _included(index, parts, classes)
    _sums_by_kind(index, parts, classes)
    _unlike_kinds(parts, classes, numbers)
    _of_those(index, parts)  # "Of these, 430 are schools": said to be parts
    return parts


def link_breakdowns(
    text: str,
    sentences: list[Sentence],
    numbers: list[NumberMention],
    phrases: list[CountedPhrase],
    sentence_of: list[int],
) -> list[int | None]:
    """Return the part-of links of the breakdowns a text writes as such: "including",
    "of them", brackets after a figure, bullets under a figure, parts that add up."""
    return _link(_Index(text, sentences, numbers, sentence_of), phrases)


def _link(index: _Index, phrases: list[CountedPhrase]) -> list[int | None]:
    numbers, sentence_of = index.numbers, index.sentence_of
    parts: list[int | None] = [None] * len(numbers)
    # per sentence: its first and its latest figure that is not a part (a whole so far)
    first_whole: dict[int, int] = {}
    last_whole: dict[int, int] = {}
    for i, number in enumerate(numbers):
        k = sentence_of[i]
        whole: int | None = None
        if phrases[i].anaphoric:
            whole = _anaphor_whole(i, index, first_whole, last_whole)
        else:
            whole = _opened_whole(i, index, parts)
        if whole is not None and _fits(numbers[whole], number):
            parts[i] = whole
        else:
            first_whole.setdefault(k, i)
            last_whole[k] = i
    wholes = {whole for whole in parts if whole is not None}
    _bullets(index, parts, wholes)
    _sums(index, parts, wholes)
    _amongst(index, parts, wholes)
    return parts


# A figure said to be among a group named before: "Six ... children were amongst the evacuees".
_AMONGST = re.compile(
    r"\b(?:were|are|was|is)\s+(?:among|amongst)\s+(?:the|them|those)\b", re.IGNORECASE
)
_REACH = 3  # paragraphs back that a breakdown may refer to


def _wholes_before(i: int, index: _Index, parts: list[int | None]) -> list[int]:
    """Return the figures before i's sentence, within _REACH paragraphs, that may be its whole."""
    numbers = index.numbers
    first = bisect_left(index.paragraphs, index.paragraphs[i] - _REACH, 0, index.run_start[i])
    return [
        j
        for j in range(first, index.run_start[i])
        if parts[j] is None and numbers[j].kind is numbers[i].kind and not numbers[j].vague
    ]


def _sums(index: _Index, parts: list[int | None], wholes: set[int]) -> None:
    """Link the figures of a sentence that add up to a figure stated shortly before.

    "Nearly 150 civilians ... were evacuated." then "118 patients were taken to ...,
    while 30 men, women and children were transferred ...": 148 is within 5% of 150.
    """
    numbers = index.numbers
    for s_index in sorted(index.runs):
        own = [i for i in index.in_sentence(s_index) if parts[i] is None]
        if len(own) < 2 or any(numbers[i].kind is not NumberKind.COUNT for i in own):
            continue
        if any(i in wholes for i in own):
            continue  # the sentence has its own breakdown: its figures are wholes
        if ";" in index.sentences[s_index].text:
            continue  # independent clauses state independent figures
        added = sum(numbers[i].value for i in own)
        for j in reversed(_wholes_before(own[0], index, parts)):
            if 0.95 * numbers[j].value <= added <= numbers[j].value:
                for i in own:
                    parts[i] = j
                wholes.add(j)
                break


def _amongst(index: _Index, parts: list[int | None], wholes: set[int]) -> None:
    numbers, text = index.numbers, index.text
    # per sentence: where its last "were among the" starts, -1 without one
    last_amongst: dict[int, int] = {}
    for i, number in enumerate(numbers):
        if parts[i] is not None:
            continue
        k = index.sentence_of[i]
        if k not in last_amongst:
            sentence = index.sentences[k]
            found = [m.start() for m in _AMONGST.finditer(text, sentence.start, sentence.end)]
            last_amongst[k] = found[-1] if found else -1
        if last_amongst[k] < number.end:
            continue
        candidates = [
            j for j in _wholes_before(i, index, parts) if numbers[j].value >= number.value
        ]
        broken_down = [j for j in candidates if j in wholes]
        if broken_down or candidates:
            # the whole of the latest breakdown, or the latest figure
            parts[i] = (broken_down or candidates)[-1]
            wholes.add(parts[i])  # type: ignore[arg-type]


def _opened_whole(i: int, index: _Index, parts: list[int | None]) -> int | None:
    """Return the whole before an opener ("including", "(") that leads to figure i.

    The nearest earlier figure of the sentence with an opener between it and figure i;
    a bracket opens a breakdown only when it comes right before figure i.
    """
    text, numbers = index.text, index.numbers
    start = numbers[i].start
    marks = index.marks(index.sentence_of[i])
    low = index.run_start[i]
    high = i  # candidates for the whole: figures low .. high - 1
    last = bisect_right(marks.opener_ends, start) - 1  # the last opener ending before i
    while last >= 0 and high > low:
        # the nearest figure that ends before that opener starts
        j = bisect_right(index.ends, marks.opener_starts[last], low, high) - 1
        if j < low:
            return None
        # the first opener after figure j is the one read between j and i
        opener = bisect_left(marks.opener_starts, numbers[j].end)
        if marks.opener_is_bracket[opener]:
            after = marks.opener_starts[opener] + 1
            if _SPACES.match(text, after, start).end() != start:  # type: ignore[union-attr]
                last, high = opener - 1, j
                continue
        stop = bisect_left(marks.stops, numbers[j].end)
        if stop < len(marks.stops) and _stops_before(text, marks.stops[stop], start):
            return None
        # the whole is the first figure of the run of parts: walk back over earlier parts
        whole = j
        while parts[whole] is not None:
            whole = parts[whole]  # type: ignore[assignment]
        if text[numbers[whole].start - 1 : numbers[whole].start] == "(":
            return None
        return whole
    return None


def _stops_before(text: str, stop: int, start: int) -> bool:
    """Whether the clause stop at `stop` lies wholly before offset `start`."""
    return stop + (1 if text[stop] == ";" else 2) <= start


def _anaphor_whole(
    i: int, index: _Index, first_whole: dict[int, int], last_whole: dict[int, int]
) -> int | None:
    """Return the figure "of them" refers to: the last whole in this or the previous sentence."""
    k = index.sentence_of[i]
    if k in last_whole:
        return last_whole[k]
    previous = k - 1
    if (
        previous in first_whole
        and index.sentences[previous].paragraph >= index.sentences[k].paragraph - 1
    ):
        return first_whole[previous]
    return None


def _fits(whole: NumberMention, part: NumberMention) -> bool:
    if part.kind is NumberKind.FRACTION:
        return True
    if whole.kind is not part.kind:
        return False
    return part.value <= whole.value or whole.vague


def _bullets(index: _Index, parts: list[int | None], wholes: set[int]) -> None:
    """Link the first figure of each bullet under a line ending in ":" to that line's figure."""
    numbers, sentences = index.numbers, index.sentences
    for s_index in sorted(index.runs):
        sentence = sentences[s_index]
        if not sentence.text.rstrip().endswith(":"):
            continue
        whole = index.in_sentence(s_index)[-1]
        paragraph = sentence.paragraph
        for later in sentences[s_index + 1 :]:
            if later.paragraph == paragraph:
                continue
            if not _BULLET.match(later.text):
                break
            paragraph = later.paragraph
            firsts = index.in_sentence(later.index)
            if firsts and parts[firsts[0]] is None and _fits(numbers[whole], numbers[firsts[0]]):
                parts[firsts[0]] = whole
                wholes.add(whole)


def _restatements(index: _Index, parts: list[int | None], units: list[str | None]) -> None:
    """Undo the link of a bracketed figure that restates its whole in another unit:
    "2,613,036 individuals (523,142 households)"."""
    text, numbers = index.text, index.numbers
    for i, whole in enumerate(parts):
        if whole is None or whole != i - 1 or text[numbers[i].start - 1 : numbers[i].start] != "(":
            continue
        if units[i] and units[whole] and units[i] != units[whole]:
            parts[i] = None


def _bracket_lists(index: _Index, parts: list[int | None], phrases: list[CountedPhrase]) -> None:
    """Link the later items of a bracketed breakdown: "32 flights (27 C-17s and 5 C-130s)",
    "14 buses (9 coaches, 3 minibuses and 2 vans)" give every item the whole of the first."""
    text, numbers = index.text, index.numbers
    opened: int | None = None  # the first figure of the bracket the last figure is in
    unclosed = 0  # no ")" between the opened figure and this offset
    for i in range(1, len(numbers)):
        first = i - 1
        if text[numbers[first].start - 1 : numbers[first].start] == "(":
            opened = first
            unclosed = numbers[first].start
        if opened is None or parts[opened] is None or parts[i] is not None:
            continue
        if index.sentence_of[opened] != index.sentence_of[i]:
            opened = None
            continue
        between = text[phrases[first].end : numbers[i].start]
        # only the text not yet looked at for a ")": a long unclosed bracket costs once
        if text.find(")", unclosed, numbers[i].start) >= 0:
            opened = None
        else:
            unclosed = max(unclosed, numbers[i].start)
            if _LIST_GAP.match(between):
                parts[i] = parts[opened]


# between two items of a list: a few words, then a comma or "and"
_LIST_GAP = re.compile(r"^[^\d().;:]{0,40}(?:,|\band\b|\bor\b)\s*(?:and\s+)?$")
# a share of a count in the words around it: "99 per cent being Syrian refugees", "the
# majority of whom (an estimated 79%)", "River Nile (16.38%)"
_SHARE_AFTER = re.compile(r"\s+(?:being|are|were|of\s+them|of\s+whom|of\s+these)\b", re.I)


def _shares(
    index: _Index,
    parts: list[int | None],
    phrases: list[CountedPhrase],
    classes: list[str | None],
) -> None:
    """Link a percentage that shares out a count of people to that count: the nearest
    count before it in its sentence, else in its paragraph (not one in brackets, which
    restates), at the root of its breakdown."""
    text, numbers = index.text, index.numbers
    latest: int | None = None  # the latest count of people that is a whole, by paragraph
    counts: list[int] = []  # every count of people not in brackets, in order
    for i, number in enumerate(numbers):
        if latest is not None and index.paragraphs[latest] != index.paragraphs[i]:
            latest = None
        if number.kind is not NumberKind.PERCENT:
            if (
                number.kind is NumberKind.COUNT
                and classes[i] == PEOPLE
                and text[number.start - 1 : number.start] != "("
            ):
                latest = i
                counts.append(i)
            continue
        if parts[i] is not None:
            continue
        restated = _restated_share(index, i, phrases)
        if restated is not None:
            # "Mosul 438,900 IDPs (92%)", "Telafar (21,100; 4%)": the share restates its
            # count as a part of a larger total stated before, not a part of that count
            parts[i] = _larger_before(index, parts, counts, restated)
            continue
        if latest is None:
            continue
        in_brackets = text[max(0, number.start - 1) : number.start] == "(" or text[
            max(0, number.start - 16) : number.start
        ].rstrip().endswith(("(an estimated", "(some", "(about", "(around", "(approximately"))
        shares_people = classes[i] == PEOPLE or bool(_SHARE_AFTER.match(text, phrases[i].end))
        if not (in_brackets or shares_people):
            continue
        whole = latest
        while parts[whole] is not None:
            whole = parts[whole]  # type: ignore[assignment]
        parts[i] = whole


def _restated_share(index: _Index, i: int, phrases: list[CountedPhrase]) -> int | None:
    """Return the count a bracketed percentage i restates ("438,900 IDPs (92%)", "(21,100;
    4%)"): the figure just before it, if the bracket holds or follows it; else None."""
    if i == 0 or index.sentence_of[i - 1] != index.sentence_of[i]:
        return None
    text, numbers = index.text, index.numbers
    between = text[phrases[i - 1].end : numbers[i].start]
    opened = re.fullmatch(r"\s*\(\s*(?:[a-z]+\s+)?", between) is not None
    inside = (
        re.fullmatch(r"\s*[;,]\s*", between) is not None
        and "(" in text[max(0, numbers[i - 1].start - 2) : numbers[i - 1].start]
    )
    if opened or inside:
        return i - 1
    return None


def _larger_before(
    index: _Index, parts: list[int | None], counts: list[int], restated: int
) -> int | None:
    """Return the largest count of people before `restated`, within _REACH paragraphs,
    that is larger than it and no part: the total a share is of (the counts between are
    most often its other parts)."""
    value, paragraph = index.numbers[restated].value, index.paragraphs[restated]
    best: int | None = None
    for j in reversed(counts[-64:]):
        if index.paragraphs[j] < paragraph - _REACH:
            break
        larger = j < restated and parts[j] is None and index.numbers[j].value > value
        if larger and (best is None or index.numbers[j].value > index.numbers[best].value):
            best = j
    return best


# a sentence that lists the parts of a figure stated before it: "The humanitarian goods
# ... included 66 metric tons of wheat flour, 2,700 kilograms of salt"
_INCLUDED = re.compile(r"\b(?:included|includes|include|comprised|comprises|consisted\s+of)\b")
# classes of goods that one consignment may list together
_GOODS = frozenset({"weights", "volumes", "items"})


def _included(index: _Index, parts: list[int | None], classes: list[str | None]) -> None:
    """Link the figures after "included" in a sentence that has no figure before it to the
    last figure of the sentence before, when they count the same kind of thing."""
    text, numbers, sentences = index.text, index.numbers, index.sentences
    for k in sorted(index.runs):
        run = index.in_sentence(k)
        if k == 0 or (k - 1) not in index.runs:
            continue
        opener = _INCLUDED.search(text, sentences[k].start, numbers[run[0]].start)
        if opener is None:
            continue
        whole = index.in_sentence(k - 1)[-1]
        while parts[whole] is not None:
            whole = parts[whole]  # type: ignore[assignment]
        for i in run:
            if parts[i] is None and _same_kind(classes[whole], classes[i]):
                parts[i] = whole


def _same_kind(whole: str | None, part: str | None) -> bool:
    return whole == part or (whole in _GOODS and part in _GOODS)


def _sums_by_kind(index: _Index, parts: list[int | None], classes: list[str | None]) -> None:
    """Link the figures of one kind in a sentence that add up to a figure of that kind
    stated shortly before, where the sentence counts other things too: "32 flights
    carrying roughly 4,000 evacuees and 34 planes carrying 2,800 people" breaks down
    "6,800 persons were evacuated" by its people, not by its flights."""
    numbers = index.numbers
    wholes = {whole for whole in parts if whole is not None}
    for s_index in sorted(index.runs):
        by_kind: dict[str, list[int]] = {}
        for i in index.in_sentence(s_index):
            kind = classes[i]
            if parts[i] is None and numbers[i].kind is NumberKind.COUNT and kind:
                by_kind.setdefault(kind, []).append(i)
        if len(by_kind) < 2:
            continue  # one kind: `_sums` has read the sentence
        for kind, own in by_kind.items():
            if len(own) < 2 or any(i in wholes for i in own):
                continue
            added = sum(numbers[i].value for i in own)
            for j in reversed(_wholes_before(own[0], index, parts)):
                if classes[j] == kind and 0.95 * numbers[j].value <= added <= numbers[j].value:
                    for i in own:
                        parts[i] = j
                    wholes.add(j)
                    break


# a sentence that opens by taking a part of what the one before counted: "Of those, 97,000
# passed through the screening site", "Among them, 1,200 children"
_OF_THOSE = re.compile(r"^\W*(?:Of|Among|Amongst)\s+(?:those|these|them|whom)\b", re.IGNORECASE)


def _of_those(index: _Index, parts: list[int | None]) -> None:
    """Link the figures of a sentence opening "Of those," to the figure the sentence before
    it ends on (at the root of its breakdown): "Of these, 430 are schools and 200 are in
    use"."""
    numbers = index.numbers
    for k in sorted(index.runs):
        if k == 0 or (k - 1) not in index.runs or not _OF_THOSE.match(index.sentences[k].text):
            continue
        whole = index.in_sentence(k - 1)[-1]
        while parts[whole] is not None:
            whole = parts[whole]  # type: ignore[assignment]
        for i in index.in_sentence(k):
            # the text says they are parts, whatever they are called
            if parts[i] is None and _fits(numbers[whole], numbers[i]):
                parts[i] = whole


def _unlike_kinds(
    parts: list[int | None], classes: list[str | None], numbers: list[NumberMention]
) -> None:
    """Undo a link between counts of things of two known kinds ("154 facilities" is no part
    of "813,000 IDPs"): a part counts what its whole counts, or says nothing of it."""
    for i, whole in enumerate(parts):
        if whole is None or numbers[i].kind is not NumberKind.COUNT:
            continue
        part_kind, whole_kind = classes[i], classes[whole]
        if part_kind in (None, "other") or whole_kind in (None, "other"):
            continue
        if not _same_kind(whole_kind, part_kind):
            parts[i] = None

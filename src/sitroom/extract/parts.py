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
    """
    index = _Index(text, sentences, numbers, sentence_of)
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

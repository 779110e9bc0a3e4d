"""The part-of linker as it was before it was indexed (quadratic and worse): the oracle
that tests/extract/test_parts.py holds the linear one to, on small texts."""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

import re

from sitroom.extract.numbers import NumberKind, NumberMention
from sitroom.extract.phrases import CountedPhrase
from sitroom.extract.sentences import Sentence

_OPENER = re.compile(
    r"\b(?:including|includ(?:es|ed)|among\s+them|among\s+whom|amongst\s+them|of\s+whom|"
    r"of\s+which|of\s+these|of\s+them|namely|incl\.|comprising|consisting\s+of)\b"
    r"|\(",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•\-*–·▪●]|\d+[.)])\s")


def link_parts(
    text: str,
    sentences: list[Sentence],
    numbers: list[NumberMention],
    phrases: list[CountedPhrase],
    sentence_of: list[int],
) -> list[int | None]:
    """Return, for each number, the index of the whole it is part of, or None.

    `sentence_of[i]` is the index in `sentences` of number i.
    """
    parts: list[int | None] = [None] * len(numbers)
    for i, number in enumerate(numbers):
        sentence = sentences[sentence_of[i]]
        same = [j for j in range(i) if sentence_of[j] == sentence_of[i]]
        whole: int | None = None
        if phrases[i].anaphoric:
            whole = _anaphor_whole(i, same, sentence_of, sentences, parts)
        else:
            whole = _opened_whole(text, sentence, number, same, numbers, parts)
        if whole is not None and _fits(numbers[whole], number):
            parts[i] = whole
    _bullets(sentences, numbers, sentence_of, parts)
    _sums(sentences, numbers, sentence_of, parts)
    _amongst(sentences, numbers, sentence_of, parts)
    return parts


# A figure said to be among a group named before: "Six ... children were amongst the evacuees".
_AMONGST = re.compile(
    r"\b(?:were|are|was|is)\s+(?:among|amongst)\s+(?:the|them|those)\b", re.IGNORECASE
)
_REACH = 3  # paragraphs back that a breakdown may refer to


def _wholes_before(
    i: int,
    numbers: list[NumberMention],
    sentence_of: list[int],
    sentences: list[Sentence],
    parts: list[int | None],
) -> list[int]:
    paragraph = sentences[sentence_of[i]].paragraph
    return [
        j
        for j in range(i)
        if parts[j] is None
        and sentence_of[j] != sentence_of[i]
        and sentences[sentence_of[j]].paragraph >= paragraph - _REACH
        and numbers[j].kind is numbers[i].kind
        and not numbers[j].vague
    ]


def _sums(
    sentences: list[Sentence],
    numbers: list[NumberMention],
    sentence_of: list[int],
    parts: list[int | None],
) -> None:
    """Link the figures of a sentence that add up to a figure stated shortly before.

    "Nearly 150 civilians ... were evacuated." then "118 patients were taken to ...,
    while 30 men, women and children were transferred ...": 148 is within 5% of 150.
    """
    for s_index in range(len(sentences)):
        own = [i for i, k in enumerate(sentence_of) if k == s_index and parts[i] is None]
        if len(own) < 2 or any(numbers[i].kind is not NumberKind.COUNT for i in own):
            continue
        if any(parts[j] in own for j in range(len(parts))):
            continue  # the sentence has its own breakdown: its figures are wholes
        if ";" in sentences[s_index].text:
            continue  # independent clauses state independent figures
        added = sum(numbers[i].value for i in own)
        for j in reversed(_wholes_before(own[0], numbers, sentence_of, sentences, parts)):
            if 0.95 * numbers[j].value <= added <= numbers[j].value:
                for i in own:
                    parts[i] = j
                break


def _amongst(
    sentences: list[Sentence],
    numbers: list[NumberMention],
    sentence_of: list[int],
    parts: list[int | None],
) -> None:
    for i, number in enumerate(numbers):
        sentence = sentences[sentence_of[i]]
        if parts[i] is not None or not _AMONGST.search(sentence.text, number.end - sentence.start):
            continue
        wholes = [
            j
            for j in _wholes_before(i, numbers, sentence_of, sentences, parts)
            if numbers[j].value >= number.value
        ]
        broken_down = [j for j in wholes if j in parts]
        if broken_down or wholes:
            # the whole of the latest breakdown, or the latest figure
            parts[i] = (broken_down or wholes)[-1]


def _opened_whole(
    text: str,
    sentence: Sentence,
    number: NumberMention,
    same: list[int],
    numbers: list[NumberMention],
    parts: list[int | None],
) -> int | None:
    """Return the whole before an opener ("including", "(") that leads to `number`."""
    for j in reversed(same):
        between = text[numbers[j].end : number.start]
        opener = _OPENER.search(between)
        if opener is None:
            continue
        if opener.group(0) == "(" and not re.fullmatch(r"[^()]*\(\s*", between[opener.start() :]):
            continue
        if ";" in between or re.search(r"\.\s", between):
            return None
        # the whole is the first figure of the run of parts: walk back over earlier parts
        whole = j
        while parts[whole] is not None:
            whole = parts[whole]  # type: ignore[assignment]
        if text[numbers[whole].start - 1 : numbers[whole].start] == "(":
            return None
        return whole
    return None


def _anaphor_whole(
    i: int,
    same: list[int],
    sentence_of: list[int],
    sentences: list[Sentence],
    parts: list[int | None],
) -> int | None:
    """Return the figure "of them" refers to: the last whole in this or the previous sentence."""
    for j in reversed(same):
        if parts[j] is None:
            return j
    previous = sentence_of[i] - 1
    candidates = [j for j in range(i) if sentence_of[j] == previous and parts[j] is None]
    if candidates and sentences[previous].paragraph >= sentences[sentence_of[i]].paragraph - 1:
        return candidates[0]
    return None


def _fits(whole: NumberMention, part: NumberMention) -> bool:
    if part.kind is NumberKind.FRACTION:
        return True
    if whole.kind is not part.kind:
        return False
    return part.value <= whole.value or whole.vague


def _bullets(
    sentences: list[Sentence],
    numbers: list[NumberMention],
    sentence_of: list[int],
    parts: list[int | None],
) -> None:
    """Link the first figure of each bullet under a line ending in ":" to that line's figure."""
    for s_index, sentence in enumerate(sentences):
        if not sentence.text.rstrip().endswith(":"):
            continue
        in_line = [j for j, k in enumerate(sentence_of) if k == s_index]
        if not in_line:
            continue
        whole = in_line[-1]
        paragraph = sentence.paragraph
        for later in sentences[s_index + 1 :]:
            if later.paragraph == paragraph:
                continue
            if not _BULLET.match(later.text):
                break
            paragraph = later.paragraph
            firsts = [j for j, k in enumerate(sentence_of) if k == later.index]
            if firsts and parts[firsts[0]] is None and _fits(numbers[whole], numbers[firsts[0]]):
                parts[firsts[0]] = whole

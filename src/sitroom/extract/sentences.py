"""Stage 1: paragraphs and sentences, as character spans of the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """`text[start:end]` of the report, the `paragraph`-th line block it belongs to."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int


# A boundary: end punctuation, optional closing quote or bracket, space, then something
# that can open a sentence (capital, digit, opening quote, bullet).
_BOUNDARY = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(•]?[A-Z0-9])")
# Words whose full stop is not a sentence end: titles, "No. 7", clock times, initials.
_ABBREVIATION = re.compile(
    r"(?:\b(?:No|Nos|Nr|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Brig|Gov|Prof|St|vs|approx|"
    r"incl|e\.g|i\.e|a\.m|p\.m|U\.S|U\.N|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$",
)
_LINE = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of `text` in order; every line starts a new paragraph.

    Reports separate paragraphs, bullets and headlines by line breaks, so a line never
    continues a sentence across a break.
    """
    sentences: list[Sentence] = []
    for paragraph, line in enumerate(_LINE.finditer(text)):
        start = line.start()
        for boundary in _BOUNDARY.finditer(line.group(0)):
            cut = line.start() + boundary.start() + 1
            if _ABBREVIATION.search(text, max(start, cut - 8), cut):
                continue
            # keep a closing quote or bracket with the sentence it closes
            while cut < line.end() and text[cut] in '"”’)':
                cut += 1
            _append(sentences, text, start, cut, paragraph)
            start = cut
        _append(sentences, text, start, line.end(), paragraph)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], paragraph, len(sentences)))

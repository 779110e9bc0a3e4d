"""Stage 9: who says each figure (the claimant), or None for the publisher's own voice.

One pass over the document. Each sentence yields its attributions: "X said", "said X",
"X told", "according to X", "citing X", "data provided by X showed", each reading its speaker
phrase with `speakers.read_phrase` and looking one way: forward ("X said that ...",
"According to X, ...") or back ("..., the ministry added"). A figure takes the nearest
forward attribution before it, else the nearest backward one after it, so the innermost
named source wins ("Western officials said that N ..., according to a report by the BBC"
gives Western officials). Anaphors resolve to the last named speaker of their kind ("he" a
person, "it" / "the ministry" a body, "the spokesman" / "the statement" either), acronyms
introduced in the text expand ("the MoD" -> Russian Ministry of Defense), and a quotation
that runs over several paragraphs keeps the speaker named in it. A report of one person's
briefing keeps that person as the speaker of its unattributed paragraphs once he has been
named; bodies are not carried that way (gold README: null is the publisher's own voice).

The words (verbs, titles, roles, generic speakers) are data in `speech.toml`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from sitroom.extract.sentences import Sentence
from sitroom.extract.speakers import (
    CONNECTORS,
    DETERMINERS,
    TOKEN,
    Kind,
    Phrase,
    SpeechWords,
    default_speech_words,
    phrase_at_start,
    phrase_start,
    read_phrase,
)

# words between a speaker and its verb: "Rudskoy also said", "OCHA has added"
_BETWEEN = frozenset(
    {"also", "further", "then", "has", "have", "had", "later", "earlier", "previously"}
    | {"separately", "recently", "additionally", "again", "already", "had", "once"}
)
_PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "being"})
# a preposition before a phrase that makes it a place or a time, never a speaker
_LOCATIVE = frozenset({"in", "at", "near", "from", "outside", "inside", "across", "on"})
_BOUNDARY = re.compile(r"[,;:“”\"\[\]—–]|\((?![A-Z][A-Za-z&]{1,9}\))|\.(?=[A-Z][a-z])|\s[-–]\s")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_LEAD = re.compile(r"[\s•*·\-–—\"“]*")  # bullets and marks before a sentence's first word
_PHRASE_REACH = 160  # characters a speaker phrase can span, read back from its verb
_WORD = re.compile(r"\S")


@dataclass(frozen=True)
class Attribution:
    """A speaker phrase at `start:end` of the text, covering the text `forward` or back."""

    start: int
    end: int
    phrase: Phrase
    forward: bool


@dataclass
class _Speaker:
    name: str
    person: bool


@dataclass(frozen=True)
class _Index:
    """The attributions of one sentence by start, with the nearest of each kind precomputed."""

    starts: list[int]
    names: list[str | None]
    forward_before: list[int]  # index of the last forward attribution at or before i, or -1
    backward_before: list[int]  # the same for backward ones
    backward_after: list[int]  # index of the first backward attribution at or after i, or -1

    @classmethod
    def of(cls, found: list[tuple[Attribution, str | None]]) -> _Index:
        forward_before, backward_before, backward_after = [], [], [-1] * (len(found) + 1)
        last_forward = last_backward = -1
        for i, (attribution, _) in enumerate(found):
            if attribution.forward:
                last_forward = i
            else:
                last_backward = i
            forward_before.append(last_forward)
            backward_before.append(last_backward)
        for i in range(len(found) - 1, -1, -1):
            backward_after[i] = i if not found[i][0].forward else backward_after[i + 1]
        return cls(
            [a.start for a, _ in found],
            [n for _, n in found],
            forward_before,
            backward_before,
            backward_after,
        )

    def choose(self, offset: int) -> str | None:
        """Return the claimant of a figure at `offset`: innermost first, in O(log n).

        The nearest forward attribution before it ("X said that N", "According to X, N")
        unless a backward one closes its clause first; else the nearest backward one after
        it ("N, the ministry said"); else the nearest before it.
        """
        split = bisect_left(self.starts, offset)
        if split:
            forward = self.forward_before[split - 1]
            if forward >= 0 and self.backward_before[split - 1] < forward:
                return self.names[forward]
        backward = self.backward_after[split]
        if backward >= 0:
            return self.names[backward]
        return self.names[split - 1] if split else self.names[0]


@dataclass
class Claimants:
    """The claimants of a document: per sentence, and per figure with `at`."""

    sentence: list[str | None]
    _indexes: list[_Index | None] = field(repr=False)

    def at(self, sentence_index: int, offset: int) -> str | None:
        """Return the claimant of a figure starting at `offset` in sentence `sentence_index`.

        A sentence without an attribution of its own gives its sentence's claimant.
        """
        index = self._indexes[sentence_index]
        return self.sentence[sentence_index] if index is None else index.choose(offset)


def find_claimants(text: str, sentences: list[Sentence]) -> list[str | None]:
    """Return the claimant of each sentence of `text`, None where the publisher speaks."""
    return find_speakers(text, sentences).sentence


def find_speakers(
    text: str, sentences: list[Sentence], words: SpeechWords | None = None
) -> Claimants:
    """Return the claimants of `text` per sentence and per figure (`Claimants.at`)."""
    words = words or default_speech_words()
    acronyms = _acronyms(text, words)
    verbs, according, abbreviated = _patterns(words)
    raw = [_attributions(text, s, verbs, according, abbreviated, words) for s in sentences]
    blocks = _quote_blocks(sentences)
    # the first sentence of each quote block that names its speaker, found in one pass back
    block_source: dict[int, int] = {}
    for i in range(len(sentences) - 1, -1, -1):
        if blocks[i] >= 0 and raw[i]:
            block_source[blocks[i]] = i
    state = _State(acronyms)
    if sentences and sentences[0].paragraph == 0:
        _title_speaker(sentences[0], raw, state, words)
    result: list[str | None] = []
    indexes: list[_Index | None] = []
    for i, sentence in enumerate(sentences):
        own = [(a, state.resolve(a.phrase)) for a in raw[i]]
        own = [(a, name) for a, name in own if name is not None]
        indexes.append(_Index.of(own) if own else None)
        if own:
            # the sentence's claimant is its first figure's
            digit = re.search(r"\d", sentence.text)
            offset = sentence.start + digit.start() if digit else sentence.start
            result.append(_Index.of(own).choose(offset))
        elif blocks[i] >= 0 or _inside_quote(sentence.text):
            source = block_source.get(blocks[i]) if blocks[i] >= 0 else None
            speaker = None
            if source is not None:
                speaker = next((state.peek(a.phrase) for a in raw[source]), None)
            if speaker is None and state.last is not None:
                speaker = state.last.name
            result.append(speaker)
        elif state.last_person is not None:
            result.append(state.last_person.name)
        else:
            result.append(None)
    return Claimants(result, indexes)


# a title naming who speaks: "Briefing by the Head of the Centre, Colonel General Mikhail
# Mizintsev", "Statement of the Ministry of Defence"; a headline "Speaker: what was said"
_TITLE_BY = re.compile(
    r"^\W*(?:(?:Press\s+)?(?:Briefing|Statement|Remarks|Address|Message|Conference|"
    r"Interview|Update)s?\s+(?:by|of|from)\s+)(?P<who>.+?)\s*$"
)
_HEADLINE = re.compile(r"^\W*(?P<who>[A-Z][^:.!?]{2,80}?):\s+\S")


def _title_speaker(
    title: Sentence, raw: list[list[Attribution]], state: _State, words: SpeechWords
) -> None:
    """Read who speaks from the document's title: "Briefing by X" makes X the speaker of
    what follows unattributed (as a person named in a briefing is); "X: ..." makes X the
    speaker of the headline itself."""
    by = _TITLE_BY.match(title.text)
    if by is not None:
        tokens = TOKEN.findall(by.group("who").split(",")[-1])
        read = read_phrase(tokens, words) if tokens else None
        if read is not None and read.kind in (Kind.PERSON, Kind.BODY):
            state.resolve(read)
        return
    headline = _HEADLINE.match(title.text)
    if headline is None or raw[0]:
        return
    tokens = TOKEN.findall(headline.group("who"))
    read = read_phrase(tokens, words)
    if read is not None and read.kind in (Kind.PERSON, Kind.BODY) and len(tokens) >= 2:
        start = title.start + headline.start("who")
        raw[0].append(Attribution(start, start + len(headline.group("who")), read, True))


@cache
def _patterns(words: SpeechWords) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of the verbs, of "according to" and of abbreviated titles."""
    verbs = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in words.verbs) + r")(?![\w-])"
    )
    according = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in words.according) + r")(?![\w-])",
        re.IGNORECASE,
    )
    # "Lt. Gen. Sergei Rudskoy": a title's full stop ends neither the sentence nor the name
    short = sorted((t for t in words.titles if len(t) <= 5), key=len, reverse=True)
    abbreviated = re.compile(r"\b(?:" + "|".join(short) + r")(\.)", re.IGNORECASE)
    return verbs, according, abbreviated


class _State:
    """The speakers named so far, for anaphors, surnames and acronyms."""

    def __init__(self, acronyms: dict[str, str]) -> None:
        self.acronyms = acronyms
        self.surnames: dict[str, str] = {}
        self.last: _Speaker | None = None
        self.last_person: _Speaker | None = None
        self.bodies: list[str] = []

    def peek(self, phrase: Phrase) -> str | None:
        """Return the name `phrase` stands for, without remembering it as a speaker."""
        speaker = self._speaker(phrase)
        return speaker.name if speaker else None

    def resolve(self, phrase: Phrase) -> str | None:
        """Return the name `phrase` stands for and remember it as the last speaker."""
        speaker = self._speaker(phrase)
        if speaker is None:
            return None
        if phrase.kind is not Kind.GENERIC:
            self.last = speaker
            if speaker.person:
                self.last_person = speaker
                self.surnames.setdefault(speaker.name.split()[-1], speaker.name)
            elif speaker.name not in self.bodies[-1:]:
                self.bodies.append(speaker.name)
        return speaker.name

    def _speaker(self, phrase: Phrase) -> _Speaker | None:
        kind, name = phrase.kind, phrase.name
        if kind is Kind.PERSON_ANAPHOR:
            return self.last_person
        if kind is Kind.ANY_ANAPHOR:
            return self.last
        if kind is Kind.BODY_ANAPHOR:
            # "the junta said" with no junta named before: the body as written
            found = self._body(name)
            return found or (None if name in ("it", "its") else _Speaker(name, False))
        if kind is Kind.GENERIC:
            return _Speaker(name, False)
        name = _expand(name, self.acronyms)
        if kind is Kind.PERSON:
            known = self.surnames.get(name.split()[-1])
            return _Speaker(known if known and len(name.split()) == 1 else name, True)
        if name in self.surnames:  # "Rudskoy said", once he has been named in full
            return _Speaker(self.surnames[name], True)
        return _Speaker(name, False)

    def _body(self, word: str) -> _Speaker | None:
        """Return the last body whose name holds `word` ("the ministry"); "it": the last body."""
        if word in ("it", "its"):
            return _Speaker(self.bodies[-1], False) if self.bodies else None
        for name in reversed(self.bodies):
            if word in name.lower().split():
                return _Speaker(name, False)
        return None


def _expand(name: str, acronyms: dict[str, str]) -> str:
    """Return `name` with an acronym introduced in the text written out."""
    name = re.sub(r"['’]s$", "", name)
    if name in acronyms:
        return acronyms[name]
    short = _ACRONYM.search(name)
    if short is not None and short.start() > 0 and _PLACE_AFTER.match(name, short.end()):
        # "Russian Ministry of Defense (MoD)", "Ministry of Health (MoH) in Gaza": the name
        # the bracket introduces, not the bracket or where the body sits
        return name[: short.start()].rstrip()
    return name


# what may follow an acronym's bracket in a speaker's name and is not part of it
_PLACE_AFTER = re.compile(r"\s*$|\s+(?:in|at|for|on)\s")
# a sentence's end read backwards: ". " reversed is " ."
_SENTENCE_STOP = re.compile(r"\s[.!?]")


def _acronyms(text: str, words: SpeechWords) -> dict[str, str]:
    """Return the acronyms the text introduces, "MoD" -> "Russian Ministry of Defense"."""
    found: dict[str, str] = {}
    according = [tuple(a.split()) for a in words.according]
    for match in _ACRONYM.finditer(text):
        short = match.group(1)
        # the name stands in the acronym's own line and sentence
        reach = max(0, match.start() - _PHRASE_REACH)
        reach = max(reach, text.rfind("\n", reach, match.start()) + 1)
        stop = _SENTENCE_STOP.search(text[reach : match.start()][::-1])
        if stop is not None:
            reach = match.start() - stop.start()
        tokens = TOKEN.findall(text, reach, match.start())
        start = phrase_start(tokens, words)
        name = tokens[start:]
        letters = [c for c in short if c.isupper()]
        lowered = [t.lower() for t in name]
        for k in range(len(name) - 1, -1, -1):
            if any(tuple(lowered[k : k + len(a)]) == a for a in according):
                # "According to the Ministry of Health (MoH)": the name after the words
                name = name[k + 2 :]
                break
        while name and name[0].lower() in DETERMINERS | CONNECTORS:
            name = name[1:]
        initials = [w[0] for t in name for w in t.split("-") if w[:1].isupper()]
        if name and letters and _in_order(letters, initials):
            found.setdefault(short, " ".join(name))
    return found


def _in_order(letters: list[str], initials: list[str]) -> bool:
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def _attributions(
    text: str,
    sentence: Sentence,
    verbs: re.Pattern[str],
    according: re.Pattern[str],
    abbreviated: re.Pattern[str],
    words: SpeechWords,
) -> list[Attribution]:
    """Return the attributions of one sentence, in the order they stand."""
    outside = abbreviated.sub(lambda m: m.group(0)[:-1] + " ", _outside_quotes(sentence.text))
    base = sentence.start
    found: list[Attribution] = []
    for match in according.finditer(outside):
        phrase = _phrase_after(outside, match.end(), words)
        if phrase is None:
            continue
        tokens_end, read = phrase
        before = outside[max(0, match.start() - _PHRASE_REACH) : match.start()].rstrip()
        backward = (bool(before) and before[-1:] in ',”"') or _ends_clause(before)
        found.append(Attribution(base + match.start(), base + tokens_end, read, not backward))
    for match in verbs.finditer(outside):
        attribution = _subject(outside, match, words) or _inverted(outside, match, words)
        if attribution is not None:
            start, end, read, forward = attribution
            found.append(Attribution(base + start, base + end, read, forward))
    found.sort(key=lambda a: a.start)
    return found


def _ends_clause(before: str) -> bool:
    # "... was announced on 26 November according to X": a clause without a comma
    return bool(re.search(r"\d\S*$|[a-z]{3,}$", before)) and " " in before.strip()


def _subject(
    outside: str, verb: re.Match[str], words: SpeechWords
) -> tuple[int, int, Phrase, bool] | None:
    """Return the speaker written before `verb`: "the ministry said", "Rudskoy also said"."""
    lo = max(0, verb.start() - _PHRASE_REACH)
    cuts = list(_BOUNDARY.finditer(outside, lo, verb.start()))
    starts = [lo] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [verb.start()]
    k = len(starts) - 1
    spans, tokens = _tokens(outside, starts[k], ends[k])
    enclosed = False
    if not tokens and k > 0 and cuts[k - 1].group() == ",":
        # "..., Lieutenant-General Sergei Rudskoy, said": the speaker sits between commas
        k, enclosed = k - 1, True
        spans, tokens = _tokens(outside, starts[k], ends[k])
    forward = _looks_forward(outside, verb.end())
    if not tokens or tokens[-1].lower() in _PASSIVE or tokens[-1].lower() == "to":
        return None
    if len(tokens) == 1 and tokens[0].lower() in ("and", "but"):
        # "The UN does not have an estimate, but believes ...": the sentence's subject
        lead = _LEAD.match(outside)
        skip = lead.end() if lead else 0
        opening = phrase_at_start(outside[skip : skip + _PHRASE_REACH], words)
        if opening is None or opening[1].kind is Kind.GENERIC:
            return None
        return skip, verb.end(), opening[1], forward
    start = phrase_start(tokens, words)
    read = read_phrase(tokens[start:], words) if start < len(tokens) else None
    participle = start - 1
    if participle > 0 and tokens[participle].lower() in DETERMINERS:
        participle -= 1
    verb_ing = participle > 0 and tokens[participle].lower().endswith("ing")
    if verb_ing and len(tokens[participle]) > 4:
        # "UN staff monitoring the movement said": the movement is what they watch; the
        # speaker stands before the participle
        earlier_start = phrase_start(tokens[:participle], words)
        if earlier_start < participle:
            watcher = read_phrase(tokens[earlier_start:participle], words)
            if watcher is not None:
                start, read = earlier_start, watcher
    placed = start > 0 and tokens[start - 1].lower() in _LOCATIVE
    if placed and not _handed_on(tokens[: start - 1], words):
        read = None  # "head of the agency's office in Odesa said": Odesa is no speaker
    if enclosed and (read is None or read.kind is not Kind.PERSON) and k > 0:
        # "Anna Petrova, head of the agency's office in Odesa, said": the apposition's person
        earlier = _person_before(outside, starts[k - 1], ends[k - 1], words)
        if earlier is not None:
            return earlier[0], verb.end(), earlier[1], forward
    if read is None:
        return None
    if not forward and _WORD.search(outside, 0, spans[start][0]) is None:
        forward = True  # "Rudskoy said." with nothing before: the sentence is his
    return spans[start][0], verb.end(), read, forward


def _tokens(outside: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[str]]:
    """Return the tokens of `outside[start:end]` less the adverbs and auxiliaries at its end."""
    spans = [m.span() for m in TOKEN.finditer(outside, start, end)]
    while spans and outside[slice(*spans[-1])].lower() in _BETWEEN:
        spans.pop()
    return spans, [outside[a:b] for a, b in spans]


def _person_before(
    outside: str, start: int, end: int, words: SpeechWords
) -> tuple[int, Phrase] | None:
    """Return a person named at the end of `outside[start:end]` ("Anna Petrova, head of ...")."""
    spans, tokens = _tokens(outside, start, end)
    first = phrase_start(tokens, words)
    if first == len(tokens):
        return None
    read = read_phrase(tokens[first:], words)
    if read is None or read.kind is not Kind.PERSON:
        return None
    return spans[first][0], read


def _handed_on(tokens: list[str], words: SpeechWords) -> bool:
    """Return whether `tokens` end in a document or role that hands on its speaker.

    "update from authorities indicated", "data provided by the military showed".
    """
    bare = [t.lower() for t in tokens if t.lower() not in words.handed]
    return bool(bare) and ((bare[-1],) in words.documents or (bare[-1],) in words.roles)


def _looks_forward(outside: str, after: int) -> bool:
    """Return whether a verb ending at `after` opens a clause ("said that", "said 1,096")."""
    rest = outside[after : after + _PHRASE_REACH]
    stop = re.search(r"\.(?:\s|$|(?=[A-Z]))|;", rest)
    rest = rest[: stop.start()] if stop else rest
    return bool(re.search(r"\d|\bthat\b|:", rest)) or len(rest.split()) > 6


def _inverted(
    outside: str, verb: re.Match[str], words: SpeechWords
) -> tuple[int, int, Phrase, bool] | None:
    """Return the speaker written after `verb` at a clause's end: '..., said the ministry'."""
    before = outside[max(0, verb.start() - 8) : verb.start()].rstrip()
    if not before or before[-1] not in ',”"':
        return None
    rest = outside[verb.end() : verb.end() + _PHRASE_REACH]
    stop = re.search(r"\.(?:\s|$|(?=[A-Z]))|;|\b(?:who|adding|noting|saying)\b", rest)
    rest = rest[: stop.start()] if stop else rest
    best: tuple[int, int, Phrase] | None = None
    offset = verb.end()
    for part in rest.split(","):
        read = phrase_at_start(part, words)
        if read is not None:
            size, phrase = read
            if best is None or (phrase.kind is Kind.PERSON and best[2].kind is not Kind.PERSON):
                best = (offset, offset + size, phrase)
        offset += len(part) + 1
    if best is None:
        return None
    return best[0], best[1], best[2], False


def _phrase_after(outside: str, after: int, words: SpeechWords) -> tuple[int, Phrase] | None:
    """Return the end and the speaker of "according to X": the phrase up to its clause's end.

    A document hands its speaker on: "the latest data from IOM", "a report by the BBC".
    """
    rest = outside[after : after + _PHRASE_REACH]
    stop = re.search(r"[,;:]|\.(?:\s|$|(?=[A-Z]))|\b(?:that|who|which)\b", rest)
    part = rest[: stop.start()] if stop else rest
    chain = re.search(r"\b(?:by|from|of)\s+(?=\S)", part)
    if chain is not None:
        head = TOKEN.findall(part[: chain.start()])
        heads = [t.lower() for t in head if t.lower() not in DETERMINERS]
        bare = [t for t in heads if t not in words.handed]
        # a document or a spokesperson hands on its body; a leader does not: "the head of
        # the centre" is that person, not the centre
        if bare and (bare[-1],) in words.documents | words.roles and bare[-1] not in words.leaders:
            found = phrase_at_start(part[chain.end() :], words)
            if found is not None:
                return after + chain.end() + found[0], found[1]
    found = phrase_at_start(part, words)
    if found is None:
        return None
    return after + found[0], found[1]


def _quote_blocks(sentences: list[Sentence]) -> list[int]:
    """Return the quote block of each sentence (-1 outside one), in one pass.

    A block opens with a paragraph that starts with a quotation mark and runs until a
    paragraph ends with the quotation closed.
    """
    blocks: list[int] = []
    block = -1
    quote_open = False
    paragraph = -1
    for i, sentence in enumerate(sentences):
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            if not quote_open:
                block = i if sentence.text.lstrip()[:1] in '“"' else -1
        blocks.append(block)
        quote_open = _still_open(sentence.text, quote_open)
        ends_paragraph = i + 1 == len(sentences) or sentences[i + 1].paragraph != paragraph
        if ends_paragraph and not quote_open:
            block = -1
    return blocks


def _outside_quotes(sentence: str) -> str:
    """Return `sentence` with quoted words blanked, so a quote's words are never its speaker."""
    # the closing mark stays: '“...,” said X' is a clause's end, where a speaker follows
    return re.sub(
        r"“[^”]*”|\"[^\"]*\"", lambda m: " " * (len(m.group(0)) - 1) + m.group(0)[-1], sentence
    )


def _inside_quote(sentence: str) -> bool:
    return "“" in sentence or sentence.count('"') >= 2


def _still_open(sentence: str, was_open: bool) -> bool:
    opened = sentence.count("“")
    closed = sentence.count("”")
    if opened or closed:
        return opened > closed if opened else False
    straight = sentence.count('"')
    return was_open != (straight % 2 == 1)

"""Stage 9: who says each sentence (the claimant), or None for the publisher's own voice.

Speech verbs ("X said", "said X", "according to X"), quotations that run across
paragraphs, and "he" / "the general" resolved to the last named speaker. An article that
reports one person's briefing keeps that person as the speaker of its unattributed
paragraphs once he has been named; organisations are not carried that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.extract.sentences import Sentence

_VERBS = (
    r"(?:said|says|added|adds|elaborated|stated|states|noted|notes|told\s+\w+|told|announced|"
    r"announces|reported|stressed|explained|confirmed|declared|emphasi[sz]ed|pointed\s+out|"
    r"claimed|claims|believes|estimated|estimates|was\s+quoted|is\s+quoted|concluded|"
    r"continued|underlined|informed|briefed|warned|specified|clarified|revealed|insisted)"
)
_NAME = (
    r"(?:[A-Z][\w.'’-]*(?:\s+\([A-Z]{2,}\))?(?:\s+(?:of|for|and|on|al-|de|bin|ibn|the)?\s*"
    r"[A-Z][\w.'’-]*(?:\s+\([A-Z]{2,}\))?)*)"
)
_TITLES = re.compile(
    r"^(?:(?:Lieutenant|Lt|Major|Maj|Colonel|Col|Brigadier|Brig|Army|Rear|Vice)[-\s.]*)*"
    r"(?:General|Gen\.?|Admiral|Colonel|Col\.?|Major|Captain|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|"
    r"President|Minister|Spokesman|Spokeswoman|Spokesperson|Ambassador|Envoy|Commander|"
    r"Deputy|Chief|Head|Director|Governor|Secretary|Sheikh)?\.?\s+",
)
_GENERIC = (
    r"(?:he|she|they|the\s+(?:[\w-]+\s+){0,2}?(?:general|minister|spokesman|spokeswoman|"
    r"spokesperson|official|officer|commander|head|chief|envoy|representative|ambassador|"
    r"source|colonel|admiral|diplomat))"
)
_ACCORDING = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?:(?:the\s+)?(?:information|data|figures|estimates|reports?|sources?)"
    rf"\s+(?:[\w-]+\s+){{0,3}}?(?:by|from|of)\s+)?(?:the\s+)?(?P<name>{_NAME}|{_GENERIC})",
)
_SUBJECT_VERB = re.compile(
    rf"(?P<name>{_NAME}|\b{_GENERIC})\s*,?\s+(?:also\s+|further\s+|then\s+|has\s+|had\s+)?"
    rf"{_VERBS}\b",
)
# "an OCHA spokesperson said", "said a UN official", "according to a WFP representative":
# the organisation and the role are the claimant ("OCHA spokesperson")
_ROLE = r"(?:spokesperson|spokesman|spokeswoman|official|officials|representative|officer|source)"
_ROLE_OF = rf"(?:[Aa]n?|[Tt]he)\s+(?P<name>(?:[A-Z][\w.'’-]*\s+){{1,4}}?{_ROLE})\b"
# one pattern each: `re` allows a group name once per pattern, and each finds the name
_ROLE_SPEAKS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"{_ROLE_OF}\s*,?\s+(?:also\s+)?{_VERBS}\b",
        rf"\b{_VERBS}\s+{_ROLE_OF}",
        rf"\b[Aa]ccording\s+to\s+{_ROLE_OF}",
    )
)
_ROLE_WORDS = re.compile(r"spokes|official|representative|officer|source")
_VERB_SUBJECT = re.compile(rf"\b{_VERBS}\s+(?:by\s+)?(?P<rest>[^.;]*)")
_SENTENCE_SUBJECT = re.compile(
    rf"^[\"“•\-\s]*(?:The\s+)?(?P<name>{_NAME})\s+(?:[\w-]+\s+){{0,12}}?"
    r"(?:believes?|estimates?|says|reports|stated|confirms|warns)\b"
)
_ORGANISATION_WORDS = frozenset(
    [
        "Ministry",
        "Center",
        "Centre",
        "Committee",
        "Cross",
        "Crescent",
        "Council",
        "Department",
        "Office",
        "Agency",
        "UN",
        "UNHCR",
        "OCHA",
        "ICRC",
        "SARC",
        "WFP",
        "UNICEF",
        "WHO",
        "Cluster",
        "Army",
        "Forces",
        "Government",
        "Organization",
        "Organisation",
        "Observatory",
        "Group",
        "Network",
        "Staff",
        "Nations",
        "Union",
        "Command",
        "Coalition",
        "Agency",
        "Service",
        "Services",
        "Media",
        "News",
        "Agency",
        "Press",
        "Reconciliation",
        "Globalization",
        "Research",
        "Programme",
        "Program",
        "Fund",
        "Mission",
        "Authority",
        "Authorities",
        "Red",
    ]
)
_ABBREVIATED = re.compile(r"\b(Lt|Gen|Col|Maj|Brig|Capt|Sgt|Adm|Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Amb)\.")
_NOT_NAMES = frozenset(
    {
        "The",
        "This",
        "These",
        "That",
        "It",
        "In",
        "On",
        "Over",
        "Since",
        "From",
        "As",
        "A",
        "An",
        "According",
        "After",
        "Besides",
        # plural nobodies: "Officials said" names no one who could be asked
        "Officials",
        "Sources",
        "Witnesses",
        "Residents",
        "Activists",
        "Reports",
        "Monitors",
    }
)


@dataclass(frozen=True)
class _Speaker:
    name: str
    person: bool


def find_claimants(text: str, sentences: list[Sentence]) -> list[str | None]:
    """Return the claimant of each sentence of `text`, None where the publisher speaks."""
    known: dict[str, str] = {}  # surname -> full name as first given
    last: _Speaker | None = None
    result: list[str | None] = []
    quote_open = False
    block_speaker: _Speaker | None = None
    paragraph = -1
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            starts_quote = sentence.text.lstrip()[:1] in '“"'
            if not quote_open:
                block_speaker = None
            in_quote = quote_open or starts_quote
            if in_quote and block_speaker is None:
                found = _paragraph_speaker(text, sentences, paragraph, known, last)
                block_speaker = found
        else:
            in_quote = quote_open or sentence.text.lstrip()[:1] in '“"'
        own = _attribution(sentence.text, known, last)
        if own is not None:
            if own.person:
                last = own
            result.append(own.name)
        elif in_quote or _inside_quote(sentence.text):
            speaker = block_speaker or last
            result.append(speaker.name if speaker else None)
        elif last is not None and last.person:
            result.append(last.name)
        else:
            result.append(None)
        quote_open = _still_open(sentence.text, quote_open)
    return result


def _paragraph_speaker(
    text: str,
    sentences: list[Sentence],
    paragraph: int,
    known: dict[str, str],
    last: _Speaker | None,
) -> _Speaker | None:
    """Return the speaker named anywhere in the quote block that starts at `paragraph`."""
    open_quote = False
    block = [s for s in sentences if s.paragraph >= paragraph]
    for i, sentence in enumerate(block):
        speaker = _attribution(sentence.text, dict(known), last)
        if speaker is not None:
            return speaker
        open_quote = _still_open(sentence.text, open_quote)
        ends_paragraph = i + 1 == len(block) or block[i + 1].paragraph != sentence.paragraph
        if ends_paragraph and not open_quote:
            return None
    return None


def _attribution(sentence: str, known: dict[str, str], last: _Speaker | None) -> _Speaker | None:
    # "Lt. Gen. Sergei Rudskoy": a title's full stop does not end the speaker's name
    outside = _ABBREVIATED.sub(lambda m: m.group(1) + " ", _outside_quotes(sentence))
    # the role words are rare: test for them before running the patterns on every sentence
    if _ROLE_WORDS.search(outside):
        found = [m for pattern in _ROLE_SPEAKS if (m := pattern.search(outside))]
        if found:  # the first in the sentence, as one alternation of the three would give
            role = min(found, key=lambda m: m.start())
            return _Speaker(" ".join(role.group("name").split()), False)
    for pattern in (_ACCORDING, _SUBJECT_VERB):
        for match in pattern.finditer(outside):
            speaker = _resolve(match.group("name"), known, last)
            if speaker is not None:
                return speaker
    inverted = _VERB_SUBJECT.search(outside)
    if inverted is not None:
        speaker = _inverted(inverted.group("rest"), known, last)
        if speaker is not None:
            return speaker
    subject = _SENTENCE_SUBJECT.match(outside)
    if subject is not None:
        return _resolve(subject.group("name"), known, last)
    return None


def _inverted(rest: str, known: dict[str, str], last: _Speaker | None) -> _Speaker | None:
    """Return the speaker of '..., said the ICRC's Head of Delegation in Syria, Marianne Gasser'."""
    if not re.match(r"\s*(?:(?:the|a|an)\s+)?[A-Z]", rest):
        return None  # "said 3,000 people were taken from Aleppo": a clause, not a speaker
    rest = re.split(r",?\s+who\b|,\s+(?:adding|noting|saying)\b", rest)[0]
    generic = re.match(_GENERIC + r"\b", rest)
    if generic:
        return _resolve(generic.group(0), known, last)
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    for part in reversed(parts):
        names = re.findall(_NAME, part)
        if names:
            return _resolve(names[-1], known, last)
    return None


def _resolve(name: str, known: dict[str, str], last: _Speaker | None) -> _Speaker | None:
    if re.fullmatch(_GENERIC, name, re.IGNORECASE):
        return last
    name = re.sub(r"^.*['’]s\s+", "", name)  # "the ICRC's Head" -> "Head"
    name = re.sub(r"^(?:the|The)\s+", "", name).strip(" ,.")
    bare = _TITLES.sub("", name)
    if len(bare.split()) >= 1 and bare != name and bare[:1].isupper():
        name = bare
    words = name.split()
    if not words or words[0] in _NOT_NAMES or len(words) > 9:
        return None
    organisation = any(w.strip("()") in _ORGANISATION_WORDS for w in words) or name.isupper()
    surname = words[-1]
    if len(words) == 1 and surname in known:
        return _Speaker(known[surname], True)
    person = not organisation and (len(words) >= 2 or surname in known)
    if person:
        known.setdefault(surname, name)
        name = known[surname]
    return _Speaker(name, person)


def _outside_quotes(sentence: str) -> str:
    """Return `sentence` with quoted words blanked, so a quote's words are never its speaker."""
    return re.sub(r"“[^”]*”|\"[^\"]*\"", lambda m: " " * len(m.group(0)), sentence)


def _inside_quote(sentence: str) -> bool:
    return "“" in sentence or sentence.count('"') >= 2


def _still_open(sentence: str, was_open: bool) -> bool:
    opened = sentence.count("“")
    closed = sentence.count("”")
    if opened or closed:
        return opened > closed if opened else False
    straight = sentence.count('"')
    return was_open != (straight % 2 == 1)

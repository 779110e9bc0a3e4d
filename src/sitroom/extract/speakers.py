"""The words of attribution (`speech.toml`) and the grammar of one speaker phrase.

`read_phrase` turns the words that name a speaker ("the press service of the Armenian
government", "UNHCR spokesperson Duniya Aslam Khan", "local officials", "the ministry", "he")
into a `Phrase`: a name with its kind, a generic speaker kept as written, or an anaphor that
the claimant stage resolves against the speakers named before it. The claimant stage
(`claimants.py`) finds where such phrases stand; this module knows only their inside.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources


class Kind(Enum):
    """What a speaker phrase names."""

    PERSON = "person"
    BODY = "body"  # an organisation, a government, a military
    GENERIC = "generic"  # "residents", "Western officials": kept as written
    PERSON_ANAPHOR = "person anaphor"  # "he", "the general"
    BODY_ANAPHOR = "body anaphor"  # "it", "the ministry"
    ANY_ANAPHOR = "any anaphor"  # "the spokesman", "the statement", "they"


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase read: `name` as the claimant, or the head word of an anaphor."""

    name: str
    kind: Kind


@dataclass(frozen=True)
class SpeechWords:
    """The lists of `speech.toml`, lower case, multi-word entries as tuples of words."""

    verbs: tuple[str, ...]
    according: tuple[str, ...]
    titles: frozenset[str]
    roles: frozenset[tuple[str, ...]]
    generic: frozenset[tuple[str, ...]]
    documents: frozenset[tuple[str, ...]]
    handed: frozenset[str]
    leaders: frozenset[str]
    bodies: frozenset[tuple[str, ...]]
    organisation_words: frozenset[str]
    person_pronouns: frozenset[str]
    body_pronouns: frozenset[str]
    any_pronouns: frozenset[str]
    stop_words: frozenset[str]

    @property
    def heads(self) -> frozenset[tuple[str, ...]]:
        """Return every lower-case head a speaker phrase can end in."""
        titles = frozenset((t,) for t in self.titles)
        return self.roles | self.generic | self.documents | self.bodies | titles


def parse_speech_words(text: str) -> SpeechWords:
    """Return the speech words of a `speech.toml` text."""
    raw = tomllib.loads(text)

    def words(key: str) -> list[str]:
        return [str(w).lower() for w in raw.get(key, [])]

    def phrases(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(w.split()) for w in words(key))

    return SpeechWords(
        verbs=tuple(sorted(set(words("verbs")), key=len, reverse=True)),
        according=tuple(sorted(set(words("according")), key=len, reverse=True)),
        titles=frozenset(words("titles")),
        roles=phrases("roles"),
        generic=phrases("generic"),
        documents=phrases("documents"),
        handed=frozenset(words("handed")),
        leaders=frozenset(words("leaders")),
        bodies=phrases("bodies"),
        organisation_words=frozenset(str(w) for w in raw.get("organisation_words", [])),
        person_pronouns=frozenset(words("person_pronouns")),
        body_pronouns=frozenset(words("body_pronouns")),
        any_pronouns=frozenset(words("any_pronouns")),
        stop_words=frozenset(words("stop_words")),
    )


@cache
def default_speech_words() -> SpeechWords:
    """Return the speech words bundled with sitroom (`sitroom/speech.toml`)."""
    text = resources.files("sitroom").joinpath("speech.toml").read_text(encoding="utf-8")
    return parse_speech_words(text)


# a word of a speaker phrase: "(MoD)" whole, names with their apostrophes and hyphens, and
# any other character alone (a digit or a mark ends a phrase)
TOKEN = re.compile(r"\([A-Z][A-Za-z&]{1,9}\)|[^\W\d_][\w.'’/&-]*|\S")
_POSSESSIVE = re.compile(r"['’]s?$")
CONNECTORS = frozenset(
    {"of", "for", "the", "and", "de", "al", "el", "on", "to", "in", "at", "du", "des", "la"}
    | {"le", "bin", "ibn", "van", "von", "da", "&"}
)
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "some"})


# the particles of Arabic and European names written in lower case: "Ashraf al-Qudra"
_PARTICLE = re.compile(
    r"(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu|bint|d|de|di|du|van|von)[-'’][A-Z]"
)


def is_capital(token: str) -> bool:
    """Return whether `token` is a capitalised word, a bracketed acronym or "al-Qudra"."""
    return (
        token[:1].isupper()
        or (token[:1] == "(" and len(token) > 2)
        or _PARTICLE.match(token) is not None
    )


def _bare(token: str) -> str:
    return _POSSESSIVE.sub("", token.rstrip(".")) if token[:1] != "(" else token


def is_acronym(token: str) -> bool:
    """Return whether `token` is written like an acronym: UNHCR, MoD, IOM/DTM, U.N."""
    letters = re.sub(r"[^A-Za-z]", "", _bare(token))
    capitals = sum(c.isupper() for c in letters)
    return len(letters) >= 2 and capitals >= 2 and capitals >= len(letters) - 2


def _head_at_end(lowered: list[str], heads: frozenset[tuple[str, ...]]) -> int:
    """Return how many words at the end of `lowered` form a head of `heads` (0 if none)."""
    for size in (3, 2, 1):
        if len(lowered) >= size and tuple(lowered[-size:]) in heads:
            return size
    return 0


def read_phrase(tokens: list[str], words: SpeechWords) -> Phrase | None:
    """Return the speaker that `tokens` (one phrase, determiner allowed) name, or None."""
    definite = bool(tokens) and tokens[0].lower() == "the"
    while tokens and tokens[0].lower() in DETERMINERS:
        tokens = tokens[1:]
    if not tokens:
        return None
    lowered = [_bare(t).lower() for t in tokens]
    if definite and len(tokens) == 1 and (lowered[0],) in words.bodies:
        # "the Centre said", "the Ministry added": the body named before, capital or not
        return Phrase(lowered[0], Kind.BODY_ANAPHOR)
    if len(tokens) == 1:
        if lowered[0] in words.person_pronouns:
            return Phrase(lowered[0], Kind.PERSON_ANAPHOR)
        if lowered[0] in words.body_pronouns:
            return Phrase(lowered[0], Kind.BODY_ANAPHOR)
        if lowered[0] in words.any_pronouns:
            return Phrase(lowered[0], Kind.ANY_ANAPHOR)
    # "UNHCR spokesperson Duniya Aslam Khan", "Lieutenant-General Sergei Rudskoy": the name
    # after the last title or role
    person = _name_after_title(tokens, lowered, words)
    if person is not None:
        return person
    capitals = [i for i, t in enumerate(tokens) if is_capital(t)]
    head = _head_at_end(lowered, words.heads)
    if head and not is_capital(tokens[-1]):
        return _headed(tokens, lowered, capitals, head, words)
    if not capitals or not is_capital(tokens[-1]):
        return None
    return _name(tokens[capitals[0] :], words)


def _name_after_title(tokens: list[str], lowered: list[str], words: SpeechWords) -> Phrase | None:
    last_title = -1
    for i, word in enumerate(lowered):
        parts = [p for p in word.split("-") if p]
        titled = bool(parts) and all(p in words.titles for p in parts)
        if titled or ((word,) in words.roles and not is_capital(tokens[i])):
            last_title = i
    if last_title < 0 or last_title == len(tokens) - 1:
        return None
    rest = tokens[last_title + 1 :]
    if not all(is_capital(t) or t.lower() in CONNECTORS for t in rest) or not is_capital(rest[0]):
        return None
    name = _name(rest, words)
    if name is None or name.kind is not Kind.BODY or len(rest) == 1:
        # one capitalised word after a title is a surname: "President Zelensky"
        return Phrase(" ".join(_bare(t) for t in rest), Kind.PERSON)
    return None


def _headed(
    tokens: list[str],
    lowered: list[str],
    capitals: list[int],
    head: int,
    words: SpeechWords,
) -> Phrase | None:
    """Read a phrase that ends in a lower-case head: a body, a role, a document, a crowd."""
    words_of_head = tuple(lowered[-head:])
    owners = [i for i in capitals if i < len(tokens) - head]
    owner = None
    if owners:
        span = tokens[owners[0] : owners[-1] + 1]
        span[-1] = _bare(span[-1])
        owner = " ".join(span)
    if words_of_head in words.bodies:
        if owner is None and _titled_of(lowered, words):
            # "the head of the centre": that person, as written, not the centre
            return Phrase(" ".join(tokens), Kind.GENERIC)
        if owner is None:
            return Phrase(words_of_head[-1], Kind.BODY_ANAPHOR)
        # "the Armenian government", "Ukraine's military": the body as written
        return Phrase(" ".join(tokens[owners[0] :]), Kind.BODY)
    if words_of_head in words.generic and not (owner and _names_body(owner, words)):
        return Phrase(" ".join(tokens), Kind.GENERIC)
    if owner is not None and _names_body(owner, words):
        # "an OCHA spokesperson", "the joint IOM and UNHCR tracking": the body speaks
        return Phrase(owner, Kind.BODY)
    if (words_of_head[-1],) in frozenset((t,) for t in words.titles) and (
        words_of_head not in words.roles and words_of_head not in words.documents
    ):
        return Phrase(words_of_head[-1], Kind.PERSON_ANAPHOR)  # "the general", "the minister"
    if words_of_head in words.generic:
        return Phrase(" ".join(tokens), Kind.GENERIC)
    if owner is None:
        return Phrase(words_of_head[-1], Kind.ANY_ANAPHOR)  # "the spokesman", "the statement"
    return Phrase(" ".join(tokens), Kind.GENERIC)  # "a senior Western official"


def _titled_of(lowered: list[str], words: SpeechWords) -> bool:
    """Whether the phrase is a title of a body: "head of the centre", "director of it"."""
    return any(
        word in words.titles and k + 1 < len(lowered) and lowered[k + 1] == "of"
        for k, word in enumerate(lowered)
    )


def _names_body(owner: str, words: SpeechWords) -> bool:
    """Return whether capitalised `owner` words name a body rather than qualify a crowd.

    "Western officials" and "Lebanese authorities" are crowds kept as written; "UN", "White
    House" and "IOM and UNHCR" are bodies.
    """
    parts = owner.split()
    if any(is_acronym(p) for p in parts) or len(parts) >= 2:
        return True
    return parts[0] in words.organisation_words


def _name(tokens: list[str], words: SpeechWords) -> Phrase | None:
    """Read capitalised words as a person's or a body's name."""
    while tokens and tokens[-1].lower() in CONNECTORS:
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 12:
        return None
    person = _person_of_body(tokens, words)
    if person is not None:
        return person
    if tokens[0].lower() in words.stop_words or tokens[0].lower() in DETERMINERS:
        return None
    name = " ".join(tokens)
    lowered = {_bare(t).lower() for t in tokens}
    if len(tokens) == 1 and (lowered & words.any_pronouns or lowered & words.body_pronouns):
        return None
    if len(tokens) == 1 and tokens[0].lower() in {" ".join(g) for g in words.generic}:
        return Phrase(name, Kind.GENERIC)  # "Officials said", "Residents told"
    body = (
        any(_bare(t) in words.organisation_words or is_acronym(t) for t in tokens)
        or any(t.lower() in CONNECTORS for t in tokens)
        or len(tokens) == 1
        or len(tokens) > 4
    )
    return Phrase(name, Kind.BODY if body else Kind.PERSON)


def _person_of_body(tokens: list[str], words: SpeechWords) -> Phrase | None:
    """Read "Liz Throssell of the UN Human Rights Office" as the person: two or three
    capitalised words that name no body, then "of"/"from"/"at" and a body."""
    for i, token in enumerate(tokens):
        if token.lower() in ("of", "from", "at"):
            head, tail = tokens[:i], [t for t in tokens[i + 1 :] if t.lower() != "the"]
            if (
                2 <= len(head) <= 3
                and all(is_capital(t) and not is_acronym(t) for t in head)
                and not any(_bare(t) in words.organisation_words for t in head)
                and tail
                and _names_body(" ".join(tail), words)
            ):
                return Phrase(" ".join(_bare(t) for t in head), Kind.PERSON)
            return None
    return None


def phrase_start(tokens: list[str], words: SpeechWords) -> int:
    """Return where the speaker phrase ending at the end of `tokens` starts.

    Read leftwards: capitalised words, the connectors inside a name ("Ministry of
    Defense"), the lower-case head of a phrase and up to two words qualifying it ("local
    officials", "UNHCR site planners"), then one determiner.
    """
    heads = words.heads
    lowered = [t.lower() for t in tokens]
    start = len(tokens)
    modifiers = 0
    i = len(tokens) - 1
    while i >= 0:
        token, low = tokens[i], lowered[i]
        named = start < len(tokens) and is_capital(tokens[start])
        if (is_capital(token) and low not in words.stop_words and token[:1] != "(") or (
            token[:1] == "(" and is_acronym(token)
        ):
            start, i = i, i - 1
            continue
        if low in CONNECTORS:
            run = i
            while run >= 0 and lowered[run] in CONNECTORS:
                run -= 1
            inside = run >= 0 and is_capital(tokens[run]) and lowered[run] not in words.stop_words
            if named and inside:  # "Ministry of Defense", "Office for the Coordination"
                start, i = run, run - 1
                continue
            return i if low in DETERMINERS else start
        if low in DETERMINERS:
            return i
        if named:
            return start
        if start == len(tokens):
            size = next(
                (n for n in (3, 2, 1) if i + 1 >= n and tuple(lowered[i + 1 - n : i + 1]) in heads),
                0,
            )
            if size:
                start, i = i + 1 - size, i - size
                continue
            return start
        if modifiers < 2 and low.isalpha() and low not in words.stop_words:
            modifiers += 1
            start, i = i, i - 1
            continue
        return start
    return start


def phrase_at_start(part: str, words: SpeechWords) -> tuple[int, Phrase] | None:
    """Return the length and the speaker of the phrase `part` starts with, if it is one."""
    spans = [m.span() for m in TOKEN.finditer(part)]
    tokens = [part[a:b] for a, b in spans]
    if not tokens or tokens[0].lower() in words.stop_words:
        return None
    # the longest start of `part` that reads back as one phrase from its own end
    for end in range(min(len(tokens), 14), 0, -1):
        if phrase_start(tokens[:end], words) == 0:
            read = read_phrase(tokens[:end], words)
            if read is not None:
                return spans[end - 1][1], read
    return None

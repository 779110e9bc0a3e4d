"""Stage 4: the counted phrase after a number ("militants", "tons of humanitarian aid")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.extract.nouns import PEOPLE, group_of, noun_class
from sitroom.extract.numbers import NumberMention

# a word, a model designation ("C-130s", "T-72s", "Su-25"), or one other character
_TOKEN = re.compile(r"\s*([A-Za-z][A-Za-z'’\-]*(?:(?<=-)\d+[A-Za-z]*)?|[^\sA-Za-z])")
# Words that end a noun phrase: prepositions, auxiliaries, relatives, determiners,
# conjunctions other than "and", adverbs that open a predicate.
_STOP = frozenset(
    [
        "of",
        "in",
        "from",
        "to",
        "at",
        "on",
        "by",
        "for",
        "with",
        "within",
        "who",
        "which",
        "that",
        "whom",
        "whose",
        "have",
        "has",
        "had",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "should",
        "must",
        "did",
        "do",
        "does",
        "since",
        "during",
        "over",
        "after",
        "before",
        "while",
        "as",
        "according",
        "the",
        "their",
        "his",
        "her",
        "its",
        "this",
        "these",
        "those",
        "a",
        "an",
        "per",
        "each",
        "out",
        "into",
        "across",
        "through",
        "under",
        "near",
        "between",
        "among",
        "amongst",
        "including",
        "also",
        "still",
        "now",
        "already",
        "reportedly",
        "recently",
        "but",
        "or",
        "not",
        "no",
        "nor",
        "then",
        "there",
        "here",
        "they",
        "we",
        "he",
        "she",
        "it",
        "than",
        "until",
        "till",
        "via",
        "toward",
        "towards",
        "against",
        "without",
        "upon",
        "about",
        "around",
        "so",
        "because",
        "due",
        "when",
        "where",
        "whereas",
        "alone",
        "only",
        "yet",
        "daily",
        "today",
        "yesterday",
        "both",
        "all",
        "most",
        "some",
        "many",
        "more",
        "less",
        "further",
    ]
)
# Verbs that follow a counted noun without an "-ed" ending.
_VERBS = frozenset(
    [
        "left",
        "fled",
        "went",
        "came",
        "got",
        "took",
        "gave",
        "made",
        "remain",
        "remains",
        "stay",
        "stays",
        "live",
        "lives",
        "need",
        "needs",
        "lost",
        "died",
        "say",
        "says",
        "said",
        "reached",
        "arrive",
        "arrive",
        "return",
        "return",
        "leave",
        "leaves",
        "flee",
        "flees",
        "continue",
        "continues",
        "face",
        "faces",
        "receive",
        "receives",
        "get",
        "gets",
        "reportedly",
    ]
)
# Measures whose "of" complement says what is counted: "270 tons of humanitarian aid".
_MEASURES = frozenset(
    [
        "ton",
        "tons",
        "tonne",
        "tonnes",
        "kg",
        "kilograms",
        "kilogrammes",
        "litres",
        "liters",
        "truckloads",
        "trucks",
        "lorries",
        "convoys",
        "boxes",
        "parcels",
        "baskets",
        "kits",
        "sacks",
        "bags",
        "cartons",
        "packages",
        "metres",
        "meters",
    ]
)
_MAX_WORDS = 5
# After "and", these open another item of a list: "two mosques and other facilities".
_NEW_ITEM = frozenset({"other", "another", "several", "many", "various", "numerous"})


# Kinds of people that reports list together as one count: "men, women and children",
# "elderly, women and children", "women, children and the sick".
_PERSONS = frozenset(
    ("men", "women", "children", "boys", "girls", "elderly", "infants", "babies", "adults",
     "youths", "teenagers", "minors", "people", "persons", "civilians", "residents",
     "families", "patients", "sick", "wounded", "injured", "disabled", "orphans")
)  # fmt: skip
_PERSON = rf"(?:the\s+)?(?:{'|'.join(sorted(_PERSONS, key=len, reverse=True))})"
_PERSON_LIST = re.compile(
    rf"(?:\s*,\s*{_PERSON}){{0,4}}\s*,?\s+(?:and|or)\s+{_PERSON}(?![\w-])", re.IGNORECASE
)


_ENDS_ITEM = _STOP | _NEW_ITEM
_ANAPHOR = re.compile(r"\s+of\s+(?:them|whom|these|those|which)\b", re.IGNORECASE)
_OF = re.compile(r"\s+of\b")
_OF_SPACE = re.compile(r"\s+of\s")
_OF_SPACES = re.compile(r"\s+of\s+")
_DETERMINER = re.compile(r"\s+(?:of\s+)?(?:their|his|her|its|the)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class CountedPhrase:
    """The words that say what a number counts.

    `words` are lower case, as written; `head` is the counted noun ("tons", "militants")
    or "" when the number stands alone ("953 of them"); `end` is where the quote ends;
    `complement` holds the words after a measure's "of" ("humanitarian aid").
    """

    words: tuple[str, ...]
    head: str
    end: int
    complement: tuple[str, ...] = ()
    anaphoric: bool = False  # "953 of them", "two thirds of them": counts a whole named before
    possessed: tuple[str, ...] = ()  # "1,611 their family members": the noun after a determiner

    @property
    def text(self) -> str:
        """Return the counted words and their complement as one lower-case string."""
        return " ".join((*self.words, *self.complement))


def counted_phrase(text: str, number: NumberMention) -> CountedPhrase:
    """Return the noun phrase that `number` counts, read forward from the number."""
    pos = number.end
    anaphor = _ANAPHOR.match(text[pos : pos + 20])
    if anaphor is not None:
        # "48,000 of them children": the words after the anaphor narrow the group
        words, _ = _read_words(text, pos + anaphor.end())
        return CountedPhrase((), "", number.end, anaphoric=True, possessed=tuple(words))
    if number.vague or (_OF_SPACE.match(text[pos : pos + 5]) and _is_fraction(number)):
        # match at `pos` rather than on `text[pos:]`: a slice would copy the rest of the
        # document for every vague figure
        skip = _OF.match(text, pos)
        if skip is not None:
            pos = skip.end()
    extra = _MORE.match(text, pos)
    if extra is not None:
        pos = extra.end()  # "six more neighbourhoods": the neighbourhoods are counted
    words, ends = _read_words(text, pos)
    if not words:
        possessed = _possessed(text, pos) or _predicate(text, pos) or _number_of(text, number)
        return CountedPhrase((), "", number.end, possessed=possessed)
    head_end = ends[-1]
    listed = _PERSON_LIST.match(text, head_end) if words[-1] in _PERSONS else None
    if listed is not None:
        # "30 men, women and children": one count of people of every kind listed
        words += re.findall(r"[a-z]+", listed.group(0).lower())
        head_end = listed.end()
    complement: tuple[str, ...] = ()
    if words[-1] in _MEASURES:
        after = _OF_SPACES.match(text[head_end : head_end + 6])
        if after is not None:
            more, _ = _read_words(text, head_end + after.end())
            # "litres of fuel entered Gaza": the goods end where a verb begins
            verb = next((k for k, w in enumerate(more) if k and w.endswith(("ed", "ing"))), None)
            complement = tuple(more[:verb])
    return CountedPhrase(tuple(words), words[-1], head_end, complement)


_MORE = re.compile(r"\s+(?:more|additional|further)(?=\s+[a-z])(?!\s+than\b)")
# "of whom some 4,700 are children": the noun the figure is said to be
_PREDICATE = re.compile(r"\s+(?:are|were|is|was)\s+(?:(?:still|also|now)\s+)?([a-z]+)\b")
# "bringing the number of neighbourhoods recaptured ... to 27": what the figure counts
# was named before it
_NUMBER_OF = re.compile(
    r"\b(?:number|total)\s+of\s+(?:the\s+)?([a-z][a-z-]+)[^.;:\n]{0,90}\bto\s+$"
)


def _predicate(text: str, pos: int) -> tuple[str, ...]:
    found = _PREDICATE.match(text, pos)
    if found is None or group_of((found.group(1),)) is None:
        return ()
    return (found.group(1),)


def _number_of(text: str, number: NumberMention) -> tuple[str, ...]:
    found = _NUMBER_OF.search(text, max(0, number.start - 140), number.start)
    return (found.group(1),) if found is not None else ()


def _is_fraction(number: NumberMention) -> bool:
    return number.kind == "fraction"


def _read_words(text: str, pos: int) -> tuple[list[str], list[int]]:
    words: list[str] = []
    ends: list[int] = []
    while len(words) < _MAX_WORDS:
        match = _TOKEN.match(text, pos)
        if match is None:
            break
        token = match.group(1)
        low = token.lower()
        if not token[0].isalpha() or low in _VERBS:
            break
        if low == "and":
            following = _TOKEN.match(text, match.end())
            if (
                not words
                or following is None
                or not following.group(1)[0].isalpha()
                or following.group(1).lower() in _ENDS_ITEM
                or following.group(1).lower().endswith(("ing", "ed"))
            ):
                break
            words.append(low)
            ends.append(match.end())
            pos = match.end()
            continue
        if low in _STOP:
            break
        if low.endswith(("ed", "ing")) and len(low) > 4 and not _continues(text, match.end()):
            break  # "people displaced in ...": the participle starts the predicate
        if low.endswith("ed") and len(low) > 4 and words and noun_class((words[-1],)) == PEOPLE:
            break  # "20,000 people moved south": after a noun of people, the predicate
        words.append(low)
        ends.append(match.end())
        pos = match.end()
    while words and words[-1] == "and":
        words.pop()
        ends.pop()
    return words, ends


def _continues(text: str, pos: int) -> bool:
    following = _TOKEN.match(text, pos)
    if following is None:
        return False
    word = following.group(1).lower()
    return word[0].isalpha() and word not in _STOP and word not in _VERBS


def _possessed(text: str, pos: int) -> tuple[str, ...]:
    match = _DETERMINER.match(text[pos : pos + 12])
    if match is None:
        return ()
    words, _ = _read_words(text, pos + match.end())
    return tuple(words)

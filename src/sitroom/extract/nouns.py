"""What a counted noun is: its class, the unit it is counted in, and the group it narrows to.

The words are data (`nouns.toml` in the package): a report of a new crisis that counts new
things needs new words there, not new code. Keys are singular lower-case words; `noun_key`
maps plurals onto them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

PEOPLE = "people"
OTHER = "other"  # a noun we do not know: counted as written, fits no indicator's class


@dataclass(frozen=True)
class Nouns:
    """The counted nouns of `nouns.toml`: class and unit by word, group by word or pair."""

    classes: dict[str, str]  # word -> class
    units: dict[str, str]  # word -> unit ("" = as counted)
    groups: dict[str, str]  # word or two-word key -> group
    nationalities: frozenset[str]
    outcomes: frozenset[str]  # people counted by what happened to them ("deaths")
    generic_goods: frozenset[str]  # "aid", "supplies": a measure of them names no commodity


@cache
def default_nouns() -> Nouns:
    """The counted nouns bundled with sitroom."""
    raw = tomllib.loads(
        resources.files("sitroom").joinpath("nouns.toml").read_text(encoding="utf-8")
    )
    classes: dict[str, str] = {}
    units: dict[str, str] = {}
    for name, table in raw["classes"].items():
        for word in table["words"]:
            classes.setdefault(word, name)
            units.setdefault(word, table.get("units", {}).get(word, table["unit"]))
    return Nouns(
        classes,
        units,
        dict(raw["groups"]),
        frozenset(raw["nationalities"]["words"]),
        frozenset(raw["outcomes"]["words"]),
        frozenset(raw["generic_goods"]["words"]),
    )


# classes measured by weight or volume: what they are "of" is the commodity counted
_MEASURED = ("weights", "volumes")


def commodity_of(words: tuple[str, ...], complement: tuple[str, ...]) -> str | None:
    """Return the commodity a measure of goods names ("wheat_flour"), or None.

    Only for weights and volumes ("66 tonnes of wheat flour"); generic words ("aid",
    "humanitarian supplies") name none.
    """
    if not complement or noun_class(words) not in _MEASURED:
        return None
    generic = default_nouns().generic_goods
    kept = [w for w in complement if w != "and" and w.isalpha()]
    if not kept or any(w in generic for w in kept):
        return None
    return "_".join(kept)


@lru_cache(maxsize=16384)  # counted words repeat across a document
def is_outcome(word: str) -> bool:
    """Whether `word` counts people by what happened to them ("deaths", "wounded")."""
    return noun_key(word) in default_nouns().outcomes or word in default_nouns().outcomes


@lru_cache(maxsize=16384)  # counted words repeat across a document
def _nationality(word: str) -> str | None:
    """Return the group of a nationality word ("syrians", "non_sudanese"), else None."""
    bare = word.removeprefix("non-")
    nationalities = default_nouns().nationalities
    singular = bare[:-1] if bare.endswith("s") and bare[:-1] in nationalities else bare
    if singular not in nationalities:
        return None
    plural = singular if singular.endswith(("ese", "ish", "i", "ya")) else singular + "s"
    return ("non_" if word.startswith("non-") else "") + plural


@lru_cache(maxsize=16384)  # counted words repeat across a document
def noun_key(word: str) -> str:
    """Return `word` lower-cased and made singular the simple English way."""
    nouns = default_nouns()
    word = word.lower().strip("'’")
    if word in nouns.classes or word in nouns.groups:
        return word
    for ending, replacement in (
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("ses", "s"),
        ("s", ""),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + replacement
    return word


@lru_cache(maxsize=16384)  # counted words repeat across a document
def _known(words: tuple[str, ...]) -> tuple[str, int] | None:
    """Return (key, index) of the counted noun of `words`: the last known noun, two-word
    nouns ("armored vehicle") before one-word ones."""
    classes = default_nouns().classes
    keys = [noun_key(w) for w in words]
    for i in range(len(keys) - 1, -1, -1):
        for size in (3, 2):
            if i >= size - 1:
                key = " ".join((*words[i - size + 1 : i], keys[i]))
                if key in classes:
                    return key, i
        if keys[i] in classes:
            return keys[i], i
    return None


@lru_cache(maxsize=16384)  # counted words repeat across a document
def noun_class(words: tuple[str, ...]) -> str | None:
    """Return the class of what `words` count, from the head noun; None if nothing is said."""
    if not words:
        return None
    if _is_model(words[-1]):
        return OTHER
    known = _known(words)
    if known is not None:
        return default_nouns().classes[known[0]]
    if any(_nationality(w) for w in words):
        return PEOPLE  # "37 per cent Lebanese"
    return OTHER


@lru_cache(maxsize=16384)  # counted words repeat across a document
def noun_unit(words: tuple[str, ...]) -> str | None:
    """Return the unit figures of `words` are counted in, or None when no noun is known.

    "as counted" nouns give their own plural ("counterattacks", "kits").
    """
    known = _known(words)
    if known is None:
        return None
    unit = default_nouns().units[known[0]]
    if unit:
        return unit
    head = words[known[1]]
    return head if head.endswith("s") else head + "s"


@lru_cache(maxsize=16384)  # counted words repeat across a document
def group_of(words: tuple[str, ...]) -> str | None:
    """Return the group the counted words narrow to, or None for people at large.

    A mixed list ("men, women and children") narrows to nothing; two-word kinds
    ("water cleaning facility", "family members") are looked up before the head alone;
    a nationality ("Syrians", "non-Sudanese nationals") is a group of its own; a model
    designation ("27 C-17s") is its own group.
    """
    if not words:
        return None
    groups = default_nouns().groups
    if _is_model(words[-1]):
        return re.sub(r"(?<=\d)s$", "", words[-1]).upper()
    known = _known(words)
    if known is not None:
        words = words[: known[1] + 1]  # "6,703 AFVs up to": the counted noun is the head
    keys = [noun_key(w) for w in words]
    head = keys[-1]
    if "and" in words:
        # "orphaned and very young children" joins adjectives; "women and children" nouns,
        # "Lebanese and refugees" a nationality and a noun
        before_and = words[words.index("and") - 1]
        if (
            default_nouns().classes.get(noun_key(before_and)) == PEOPLE
            and noun_key(before_and) != head
        ) or _nationality(before_and) is not None:
            return None
    for i in range(len(keys) - 1, 0, -1):
        pair = f"{keys[i - 1]} {keys[i]}"
        if pair in groups:
            return groups[pair]
        if f"{words[i - 1]} {keys[i]}" in groups:
            return groups[f"{words[i - 1]} {keys[i]}"]
    if head in ("facility", "station", "plant") and "water" in keys:
        return "water_facility"
    if head in ("station", "plant") and ("power" in keys or "electricity" in keys):
        return "power_substation"
    if head in groups:
        return groups[head]
    found = {n for n in map(_nationality, words) if n is not None}
    # "Syrian refugees", "Lebanese nationals"; "Lebanese and Syrian people" is no one group
    return found.pop() if len(found) == 1 else None


def _is_model(word: str) -> bool:
    """Whether `word` is a model designation counted as such: "C-17s", "T-72s", "Su-25s"."""
    return bool(re.fullmatch(r"[a-z]{1,4}-\d{1,4}[a-z]?s?", word))

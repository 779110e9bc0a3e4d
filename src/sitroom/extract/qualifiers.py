"""Stage 3: the qualifier of a number ("more than", "nearly", ...) and its sign ("decreased by")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.domain import Qualifier
from sitroom.extract.numbers import NumberMention

# Words written just before a number, longest first so "no more than" beats "more than".
_BEFORE_WORDS: dict[str, Qualifier] = {
    "more than": Qualifier.AT_LEAST, "over": Qualifier.AT_LEAST,
    "at least": Qualifier.AT_LEAST, "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST, "not less than": Qualifier.AT_LEAST,
    "in excess of": Qualifier.AT_LEAST, "upwards of": Qualifier.AT_LEAST,
    "above": Qualifier.AT_LEAST, "exceeding": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST, "well over": Qualifier.AT_LEAST,
    "up to": Qualifier.AT_MOST, "less than": Qualifier.AT_MOST,
    "fewer than": Qualifier.AT_MOST, "no more than": Qualifier.AT_MOST,
    "not more than": Qualifier.AT_MOST, "at most": Qualifier.AT_MOST,
    "a maximum of": Qualifier.AT_MOST, "under": Qualifier.AT_MOST,
    "below": Qualifier.AT_MOST, "just under": Qualifier.AT_MOST,
    "nearly": Qualifier.APPROX, "almost": Qualifier.APPROX, "some": Qualifier.APPROX,
    "around": Qualifier.APPROX, "close to": Qualifier.APPROX,
    "an estimated": Qualifier.APPROX, "estimated": Qualifier.APPROX,
    "about": Qualifier.APPROX, "approximately": Qualifier.APPROX,
    "roughly": Qualifier.APPROX, "approx.": Qualifier.APPROX, "circa": Qualifier.APPROX,
    "an approximate": Qualifier.APPROX, "some estimated": Qualifier.APPROX,
    "an average of": Qualifier.APPROX, "on average": Qualifier.APPROX,
}  # fmt: skip
_AFTER_WORDS: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST, "and more": Qualifier.AT_LEAST,
    "plus": Qualifier.AT_LEAST, "or so": Qualifier.APPROX, "or fewer": Qualifier.AT_MOST,
    "or less": Qualifier.AT_MOST,
}  # fmt: skip


def _alternation(words: dict[str, Qualifier]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_BEFORE = re.compile(rf"(?<!\w)({_alternation(_BEFORE_WORDS)})\s+$", re.IGNORECASE)
_AFTER = re.compile(rf"^[\s+]*({_alternation(_AFTER_WORDS)})\b", re.IGNORECASE)
_NEGATIVE = re.compile(
    r"\b(?:decreased|decreasing|reduced|shrunk|shrank|fell|fallen|dropped|declined|"
    r"down|cut|lost|decline|decrease|drop|fall|reduction)\s+(?:by\s+)?(?:a\s+further\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Qualified:
    """The qualifier of a number and where its words start (`start` <= the number's start)."""

    qualifier: Qualifier
    start: int
    sign: int = 1


def qualify(text: str, number: NumberMention) -> Qualified:
    """Return the qualifier of `number` from the words around it; bare numbers are exact.

    Ranges and vague amounts keep their own qualifier; "over" before a number means "at
    least" (the "over" of "over the past days" never reaches this stage: it has no number).
    """
    sign = -1 if _NEGATIVE.search(text, max(0, number.start - 40), number.start) else 1
    if number.low is not None and number.high is not None:
        return Qualified(Qualifier.RANGE, number.start, sign)
    before = _BEFORE.search(text, max(0, number.start - 24), number.start)
    if number.vague:
        start = before.start(1) if before else number.start
        return Qualified(Qualifier.VAGUE, start, sign)
    if before is not None:
        return Qualified(_BEFORE_WORDS[_norm(before.group(1))], before.start(1), sign)
    after = _AFTER.match(text[number.end : number.end + 16])
    if after is not None:
        return Qualified(_AFTER_WORDS[_norm(after.group(1))], number.start, sign)
    return Qualified(Qualifier.EXACT, number.start, sign)


def _norm(words: str) -> str:
    return " ".join(words.lower().split())

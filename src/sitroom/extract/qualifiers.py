"""Stage 3: the qualifier of a number ("more than", "nearly", ...) and its sign ("decreased by")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.domain import Qualifier
from sitroom.extract.numbers import NumberKind, NumberMention

# Words written just before a number, longest first so "no more than" beats "more than".
_BEFORE_WORDS: dict[str, Qualifier] = {
    "more than": Qualifier.AT_LEAST, "over": Qualifier.AT_LEAST,
    "at least": Qualifier.AT_LEAST, "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST, "not less than": Qualifier.AT_LEAST,
    "in excess of": Qualifier.AT_LEAST, "upwards of": Qualifier.AT_LEAST,
    "above": Qualifier.AT_LEAST, "exceeding": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST, "well over": Qualifier.AT_LEAST,
    # a count that passed a mark is at least the mark: "the death toll exceeded 2,000"
    "exceeded": Qualifier.AT_LEAST, "exceeds": Qualifier.AT_LEAST,
    "exceed": Qualifier.AT_LEAST, "surpassed": Qualifier.AT_LEAST,
    "surpassing": Qualifier.AT_LEAST, "surpasses": Qualifier.AT_LEAST,
    "topped": Qualifier.AT_LEAST, "topping": Qualifier.AT_LEAST, "tops": Qualifier.AT_LEAST,
    "rose above": Qualifier.AT_LEAST, "surpass": Qualifier.AT_LEAST,
    "greater than": Qualifier.AT_LEAST, "higher than": Qualifier.AT_LEAST,
    "larger than": Qualifier.AT_LEAST, "greater than or equal to": Qualifier.AT_LEAST,
    "less than or equal to": Qualifier.AT_MOST, "lower than": Qualifier.AT_MOST,
    "smaller than": Qualifier.AT_MOST,
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
    "or less": Qualifier.AT_MOST, "or greater": Qualifier.AT_LEAST,
    "or higher": Qualifier.AT_LEAST, "or above": Qualifier.AT_LEAST,
    "or over": Qualifier.AT_LEAST, "or below": Qualifier.AT_MOST, "or lower": Qualifier.AT_MOST,
    "or under": Qualifier.AT_MOST,
}  # fmt: skip


def _alternation(words: dict[str, Qualifier]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_BEFORE = re.compile(rf"(?<!\w)({_alternation(_BEFORE_WORDS)})\s+$", re.IGNORECASE)
_AFTER = re.compile(rf"^[\s+]*({_alternation(_AFTER_WORDS)})\b", re.IGNORECASE)
# A fall is negative only where the number states the change itself: "decreased by
# one-third", "fell 20%", "a reduction of 15 per cent". The number after a verb of loss
# that takes an object ("Russia lost 900 soldiers", "reduced to 200") counts what is
# lost or what is left, and stays positive.
_FALL = (
    r"(?:decreased|decreasing|decreases|reduced|reducing|shrunk|shrank|shrinking|fell|fallen|"
    r"falling|dropped|dropping|declined|declining|down|cut|slashed|plunged|plummeted)"
)
_NEGATIVE = re.compile(
    rf"\b(?:{_FALL}\s+by|(?:a|an|the)\s+(?:decrease|decline|drop|fall|reduction|cut)\s+of)"
    r"\s+(?:a\s+further\s+|some\s+|about\s+|nearly\s+|almost\s+|around\s+|over\s+|"
    r"more\s+than\s+)?$",
    re.IGNORECASE,
)
# Without "by", only a share can state the change: "fell 20%", "dropped a third".
_NEGATIVE_SHARE = re.compile(rf"\b{_FALL}\s+(?:a\s+further\s+)?$", re.IGNORECASE)


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
    sign = _sign(text, number)
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


def _sign(text: str, number: NumberMention) -> int:
    """Return -1 where `number` states a fall ("decreased by one-third"), else 1."""
    window = max(0, number.start - 48)
    if _NEGATIVE.search(text, window, number.start):
        return -1
    if number.kind is not NumberKind.COUNT and _NEGATIVE_SHARE.search(text, window, number.start):
        return -1
    return 1


def _norm(words: str) -> str:
    return " ".join(words.lower().split())

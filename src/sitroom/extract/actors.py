"""The sides of the conflict by the names reports give them: the subject of a territory claim.

Data, not logic: the sides and their aliases are the workspace's parties
(`sitroom.geo.actors.Parties`: the bundled `claimants.toml` and the actors a user stored),
handed in by the caller; add an alias there when a report names a side another way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitroom.domain import Actor
from sitroom.geo.actors import Parties, default_parties


@lru_cache(maxsize=8)
def _pattern(parties: Parties) -> tuple[re.Pattern[str], list[Actor]]:
    """One alternation of every side's name and aliases, longest first, and the side of
    each alternative, by group number."""
    words = sorted(
        {(w, n) for n, side in enumerate(parties.sides) for w in (side.name, *side.aliases) if w},
        key=lambda pair: (-len(pair[0]), pair[1], pair[0]),
    )
    body = "|".join(
        rf"(?P<a{i}>(?<![\w-]){re.escape(word)}(?![\w-]))" for i, (word, _) in enumerate(words)
    )
    # a workspace without sides matches nothing
    return re.compile(body or r"(?!)", re.IGNORECASE), [parties.sides[n] for _, n in words]


# "recaptured from militants", "liberated from terrorists": the side named after "from" is
# the one that lost the ground, not the one whose control the sentence states
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)


def subject_in(sentence: str, parties: Parties | None = None) -> str | None:
    """Return the side whose control `sentence` states, or None.

    The first side named wins, unless it is named as the one ground was taken from. A
    sentence that only names the losing side gives the first other side of the same list
    (the workspace's own sides, or the bundled ones), when there is one.
    """
    parties = parties or default_parties()
    pattern, side_of = _pattern(parties)
    losers: list[Actor] = []
    for match in pattern.finditer(sentence):
        if match.lastgroup is None:
            continue
        side = side_of[int(match.lastgroup[1:])]
        if _FROM.search(sentence, max(0, match.start() - 12), match.start()):
            losers.append(side)
            continue
        return side.name
    if not losers:
        return None
    stored = losers[0].id is not None
    others = [s for s in parties.sides if (s.id is not None) == stored and s not in losers]
    return others[0].name if others else None

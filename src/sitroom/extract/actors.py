"""The sides of the conflict by the names reports give them: the subject of a territory claim.

Data, not logic: add an alias here when a report names a side another way.
"""

from __future__ import annotations

import re

GOVERNMENT = "Government of Syria and allies"
OPPOSITION = "Armed opposition groups"

ALIASES: dict[str, tuple[str, ...]] = {
    GOVERNMENT: (
        "Syrian Army",
        "Syrian Arab Army",
        "SAA",
        "government forces",
        "government troops",
        "pro-government forces",
        "GoS",
        "Government of Syria",
        "regime forces",
        "the regime",
        "Syrian troops",
        "Syrian government",
        "Syrian control",
        "Syrian forces",
        "government control",
        "government-held",
        "government-controlled",
        "Tiger Forces",
    ),
    OPPOSITION: (
        "militants",
        "militant",
        "gunmen",
        "rebels",
        "rebel",
        "NSAG",
        "NSAGs",
        "non-state armed groups",
        "terrorists",
        "armed groups",
        "armed opposition",
        "opposition fighters",
        "opposition-held",
        "opposition-controlled",
        "fighters",
        "jihadists",
        "insurgents",
        "moderate opposition",
        "Jabhat al-Nusra",
        "al-Nusra",
    ),
}

_PATTERN = re.compile(
    "|".join(
        rf"(?P<a{i}>(?<![\w-]){re.escape(alias)}(?![\w-]))"
        for i, alias in enumerate(a for aliases in ALIASES.values() for a in aliases)
    ),
    re.IGNORECASE,
)
_ACTOR_OF = [actor for actor, aliases in ALIASES.items() for _ in aliases]


# "recaptured from militants", "liberated from terrorists": the side named after "from" is
# the one that lost the ground, not the one whose control the sentence states
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)


def subject_in(sentence: str) -> str | None:
    """Return the side whose control `sentence` states, or None.

    The first side named wins, unless it is named as the one ground was taken from; a
    sentence that only names the losing side gives the other side (there are two).
    """
    losers: list[str] = []
    for match in _PATTERN.finditer(sentence):
        if match.lastgroup is None:
            continue
        actor = _ACTOR_OF[int(match.lastgroup[1:])]
        if _FROM.search(sentence, max(0, match.start() - 12), match.start()):
            losers.append(actor)
            continue
        return actor
    others = [side for side in ALIASES if side not in losers]
    return others[0] if losers and len(others) == 1 else None

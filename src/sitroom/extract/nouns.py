"""What a counted noun is: the class of thing it counts and the group it narrows to.

Data, not logic: extend these tables when reports count new things. Keys are singular
lower-case words; `noun_key` maps plurals onto them.
"""

from __future__ import annotations

from enum import StrEnum


class NounClass(StrEnum):
    PEOPLE = "people"
    SITE = "sites"
    AREA = "areas"
    TONNES = "tonnes"
    KITCHEN = "kitchens"
    CENTRE = "centres"
    VEHICLE = "vehicles"
    INCIDENT = "incidents"
    AREA_KM2 = "km2"
    OTHER = "other"


# Groups: who or what is counted, in the gold files' words.
GROUPS: dict[str, str] = {
    "child": "children", "children": "children", "kid": "children", "minor": "children",
    "boy": "children", "girl": "children", "orphan": "children", "infant": "children",
    "baby": "children", "babies": "children", "newborn": "children",
    "woman": "women", "women": "women",
    "civilian": "civilians",
    "militant": "combatants", "fighter": "combatants", "rebel": "combatants",
    "gunman": "combatants", "gunmen": "combatants", "terrorist": "combatants",
    "combatant": "combatants", "insurgent": "combatants", "jihadist": "combatants",
    "extremist": "combatants", "mercenary": "combatants", "mercenaries": "combatants",
    "commander": "commanders", "leader": "commanders",
    "family member": "family_members", "relative": "family_members",
    # "200 families", "1,500 households" count households, not people (unit households)
    "family": "families", "families": "families", "household": "families",
    "households": "families",
    "patient": "patients",
    "school": "school", "mosque": "mosque", "church": "church", "hospital": "hospital",
    "clinic": "clinic", "bakery": "bakery", "bakeries": "bakery", "bridge": "bridge",
    "substation": "power_substation", "power station": "power_substation",
    "power plant": "power_substation", "water facility": "water_facility",
    "water station": "water_facility", "pumping station": "water_facility",
    "water plant": "water_facility", "market": "market", "house": "house", "home": "house",
}  # fmt: skip

_PEOPLE = {
    "people", "person", "persons", "individual", "resident", "inhabitant", "civilian", "idp",
    "idps", "refugee", "evacuee", "returnee", "child", "children", "woman", "women", "man",
    "men", "militant", "fighter", "rebel", "gunman", "gunmen", "terrorist", "combatant",
    "insurgent", "jihadist", "extremist", "mercenary", "mercenaries", "patient", "family",
    "families", "member", "detainee", "prisoner", "hostage", "student", "pupil", "worker",
    "volunteer", "staff", "soldier", "troop", "serviceman", "servicemen", "officer",
    "casualty", "casualties", "body", "bodies", "dead", "wounded", "injured", "victim",
    "orphan", "elderly", "newborn", "baby", "babies", "boy", "girl", "kid", "minor",
    "commander", "leader", "household", "relative", "youth", "adult", "defector", "deserter",
    "other", "others",
}  # fmt: skip
_CLASSES: dict[str, NounClass] = {
    **dict.fromkeys(
        ["site", "facility", "facilities", "building", "school", "mosque", "church",
         "hospital", "clinic", "bakery", "bakeries", "bridge", "substation", "station",
         "plant", "market", "house", "home", "structure", "object", "road", "field"],
        NounClass.SITE),
    **dict.fromkeys(
        ["neighborhood", "neighbourhood", "quarter", "district", "village", "town",
         "settlement", "area", "locality", "localities", "township", "hill", "height"],
        NounClass.AREA),
    **dict.fromkeys(["ton", "tonne", "tons", "tonnes", "kg", "kilogram"], NounClass.TONNES),
    **dict.fromkeys(["kitchen"], NounClass.KITCHEN),
    **dict.fromkeys(["centre", "center", "shelter", "camp", "point"], NounClass.CENTRE),
    **dict.fromkeys(["bus", "buses", "ambulance", "vehicle", "truck", "lorry", "lorries",
                     "car", "convoy"], NounClass.VEHICLE),
    **dict.fromkeys(["execution", "attack", "incident", "violation", "abuse", "airstrike",
                     "strike", "shelling", "explosion", "torture"], NounClass.INCIDENT),
    **dict.fromkeys(["km2", "km²", "kilometre", "kilometer", "hectare"], NounClass.AREA_KM2),
}  # fmt: skip


def noun_key(word: str) -> str:
    """Return `word` lower-cased and made singular the simple English way."""
    word = word.lower().strip("'’")
    if word in _PEOPLE or word in _CLASSES or word in GROUPS:
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


def noun_class(words: tuple[str, ...]) -> NounClass | None:
    """Return the class of what `words` count, from the head noun; None if nothing is said."""
    if not words:
        return None
    if any(w in ("km2", "km²") for w in words) or words[-2:] in (("square", "kilometres"),):
        return NounClass.AREA_KM2
    # the head decides; "12 villages and farms" falls back on the first noun we know
    for word in reversed(words):
        key = noun_key(word)
        if key in _PEOPLE:
            return NounClass.PEOPLE
        if key in _CLASSES:
            return _CLASSES[key]
    return NounClass.OTHER


def group_of(words: tuple[str, ...]) -> str | None:
    """Return the group the counted words narrow to, or None for people at large.

    A mixed list ("men, women and children") narrows to nothing; two-word kinds
    ("water cleaning facility", "family members") are looked up before the head alone.
    """
    if not words:
        return None
    keys = [noun_key(w) for w in words]
    head = keys[-1]
    if "and" in words:
        # "orphaned and very young children" joins adjectives; "women and children" nouns
        before_and = keys[words.index("and") - 1]
        if before_and in _PEOPLE and before_and != head:
            return None
    pair = " ".join(keys[-2:])
    if pair in GROUPS:
        return GROUPS[pair]
    if head in ("facility", "station", "plant") and "water" in keys:
        return "water_facility"
    if head in ("station", "plant") and ("power" in keys or "electricity" in keys):
        return "power_substation"
    return GROUPS.get(head)

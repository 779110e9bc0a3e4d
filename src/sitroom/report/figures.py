"""How a figure reads in a briefing: "more than 10,500 people", "93%", "about 7,000"."""

from __future__ import annotations

from sitroom.domain import Claim, Qualifier

_BEFORE = {
    Qualifier.EXACT: "",
    Qualifier.AT_LEAST: "more than ",
    Qualifier.AT_MOST: "up to ",
    Qualifier.APPROX: "about ",
    Qualifier.VAGUE: "at least ",
    Qualifier.RANGE: "",
}
_UNIT_WORDS = {
    "people": "people",
    "tonnes": "tonnes",
    "sites": "sites",
    "areas": "areas",
    "kitchens": "kitchens",
    "centres": "centres",
    "vehicles": "vehicles",
    "incidents": "incidents",
    "km2": "km²",
}


def number(value: float) -> str:
    """A value as a person writes it: 10,500; 0.33; 93."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1 else f"{value:,.1f}"


def figure(claim: Claim) -> str:
    """The figure of a claim with its qualifier and unit, as it reads in the briefing."""
    if claim.qualifier is Qualifier.RANGE and claim.low is not None and claim.high is not None:
        amount = f"{number(claim.low)}–{number(claim.high)}"
    elif claim.unit == "ratio":
        amount = f"{claim.value:+.0%}" if claim.value < 0 else f"{claim.value:.0%}"
        return _BEFORE[claim.qualifier] + amount
    else:
        amount = number(claim.value)
    if claim.unit == "percent":
        return f"{_BEFORE[claim.qualifier]}{amount}%"
    unit = _UNIT_WORDS.get(claim.unit, "")
    if claim.value == 1 and claim.qualifier is Qualifier.EXACT and unit.endswith("s"):
        unit = unit[:-1]  # "1 site", "1 centre"
    words = f"{_BEFORE[claim.qualifier]}{amount}"
    return f"{words} {unit}".strip()

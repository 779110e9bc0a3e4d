"""The indicator vocabulary: loads and validates `indicators.toml`."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from sitroom.domain import FlowOrStock, InputError, NotFound

_REQUIRED = ("label", "unit", "kind", "hxl", "triggers")


@dataclass(frozen=True)
class Indicator:
    """One key of the vocabulary."""

    key: str
    label: str
    unit: str
    kind: FlowOrStock
    hxl: str
    triggers: tuple[str, ...]
    max: float | None = None
    # the classes of counted noun (nouns.toml) a figure of this indicator may count; "none"
    # for a bare number ("953 of them"); default: the class named like the unit alone
    counts: tuple[str, ...] = ()
    shares: bool = True  # whether a percentage or fraction may report this key
    # a noun class's unit under this key, where it differs from nouns.toml's
    units: tuple[tuple[str, str], ...] = ()
    # other hashtags a dataset's column of this indicator may carry ("#affected+idps")
    hxl_also: tuple[str, ...] = ()

    @property
    def hashtags(self) -> tuple[str, ...]:
        return (self.hxl, *self.hxl_also)


@dataclass(frozen=True)
class Vocabulary:
    """Every indicator, by key, in file order."""

    indicators: dict[str, Indicator]

    def __getitem__(self, key: str) -> Indicator:
        return self.indicators[key]

    def __contains__(self, key: object) -> bool:
        return key in self.indicators

    def keys(self) -> list[str]:
        return list(self.indicators)

    def label(self, key: str) -> str:
        """The indicator's label ("People evacuated"), or the key itself for one the
        vocabulary does not know (a claim stored under an older vocabulary)."""
        return self.indicators[key].label if key in self.indicators else key

    def require(self, key: str) -> Indicator:
        """The indicator `key`; NotFound naming the closest keys when there is none."""
        if key in self.indicators:
            return self.indicators[key]
        close = difflib.get_close_matches(key, self.keys(), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise NotFound(f'"{key}" is not an indicator{hint}')


def parse_vocabulary(text: str, path: str | Path = "indicators.toml") -> Vocabulary:
    """Parse and validate a vocabulary; a bad entry raises InputError naming key and field."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(path, None, None, f"not valid TOML: {err}") from err
    table = raw.get("indicators")
    if not isinstance(table, dict) or not table:
        raise InputError(path, None, "indicators", "no [indicators] table")
    indicators: dict[str, Indicator] = {}
    for key, entry in table.items():
        where = f"indicators.{key}"
        if not isinstance(entry, dict):
            raise InputError(path, None, where, "is not a table")
        for name in _REQUIRED:
            if name not in entry:
                raise InputError(path, None, f"{where}.{name}", "is missing")
        for name in ("label", "unit", "hxl"):
            if not isinstance(entry[name], str) or not entry[name].strip():
                raise InputError(path, None, f"{where}.{name}", f"{entry[name]!r} is not a text")
        if entry["kind"] not in ("flow", "stock"):
            raise InputError(path, None, f"{where}.kind", f'"{entry["kind"]}" is not flow or stock')
        if not entry["hxl"].startswith("#"):
            raise InputError(path, None, f"{where}.hxl", f'"{entry["hxl"]}" is not a HXL hashtag')
        triggers = entry["triggers"]
        if not isinstance(triggers, list) or not all(
            isinstance(t, str) and t.strip() for t in triggers
        ):
            raise InputError(path, None, f"{where}.triggers", "must be a list of non-empty texts")
        maximum = entry.get("max")
        if maximum is not None and (
            isinstance(maximum, bool) or not isinstance(maximum, int | float)
        ):
            raise InputError(path, None, f"{where}.max", f"{maximum!r} is not a number")
        counts = entry.get("counts", [entry["unit"]])
        if not isinstance(counts, list) or not all(isinstance(c, str) and c for c in counts):
            raise InputError(path, None, f"{where}.counts", "must be a list of noun classes")
        shares = entry.get("shares", True)
        if not isinstance(shares, bool):
            raise InputError(path, None, f"{where}.shares", f"{shares!r} is not true or false")
        units = entry.get("units", {})
        if not isinstance(units, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in units.items()
        ):
            raise InputError(path, None, f"{where}.units", "must map noun classes to units")
        hxl_also = entry.get("hxl_also", [])
        if not isinstance(hxl_also, list) or not all(
            isinstance(h, str) and h.startswith("#") for h in hxl_also
        ):
            raise InputError(path, None, f"{where}.hxl_also", "must be a list of HXL hashtags")
        unknown = set(entry) - {*_REQUIRED, "max", "counts", "shares", "units", "hxl_also"}
        if unknown:
            raise InputError(path, None, f"{where}.{sorted(unknown)[0]}", "is not a known field")
        indicators[key] = Indicator(
            key=key,
            label=entry["label"],
            unit=entry["unit"],
            kind=FlowOrStock(entry["kind"]),
            hxl=entry["hxl"],
            triggers=tuple(t.lower() for t in triggers),
            max=float(maximum) if maximum is not None else None,
            counts=tuple(counts),
            shares=shares,
            units=tuple(sorted(units.items())),
            hxl_also=tuple(hxl_also),
        )
    return Vocabulary(indicators)


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary bundled with sitroom."""
    text = resources.files("sitroom").joinpath("indicators.toml").read_text(encoding="utf-8")
    return parse_vocabulary(text, "sitroom/indicators.toml")


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary at `path`, or the bundled one."""
    if path is None:
        return default_vocabulary()
    return parse_vocabulary(path.read_text(encoding="utf-8"), path)


# The briefing's sections: key, title, indicator prefixes (first match wins, in this order).
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("control", "Control", ("territory.",)),
    ("movements", "Population movements", ("people.", "population.", "evacuation.")),
    ("combatants", "Combatants", ("combatants.",)),
    ("mine_action", "Mine action", ("mine_action.",)),
    ("aid", "Aid", ("aid.delivered", "aid.beneficiaries")),
    ("shelters", "Shelters and field kitchens", ("shelters.", "aid.field_kitchens")),
    ("incidents", "Incidents and casualties", ("incidents.", "casualties.")),
    ("other", "Other figures", ("",)),
)


@cache  # a few dozen indicators, asked once per figure
def section_for(indicator: str) -> str:
    """The key of the briefing section an indicator belongs to."""
    for key, _title, prefixes in SECTIONS:
        if any(indicator.startswith(prefix) for prefix in prefixes):
            return key
    return "other"


def section_prefixes(key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The indicator prefixes of section `key` and those of the sections before it, which
    win: an indicator is in the section when it starts with one of the first and none of
    the second (`section_for`). NotFound naming the sections for an unknown key."""
    keys = [k for k, _, _ in SECTIONS]
    if key not in keys:
        raise NotFound(f'no briefing section "{key}" (sections: {", ".join(keys)})')
    at = keys.index(key)
    earlier = tuple(p for _, _, prefixes in SECTIONS[:at] for p in prefixes)
    return SECTIONS[at][2], earlier

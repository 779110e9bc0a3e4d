"""Control shares as text, JSON-ready dicts, GeoJSON and a timeline chart (PNG)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

from sitroom.domain import Place, SitroomError
from sitroom.geo.actors import default_parties
from sitroom.geo.control import PlaceControl
from sitroom.geo.shares import ControlMap, ControlShares


def _claims(control: PlaceControl) -> list[dict[str, object]]:
    return [
        {
            "actor": c.actor,
            "status": c.status.value,
            "claimant": c.claimant,
            "observed_on": c.observed_on.isoformat(),
            "source_title": c.source_title,
            "source_url": c.source_url,
        }
        for c in control.claims
    ]


def shares_json(shares: ControlShares) -> dict[str, object]:
    """The shares as a JSON-ready dict: percentages rounded to 0.01, disputed claims kept."""
    areas = {p.place: p for p in shares.places}
    return {
        "place": shares.area,
        "date": shares.on.isoformat(),
        "area_km2": round(shares.area_km2, 3),
        "held": {a: round(v, 2) for a, v in shares.held.items()},
        "held_or_unsettled": {a: round(v, 2) for a, v in shares.held_or_unsettled.items()},
        "contested": round(shares.contested, 2),
        "disputed": round(shares.disputed, 2),
        "unknown": round(shares.unknown, 2),
        "disputed_places": [
            {
                "place": name,
                "actors": list(p.actors),
                "observed_on": p.observed_on.isoformat() if p.observed_on else None,
                "claims": _claims(p),
            }
            for name, p in areas.items()
            if p in shares.disputed_places
        ],
    }


def shares_text(shares: ControlShares) -> str:
    """The shares as lines a person reads: one per actor, then the unsettled and unknown."""
    lines = [f"{shares.area} on {shares.on.isoformat()}: {shares.area_km2:.2f} km²"]
    for actor, held in sorted(shares.held.items(), key=lambda item: -item[1]):
        either = shares.held_or_unsettled.get(actor, 0.0)
        lines.append(
            f"  {actor}: {held:.1f}% held, {either:.1f}% held or unsettled where it is a party"
        )
    lines.append(
        f"  contested: {shares.contested:.1f}%  disputed: {shares.disputed:.1f}%  "
        f"unknown: {shares.unknown:.1f}%"
    )
    for place in shares.disputed_places:
        lines.append(f"  disputed: {place.place}")
        for claim in place.claims:
            lines.append(
                f"    {claim.claimant}: {claim.status.value} by {claim.actor} "
                f"({claim.observed_on.isoformat()}, {claim.source_title})"
            )
    return "\n".join(lines)


def _feature(place: Place, **properties: object) -> dict[str, object]:
    """A GeoJSON feature of a mapped place: its polygon, names and area, and `properties`."""
    return {
        "type": "Feature",
        "geometry": place.geometry,
        "properties": {
            "name": place.name,
            "name_ar": place.name_ar,
            "area_km2": round(place.area_km2 or 0.0, 4),
            **properties,
        },
    }


def state_geojson(control: ControlMap, area_name: str, on: date) -> dict[str, object]:
    """A FeatureCollection of the area's polygons with state, controller, actors and claims."""
    features: list[dict[str, object]] = []
    for place in control.members(area_name):
        state = control.ledger.on(place.name, on)
        features.append(
            _feature(
                place,
                date=on.isoformat(),
                state=state.state.value,
                controller=state.controller,
                actors=list(state.actors),
                observed_on=state.observed_on.isoformat() if state.observed_on else None,
                claims=_claims(state),
            )
        )
    return {"type": "FeatureCollection", "features": features}


MAX_MAP_DAYS = 400


class BadRange(SitroomError):
    """A range of days the map cannot draw: reversed, or too long."""


def states_geojson(
    control: ControlMap, area_name: str, start: date, end: date
) -> dict[str, object]:
    """The area's polygons with their state and controller on every day from `start` to
    `end` (`days`; each feature's `states` is [state, controller] by day, in that order),
    and every dated observation of each place with its claimant and source: what a map
    with a date slider draws without asking again."""
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    features: list[dict[str, object]] = []
    for place in control.members(area_name):
        states: list[list[str | None]] = []
        seen: dict[tuple[object, ...], dict[str, object]] = {}
        for day in days:
            state = control.ledger.on(place.name, day)
            states.append([state.state.value, state.controller])
            for claim in _claims(state):
                seen.setdefault(tuple(claim.values()), claim)
        observations = sorted(seen.values(), key=lambda c: (str(c["observed_on"]), str(c["actor"])))
        features.append(_feature(place, states=states, observations=observations))
    return {
        "type": "FeatureCollection",
        "area": area_name,
        "days": [d.isoformat() for d in days],
        "features": features,
    }


def timeline_png(
    series: Sequence[ControlShares], path: Path, colours: Mapping[str, str] | None = None
) -> Path:
    """Draw each actor's daily share held (lines) and held-or-unsettled (bands) to `path`,
    each side in its colour (`Parties.colours`, the control map's; default: the bundled
    sides'), any other actor in one of matplotlib's."""
    colours = default_parties().colours if colours is None else colours
    import matplotlib

    matplotlib.use("Agg")  # no display: the chart goes to a file in reports and CI
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import numpy as np

    days = np.array([s.on for s in series], dtype="datetime64[D]")
    actors = sorted(
        {a for s in series for a in s.held_or_unsettled},
        key=lambda a: -max(s.held_or_unsettled.get(a, 0.0) for s in series),
    )
    figure, axes = plt.subplots(figsize=(10, 5.6), dpi=120)
    for actor in actors:
        colour = colours.get(actor)
        held = [s.held.get(actor, 0.0) for s in series]
        either = [s.held_or_unsettled.get(actor, 0.0) for s in series]
        line = axes.plot(
            days, held, label=f"{actor}: held", color=colour, linewidth=2, drawstyle="steps-post"
        )[0]
        axes.fill_between(
            days,
            held,
            either,
            step="post",
            color=line.get_color(),
            alpha=0.18,
            label=f"{actor}: + contested/disputed",
        )
    axes.plot(
        days,
        [s.unknown for s in series],
        color="grey",
        linestyle=":",
        label="no observation",
        drawstyle="steps-post",
    )
    first, last = series[0], series[-1]
    axes.set_title(
        f"Share of {first.area}'s area by controller, {first.on:%d %b %Y} – {last.on:%d %b %Y}"
    )
    axes.set_xlabel("date (state of the latest claims on or before each day)")
    axes.set_ylabel(f"% of {first.area_km2:.1f} km² (equal-area)")
    axes.set_ylim(0, 100)
    # matplotlib.dates ships without annotations for these two
    axes.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    axes.grid(True, alpha=0.3)
    axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    figure.text(
        0.01,
        0.01,
        "Source: sitroom control observations (claims by named "
        "claimants); bands: places contested or disputed with the actor as a party.",
        fontsize=7,
        color="dimgrey",
    )
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    figure.savefig(path)
    plt.close(figure)
    return path

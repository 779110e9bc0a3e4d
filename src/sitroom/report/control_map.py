"""The control map of a day as inline SVG: neighbourhood polygons coloured by controller.

Hand-built SVG from the bundled polygons (no tile server, no network, no matplotlib):
longitude and latitude projected equirectangularly with the longitudes scaled by the
cosine of the map's middle latitude, which at a city's size distorts less than a pixel.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from sitroom.geo.actors import PALETTE, Parties, default_parties
from sitroom.geo.shares import ControlMap

CONTESTED, DISPUTED, UNKNOWN = "contested", "disputed", "unknown"
# the states' colours; a side's is the workspace's (`Parties.colours`, as in
# sitroom.geo.render's timeline, so the map and the chart agree)
STATE_COLOURS: dict[str, str] = {
    CONTESTED: "#e67e22",
    DISPUTED: "#8e44ad",
    UNKNOWN: "#d5d8dc",
}
# the bundled sides' and the states' colours: a map drawn without the workspace's parties
COLOURS: dict[str, str] = {**default_parties().colours, **STATE_COLOURS}
_LEGEND_WORDS = {
    CONTESTED: "Contested (fighting reported)",
    DISPUTED: "Disputed (claimants disagree)",
    UNKNOWN: "Unknown (no observation)",
}
_FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


@dataclass(frozen=True)
class MapPolygon:
    """One place to draw: its GeoJSON geometry (WGS84), its state (held, contested,
    disputed, unknown) and, when held, its controller."""

    name: str
    geometry: Mapping[str, object]
    state: str
    controller: str | None = None

    @property
    def category(self) -> str:
        """The legend entry it is coloured by: the controller when held, else the state."""
        return self.controller if self.state == "held" and self.controller else self.state


def polygons_on(control: ControlMap, area: str, on: date) -> list[MapPolygon]:
    """The polygons of `area` (e.g. "Aleppo", "East Aleppo") with their control on `on`,
    from the control ledger; places without a polygon are left out."""
    found = []
    for place in control.members(area):
        if place.geometry is None:
            continue
        state = control.ledger.on(place.name, on)
        found.append(MapPolygon(place.name, place.geometry, state.state.value, state.controller))
    return found


def polygons_from_geojson(collection: Mapping[str, object]) -> list[MapPolygon]:
    """MapPolygons from a FeatureCollection whose features carry `name`, `state` and
    `controller` properties, as `sitroom.geo.render.state_geojson` writes them."""
    features = collection.get("features")
    found = []
    for feature in features if isinstance(features, list) else []:
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            continue
        found.append(
            MapPolygon(
                str(properties.get("name", "")),
                geometry,
                str(properties.get("state", UNKNOWN)),
                properties.get("controller"),
            )
        )
    return found


def _rings(geometry: Mapping[str, object]) -> list[list[list[float]]]:
    """Every ring of a Polygon or MultiPolygon as [[lon, lat], ...]; other types give none."""
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        return []
    if geometry.get("type") == "Polygon":
        return list(coordinates)
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def map_colours(parties: Parties, control: ControlMap) -> dict[str, str]:
    """The colour of each side the control observations name on any day, in the parties'
    order: the legend of every day's map of this workspace, so maps of different days read
    alike and a side keeps its colour."""
    named = set(control.ledger.actors)
    return {name: colour for name, colour in parties.colours.items() if name in named}


def _colours(polygons: Sequence[MapPolygon], sides: Mapping[str, str] | None) -> dict[str, str]:
    """`sides` (default: the bundled sides'), then a palette colour for any other holder
    by name, then the states'."""
    colours = dict(default_parties().colours if sides is None else sides)
    others = sorted({p.controller for p in polygons if p.state == "held" and p.controller})
    used = set(colours.values())
    spare = [c for c in PALETTE if c not in used] or list(PALETTE)
    for n, name in enumerate(o for o in others if o not in colours):
        colours[name] = spare[n % len(spare)]
    return {**colours, **STATE_COLOURS}


def _legend(colours: Mapping[str, str]) -> list[tuple[str, str]]:
    """(colour, words) for each side, then the unsettled states."""
    entries = [(c, f"Held by {name}") for name, c in colours.items() if name not in STATE_COLOURS]
    entries += [(colours[s], _LEGEND_WORDS[s]) for s in (CONTESTED, DISPUTED, UNKNOWN)]
    return entries


_KM_PER_DEGREE = 111.32  # of latitude, anywhere; of longitude, times the cosine
_BAR_KM = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500)


def _scale_bar_km(px_per_km: float, longest_px: float) -> float | None:
    """The longest round length whose bar fits in `longest_px`, None if none does."""
    fitting = [km for km in _BAR_KM if km * px_per_km <= longest_px]
    return fitting[-1] if fitting else None


def control_map_svg(
    polygons: Iterable[MapPolygon],
    title: str,
    width: int = 860,
    sides: Mapping[str, str] | None = None,
) -> str:
    """An `<svg>` map of the polygons coloured by controller or state, `width` wide, with
    a title, a legend in two columns under the map and a scale bar, lettered large enough
    to read when printed at a page's width; as text to inline in HTML (no XML prolog).
    Each polygon carries a `<title>` tooltip "name: state". Build the polygons with
    `polygons_on(control, "Aleppo", day)` and the sides' colours with `map_colours(parties,
    control)` (default: the bundled sides'); a holder without a colour gets a spare one.

    In a Jinja template: `{{ control_svg | safe }}`; WeasyPrint draws it into the PDF.
    """
    polygons = list(polygons)
    points = [pt for p in polygons for ring in _rings(p.geometry) for pt in ring]
    margin, title_h, row_h, font = 8, 36, 30, 18
    map_w = width - 2 * margin
    colours = _colours(polygons, sides)
    legend = _legend(colours)
    if points:
        lons = [float(pt[0]) for pt in points]
        lats = [float(pt[1]) for pt in points]
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        stretch = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * stretch, 1e-9)
        scale = map_w / span_x
        map_h = round((north - south) * scale)
    else:
        west = north = stretch = scale = 0.0
        map_h = 0
    rows = (len(legend) + 1) // 2
    top = title_h + map_h + margin  # the legend's first row
    height = top + (rows + 1) * row_h + margin  # the entries, then the scale bar
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        f'<text x="{margin}" y="25" {_FONT} font-size="{font + 4}" font-weight="bold">'
        f"{escape(title)}</text>",
    ]
    for polygon in polygons:
        path = []
        for ring in _rings(polygon.geometry):
            xy = [
                f"{margin + (float(lon) - west) * stretch * scale:.1f} "
                f"{title_h + (north - float(lat)) * scale:.1f}"
                for lon, lat, *_ in ring
            ]
            if xy:
                path.append("M" + " L".join(xy) + " Z")
        if not path:
            continue
        state = polygon.state + (f" by {polygon.controller}" if polygon.controller else "")
        parts.append(
            f'<path d="{" ".join(path)}" fill="{colours.get(polygon.category, PALETTE[-1])}" '
            'fill-rule="evenodd" stroke="#ffffff" stroke-width="0.6">'
            f"<title>{escape(polygon.name)}: {escape(state)}</title></path>"
        )
    column_w = map_w / 2
    for n, (colour, words) in enumerate(legend):
        x, y = margin + (n // rows) * column_w, top + (n % rows) * row_h
        parts.append(
            f'<rect x="{x:.0f}" y="{y}" width="22" height="18" fill="{colour}" '
            'stroke="#555555" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{x + 30:.0f}" y="{y + 15}" {_FONT} font-size="{font}">{escape(words)}</text>'
        )
    km = _scale_bar_km(scale / _KM_PER_DEGREE, column_w - 100) if points else None
    if km is not None:
        y = top + rows * row_h + 6
        bar = km * scale / _KM_PER_DEGREE
        parts.append(
            f'<polyline points="{margin},{y} {margin},{y + 8} {margin + bar:.1f},{y + 8} '
            f'{margin + bar:.1f},{y}" fill="none" stroke="#333333" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{margin + bar + 10:.1f}" y="{y + 12}" {_FONT} font-size="{font}">'
            f"{escape(f'{km:g} km')}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)

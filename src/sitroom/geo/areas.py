"""Areas in km² on an equal-area projection, and geometry helpers over GeoJSON dicts.

numpy, shapely and pyproj are imported by the functions that measure or dissolve, not by
the module: reading places for their names (the extractor's gazetteer) needs none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyproj import Transformer
    from shapely.geometry.base import BaseGeometry

GeoJson = dict[str, object]


@lru_cache(maxsize=1024)
def _laea(lat0: float, lon0: float) -> Transformer:
    from pyproj import Transformer

    # LAEA keeps areas true everywhere; the centre only limits shape distortion, so one
    # projection per whole degree serves every polygon near it (building one costs ms)
    return Transformer.from_crs(
        "EPSG:4326",
        f"+proj=laea +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m +no_defs",
        always_xy=True,
    )


def projected(geometry: BaseGeometry) -> BaseGeometry:
    """`geometry` (WGS84 lon/lat) in metres on a LAEA projection centred near its centroid."""
    import numpy as np
    import shapely

    centre = geometry.centroid
    transformer = _laea(float(round(centre.y)), float(round(centre.x)))

    def to_metres(coords: Any) -> Any:  # numpy arrays of lon/lat pairs
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, to_metres)


def area_km2(geometry: GeoJson | None) -> float | None:
    """The area of a GeoJSON geometry in km² on an equal-area projection; None for no polygon.

    Points and lines have no area and give None, as does a missing geometry.
    """
    if geometry is None or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    from shapely.geometry import shape

    return float(projected(shape(geometry)).area) / 1e6


def merge_polygons(geometries: Sequence[GeoJson]) -> GeoJson:
    """One MultiPolygon holding every polygon of `geometries`, parts kept as they are.

    Parts are concatenated, not dissolved: a place drawn in three pieces keeps three pieces.
    """
    parts: list[Any] = []  # GeoJSON coordinate arrays are nested lists of floats
    for geometry in geometries:
        coordinates: Any = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            parts.append(coordinates)
        elif geometry["type"] == "MultiPolygon":
            parts.extend(coordinates)
    return {"type": "MultiPolygon", "coordinates": parts}


def union(geometries: Iterable[GeoJson]) -> GeoJson | None:
    """The dissolved union of polygon geometries as GeoJSON, or None when there are none."""
    import shapely
    from shapely.geometry import mapping, shape

    shapes = [shape(g) for g in geometries if g.get("type") in ("Polygon", "MultiPolygon")]
    if not shapes:
        return None
    merged = shapely.union_all(shapes)
    return dict(mapping(merged))


def point(lon: float, lat: float) -> GeoJson:
    """A GeoJSON point."""
    return {"type": "Point", "coordinates": [lon, lat]}

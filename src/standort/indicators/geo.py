"""Locations of industrial areas as GeoJSON geometries (RFC 7946: longitude, latitude
in WGS 84), checked before they are stored, and drawn as an SVG map without any tile
server: the shapes alone, projected onto the page."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

KINDS = ("Point", "Polygon", "MultiPolygon")
# Far more corners than an industrial area's outline needs; a limit keeps one upload
# from making every map page slow.
MAX_POSITIONS = 2_000


class GeometryError(ValueError):
    """The geometry cannot be stored; the message is for the user."""


def checked(geometry):
    """`geometry` (a parsed GeoJSON geometry) as it is stored: a Point, Polygon or
    MultiPolygon with valid coordinates, its rings closed; else GeometryError."""
    if not isinstance(geometry, dict) or geometry.get("type") not in KINDS:
        raise GeometryError(
            _("The location must be a GeoJSON geometry of type Point, Polygon or MultiPolygon.")
        )
    kind, coordinates = geometry["type"], geometry.get("coordinates")
    counter = [0]
    if kind == "Point":
        coordinates = _position(coordinates, counter)
    elif kind == "Polygon":
        coordinates = _polygon(coordinates, counter)
    else:
        if not isinstance(coordinates, list) or not coordinates:
            raise GeometryError(_("A MultiPolygon needs at least one polygon."))
        coordinates = [_polygon(polygon, counter) for polygon in coordinates]
    return {"type": kind, "coordinates": coordinates}


def _position(value, counter):
    if (
        not isinstance(value, list | tuple)
        or len(value) < 2
        or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in value[:2])
    ):
        raise GeometryError(_("A position must be a pair of numbers: longitude, latitude."))
    try:
        lon, lat = float(value[0]), float(value[1])
    except OverflowError:
        lon = lat = math.inf
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeometryError(
            _(
                "The position %(lon)s, %(lat)s lies outside longitude −180…180 and "
                "latitude −90…90 (GeoJSON names the longitude first)."
            )
            % {"lon": value[0], "lat": value[1]}
        )
    counter[0] += 1
    if counter[0] > MAX_POSITIONS:
        raise GeometryError(
            _("The location has more than %(limit)s corners; please simplify it.")
            % {"limit": MAX_POSITIONS}
        )
    return [round(lon, 7), round(lat, 7)]


def _polygon(rings, counter):
    if not isinstance(rings, list) or not rings:
        raise GeometryError(_("A polygon needs at least one ring of positions."))
    closed = []
    for ring in rings:
        if not isinstance(ring, list):
            raise GeometryError(_("A polygon's ring must be a list of positions."))
        positions = [_position(position, counter) for position in ring]
        if positions and positions[0] != positions[-1]:
            positions.append(positions[0])
        if len(positions) < 4 or len({tuple(p) for p in positions}) < 3:
            raise GeometryError(_("A polygon's ring needs at least three different corners."))
        closed.append(positions)
    return closed


def _outer_rings(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _all_positions(geometry):
    if geometry["type"] == "Point":
        return [geometry["coordinates"]]
    return [position for ring in _outer_rings(geometry) for position in ring]


# Drawing ------------------------------------------------------------------------------

# Narrow, so that the pins and their numbers stay legible where a phone scales it down.
MAP_WIDTH = 480
MAP_PAD = 20  # room for the pins of the outermost areas
MAX_HEIGHT = 640


@dataclass(frozen=True)
class Shape:
    """One area as the map draws it: its outline (`path`, empty for a point) and where
    its numbered pin stands (the point, or the middle of the outline's corners)."""

    path: str
    x: str
    y: str


@dataclass(frozen=True)
class Projection:
    width: int
    height: int
    shapes: dict  # key → Shape


def project(geometries):
    """{key: geometry} → the map's size and each geometry as drawn. A plate carrée
    stretched by the cosine of the middle latitude: true to shape at a city's scale."""
    positions = [p for g in geometries.values() for p in _all_positions(g)]
    if not positions:
        return Projection(MAP_WIDTH, 0, {})
    lons, lats = [p[0] for p in positions], [p[1] for p in positions]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    stretch = math.cos(math.radians((north + south) / 2))
    span_x, span_y = (east - west) * stretch, north - south
    inner = MAP_WIDTH - 2 * MAP_PAD
    scale = inner / max(span_x, span_y * inner / (MAX_HEIGHT - 2 * MAP_PAD), 1e-9)
    height = round(span_y * scale + 2 * MAP_PAD) if span_y else 2 * MAP_PAD + 40
    offset_x = (inner - span_x * scale) / 2

    def xy(position):
        x = MAP_PAD + offset_x + (position[0] - west) * stretch * scale
        y = MAP_PAD + (north - position[1]) * scale if span_y else height / 2
        return x, y

    shapes = {}
    for key, geometry in geometries.items():
        rings = _outer_rings(geometry)
        if not rings:
            x, y = xy(geometry["coordinates"])
            shapes[key] = Shape("", f"{x:.1f}", f"{y:.1f}")
            continue
        parts, points = [], []
        for ring in rings:
            drawn = [xy(position) for position in ring[:-1]]
            points.extend(drawn)
            parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in drawn) + " Z")
        middle_x = sum(x for x, _y in points) / len(points)
        middle_y = sum(y for _x, y in points) / len(points)
        shapes[key] = Shape(" ".join(parts), f"{middle_x:.1f}", f"{middle_y:.1f}")
    return Projection(MAP_WIDTH, height, shapes)

"""Country shapes for the report's map: TopoJSON decoding, the Albers equal-area conic projection, and
simplification, all in NumPy.

The shapes are Natural Earth's 1:50m admin-0 boundaries (v4.1.0) as shipped in the npm package
``world-atlas`` 2.0.2, vendored in ``geodata/`` with their licence and provenance (see
``geodata/PROVENANCE.md``). Nothing is downloaded at run time.

References: Bostock, *The TopoJSON Format Specification* (2013–2017); Snyder, J. P. (1987) *Map
Projections — A Working Manual*, USGS Professional Paper 1395, pp. 98–103 (Albers, sphere); Douglas, D. H.
& Peucker, T. K. (1973) "Algorithms for the reduction of the number of points required to represent a
digitized line or its caricature", *The Canadian Cartographer* 10(2).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Albers",
    "Country",
    "MapShapes",
    "albers_for",
    "douglas_peucker",
    "load_countries",
    "map_shapes",
]

GEODATA = Path(__file__).resolve().parent / "geodata"
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Country:
    """One country object of the atlas: its secarch code (empty if none), kind, name and polygons.

    ``polygons`` is a tuple of polygons, each a tuple of rings, each ring a tuple of arc references
    (TopoJSON: ``k`` is arc k, ``~k`` i.e. ``-k-1`` is arc k reversed).
    """

    iso3: str
    kind: str
    name: str
    polygons: tuple[tuple[tuple[int, ...], ...], ...]


@dataclass(frozen=True)
class Atlas:
    arcs: tuple[FloatArray, ...]
    """Each arc as an (m, 2) array of longitude, latitude in degrees."""
    countries: tuple[Country, ...]
    points: FloatArray
    """Every arc's points stacked, (N, 2); arc k is ``points[offsets[k]:offsets[k + 1]]``."""
    offsets: NDArray[np.intp]


def decode_arcs(
    arcs: list[list[list[int]]], scale: tuple[float, float], translate: tuple[float, float]
) -> list[FloatArray]:
    """Decode quantised, delta-encoded TopoJSON arcs into absolute coordinates.

    Position k of an arc is the running sum of its deltas: ``x_k = (Σ_{j≤k} dx_j) · scale_x + translate_x``
    (TopoJSON specification §2.1.2, "quantized positions").

    >>> decode_arcs([[[0, 0], [2, 1], [1, -1]]], (0.5, 1.0), (10.0, 0.0))[0].tolist()
    [[10.0, 0.0], [11.0, 1.0], [11.5, 0.0]]
    """
    factor = np.asarray(scale, dtype=float)
    offset = np.asarray(translate, dtype=float)
    return [np.cumsum(np.asarray(arc, dtype=float).reshape(-1, 2), axis=0) * factor + offset for arc in arcs]


@lru_cache(maxsize=1)
def load_atlas() -> Atlas:
    """The vendored atlas, decoded (cached)."""
    topology = json.loads((GEODATA / "countries-50m.json").read_text(encoding="utf-8"))
    transform = topology["transform"]
    arcs = decode_arcs(topology["arcs"], tuple(transform["scale"]), tuple(transform["translate"]))
    with (GEODATA / "country_ids.csv").open(encoding="utf-8", newline="") as handle:
        ids = list(csv.DictReader(handle))
    countries = []
    geometries = topology["objects"]["countries"]["geometries"]
    if len(ids) != len(geometries):
        raise RuntimeError("geodata/country_ids.csv does not match countries-50m.json; rebuild both")
    for geometry, row in zip(geometries, ids, strict=True):
        polygons: tuple[tuple[tuple[int, ...], ...], ...]
        if geometry["type"] == "Polygon":
            polygons = (tuple(tuple(ring) for ring in geometry["arcs"]),)
        elif geometry["type"] == "MultiPolygon":
            polygons = tuple(tuple(tuple(ring) for ring in polygon) for polygon in geometry["arcs"])
        else:
            continue
        countries.append(Country(row["iso3"], row["kind"], row["atlas_name"], polygons))
    offsets = np.concatenate([[0], np.cumsum([len(arc) for arc in arcs])]).astype(np.intp)
    return Atlas(tuple(arcs), tuple(countries), np.concatenate(arcs), offsets)


def load_countries() -> dict[str, Country]:
    """The countries of the atlas that have a secarch state code, by code."""
    return {c.iso3: c for c in load_atlas().countries if c.iso3}


@dataclass(frozen=True)
class Albers:
    """Albers equal-area conic projection of the sphere (Snyder 1987, eqs. 14-3, 14-4, 14-1, 14-2, 14-6).

    ``n = (sin φ1 + sin φ2) / 2``, ``C = cos² φ1 + 2 n sin φ1``, ``ρ = √(C − 2 n sin φ) / n``,
    ``θ = n (λ − λ0)``, ``x = ρ sin θ``, ``y = ρ0 − ρ cos θ`` (unit sphere).

    >>> p = Albers(lon0=-96.0, lat0=23.0, lat1=29.5, lat2=45.5)  # Snyder's numerical example, p. 292
    >>> [round(float(v), 7) for v in p(np.array([-75.0]), np.array([35.0]))[:, 0]]
    [0.295272, 0.2416774]
    """

    lon0: float
    lat0: float
    lat1: float
    lat2: float

    def __call__(self, lon: FloatArray, lat: FloatArray) -> FloatArray:
        """Project longitudes and latitudes (degrees) to (2, m) x, y on the unit sphere."""
        phi1, phi2, phi0 = np.radians([self.lat1, self.lat2, self.lat0])
        n = (np.sin(phi1) + np.sin(phi2)) / 2.0
        c = np.cos(phi1) ** 2 + 2.0 * n * np.sin(phi1)
        rho0 = np.sqrt(c - 2.0 * n * np.sin(phi0)) / n
        # Longitude relative to the central meridian, wrapped into [-180, 180).
        dlon = (np.asarray(lon, dtype=float) - self.lon0 + 180.0) % 360.0 - 180.0
        rho = np.sqrt(np.maximum(c - 2.0 * n * np.sin(np.radians(lat)), 0.0)) / n
        theta = n * np.radians(dlon)
        return np.stack([rho * np.sin(theta), rho0 - rho * np.cos(theta)])


def albers_for(lons: FloatArray, lats: FloatArray) -> Albers:
    """An Albers projection suited to points spread over ``lons``/``lats`` (degrees).

    The central meridian is the circular mean of the longitudes; the standard parallels lie one sixth of
    the latitude range inside its ends (Deetz & Adams's one-sixth rule, in Snyder 1987, p. 99).
    """
    radians = np.radians(np.asarray(lons, dtype=float))
    lon0 = float(np.degrees(np.arctan2(np.sin(radians).mean(), np.cos(radians).mean())))
    south, north = float(np.min(lats)), float(np.max(lats))
    if north - south < 10.0:  # keep the cone well defined for small regions
        middle = (north + south) / 2.0
        south, north = middle - 5.0, middle + 5.0
    sixth = (north - south) / 6.0
    lat1, lat2 = south + sixth, north - sixth
    if abs(lat1 + lat2) < 1e-6:  # n = 0 would be a cylinder; nudge off the equator
        lat2 += 1.0
    return Albers(lon0=lon0, lat0=(south + north) / 2.0, lat1=lat1, lat2=lat2)


def douglas_peucker(points: FloatArray, tolerance: float) -> NDArray[np.bool_]:
    """Which points of a polyline to keep so that no dropped point is farther than ``tolerance`` from the
    simplified line (Douglas & Peucker 1973). The end points are always kept.

    >>> line = np.array([[0, 0], [1, 0.1], [2, -0.1], [3, 5], [4, 6], [5, 7]], dtype=float)
    >>> np.flatnonzero(douglas_peucker(line, 0.5)).tolist()
    [0, 2, 3, 5]
    """
    m = len(points)
    keep = np.zeros(m, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, m - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start, end = points[first], points[last]
        segment = end - start
        inner = points[first + 1 : last] - start
        length = float(np.hypot(*segment))
        if length == 0.0:
            distance = np.hypot(inner[:, 0], inner[:, 1])
        else:
            distance = np.abs(segment[0] * inner[:, 1] - segment[1] * inner[:, 0]) / length
        k = int(np.argmax(distance))
        if distance[k] > tolerance:
            split = first + 1 + k
            keep[split] = True
            stack.append((first, split))
            stack.append((split, last))
    return keep


@dataclass(frozen=True)
class MapShapes:
    """Projected, simplified country outlines for one map view, ready to draw in SVG."""

    width: float
    height: float
    paths: dict[str, str]
    """SVG path data by key: the secarch code for states, ``~name`` for other atlas objects."""
    kinds: dict[str, str]
    names: dict[str, str]
    points: dict[str, tuple[float, float]]
    """Capitals of the requested states that have no shape at this scale, in view coordinates."""


def map_shapes(
    focus: tuple[str, ...],
    capitals: dict[str, tuple[float, float]],
    *,
    width: float = 960.0,
    tolerance: float = 0.6,
    margin: float = 0.04,
) -> MapShapes:
    """The outlines of every atlas country that shows in a view framing the ``focus`` states.

    ``capitals`` gives (lat, lon) of states; the view frames the focus states' shapes (their capitals where
    they have none). Arcs are simplified once each (shared borders stay shared) with Douglas–Peucker at
    ``tolerance`` view units, then rounded to 0.1 units.
    """
    return _map_shapes(tuple(sorted(focus)), tuple(sorted(capitals.items())), width, tolerance, margin)


@lru_cache(maxsize=8)
def _map_shapes(
    focus: tuple[str, ...],
    capitals_items: tuple[tuple[str, tuple[float, float]], ...],
    width: float,
    tolerance: float,
    margin: float,
) -> MapShapes:
    atlas = load_atlas()
    capitals = dict(capitals_items)
    by_code = {c.iso3: c for c in atlas.countries if c.iso3}
    focus_arcs = sorted(
        {
            _arc_index(ref)
            for code in focus
            if code in by_code
            for ring in _rings(by_code[code])
            for ref in ring
        }
    )
    if focus_arcs:
        stacked = np.concatenate([atlas.arcs[k] for k in focus_arcs])
        lons, lats = stacked[:, 0], stacked[:, 1]
    else:
        located = [capitals[c] for c in focus if c in capitals]
        if not located:
            raise ValueError("no state of the map's focus has a shape or a capital")
        lats, lons = np.array([p[0] for p in located]), np.array([p[1] for p in located])
    extra = [capitals[c] for c in focus if c not in by_code and c in capitals]
    if extra:
        lats = np.concatenate([lats, [p[0] for p in extra]])
        lons = np.concatenate([lons, [p[1] for p in extra]])
    projection = albers_for(lons, lats)
    xy = projection(lons, lats)
    x0, x1 = float(xy[0].min()), float(xy[0].max())
    y0, y1 = float(xy[1].min()), float(xy[1].max())
    pad = margin * max(x1 - x0, y1 - y0, 1e-6)
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    scale = width / (x1 - x0)
    height = round((y1 - y0) * scale, 1)

    def to_view(points: FloatArray) -> FloatArray:
        projected = projection(points[:, 0], points[:, 1])
        # SVG's y axis points down: north is up.
        return np.stack([(projected[0] - x0) * scale, (y1 - projected[1]) * scale], axis=1)

    # Project every arc at once, then find each arc's bounding box and whether it crosses the meridian
    # opposite the central one (a ring with such an arc would be torn across the map: it is left out).
    view = to_view(atlas.points)
    starts = atlas.offsets[:-1]
    low = np.minimum.reduceat(view, starts, axis=0)
    high = np.maximum.reduceat(view, starts, axis=0)
    relative = (atlas.points[:, 0] - projection.lon0 + 180.0) % 360.0 - 180.0
    jump = np.zeros(len(relative), dtype=bool)
    jump[1:] = np.abs(np.diff(relative)) > 180.0
    jump[starts] = False
    torn = np.add.reduceat(jump, starts) > 0
    in_view = (high[:, 0] >= 0) & (low[:, 0] <= width) & (high[:, 1] >= 0) & (low[:, 1] <= height)

    simplified: dict[int, FloatArray] = {}
    paths: dict[str, str] = {}
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    for country in atlas.countries:
        pieces: list[str] = []
        for ring in _rings(country):
            arcs = [_arc_index(ref) for ref in ring]
            if torn[arcs].any() or not in_view[arcs].any():
                continue
            parts = []
            for ref, k in zip(ring, arcs, strict=True):
                if k not in simplified:
                    segment = view[atlas.offsets[k] : atlas.offsets[k + 1]]
                    simplified[k] = segment[douglas_peucker(segment, tolerance)]
                parts.append(simplified[k] if ref >= 0 else simplified[k][::-1])
            pieces.append(_ring_path(np.concatenate([parts[0], *[p[1:] for p in parts[1:]]])))
        data = "".join(pieces)
        if not data:
            continue
        key = country.iso3 if country.kind == "state" else f"~{country.name}"
        paths[key] = data
        kinds[key] = country.kind
        names[key] = country.name
    points: dict[str, tuple[float, float]] = {}
    for code, (lat, lon) in capitals.items():
        if code in paths:
            continue
        spot = to_view(np.array([[lon, lat]], dtype=float))[0]
        if 0 <= spot[0] <= width and 0 <= spot[1] <= height:
            points[code] = (round(float(spot[0]), 1), round(float(spot[1]), 1))
    return MapShapes(width, height, paths, kinds, names, points)


def _arc_index(ref: int) -> int:
    return ref if ref >= 0 else ~ref


def _rings(country: Country) -> list[tuple[int, ...]]:
    return [ring for polygon in country.polygons for ring in polygon]


def _ring_path(points: FloatArray) -> str:
    rounded = np.round(points, 1)
    keep = np.ones(len(rounded), dtype=bool)
    keep[1:] = np.any(np.diff(rounded, axis=0) != 0, axis=1)
    rounded = rounded[keep]
    if len(rounded) < 3:
        return ""
    coords = " ".join(f"{x:g},{y:g}" for x, y in rounded.tolist())
    return f"M{coords}Z"

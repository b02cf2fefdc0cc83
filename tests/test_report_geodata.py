"""The vendored country shapes, the TopoJSON decoder, the Albers projection and the simplification."""

from __future__ import annotations

import doctest
import hashlib
import importlib.util
import itertools
import json
import re

import numpy as np
import pytest

from secarch.report import geo

REPO = geo.GEODATA.parents[3]


def _vendor_script():
    spec = importlib.util.spec_from_file_location(
        "vendor_world_atlas", REPO / "scripts" / "vendor_world_atlas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vendored_file_matches_recorded_hash():
    """Oracle: the sha256 recorded in PROVENANCE.md when the file was copied from world-atlas 2.0.2."""
    recorded = re.search(
        r"sha256 of `countries-50m.json`: `([0-9a-f]{64})`", (geo.GEODATA / "PROVENANCE.md").read_text()
    )
    assert recorded is not None
    digest = hashlib.sha256((geo.GEODATA / "countries-50m.json").read_bytes()).hexdigest()
    assert digest == recorded.group(1)
    assert (
        "ISC" in (geo.GEODATA / "LICENSE.world-atlas").read_text()
        or "Permission to use" in (geo.GEODATA / "LICENSE.world-atlas").read_text()
    )


def test_country_id_table_rebuilds_identically():
    """Oracle: the build script (ISO 3166-1 numeric → alpha-3 through pycountry) reproduces the vendored
    table."""
    pytest.importorskip("pycountry")
    from secarch.data import state_codes

    script = _vendor_script()
    topology = json.loads((geo.GEODATA / "countries-50m.json").read_text(encoding="utf-8"))
    assert script.ids_table_text(topology, set(state_codes())) == (geo.GEODATA / "country_ids.csv").read_text(
        encoding="utf-8"
    )


def test_every_current_state_has_a_shape():
    """Property: every state of the CoW system in 2016 has an outline, except Tuvalu (below 1:50m scale)."""
    from secarch.data import states

    shapes = geo.load_countries()
    missing = sorted(set(states(2016)["iso3"]) - set(shapes))
    assert missing == ["TUV"]


def test_known_country_ids():
    """Oracle: ISO 3166-1 numeric codes (643 Russia, 398 Kazakhstan, 268 Georgia)."""
    rows = {c.iso3: c for c in geo.load_atlas().countries}
    assert rows["RUS"].name == "Russia" and rows["KAZ"].name == "Kazakhstan" and rows["GEO"].name == "Georgia"


def test_albers_matches_snyder_example():
    """Oracle: Snyder (1987) p. 292, Albers on the unit sphere, φ1=29.5°, φ2=45.5°, φ0=23°, λ0=−96°:
    (35°N, 75°W) → x = 0.2952720, y = 0.2416774."""
    x, y = geo.Albers(-96.0, 23.0, 29.5, 45.5)(np.array([-75.0]), np.array([35.0]))[:, 0]
    assert x == pytest.approx(0.2952720, abs=5e-8)
    assert y == pytest.approx(0.2416774, abs=5e-8)


def test_albers_is_equal_area():
    """Property: an equal-area projection maps a lon/lat cell to an area equal to the cell's area on the unit
    sphere, (sin φ2 − sin φ1)·Δλ, whatever the cell's latitude."""
    projection = geo.Albers(60.0, 50.0, 35.0, 65.0)
    for lat in (10.0, 40.0, 70.0):
        lon = np.array([60.0, 60.5, 60.5, 60.0])
        lats = np.array([lat, lat, lat + 0.5, lat + 0.5])
        x, y = projection(lon, lats)
        area = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
        sphere = (np.sin(np.radians(lat + 0.5)) - np.sin(np.radians(lat))) * np.radians(0.5)
        assert area == pytest.approx(sphere, rel=1e-4)


def test_douglas_peucker_bounds_deviation():
    """Property (Douglas & Peucker 1973): every dropped point lies within the tolerance of the segment of
    kept points that spans it; end points are kept."""
    rng = np.random.default_rng(5)
    line = np.cumsum(rng.normal(size=(400, 2)), axis=0)
    keep = geo.douglas_peucker(line, 1.5)
    assert keep[0] and keep[-1]
    kept = np.flatnonzero(keep)
    for a, b in itertools.pairwise(kept):
        seg = line[b] - line[a]
        for p in line[a + 1 : b]:
            d = abs(seg[0] * (p - line[a])[1] - seg[1] * (p - line[a])[0]) / np.hypot(*seg)
            assert d <= 1.5 + 1e-9
    assert keep.sum() < len(line)


def test_map_shapes_frame_the_focus():
    """Property: the view frames the focus states (their outlines lie inside it) and keeps neighbours."""
    shapes = geo.map_shapes(("ARM", "AZE", "GEO"), {"ARM": (40.18, 44.51)})
    assert {"ARM", "AZE", "GEO", "TUR", "IRN", "RUS"} <= set(shapes.paths)
    coords = np.array(
        [
            [float(v) for v in pair.split(",")]
            for pair in re.findall(r"-?[\d.]+,-?[\d.]+", shapes.paths["ARM"])
        ]
    )
    assert coords[:, 0].min() >= 0 and coords[:, 0].max() <= shapes.width
    assert coords[:, 1].min() >= 0 and coords[:, 1].max() <= shapes.height


def test_docstring_examples():
    result = doctest.testmod(geo)
    assert result.attempted >= 3 and result.failed == 0

"""The vectorised API for the engines: shapes, units, missing values and known facts."""

from __future__ import annotations

import math

import numpy as np
import pytest

import secarch.data as data
from secarch.data import matrices
from secarch.data.geo import EARTH_RADIUS_KM, great_circle_km, km_to_miles
from secarch.errors import InputError


def test_great_circle_analytic_cases():
    """Oracle: analytic distances on the sphere: equator to pole is πR/2, antipodes πR, a degree of the
    equator πR/180; and the spherical law of cosines gives the same distance for separated points."""
    assert great_circle_km(0, 0, 90, 0) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2)
    assert great_circle_km(10, 20, -10, -160) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(math.pi * EARTH_RADIUS_KM / 180)
    rng = np.random.default_rng(7)
    lat1, lat2 = rng.uniform(-80, 80, (2, 200))
    lon1, lon2 = rng.uniform(-180, 180, (2, 200))
    p1, p2, dl = np.radians(lat1), np.radians(lat2), np.radians(lon2 - lon1)
    cosines = EARTH_RADIUS_KM * np.arccos(np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(dl))
    np.testing.assert_allclose(great_circle_km(lat1, lon1, lat2, lon2), cosines, rtol=1e-9)
    assert km_to_miles(1.609344) == pytest.approx(1.0)


def test_capital_distance_matrix_units_and_symmetry():
    """Oracle: Moscow-Washington is about 7,800 km (great circle); properties: symmetric, zero diagonal,
    miles = km / 1.609344, triangle inequality."""
    codes = ["RUS", "USA", "CHN", "DEU", "PSE"]
    km = data.capital_distance_matrix(codes, "km")
    miles = data.capital_distance_matrix(codes, "miles")
    assert km.shape == (5, 5) and np.allclose(km, km.T) and np.all(np.diag(km) == 0)
    np.testing.assert_allclose(miles, km / 1.609344)
    assert 7700 < km[0, 1] < 7900
    assert np.all(km[:, :, None] <= km[:, None, :] + km.T[None, :, :] + 1e-6)


def test_capital_distance_uses_the_capital_of_the_year():
    """Oracle: Kazakhstan moved its capital from Almaty to Astana in 1998 (cow_capitals): the distance to
    Moscow changes from about 3,100 km to about 2,300 km."""
    before = data.capital_distance_matrix(["KAZ", "RUS"], year=1995)[0, 1]
    after = data.capital_distance_matrix(["KAZ", "RUS"], year=2005)[0, 1]
    assert 3000 < before < 3200 and 2200 < after < 2400
    assert data.capital_distance_matrix(["KAZ", "RUS"])[0, 1] == pytest.approx(after)


def test_capability_vector_missing_not_zero():
    """Properties: states without NMC data (the Holy See, a state not yet in the system) are NaN, not 0;
    carried-forward years equal 2022 and are flagged."""
    vec = data.capability_vector(["USA", "VAT", "SSD"], 2005)
    assert vec[0] > 0.1 and np.isnan(vec[1]) and np.isnan(vec[2])
    np.testing.assert_array_equal(
        data.capability_vector(["USA", "CHN"], 2025, "milex"),
        data.capability_vector(["USA", "CHN"], 2022, "milex"),
    )
    assert data.capability_carried_forward(2024) and not data.capability_carried_forward(2022)
    assert np.isnan(data.capability_vector(["USA"], 1950)).all()  # outside the bundled years
    with pytest.raises(InputError):
        data.capability_vector(["USA"], 2000, "gdp")


def test_contiguity_matrix_known_cases_and_carry_forward():
    """Oracle: CoW v3.2: Russia-Ukraine and Russia-Belarus share land borders, USA-RUS are within 12 miles
    of water (Bering Strait) since Alaska became a state in 1959, Japan has no land border."""
    codes = ["RUS", "UKR", "BLR", "USA", "JPN"]
    land = data.contiguity_matrix(codes, 2010)
    assert land[0, 1] and land[0, 2] and not land[0, 3] and not land[4].any()
    water = data.contiguity_matrix(codes, 2010, max_type=2)
    assert water[0, 3] and water[0, 4] and np.array_equal(water, water.T)
    assert not data.contiguity_matrix(["RUS", "USA"], 1950, max_type=5)[0, 1]
    assert np.array_equal(data.contiguity_matrix(codes, 2024, 5), data.contiguity_matrix(codes, 2016, 5))
    assert data.contiguity_carried_forward(2024) and not data.contiguity_carried_forward(2016)
    with pytest.raises(InputError):
        data.contiguity_matrix(codes, 2010, max_type=6)


def test_minimum_distance_agrees_with_contiguity():
    """Property linking two independent sources (CShapes borders, CoW contiguity): pairs at distance 0
    are contiguous by land or across a lake (CoW codes Lake Chad and Lake Tanganyika borders as water,
    type 3), except Zimbabwe-Namibia, whose borders meet at the Kazungula point that CoW does not count;
    land-contiguous pairs are within 100 km (CoW counts bridges, causeways and enclaves, e.g.
    Spain-Morocco via Ceuta)."""
    for year in (1995, 2016):
        codes = list(data.states(year, include_other=False)["iso3"])
        kinds = data.contiguity_type_matrix(codes, year)
        dist = data.minimum_distance_matrix(codes, year)
        assert not np.isnan(dist).any()
        off_diagonal = ~np.eye(len(codes), dtype=bool)
        touching = (dist == 0) & off_diagonal
        touching[codes.index("ZWE"), codes.index("NAM")] = touching[
            codes.index("NAM"), codes.index("ZWE")
        ] = False
        assert np.all((kinds[touching] >= 1) & (kinds[touching] <= 3))
        assert np.all(dist[kinds == 1] < 100)
    assert np.isnan(data.minimum_distance_matrix(["USA", "PSE"], 2010)[0, 1])
    assert matrices.min_distance_carried_forward(2022)


def test_nuclear_status_by_year():
    """Oracle: first nuclear tests (CTBTO): USA 16 July 1945, DPRK 9 October 2006; South Africa
    dismantled its devices by 1991; Soviet weapons in Ukraine did not make Ukraine nuclear-armed."""
    codes = ["USA", "PRK", "ZAF", "UKR", "ISR", "DEU"]
    assert data.nuclear_status(codes, 1944).tolist() == [False] * 6
    assert data.nuclear_status(codes, 1985).tolist() == [True, False, True, False, True, False]
    assert data.nuclear_status(codes, 2006).tolist() == [True, True, False, False, True, False]
    assert data.nuclear_status(codes, 1993)[3] is np.False_
    assert data.nuclear_status(codes, 2025).tolist() == [True, True, False, False, True, False]


def test_nuclear_status_beyond_coverage_is_missing():
    """Property (the rule of the capabilities, docs/data-states.md): years outside a table's coverage are
    missing, not carried forward and not zero. The nuclear table covers the years to 2025, so 2030 is an
    input error rather than True (carried forward) or False (no weapons)."""
    assert data.nuclear_status_known(2025) and not data.nuclear_status_known(2026)
    with pytest.raises(InputError, match="no nuclear-weapon data for 2030"):
        data.nuclear_status(["PRK"], 2030)
    table = data.nuclear_weapons()
    assert (table["source"] != "").all()
    assert table.set_index("iso3").loc["ISR", "status"] == "undeclared_estimate"


def test_unknown_codes_are_input_errors_with_hints():
    """Property: a former code gets a hint naming the current id."""
    with pytest.raises(InputError) as caught:
        data.capital_distance_matrix(["SUN", "USA"])
    assert "use RUS" in caught.value.format()


def test_gw_codes_of_ucdp_map_to_states(shared_data):
    """Oracle: every GW code UCDP uses in its onset file (1946-2017) maps to a secarch id in the years it
    appears, except GW states CoW does not list (711 Tibet); Germany and Yemen switch holders in 1990."""
    import pandas as pd

    onsets = pd.read_csv(shared_data / "ucdp" / "ucdp_onsets.csv")
    ids = data.gw_to_iso3(onsets["gwcode"].astype(int).to_numpy(), onsets["year"].astype(int).to_numpy())
    unmapped = set(onsets["gwcode"][pd.isna(ids)].astype(int))
    assert unmapped == {711}
    assert data.gw_to_iso3([260, 260, 678, 678, 340], [1989, 1990, 1989, 1990, 2010]).tolist() == [
        "XGF",
        "DEU",
        "XYA",
        "YEM",
        "SRB",
    ]

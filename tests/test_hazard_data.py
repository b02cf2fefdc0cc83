"""The bundled hazard tables are reproducible from the original datasets, and the readers report bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secarch.crisis import fit, hazard
from secarch.crisis._readers import read_columns
from secarch.errors import InputError


@pytest.fixture(scope="module")
def rebuilt(shared_data):
    return fit.build_tables(shared_data)


def test_refit_reproduces_bundled_coefficients(rebuilt):
    """Oracle: the committed coefficient table; a refit from ../shared/data must give the same numbers
    (relative tolerance 1e-6, for BLAS rounding on another machine)."""
    problems = fit.compare_tables(
        {"hazard_coefficients.csv": rebuilt["hazard_coefficients.csv"]}, hazard.TABLES_DIR
    )
    assert problems == []


def test_covariate_tables_rebuild_identically(rebuilt):
    """Oracle: the committed democracy, major-power, rivalry and onset tables (rebuilt and compared)."""
    others = {k: v for k, v in rebuilt.items() if k != "hazard_coefficients.csv"}
    assert fit.compare_tables(others, hazard.TABLES_DIR) == []


def test_bundled_rows_have_sources_and_flags():
    """Oracle: the data policy — every bundled row has a source; later years are flagged carried forward."""
    for name in ("hazard_coefficients", "democracy", "major_powers", "rivalries", "dispute_onsets"):
        table = pd.read_csv(hazard.TABLES_DIR / f"{name}.csv")
        assert table["source"].notna().all() and (table["source"].str.len() > 10).all(), name
    dem = pd.read_csv(hazard.TABLES_DIR / "democracy.csv")
    # Polity5 ends in 2018 (only the USA has 2019–2020 scores): any later known value is carried forward.
    later = dem[(dem["year"] > 2018) & dem["polity2"].notna() & ~dem["polity2_carried_forward"]]
    assert set(zip(later["ccode"], later["year"], strict=True)) == {(2, 2019), (2, 2020)}
    assert not dem.loc[dem["year"] <= 2018, "polity2_carried_forward"].all()
    majors = pd.read_csv(hazard.TABLES_DIR / "major_powers.csv")
    assert (majors["carried_forward"] == (majors["year"] > 2016)).all()
    assert set(majors.loc[majors["year"] == 2025, "ccode"]) == {2, 200, 220, 255, 365, 710, 740}


def test_panel_counts_match_the_gml_record(shared_data):
    """Oracle: the GML v2.2.1 file itself — 341 non-directed onset dyad-years in 2000–2010, all of them
    between system members (none lost when building the dyad population)."""
    gml = pd.read_csv(shared_data / "cow" / "gml_mid_ddydisps.csv")
    gml = gml[(gml["gmlmidonset"] == 1) & (gml["ccode1"] < gml["ccode2"])]
    expected = gml[(gml["year"] >= 2000)].drop_duplicates(["ccode1", "ccode2", "year"])
    world = fit.HistoricalWorld(fit.load_sources(shared_data))
    panel = fit.build_panel(world, 2000, 2010)
    assert panel["onset"].sum() == len(expected) == 341
    n = np.array([len(world.members(y)) for y in range(2000, 2011)])
    assert len(panel) == int((n * (n - 1) // 2).sum())


def test_missing_dataset_folder_is_input_error(tmp_path):
    """Oracle: the error contract — a wrong --from folder names the file that is missing."""
    with pytest.raises(InputError) as info:
        fit.load_sources(tmp_path)
    assert "cow_states.csv" in str(info.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet='ab,1.-\n"x9 ', max_size=80))
def test_reader_fuzz_only_raises_input_error(tmp_path, text):
    """Oracle: the error contract under fuzzing — any file content yields a frame or an InputError."""
    path = tmp_path / "fuzz.csv"
    path.write_text("ccode,year,cinc\n" + text)
    try:
        frame = read_columns(path, {"ccode": "int", "year": "int", "cinc": "float"})
    except InputError as error:
        assert str(path) in str(error)
    else:
        assert list(frame.columns) == ["ccode", "year", "cinc"]

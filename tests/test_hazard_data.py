"""The bundled hazard tables are reproducible from the original datasets, cite the sources registry, and a
bad dataset folder is reported as an InputError."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from secarch.crisis import fit, hazard
from secarch.data import sources
from secarch.errors import InputError

HAZARD_TABLES = ("hazard_coefficients", "democracy", "major_powers", "dispute_onsets")


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
    """Oracle: the committed democracy, major-power and onset tables (rebuilt and compared)."""
    others = {k: v for k, v in rebuilt.items() if k != "hazard_coefficients.csv"}
    assert fit.compare_tables(others, hazard.TABLES_DIR) == []


def test_bundled_rows_cite_registered_sources_and_flag_carried_years():
    """Oracle: the data policy — every row's source is a list of keys of the sources registry (the hazard
    entries in sources_hazard.csv), each model cites its own democracy measure, onsets cite the MID release
    they come from, and later years are flagged carried forward."""
    registry = sources().set_index("key")
    for name in HAZARD_TABLES:
        table = pd.read_csv(hazard.TABLES_DIR / f"{name}.csv")
        keys = {k.split(" (")[0] for value in table["source"].unique() for k in value.split(";")}
        assert keys <= set(registry.index), (name, keys - set(registry.index))
    coef = pd.read_csv(hazard.TABLES_DIR / "hazard_coefficients.csv")
    cited = coef.groupby("model")["source"].first().str.split(";")
    assert "polity5" in cited["baseline"] and "vdem" not in cited["baseline"]
    assert "vdem" in cited["hazard"] and "polity5" not in cited["hazard"]
    assert {"secarch-hazard-fit", "gml-mid", "atop"} <= set(cited["hazard"])
    onsets = pd.read_csv(hazard.TABLES_DIR / "dispute_onsets.csv")
    assert (onsets["source"] == np.where(onsets["year"] <= 2010, "gml-mid", "cow-mid")).all()
    dem = pd.read_csv(hazard.TABLES_DIR / "democracy.csv")
    # Polity5 ends in 2018 (only the USA has 2019–2020 scores): any later known value is carried forward.
    later = dem[(dem["year"] > 2018) & dem["polity2"].notna() & ~dem["polity2_carried_forward"]]
    assert set(zip(later["ccode"], later["year"], strict=True)) == {(2, 2019), (2, 2020)}
    assert not dem.loc[dem["year"] <= 2018, "polity2_carried_forward"].all()
    majors = pd.read_csv(hazard.TABLES_DIR / "major_powers.csv")
    assert (majors["carried_forward"] == (majors["year"] > 2016)).all()
    assert (majors["source"].str.contains("carried forward") == majors["carried_forward"]).all()
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


def test_bad_dataset_file_is_located_input_error(shared_data, tmp_path):
    """Oracle: the error contract of the loaders — a folder whose NMC file has a text code fails with the
    file, the line and the column, not a traceback."""
    for relative in ("cow/cow_states.csv", "cow/cow_contdir.csv", "cow/cow_capitals.csv"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shared_data / relative, tmp_path / relative)
    (tmp_path / "cow" / "cow_nmc.csv").write_text(
        "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n2,1816,1,1,1,1,1,1,0.5\nUSA,1817,1,1,1,1,1,1,0.5\n"
    )
    with pytest.raises(InputError) as info:
        fit.load_sources(tmp_path)
    message = str(info.value)
    assert "cow_nmc.csv:3" in message and "ccode" in message

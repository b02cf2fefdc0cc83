"""`secarch data …`: list, show, sources, build and check, with JSON output and exit codes."""

from __future__ import annotations

import json

import pytest

from clikit import run_cli


def test_list_and_show_states_json(capsys):
    """Oracle: the states table: 195 CoW members in 2024 plus the two entities outside the system."""
    code, out, _ = run_cli(capsys, "data", "list", "--json")
    assert code == 0 and {row["table"] for row in json.loads(out)} >= {"states", "capabilities", "nuclear"}
    code, out, _ = run_cli(capsys, "data", "show", "states", "--year", "2024", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 197
    russia = next(r for r in rows if r["iso3"] == "RUS")
    assert russia["ccode"] == 365 and russia["lat"] > 55 and russia["cow_end"] == "2016-12-31"


@pytest.mark.parametrize(
    "table", ["states", "capitals", "capabilities", "contiguity", "min-distance", "nuclear"]
)
def test_show_every_table_by_year(capsys, table):
    """Property: every table can be shown for a year, as text and as JSON, and the year filter keeps only
    rows in force then (Kazakhstan's capital in 1995 is Almaty)."""
    code, out, err = run_cli(capsys, "data", "show", table, "--year", "1995", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows
    if table == "capitals":
        assert next(r for r in rows if r["iso3"] == "KAZ")["capital"] == "Almaty"
    code, out, err = run_cli(capsys, "data", "show", table, "--year", "2020")
    assert code == 0 and "rows" in out, err


def test_show_capabilities_flags_carried_forward(capsys):
    """Property: a carried-forward year is labelled as such in text and JSON output."""
    code, out, _ = run_cli(capsys, "data", "show", "capabilities", "--year", "2024")
    assert code == 0 and "carried forward" in out
    code, out, _ = run_cli(capsys, "data", "show", "capabilities", "--year", "2024", "--json")
    assert all(row["carried_forward"] == 1 for row in json.loads(out))


@pytest.mark.parametrize(
    ("table", "year"), [("capabilities", "2030"), ("capabilities", "1990"), ("nuclear", "2030")]
)
def test_years_outside_coverage_are_missing_not_carried_forward(capsys, table, year):
    """Property (docs/data-states.md): capabilities cover 1991-2025 (2023-2025 carried forward from 2022),
    the nuclear table the years to 2025; outside that the table shows no rows and says the year is outside
    its coverage, never that it repeats 2022."""
    code, out, err = run_cli(capsys, "data", "show", table, "--year", year)
    assert code == 0, err
    assert ": 0 rows" in out and f"{year} is outside the {table} table's coverage" in out
    assert "repeats" not in out and "carried forward" not in out
    code, out, _ = run_cli(capsys, "data", "show", table, "--year", year, "--json")
    assert code == 0 and json.loads(out) == []


def test_nuclear_rows_to_2025(capsys):
    """Oracle: SIPRI Yearbook 2024: nine nuclear-armed states (Israel's row an estimate) in 2025."""
    code, out, _ = run_cli(capsys, "data", "show", "nuclear", "--year", "2025", "--json")
    assert code == 0 and len(json.loads(out)) == 9
    code, out, _ = run_cli(capsys, "data", "show", "nuclear", "--year", "2025")
    assert code == 0 and "coverage" not in out


def test_states_lists_entities_outside_the_system_for_every_year(capsys):
    """Property (documented behaviour): PSE and VAT have no dates in the states table and are listed for
    every year, with a note; 1800 is before the CoW state list (1816) and says so."""
    code, out, _ = run_cli(capsys, "data", "show", "states", "--year", "1800", "--json")
    assert code == 0 and {row["iso3"] for row in json.loads(out)} == {"PSE", "VAT"}
    code, out, _ = run_cli(capsys, "data", "show", "states", "--year", "1800")
    assert "1800 is outside the states table's coverage (from 1816)" in out
    assert "PSE and VAT are outside the CoW state system" in out
    code, out, _ = run_cli(capsys, "data", "show", "states", "--year", "2020")
    assert code == 0 and "outside the states table" not in out and "PSE and VAT" in out


def test_a_day_for_a_yearly_table_is_bad_input(capsys):
    """Property: the state tables are by year; a day is an input error (exit 2) that says where days
    apply, not an option-parsing error."""
    code, out, err = run_cli(capsys, "data", "show", "capabilities", "--date", "2009-08-18")
    assert code == 2 and out == "" and "field --year: '2009-08-18' is not a year" in err
    assert "the capabilities table is by year" in err and "organisations" in err


def test_sources_lists_citations_and_licences(capsys):
    """Property: every source has a version, coverage, citation and licence."""
    code, out, _ = run_cli(capsys, "data", "sources", "--json")
    rows = json.loads(out)
    assert code == 0 and {"cow-nmc", "cow-contiguity", "atop", "ucdp-acd", "cow-igo"} <= {
        r["key"] for r in rows
    }
    assert all(r["version"] and r["coverage"] and r["citation"] and r["licence"] for r in rows)


def test_unknown_table_is_bad_input(capsys):
    """Property: bad input exits with code 2 and a message, no traceback."""
    code, _, err = run_cli(capsys, "data", "show", "planets")
    assert code == 2 and "unknown table" in err and "Traceback" not in err


def test_check_reports_a_located_error(capsys, tmp_path):
    """Property: `data check` accepts a valid file and locates the error in a bad one (exit 2)."""
    good = tmp_path / "nmc.csv"
    good.write_text("ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n2,2020,1,1,1,1,1,1,0.5\n")
    code, out, _ = run_cli(capsys, "data", "check", "nmc", str(good), "--json")
    assert code == 0 and json.loads(out)["rows"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n2,2020,1,1,1,1,1,1,0.5\nUSA,2020,1,1,1,1,1,1,0.5\n"
    )
    code, _, err = run_cli(capsys, "data", "check", "nmc", str(bad))
    assert code == 2 and f"{bad}:3" in err and "ccode" in err


@pytest.mark.slow
def test_build_writes_elsewhere_and_check_agrees(capsys, shared_data, tmp_path):
    """Oracle: the bundled tables: `build --check` finds no difference; `build --out` writes there."""
    code, out, _ = run_cli(capsys, "data", "build", "--from", str(shared_data), "--check")
    assert code == 0 and "DIFFERS" not in out
    code, out, _ = run_cli(capsys, "data", "build", "--from", str(shared_data), "--out", str(tmp_path / "t"))
    assert code == 0 and (tmp_path / "t" / "states.csv").is_file() and "unchanged" in out
    code, _, err = run_cli(capsys, "data", "build", "--from", str(tmp_path / "nowhere"))
    assert code == 2 and "does not exist" in err

"""`secarch simulate` from the command line, and the API behind it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clikit import run_cli_process
from secarch.crisis.params import RELIABILITY_PRESETS, CrisisParams
from secarch.crisis.simulate import compare, simulate
from secarch.errors import InputError


def test_json_records_seed_and_parameters_and_reproduces():
    """Oracle (property): the JSON output records the seed and every parameter; the same seed gives the same
    output, whatever the chunk size."""
    first = run_cli_process(
        "simulate", "example", "--runs", "96", "--years", "3", "--seed", "7", "--json", "--no-progress"
    )
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["seed"]["entropy"] == 7 and data["runs"] == 96 and data["horizon"] == 3
    assert data["params"] == CrisisParams().as_dict()
    assert set(data["summary"]) >= {"p_any_war", "expected_wars", "escalation_share", "two_state_share"}
    again = run_cli_process(
        "simulate",
        "example",
        "--runs",
        "96",
        "--years",
        "3",
        "--seed",
        "7",
        "--json",
        "--no-progress",
        "--chunk-runs",
        "32",
    )
    assert json.loads(again.stdout) == data


def test_text_output_names_the_seed():
    """Oracle (property): text output shows the headline table and how to rerun."""
    result = run_cli_process(
        "simulate", "example", "--runs", "64", "--years", "2", "--seed", "3", "--no-progress"
    )
    assert result.returncode == 0, result.stderr
    assert "P(at least one war)" in result.stdout
    assert "--seed 3" in result.stdout


def test_two_files_are_compared_on_the_same_seeds():
    """Oracle (property): an architecture compared with itself differs by exactly zero."""
    result = run_cli_process(
        "simulate",
        "example",
        "example",
        "--runs",
        "64",
        "--years",
        "2",
        "--seed",
        "3",
        "--json",
        "--no-progress",
    )
    assert result.returncode != 0  # two architectures with the same name are refused
    assert "same name" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("simulate", "example", "--runs", "0"),
        ("simulate", "example", "--years", "0"),
        ("simulate", "example", "--reliability", "sometimes"),
        ("simulate", "example", "--offence-dominance", "2"),
        ("simulate", "no-such-architecture.yaml"),
        ("simulate", "example", "--start", "1990"),
        ("simulate", "example", "--start", "3000"),
    ],
)
def test_bad_input_exits_2_without_traceback(args):
    """Oracle (property): bad options and files are reported as input errors (exit 2), never tracebacks."""
    result = run_cli_process(*args, "--no-progress")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


def test_api_compare_paired_differences():
    """Oracle (property): comparing an architecture with a copy of itself under another name gives paired
    differences of exactly zero (common random numbers)."""
    from secarch.spec import load_architecture

    example = load_architecture("example")
    twin = example.model_copy(update={"name": "twin"})
    comparison = compare([example, twin], years=2, runs=64, seed=11)
    row = comparison.differences().iloc[0]
    assert row["d_p_any_war"] == 0 and row["d_expected_wars"] == 0
    assert (comparison.state_differences()["d_p_war"] == 0).all()


def test_api_simulate_records_what_it_did():
    """Oracle (property): the result says which architecture, years and seed it used."""
    result = simulate("example", years=2, runs=32, seed=2)
    record = result.as_dict()
    assert record["architecture"] == "example" and record["years"] == [2025, 2026]
    assert record["dyad_years"] == 32 * 21 * 2


@given(st.text(max_size=12))
def test_reliability_option_never_crashes(text):
    """Oracle (property, fuzz): any reliability text is a preset, a number in [0, 1], or an InputError."""
    try:
        params = CrisisParams.with_reliability(text)
    except InputError:
        return
    assert 0.0 <= params.reliability <= 1.0
    assert text.strip().lower() in RELIABILITY_PRESETS or float(text) == params.reliability

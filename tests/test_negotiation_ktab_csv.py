"""KTAB's CSV scenario format: every shipped file reads; malformed files give located InputErrors only."""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzkit import edited_text
from secarch.errors import InputError
from secarch.negotiation.ktab_csv import parse_ktab_csv, read_ktab_csv

GOOD = (
    "Demo,A demo,3,2,\n"
    "Actor,Desc,Power,P1,S1,P2,S2,\n"
    "A,a,10,20,50,30,40,\n"
    "B,b,5,80,40,10,10,\n"
    "C,,7,50,20,90,80,\n"
)


@pytest.mark.parametrize(
    ("name", "actors", "dims"),
    [
        ("SOE-Pol-Comp.csv", 13, 2),
        ("SOE-Policy.csv", None, 1),
        ("SOE-Competitive.csv", None, 1),
        ("dummyData_3Dim.csv", 7, 3),
        ("dummyData_6Dim.csv", None, 6),
        ("dummyData-a040.csv", 40, 1),
        ("dummyData-a080.csv", 80, 1),
        ("dummyData-a160.csv", 160, 1),
    ],
)
def test_every_shipped_ktab_file_reads(shared_data: Path, name, actors, dims):
    """Oracle: the counts in each file's title row, and the raw values of its first actor row."""
    path = shared_data / "ktab" / name
    spec = read_ktab_csv(path)
    title = path.read_text().splitlines()[0].split(",")
    assert spec.n_actors == int(title[2]) and spec.n_issues == int(title[3]) == dims
    if actors is not None:
        assert spec.n_actors == actors
    first = [cell.strip() for cell in path.read_text().splitlines()[2].split(",")]
    assert spec.actors[0] == first[0]
    assert spec.capability[0] == pytest.approx(float(first[2]))
    assert spec.position[0, 0] == pytest.approx(float(first[3]))
    assert spec.salience[0, 0] == pytest.approx(float(first[4]) / 100)
    assert np.all(spec.salience.sum(axis=1) <= 1.0 + 1e-9)


def test_small_file_values():
    """Oracle: hand-written file; quoted and empty descriptions, trailing commas."""
    spec = parse_ktab_csv(GOOD.replace("A,a,", 'A,"a, quoted",'))
    assert spec.actors == ("A", "B", "C") and spec.issues == ("P1", "P2")
    assert spec.actor_names == ("a, quoted", "b", "C")
    assert spec.position.tolist() == [[20, 30], [80, 10], [50, 90]]
    assert spec.salience.tolist() == [[0.5, 0.4], [0.4, 0.1], [0.2, 0.8]]


@pytest.mark.parametrize(
    ("text", "line", "column", "field"),
    [
        (GOOD.replace("A,a,10,20", "A,a,10,abc"), 3, 8, "P1 position"),
        (GOOD.replace("B,b,5,80,40", "B,b,5,180,40"), 4, 7, "P1 position"),
        (GOOD.replace("C,,7,50,20,90,80", "C,,7,50,30,90,80"), 5, None, "salience"),
        (GOOD.replace("A,a,10", "A,a,0"), 3, 5, "Power"),
        (GOOD.replace("Demo,A demo,3", "Demo,A demo,4"), 1, 13, "number of actors"),
        (GOOD.replace("Demo,A demo,3,2", "Demo,A demo,3,x"), 1, 15, "number of dimensions"),
        (GOOD.replace("B,b,5,80,40,10,10", "B,b,5,80"), 4, None, None),
        (GOOD.replace("C,,7", "A,,7"), 5, 1, "Actor"),
    ],
)
def test_malformed_files_give_located_errors(text, line, column, field):
    """Oracle: the line, column and field of the deliberate error."""
    with pytest.raises(InputError) as caught:
        parse_ktab_csv(text, source="demo.csv")
    problem = caught.value.problems[0]
    assert problem.location.file == "demo.csv"
    assert problem.location.line == line
    if column is not None:
        assert problem.location.column == column
    if field is not None:
        assert problem.location.field == field


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_ktab_csv(tmp_path / "nope.csv")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_fuzz_arbitrary_text_only_input_errors(text):
    """Property (fuzz): any text either parses or raises InputError — never another exception."""
    with contextlib.suppress(InputError):
        parse_ktab_csv(text)


@settings(max_examples=300, deadline=None)
@given(edited_text(GOOD, ',"\n -.e0123456789xX\t;', max_edits=6))
def test_fuzz_mutated_valid_file_only_input_errors(text):
    """Property (fuzz): a valid file with characters inserted or replaced parses or raises InputError."""
    try:
        spec = parse_ktab_csv(text)
    except InputError:
        return
    assert spec.n_actors >= 2

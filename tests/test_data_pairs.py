"""Dyadic helpers (secarch.data.pairs, closest_type_matrix) against their definitions, pair by pair."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secarch.data.matrices import closest_type_matrix
from secarch.data.pairs import nondirected, pair_matrix

CODES = [2, 20, 200, 365, 710]
pairs = st.lists(
    st.tuples(st.sampled_from([*CODES, 999]), st.sampled_from(CODES), st.integers(1, 5)), max_size=30
)


@settings(max_examples=60, deadline=None)
@given(pairs)
def test_pair_matrix_is_symmetric_and_last_pair_wins(rows):
    """Oracle: the definition written as a loop — each pair (in either order) sets both cells, a later
    listing of the same pair overrides an earlier one, codes outside the list are ignored."""
    first, second, values = ([r[k] for r in rows] for k in range(3))
    got = pair_matrix(pd.Index(CODES), first, second, values, fill=-1, dtype=int)
    expected = np.full((5, 5), -1)
    for a, b, v in rows:
        if a in CODES and b in CODES:
            expected[CODES.index(a), CODES.index(b)] = v
            expected[CODES.index(b), CODES.index(a)] = v
    assert (got == expected).all()
    assert (got == got.T).all()


@settings(max_examples=60, deadline=None)
@given(pairs)
def test_closest_type_matrix_keeps_the_lowest_type(rows):
    """Oracle: the minimum contiguity type over a pair's spells, computed with plain loops; 0 if none."""
    first, second, kinds = ([r[k] for r in rows] for k in range(3))
    got = closest_type_matrix(pd.Index(CODES), first, second, kinds)
    for x, a in enumerate(CODES):
        for y, b in enumerate(CODES):
            if x == y:
                continue
            types = [k for p, q, k in rows if {p, q} == {a, b}]
            assert got[x, y] == (min(types) if types else 0)


def test_nondirected_orders_each_pair_and_keeps_other_columns():
    """Oracle: a directed list with both orders of a pair collapses to one order (lower code first)."""
    directed = pd.DataFrame({"ccode1": [365, 2, 20], "ccode2": [2, 365, 20], "year": [1950, 1950, 1960]})
    out = nondirected(directed)
    assert out[["ccode1", "ccode2"]].to_numpy().tolist() == [[2, 365], [2, 365], [20, 20]]
    assert out["year"].tolist() == [1950, 1950, 1960]
    assert len(out.drop_duplicates()) == 2
    assert directed["ccode1"].tolist() == [365, 2, 20]  # the input is not modified


DOCTEST_MODULES = [
    "pairs",
    "matrices",
    "external.folder",
    "external._reader",
    "orgs",
    "orgs_cow",
    "build_orgs",
    "codes",
]


@pytest.mark.parametrize("name", [f"secarch.data.{module}" for module in DOCTEST_MODULES])
def test_docstring_examples(name):
    """Oracle: the worked examples in the docstrings (each small enough to check by hand)."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0

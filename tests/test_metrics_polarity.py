"""Concentration CON, effective number of poles and pole count."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.errors import InputError
from secarch.metrics import capability_shares, concentration, effective_poles, pole_count


@pytest.mark.parametrize("n", [2, 5, 40])
def test_con_is_zero_for_equal_shares_and_one_for_a_single_state(n):
    """Oracle: Singer, Bremer & Stuckey (1972) — CON is 0 for equal shares and 1 when one state holds all."""
    assert concentration(np.full(n, 3.0)) == pytest.approx(0.0, abs=1e-7)
    single = np.zeros(n)
    single[n // 2] = 7.0
    assert concentration(single) == pytest.approx(1.0)


def test_con_by_hand():
    """Oracle: hand calculation — shares .5 .3 .2: Σ S² = .38, (.38 − 1/3)/(2/3) = .07, √.07."""
    assert concentration([5, 3, 2]) == pytest.approx(np.sqrt(0.07))


def test_con_per_year_with_absent_states():
    """Property: a (years × states) table gives one CON per year; NaN marks an absent state, so a year
    with two equal states present has CON 0 whatever the columns."""
    table = np.array([[1.0, 1.0, np.nan], [4.0, 0.0, 0.0], [2.0, 1.0, 1.0]])
    con = concentration(table)
    assert con[0] == pytest.approx(0.0, abs=1e-7)
    assert con[1] == pytest.approx(1.0)
    assert con[2] == pytest.approx(concentration([2.0, 1.0, 1.0]))


def test_poles():
    """Oracle: m equal states and nothing else give m effective poles; the threshold count by hand."""
    assert effective_poles([1, 1, 1, 0, 0]) == pytest.approx(3.0)
    assert pole_count([0.5, 0.3, 0.15, 0.05]) == 3
    assert pole_count([0.5, 0.3, 0.15, 0.05], threshold=0.2) == 2
    assert capability_shares([1.0, 3.0]).tolist() == [0.25, 0.75]


def test_bad_input():
    """Bad input gets an InputError."""
    with pytest.raises(InputError, match="capabilities"):
        concentration([1.0, -2.0])
    with pytest.raises(InputError, match="threshold"):
        pole_count([1.0, 2.0], threshold=0)

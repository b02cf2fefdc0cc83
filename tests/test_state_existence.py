"""Participants that are not states on a date (outside their CoW state-system spells) are left out."""

from __future__ import annotations

import datetime as dt

import numpy as np

from secarch.data import not_states_on
from secarch.spec import load_architecture


def test_not_states_follow_the_cow_spells():
    """Oracle (published dates, CoW State System Membership v2016): Ukraine enters on 26 Dec 1991,
    Czechoslovakia ends on 31 Dec 1992 and Czechia and Slovakia begin on 1 Jan 1993; Palestine is outside
    the CoW system and never left out; a spell reaching the end of the list (2016) continues."""
    assert not_states_on(["UKR"], dt.date(1991, 12, 25)) == {"UKR"}
    assert not_states_on(["UKR"], dt.date(1991, 12, 26)) == frozenset()
    assert not_states_on(["CSK", "CZE", "SVK"], dt.date(1992, 12, 31)) == {"CZE", "SVK"}
    assert not_states_on(["CSK", "CZE", "SVK"], dt.date(1993, 1, 1)) == {"CSK"}
    assert not_states_on(["PSE", "VAT", "AAA"], dt.date(1991, 1, 1)) == frozenset()
    assert not_states_on(["RUS", "UKR"], dt.date(2040, 1, 1)) == frozenset()


def test_history_snapshots_hold_the_states_of_their_date():
    """Oracle (property): a participant appears in the snapshots of exactly the dates on which it is a
    state, and none of its memberships or dispute sides appear while it is not."""
    history = load_architecture("history")
    early, late = history.at(1991), history.at(2025)
    assert "CSK" in early.states and "CZE" not in early.states and "UKR" not in early.states
    assert "CSK" not in late.states and {"CZE", "SVK", "UKR", "SSD"} <= set(late.states)
    assert set(early.not_states) == set(not_states_on(history.participants, early.date))
    assert set(early.states) | set(early.not_states) == set(history.participants)
    assert early.membership.shape[0] == early.n_states == len(early.states)


def test_crisis_world_makes_absent_states_inactive():
    """Oracle (property): in a crisis world over 1992–1993, Czechoslovakia is active in 1992 only and
    Czechia in 1993 only; pairs with an inactive state have no onset risk."""
    from secarch.crisis.inputs import build_world
    from secarch.crisis.world import pair_index

    world = build_world(load_architecture("history"), horizon=2, start=1992)
    csk, cze = world.states.index("CSK"), world.states.index("CZE")
    assert world.active[:, csk].tolist() == [True, False]
    assert world.active[:, cze].tolist() == [False, True]
    i, j = pair_index(world.n_states)
    with_cze = (i == cze) | (j == cze)
    assert np.isneginf(world.onset.base_logit[0, with_cze]).all()
    both_active = world.active[1, i] & world.active[1, j]
    assert np.isfinite(world.onset.base_logit[1, with_cze & both_active]).all()
    assert np.isneginf(world.onset.base_logit[1, ~both_active]).all()

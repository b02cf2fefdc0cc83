"""The domain model: validation of real mistakes and time slicing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from archfixtures import BASE, KNOWN
from secarch.errors import InputError
from secarch.model import status_code
from secarch.spec import load_architecture


def load(text: str = BASE):
    return load_architecture("tiny.yaml", text=text, known_states=KNOWN)


def problem_of(text: str):
    with pytest.raises(InputError) as caught:
        load(text)
    assert len(caught.value.problems) >= 1
    return caught.value.problems[0]


def test_slice_memberships_follow_half_open_spells():
    """Oracle: the spells written in BASE, read by hand (a spell is in force on [start, end))."""
    arch = load()
    before = arch.at("2009-12-31")
    after = arch.at("2010-01-01")
    assert before.members("PACT") == ("AAA", "BBB")
    assert after.members("PACT") == ("AAA",)
    assert after.members("PACT", ("frozen",)) == ("BBB",)
    assert after.membership[after.index("BBB"), after.organisations.index("PACT")] == status_code("frozen")


def test_guarantee_matrix_from_clause_and_bilateral():
    """Oracle: hand-computed guarantee matrix. On 2006-07-01 AAA and BBB are PACT members (0.4 each way) and
    DDD guarantees CCC (0.7); frozen or lapsed commitments drop out."""
    arch = load()
    snap = arch.at(2006)
    g = snap.guarantee
    a, b, c, d = (snap.index(x) for x in ("AAA", "BBB", "CCC", "DDD"))
    assert g[a, b] == pytest.approx(0.4) and g[b, a] == pytest.approx(0.4)
    assert g[d, c] == pytest.approx(0.7) and g[c, d] == 0.0
    assert np.count_nonzero(g) == 3
    later = arch.at(2016).guarantee  # BBB frozen from 2010, DDD's guarantee ended 2015
    assert np.count_nonzero(later) == 0


def test_disputes_and_rivalries_as_matrices():
    """Oracle: opponents and rivals are symmetric and match the file."""
    snap = load().at(2009)
    a, c, d = (snap.index(x) for x in ("AAA", "CCC", "DDD"))
    assert snap.opponents[a, c] and snap.opponents[c, a]
    assert snap.opponents.sum() == 2
    assert snap.rivalry[a, d] and snap.rivalry[d, a] and snap.rivalry.sum() == 2
    assert load().at(2007).disputes == ()


def test_year_means_mid_year_clipped_to_period():
    arch = load()
    assert arch.resolve_date(2010) == dt.date(2010, 7, 1)
    assert arch.resolve_date(2020) == dt.date(2020, 7, 1)
    assert arch.resolve_date(None) == dt.date(2020, 6, 30)
    with pytest.raises(InputError, match="outside the period"):
        arch.resolve_date(1999)
    with pytest.raises(InputError, match="outside the period"):
        arch.at("2021-01-01")


def test_region_mask_and_states_order():
    snap = load().at(2010)
    assert snap.states == ("AAA", "BBB", "CCC", "DDD")
    assert snap.in_region.tolist() == [True, True, True, False]


def test_unknown_state_code_with_suggestion():
    p = problem_of(BASE.replace("states: [AAA, BBB, CCC]", "states: [AAA, BBB, CCX]"))
    assert p.kind == "unknown_state"
    assert p.location.field == "region.states[2]"
    assert p.location.line == 8
    assert "CCC" in (p.hint or "")


def test_spell_that_ends_before_it_starts():
    text = BASE.replace("start: 2001-01-01, end: 2010-01-01", "start: 2001-01-01, end: 2000-06-01")
    p = problem_of(text)
    assert p.kind == "dates_order"
    assert p.location.field == "memberships[1].end"
    assert p.location.line == 26


def test_overlapping_spells():
    text = BASE.replace("status: frozen, start: 2010-01-01", "status: frozen, start: 2009-01-01")
    p = problem_of(text)
    assert p.kind == "overlapping_spells"
    assert p.location.field == "memberships[2].start"
    assert p.location.line == 27 and p.location.column == 61
    assert "overlaps" in p.message and p.hint


def test_credibility_outside_unit_interval():
    p = problem_of(BASE.replace("credibility: 0.4", "credibility: 1.4"))
    assert p.location.field == "agreements[0].credibility"
    assert p.location.line == 35 and p.location.column == 18
    assert "1" in (p.expected or "")


def test_party_not_in_architecture():
    text = BASE.replace("participants: [AAA, BBB, CCC, DDD]", "participants: [AAA, BBB, CCC]")
    kinds = {(q.kind, q.location.field) for q in _all_problems(text)}
    assert ("not_participant", "agreements[1].parties[0]") in kinds
    assert ("not_participant", "rivalries[0].states[1]") in kinds


def test_duplicate_ids():
    text = BASE.replace("id: ddd-guarantee", "id: pact-art1")
    p = problem_of(text)
    assert p.kind == "duplicate_id"
    assert p.location.field == "agreements[1].id"


def test_element_outside_period():
    p = problem_of(BASE.replace("start: 2005-01-01\n    end: 2015-01-01", "start: 2025-01-01"))
    assert p.kind == "date_outside_period"
    assert p.location.field == "agreements[1].start"


def test_membership_of_unknown_organisation():
    p = problem_of(BASE.replace("{organisation: FORUM, state: CCC", "{organisation: FORUN, state: CCC"))
    assert p.kind == "unknown_organisation"
    assert "FORUM" in (p.hint or "")


def _all_problems(text: str):
    with pytest.raises(InputError) as caught:
        load(text)
    return caught.value.problems

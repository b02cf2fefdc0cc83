"""The what-if engine: incremental evaluation against full recomputation, noisy-or bookkeeping, and the
meaning of remove / add / modify."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secarch.errors import InputError
from secarch.security.elements import (
    Element,
    ElementTable,
    Link,
    LinkArrays,
    NoisyOr,
    guarantee_links,
    link_arrays,
    opposition_links,
)
from secarch.security.model import Geography, security_scores
from secarch.security.params import SecurityParams
from secarch.security.whatif import Change, WhatIfEngine
from test_security_model import param_sets


def random_architecture(seed: int, n: int, n_agreements: int, n_disputes: int, n_orgs: int = 2):
    """A random architecture: agreements (guarantees, targets, restraint), organisations whose defence
    clause is shared with one membership element per member, disputes and rivalries."""
    rng = np.random.default_rng(seed)
    states = [f"S{k:02d}" for k in range(n)]
    capability = rng.lognormal(0, 1.5, n)
    xy = rng.uniform(0, 5000, (n, 2))
    distance = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    contiguous = distance < 600
    geo_args = (states, capability, distance, contiguous, 2010)
    elements = []
    for a in range(n_agreements):
        size = int(rng.integers(2, max(3, n // 2)))
        parties = list(rng.choice(states, size, replace=False))
        cred = float(rng.choice([1.0, rng.uniform(0.1, 0.95)]))
        links = guarantee_links(f"AG{a}", parties, parties, cred)
        if rng.random() < 0.4:
            others = [s for s in states if s not in parties]
            target = str(rng.choice(others))
            links += [Link(f"AG{a}", "target", p, target, cred) for p in parties]
        if rng.random() < 0.3:
            links += [Link(f"AG{a}", "restraint", p, q, cred) for p in parties for q in parties if p != q]
        elements.append(Element(f"AG{a}", "agreement", tuple(parties), tuple(links)))
    for o in range(n_orgs):
        members = list(rng.choice(states, int(rng.integers(2, max(3, n // 2))), replace=False))
        clause = guarantee_links(f"ORG{o}", members, members, 0.6)
        elements.append(Element(f"ORG{o}", "agreement", tuple(members), tuple(clause)))
        for m in members:
            mine = tuple(x for x in clause if m in (x.actor, x.object))
            elements.append(Element(f"ORG{o}:{m}", "membership", (m,), mine))
    for d in range(n_disputes):
        a, b = rng.choice(states, 2, replace=False)
        elements.append(
            Element(
                f"MID{d}", "dispute", (a, b), tuple(opposition_links(f"MID{d}", "dispute", [a], [b], 1.0))
            )
        )
    a, b = rng.choice(states, 2, replace=False)
    elements.append(
        Element("RIV", "rivalry", (a, b), tuple(opposition_links("RIV", "rivalry", [a], [b], 1.0)))
    )
    return geo_args, elements


def engine_for(seed, n=8, n_agreements=4, n_disputes=2, params=None, outside=0):
    geo_args, elements = random_architecture(seed, n, n_agreements, n_disputes)
    params = params or SecurityParams()
    geo = Geography.build(*geo_args, params=params, system_size=n + outside)
    return WhatIfEngine(geo, ElementTable.build(geo.states, elements), params)


def test_noisy_or_combines_independent_chances():
    """Oracle: 1 - (1 - 0.5)(1 - 0.5) = 0.75; a value-1 link gives 1; removing links restores the rest."""
    index = {"A": 0, "B": 1}
    links = link_arrays(
        [
            Link("X", "guarantee", "A", "B", 0.5),
            Link("Y", "guarantee", "A", "B", 0.5),
            Link("Z", "dispute", "B", "A", 1.0),
        ],
        index,
    )
    noisy = NoisyOr.from_links(links, 2)
    rel = noisy.relations()
    assert rel.guarantee[0, 1] == pytest.approx(0.75)
    assert rel.dispute[1, 0] == 1.0
    entries, values = noisy.changed_entries(links.take([1, 2]), LinkArrays.empty())
    by_entry = dict(zip(entries.tolist(), values.tolist(), strict=True))
    assert by_entry[0 * 4 + 0 * 2 + 1] == pytest.approx(0.5)  # guarantee A->B back to one link
    assert by_entry[1 * 4 + 1 * 2 + 0] == 0.0  # the only dispute link is gone: exactly zero


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31), param_sets, st.integers(3, 12), st.integers(0, 100))
def test_leave_one_out_matches_full_recomputation(seed, params, n, outside):
    """Oracle: full recomputation of the architecture without the element (WhatIfEngine.recompute)."""
    engine = engine_for(seed, n=n, params=params, outside=outside)
    loo = engine.leave_one_out()
    for k, element_id in enumerate(engine.table.ids):
        full = engine.recompute(Change((element_id,))).security
        np.testing.assert_allclose(loo[k], full, rtol=1e-9, atol=1e-12, err_msg=element_id)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31), param_sets, st.data())
def test_batches_additions_and_modifications_match_full_recomputation(seed, params, data):
    """Oracle: full recomputation, for batches that remove several elements and add or modify others."""
    engine = engine_for(seed, params=params)
    ids = list(engine.table.ids)
    remove = data.draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
    states = list(engine.geography.states)
    added = []
    if data.draw(st.booleans()):
        parties = data.draw(st.lists(st.sampled_from(states), min_size=2, max_size=4, unique=True))
        cred = data.draw(st.floats(0.05, 1.0))
        added.append(
            Element("NEW", "agreement", tuple(parties), tuple(guarantee_links("NEW", parties, parties, cred)))
        )
    if data.draw(st.booleans()):
        # Modify an existing agreement: same links, new credibility.
        ag = next(e for e in engine.table.elements if e.id == "AG0")
        cred = data.draw(st.floats(0.0, 1.0))
        links = tuple(Link(x.source, x.relation, x.actor, x.object, cred) for x in ag.links)
        added.append(Element("AG0", "agreement", ag.parties, links))
    change = Change(tuple(remove), tuple(added))
    np.testing.assert_allclose(
        engine.evaluate(change), engine.recompute(change).security, rtol=1e-9, atol=1e-12
    )


def test_removing_nothing_changes_nothing():
    """Oracle: the base scores (security_scores on the full architecture)."""
    engine = engine_for(3)
    np.testing.assert_array_equal(engine.evaluate(Change()), engine.base.security)
    np.testing.assert_allclose(
        engine.base.security, security_scores(engine.geography, engine.table.relations()).security
    )


def test_membership_and_its_organisation_share_links():
    """Property: removing every membership of an organisation equals removing the organisation's clause."""
    engine = engine_for(11, n=9)
    members = [e.id for e in engine.table.elements if e.id.startswith("ORG0:")]
    all_members = engine.evaluate(Change(tuple(members)))
    clause = engine.evaluate(Change(("ORG0",)))
    np.testing.assert_allclose(all_members, clause, rtol=1e-12)


def test_modifying_a_guarantee_to_zero_equals_removing_it():
    """Property: an agreement whose credibility is set to 0 counts as absent (noisy-or with a 0 link)."""
    engine = engine_for(5)
    ag = next(e for e in engine.table.elements if e.id == "AG1")
    zero = Element(
        "AG1",
        "agreement",
        ag.parties,
        tuple(Link(x.source, x.relation, x.actor, x.object, 0.0) for x in ag.links),
    )
    np.testing.assert_allclose(
        engine.evaluate(Change(add=(zero,))), engine.evaluate(Change(("AG1",))), atol=1e-12
    )


def test_unknown_ids_and_states_are_input_errors():
    """Bad input: an unknown element id or a link to a state outside the architecture."""
    engine = engine_for(1)
    with pytest.raises(InputError, match="no element with id"):
        engine.what_if(remove=["NOPE"])
    stranger = Element("X", "agreement", ("S00",), (Link("X", "guarantee", "S00", "ZZZ", 0.5),))
    with pytest.raises(InputError, match="ZZZ"):
        engine.what_if(add=[stranger])
    with pytest.raises(InputError, match="twice"):
        ElementTable.build(engine.geography.states, [engine.table.elements[0], engine.table.elements[0]])


def test_what_if_result_reports_every_state():
    """The result lists every state once with before, after and change = after - before."""
    engine = engine_for(2)
    result = engine.what_if(remove=["AG0", "MID0"])
    frame = result.to_frame()
    assert sorted(frame["state"]) == sorted(engine.geography.states)
    np.testing.assert_allclose(frame["after"] - frame["before"], frame["change"])
    payload = result.as_dict()
    assert payload["removed"] == ["AG0", "MID0"] and len(payload["states"]) == engine.n

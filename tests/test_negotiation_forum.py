"""Negotiation forums: the domain model, the adapter to arrays, and the bundled forum's data."""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from pydantic import ValidationError
from ruamel.yaml import YAML

from fuzzkit import edited_text
from secarch.errors import InputError
from secarch.model.forum import Forum
from secarch.negotiation import negotiate
from secarch.negotiation.forum import bundled_forum_path, forum_to_spec, load_forum, load_negotiation

REPO = Path(__file__).resolve().parents[1]


def _document() -> dict:
    path = bundled_forum_path("rules-of-coexistence")
    assert path is not None
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _small(**changes) -> dict:
    base = {
        "name": "demo",
        "issues": [{"id": "x", "name": "X", "low": "none", "high": "all"}],
        "actors": [{"id": "A", "name": "A"}, {"id": "B", "name": "B"}],
        "positions": [
            {
                "actor": "A",
                "issue": "x",
                "position": 0,
                "salience": 1,
                "rationale": "a stated position",
                "source": "statement 1",
            },
            {
                "actor": "B",
                "issue": "x",
                "position": 100,
                "salience": 1,
                "rationale": "a stated position",
                "source": "statement 2",
            },
        ],
    }
    base.update(changes)
    return base


def test_bundled_forum_validates_and_is_complete():
    """Property: 5-8 issues, states and organisations as actors, one labelled estimate with a rationale and
    a source per actor and issue, capabilities with their basis."""
    forum = Forum.model_validate(_document())
    assert 5 <= len(forum.issues) <= 8
    kinds = {a.kind for a in forum.actors}
    assert {"state", "organisation"} <= kinds
    assert len(forum.positions) == len(forum.actors) * len(forum.issues)
    for p in forum.positions:
        assert p.estimate and p.rationale.startswith("Estimate")
        assert len(p.source) > 10
    for a in forum.actors:
        assert a.capability is not None and a.capability.estimate
        if a.kind == "organisation":
            assert a.represents, a.id


def test_organisations_represent_no_actor_and_no_state_twice():
    """Property: an organisation's capability counts only member states that are not actors themselves, and
    no state is counted in two organisations."""
    forum = Forum.model_validate(_document())
    actor_ids = {a.id for a in forum.actors}
    seen: set[str] = set()
    for a in forum.actors:
        assert not (set(a.represents) & actor_ids), a.id
        assert not (set(a.represents) & seen), a.id
        seen |= set(a.represents)


def test_capabilities_rebuild_from_cow_data(shared_data):
    """Oracle: the CINC 2022 scores of CoW NMC v7.0 (``cow/cow_nmc.csv``), rebuilt by the repo's script."""
    spec = importlib.util.spec_from_file_location("build", REPO / "scripts" / "build_forum_capabilities.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    expected = build.expected_capabilities(shared_data)
    forum = Forum.model_validate(_document())
    for actor in forum.actors:
        assert actor.capability is not None
        assert actor.capability.value == pytest.approx(expected[actor.id], abs=1e-6), actor.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actors": [{"id": "A", "name": "A"}, {"id": "A", "name": "A2"}]}, "appears twice"),
        ({"positions": _small()["positions"][:1]}, "missing: B on x"),
        (
            {"positions": [*_small()["positions"], {**_small()["positions"][0], "actor": "C"}]},
            "unknown actor 'C'",
        ),
        ({"positions": [*_small()["positions"], _small()["positions"][0]]}, "a second position"),
    ],
)
def test_forum_errors(change, message):
    """Oracle: the validator's message for each deliberate mistake."""
    with pytest.raises(InputError, match=message):
        Forum.model_validate(_small(**change))


def test_position_and_salience_ranges():
    with pytest.raises(ValidationError):
        Forum.model_validate(
            _small(positions=[{**_small()["positions"][0], "position": 101}, _small()["positions"][1]])
        )
    with pytest.raises(ValidationError):
        Forum.model_validate(
            _small(positions=[{**_small()["positions"][0], "salience": 1.5}, _small()["positions"][1]])
        )


def test_missing_capability_is_a_located_input_error():
    forum = Forum.model_validate(_small())
    with pytest.raises(InputError) as caught:
        forum_to_spec(forum)
    assert caught.value.problems[0].location.field == "actors[0].capability"
    spec = forum_to_spec(forum, {"A": 1.0, "B": 3.0})
    assert spec.capability.tolist() == [1.0, 3.0]


def test_bundled_forum_runs_on_every_engine():
    """Property: every engine runs on the bundled forum and keeps the outcome within the positions' range."""
    spec = forum_to_spec(Forum.model_validate(_document()))
    for model in ("smp", "bdm", "nbs"):
        result = negotiate(spec, model)
        low, high = spec.position.min(axis=0), spec.position.max(axis=0)
        assert np.all((result.outcome >= low) & (result.outcome <= high))
        assert result.distance.shape == (spec.n_actors,)


SMALL_YAML = """\
name: small forum
issues:
  - {id: x, name: X, low: none, high: all}
actors:
  - {id: A, name: Alpha, capability: {value: 1.0, basis: given, rationale: estimate for tests, source: test}}
  - {id: B, name: Beta, capability: {value: 3.0, basis: given, rationale: estimate for tests, source: test}}
positions:
  - {actor: A, issue: x, position: 10, salience: 1.0, rationale: according to statement A, source: stmt A}
  - {actor: B, issue: x, position: 90, salience: 0.5, rationale: according to statement B, source: stmt B}
"""


def test_small_forum_file_loads(tmp_path):
    path = tmp_path / "forum.yaml"
    path.write_text(SMALL_YAML)
    spec = load_negotiation(path)
    assert spec.actors == ("A", "B") and spec.capability.tolist() == [1.0, 3.0]


@settings(max_examples=200, deadline=None)
@given(edited_text(SMALL_YAML, "{}[]:,- \n#'\"0123456789xAB", max_edits=5))
def test_fuzz_forum_files_only_input_errors(text):
    """Property (fuzz): a forum file with characters inserted or replaced loads or raises InputError."""
    with contextlib.suppress(InputError):
        forum = load_forum("fuzz.yaml", text=text)
        forum_to_spec(forum)


def test_organisations_speak_for_their_members_in_the_architecture():
    """Oracle: the bundled architectures read by hand. In `today` NATO represents its members that are
    neither forum actors nor EU members (the EU is listed first): ALB, CAN, ISL, MKD, MNE, NOR; its capability
    is the sum of their CINC scores. `eurasian-proposal` withdraws the United States' and Canada's NATO
    memberships, so NATO no longer speaks for Canada and weighs less by exactly Canada's CINC score."""
    from secarch.data import capability_vector
    from secarch.negotiation.forum import forum_for_snapshot
    from secarch.spec import load_architecture

    forum = load_forum("rules-of-coexistence")
    today = load_architecture("today")
    snap = today.at()
    nato = {a.id: a for a in forum_for_snapshot(forum, snap).actors}["NATO"]
    assert sorted(nato.represents) == ["ALB", "CAN", "ISL", "MKD", "MNE", "NOR"]
    cinc = dict(zip(nato.represents, capability_vector(list(nato.represents), snap.date.year), strict=True))
    assert nato.capability.value == pytest.approx(sum(cinc.values()), abs=1e-6)
    proposal = load_architecture("eurasian-proposal")
    nato_b = {a.id: a for a in forum_for_snapshot(forum, proposal.at()).actors}["NATO"]
    assert "CAN" not in nato_b.represents
    assert nato_b.capability.value == pytest.approx(nato.capability.value - cinc["CAN"], abs=1e-5)

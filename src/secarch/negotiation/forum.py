"""Adapter from a negotiation forum (:class:`secarch.model.forum.Forum`) to the engines' arrays, and the
bundled forums.

Positions stay on their 0–100 scale; saliences are used as given (the SMP rescales an actor's saliences
when they sum to more than 1, see :func:`secarch.negotiation.smp.smp_saliences`).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from secarch.errors import InputError, Location, Problem
from secarch.model.forum import Capability, Forum
from secarch.negotiation.spec import NegotiationSpec

if TYPE_CHECKING:
    from secarch.model import Snapshot

BUNDLED_FORUMS = {"rules-of-coexistence": "rules-of-coexistence.yaml"}


def forum_to_spec(forum: Forum, capabilities: Mapping[str, float] | None = None) -> NegotiationSpec:
    """Arrays of a forum, in the order its actors and issues are listed.

    ``capabilities`` (actor id → value) overrides or completes the capabilities given in the forum; an
    actor with neither is an error.

    >>> forum = Forum.model_validate({
    ...     "name": "demo", "issues": [{"id": "x", "name": "X", "low": "none", "high": "all"}],
    ...     "actors": [{"id": "A", "name": "A"}, {"id": "B", "name": "B"}],
    ...     "positions": [
    ...         {"actor": a, "issue": "x", "position": p, "salience": 1, "rationale": "a stated position",
    ...          "source": "a statement"} for a, p in (("A", 0), ("B", 100))]})
    >>> forum_to_spec(forum, {"A": 1, "B": 3}).position.ravel().tolist()
    [0.0, 100.0]
    """
    given = dict(capabilities or {})
    capability = []
    for n, actor in enumerate(forum.actors):
        if actor.id in given:
            capability.append(float(given[actor.id]))
        elif actor.capability is not None:
            capability.append(actor.capability.value)
        else:
            raise InputError.single(
                f"actor {actor.id!r} has no capability",
                field=f"actors[{n}].capability",
                expected="a capability with value, basis, rationale and source",
                hint="give it in the forum file, or (for a state) take its CINC score from the bundled data "
                "with --capabilities-year YEAR",
            )
    actors = [a.id for a in forum.actors]
    issues = [i.id for i in forum.issues]
    position = np.zeros((len(actors), len(issues)))
    salience = np.zeros_like(position)
    row = {a: n for n, a in enumerate(actors)}
    column = {i: k for k, i in enumerate(issues)}
    for p in forum.positions:
        position[row[p.actor], column[p.issue]] = p.position
        salience[row[p.actor], column[p.issue]] = p.salience
    return NegotiationSpec.from_arrays(
        actors,
        issues,
        capability,
        position,
        salience,
        name=forum.name,
        description=forum.description,
        actor_names=[a.name for a in forum.actors],
    )


def bundled_forum_path(name: str) -> Path | None:
    """Path of a bundled forum file by short name (e.g. ``rules-of-coexistence``), or ``None``."""
    file = BUNDLED_FORUMS.get(name.removesuffix(".yaml"))
    if file is None:
        return None
    path = Path(str(resources.files("secarch.negotiation").joinpath("forums", file)))
    return path if path.is_file() else None


def load_forum(reference: str | Path, *, text: str | None = None) -> Forum:
    """Load a forum file (YAML), or a bundled forum by name, with errors located by file, line and field.

    >>> load_forum("rules-of-coexistence").name
    'Rules of coexistence in Eurasia'
    """
    from secarch.spec import load_model

    path = Path(reference)
    if text is None and not path.is_file():
        bundled = bundled_forum_path(str(reference))
        if bundled is not None:
            path = bundled
    return load_model(path, Forum, text=text)


def capabilities_from_data(forum: Forum, year: int) -> dict[str, float]:
    """CINC scores in ``year`` (bundled NMC v7.0; after 2022 the 2022 values carried forward) of the forum's
    state actors that have no capability of their own: what :func:`forum_to_spec` takes to complete them.

    >>> sorted(capabilities_from_data(load_forum("rules-of-coexistence"), 2022))
    []
    """
    from secarch.data import capability_vector, state_codes

    if not 1816 <= year <= 2100:
        raise InputError.single(
            f"bad capability year {year}", field="--capabilities-year", expected="a year in 1816…2100"
        )
    missing = [a.id for a in forum.actors if a.capability is None and a.id in state_codes()]
    values = np.asarray(capability_vector(missing, year), dtype=float) if missing else np.zeros(0)
    return {code: float(v) for code, v in zip(missing, values, strict=True) if np.isfinite(v) and v > 0}


def load_negotiation(
    reference: str | Path,
    capabilities: Mapping[str, float] | None = None,
    *,
    capabilities_year: int | None = None,
) -> NegotiationSpec:
    """A :class:`NegotiationSpec` from a KTAB CSV file (``*.csv``), a forum file or a bundled forum name.

    ``capabilities_year`` completes the missing capabilities of state actors with their CINC score in that
    year (:func:`capabilities_from_data`); ``capabilities`` (actor id → value) override both.
    """
    if str(reference).lower().endswith(".csv"):
        from secarch.negotiation.ktab_csv import read_ktab_csv

        return read_ktab_csv(reference)
    forum = load_forum(reference)
    if capabilities_year is not None:
        capabilities = {**capabilities_from_data(forum, capabilities_year), **(capabilities or {})}
    try:
        return forum_to_spec(forum, capabilities)
    except InputError as error:
        raise InputError(
            [
                Problem(
                    p.message,
                    Location(str(reference), None, None, p.location.field),
                    p.expected,
                    p.hint,
                    p.kind,
                )
                for p in error.problems
            ]
        ) from None


def forum_in_architecture(forum: Forum, states: tuple[str, ...], organisations: tuple[str, ...]) -> Forum:
    """The forum as it meets inside an architecture on one date: state actors that are not participants
    and organisation actors that do not exist then are left out, with their positions; other actors stay.

    >>> forum = load_forum("rules-of-coexistence")
    >>> reduced = forum_in_architecture(forum, ("RUS", "CHN"), ("SCO",))
    >>> sorted(a.id for a in reduced.actors)
    ['CHN', 'RUS', 'SCO']
    """
    present = set(states) | set(organisations)
    keep = [a for a in forum.actors if a.kind == "other" or a.id in present]
    kept_ids = {a.id for a in keep}
    positions = [p for p in forum.positions if p.actor in kept_ids]
    return forum.model_copy(update={"actors": tuple(keep), "positions": tuple(positions)})


def forum_for_snapshot(forum: Forum, snapshot: Snapshot) -> Forum:
    """The forum as it meets inside an architecture on the snapshot's date.

    Actors absent from the architecture leave (:func:`forum_in_architecture`). An organisation actor that
    ``represents`` member states then speaks for its members *in this architecture* on that date (status
    ``member``) that are not actors of their own and not already represented by an organisation listed
    before it; its capability becomes the sum of their CINC scores in that year (bundled NMC v7.0, carried
    forward after 2022). An organisation left with nobody to represent leaves the table. So an architecture
    that changes an organisation's membership changes that organisation's weight in the negotiation.

    >>> from secarch.spec import load_architecture
    >>> arch = load_architecture("today")
    >>> nato = next(a for a in forum_for_snapshot(load_forum("rules-of-coexistence"), arch.at()).actors
    ...             if a.id == "NATO")
    >>> sorted(nato.represents)
    ['ALB', 'CAN', 'ISL', 'MKD', 'MNE', 'NOR']
    """
    from secarch.data import capability_vector

    present = forum_in_architecture(forum, snapshot.states, snapshot.organisations)
    own = {a.id for a in present.actors if a.kind == "state"}
    taken: set[str] = set()
    actors = []
    year = snapshot.date.year
    for actor in present.actors:
        if actor.kind != "organisation" or not actor.represents:
            actors.append(actor)
            continue
        members = [m for m in snapshot.members(actor.id) if m not in own and m not in taken]
        taken.update(members)
        cinc = np.asarray(capability_vector(members, year), dtype=float) if members else np.zeros(0)
        total = float(np.nansum(cinc))
        if total <= 0:
            continue
        capability = Capability(
            value=round(total, 6),
            basis=f"sum of CINC {year} of the members it represents in {snapshot.architecture}",
            rationale=(
                "Estimate: the organisation speaks for its members in this architecture on "
                f"{snapshot.date} that are not actors of their own; its capability is the sum of their CINC "
                "scores, so no state is counted twice."
            ),
            source="Correlates of War National Material Capabilities v7.0 (bundled capabilities table)",
        )
        actors.append(actor.model_copy(update={"represents": tuple(members), "capability": capability}))
    kept = {a.id for a in actors}
    positions = tuple(p for p in present.positions if p.actor in kept)
    return present.model_copy(update={"actors": tuple(actors), "positions": positions})

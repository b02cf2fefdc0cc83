"""Negotiation forums: actors, issues, positions and saliences (DESIGN §2, "Issue" and "Position").

A forum is open to any set of states and organisations and any set of issues. Every issue is a scale from
0 to 100 whose two ends are described in words; every position carries a salience, a rationale that cites
the public statement it follows, a source, and whether it is an estimate. Capabilities are given in the
file (with their basis and rationale) or supplied later from data.

>>> forum = Forum.model_validate({
...     "name": "demo",
...     "issues": [{"id": "x", "name": "X", "low": "none", "high": "all"}],
...     "actors": [{"id": "RUS", "name": "Russia", "kind": "state"},
...                {"id": "NATO", "name": "NATO", "kind": "organisation"}],
...     "positions": [
...         {"actor": "RUS", "issue": "x", "position": 10, "salience": 0.9,
...          "rationale": "according to statement A", "source": "statement A"},
...         {"actor": "NATO", "issue": "x", "position": 90, "salience": 0.8,
...          "rationale": "according to statement B", "source": "statement B"}]})
>>> forum.position_of("RUS", "x").position
10.0
"""

from __future__ import annotations

import difflib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from secarch.errors import InputError, Location, Problem
from secarch.model.types import Probability

ForumId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$", max_length=120),
    Field(description="Identifier: letters, digits and _ . : / + - (no spaces), e.g. RUS, NATO, sanctions."),
]
"""An actor or issue identifier: a state's ISO 3166-1 alpha-3 code, an organisation's id, or a free name."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Rationale = Annotated[
    str,
    StringConstraints(min_length=10, strip_whitespace=True),
    Field(description="Why this value: the public statement it follows, in neutral words."),
]
SourceText = Annotated[
    str,
    StringConstraints(min_length=3, strip_whitespace=True),
    Field(description="Where the value comes from: a statement, a document, a dataset."),
]

ActorKind = Literal["state", "organisation", "other"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Issue(_Frozen):
    """One negotiated issue: a scale from 0 to 100 whose ends are described in words."""

    id: ForumId
    name: Text
    low: Text = Field(description="What a position of 0 means.")
    high: Text = Field(description="What a position of 100 means.")
    description: str = ""


class Capability(_Frozen):
    """An actor's capability (only ratios between actors matter), with its basis."""

    value: float = Field(
        gt=0,
        strict=True,
        allow_inf_nan=False,
        description="Capability, any positive unit (e.g. a CINC share).",
    )
    basis: Text = Field(description="What the number is, e.g. 'CINC 2022 (CoW NMC v7.0)'.")
    rationale: Rationale
    source: SourceText
    estimate: bool = Field(default=True, strict=True, description="Whether the value is an estimate.")


class Actor(_Frozen):
    """A party to a forum: a state (ISO3 id), an organisation, or another actor."""

    id: ForumId
    name: Text
    kind: ActorKind = "other"
    capability: Capability | None = Field(
        default=None, description="Given here, or taken from data when the forum is run."
    )
    represents: tuple[ForumId, ...] = Field(
        default=(), description="For an organisation: the states whose capability its own stands for."
    )


class Position(_Frozen):
    """An actor's position on an issue, with its salience and the statement it follows."""

    actor: ForumId
    issue: ForumId
    position: float = Field(
        ge=0, le=100, strict=True, allow_inf_nan=False, description="Position on the issue's 0–100 scale."
    )
    salience: Probability = Field(description="How much the issue matters to the actor, 0–1.")
    rationale: Rationale
    source: SourceText
    estimate: bool = Field(
        default=True, strict=True, description="Whether the position and salience are estimates."
    )


class Forum(_Frozen):
    """A negotiation: its actors, issues, and one position per actor and issue."""

    name: Text
    description: str = ""
    as_of: str | None = Field(default=None, description="Date the positions refer to, e.g. 2024-12.")
    actors: tuple[Actor, ...] = Field(min_length=2)
    issues: tuple[Issue, ...] = Field(min_length=1)
    positions: tuple[Position, ...]

    @model_validator(mode="after")
    def _check_references(self) -> Forum:
        """Ids are unique, positions name known actors and issues, one position per actor and issue.

        Raises :class:`~secarch.errors.InputError` whose problems carry field paths, so that the file loader
        can point at the line of each.
        """
        problems: list[Problem] = []

        def add(path: str, message: str, expected: str, hint: str) -> None:
            problems.append(Problem(message, Location(field=path), expected, hint, kind="forum"))

        def unknown(path: str, what: str, value: str, known: list[str]) -> None:
            close = difflib.get_close_matches(value, known, n=3)
            add(
                path,
                f"unknown {what} {value!r}",
                f"an id listed under {what}s",
                f"did you mean {' or '.join(close)}?" if close else f"add {value!r} under `{what}s`",
            )

        actor_ids = [a.id for a in self.actors]
        issue_ids = [i.id for i in self.issues]
        for section, ids in (("actors", actor_ids), ("issues", issue_ids)):
            seen: set[str] = set()
            for n, item in enumerate(ids):
                if item in seen:
                    add(
                        f"{section}[{n}].id",
                        f"id {item!r} appears twice",
                        "unique ids",
                        "rename or remove one",
                    )
                seen.add(item)
        known_actors, known_issues = set(actor_ids), set(issue_ids)
        given: set[tuple[str, str]] = set()
        for n, p in enumerate(self.positions):
            if p.actor not in known_actors:
                unknown(f"positions[{n}].actor", "actor", p.actor, actor_ids)
            if p.issue not in known_issues:
                unknown(f"positions[{n}].issue", "issue", p.issue, issue_ids)
            if (p.actor, p.issue) in given:
                add(
                    f"positions[{n}]",
                    f"a second position of {p.actor!r} on {p.issue!r}",
                    "one position per actor and issue",
                    "remove one of the two, or correct its actor or issue",
                )
            given.add((p.actor, p.issue))
        missing = [(a, i) for a in actor_ids for i in issue_ids if (a, i) not in given]
        if missing:
            listed = ", ".join(f"{a} on {i}" for a, i in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            add(
                "positions",
                f"every actor needs a position on every issue; missing: {listed}{more}",
                "one position for every actor on every issue",
                "add a position (with salience, rationale and source) for each missing pair",
            )
        if problems:
            raise InputError(problems)
        return self

    def position_of(self, actor: str, issue: str) -> Position:
        """The position of ``actor`` on ``issue``."""
        for p in self.positions:
            if p.actor == actor and p.issue == issue:
                return p
        raise KeyError((actor, issue))

    def actor(self, actor_id: str) -> Actor:
        """The actor with id ``actor_id``."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

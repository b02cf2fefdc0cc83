"""From an architecture (``secarch.model``) to the security model's arrays, and the API behind
``secarch score`` and ``secarch whatif``.

What each element of an architecture becomes (on the date scored):

- a **collective-defence or mutual-assistance agreement**: every party guarantees every beneficiary
  (default: the other parties) with the agreement's credibility;
- a **non-aggression or neutrality agreement**: restraint between every two parties (weighted by
  ``restraint_weight``, 0 by default: see docs/security.md);
- an agreement's **targets**: every party is tied to every target by a target link (its credibility);
- consultation, confidence-building and arms-limitation agreements have no modelled effect;
- a **membership** spell: the links of its organisation's agreements that start or end at the member (only
  status ``member`` takes part in an organisation's agreements, as in :class:`~secarch.model.Snapshot`);
- a **dispute**: opposition between every state of side A and every state of side B, with value 1, or
  ``latent_dispute_value`` for a latent dispute;
- a **rivalry**: opposition between the two rivals.

Capabilities (CINC shares of the world), capital-to-capital distances in miles and land contiguity come from
the bundled tables of :mod:`secarch.data` for the year of the date. A participant without a CINC score (e.g.
an entity outside the CoW system) gets capability 0, and the result says so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError
from secarch.security.classify import DEFAULT_THRESHOLD, Classification, classify_elements
from secarch.security.elements import (
    Element,
    ElementTable,
    Link,
    guarantee_links,
    opposition_links,
)
from secarch.security.model import Geography, SecurityScores
from secarch.security.params import SecurityParams
from secarch.security.whatif import Change, WhatIfEngine, WhatIfResult

if TYPE_CHECKING:
    from secarch.model import Architecture

FloatArray = npt.NDArray[np.float64]

GUARANTEE_AGREEMENTS = frozenset({"collective_defence", "mutual_assistance"})
RESTRAINT_AGREEMENTS = frozenset({"non_aggression", "neutrality"})


def dispute_value(intensity: str, params: SecurityParams) -> float:
    """Value of a dispute's opposition links: 1, or ``latent_dispute_value`` for a latent dispute.

    >>> dispute_value("latent", SecurityParams()), dispute_value("war", SecurityParams())
    (0.26, 1.0)
    """
    return params.latent_dispute_value if intensity == "latent" else 1.0


def _codes(states: Sequence[str], mask: npt.ArrayLike) -> list[str]:
    return [states[int(i)] for i in np.flatnonzero(np.asarray(mask))]


def architecture_elements(
    arch: Architecture, on: dt.date, params: SecurityParams | None = None
) -> tuple[tuple[str, ...], list[Element]]:
    """The participants and the elements in force on ``on`` (agreements, memberships, disputes, rivalries)."""
    params = params or SecurityParams()
    snap = arch.at(on)
    states = snap.states
    names = {a.id: a.name for a in arch.agreements}
    elements: list[Element] = []
    org_links: dict[str, list[Link]] = {}
    for k, agreement_id in enumerate(snap.agreements):
        kind = snap.agreement_types[k]
        credibility = float(snap.credibility[k])
        parties = _codes(states, snap.parties[k])
        beneficiaries = _codes(states, snap.beneficiaries[k])
        targets = _codes(states, snap.targets[k])
        links: list[Link] = []
        if kind in GUARANTEE_AGREEMENTS:
            links += guarantee_links(agreement_id, parties, beneficiaries, credibility)
        if kind in RESTRAINT_AGREEMENTS:
            links += [
                Link(agreement_id, "restraint", a, b, credibility) for a in parties for b in parties if a != b
            ]
        links += [Link(agreement_id, "target", a, t, credibility) for a in parties for t in targets if a != t]
        served = tuple(dict.fromkeys([*parties, *beneficiaries]))
        elements.append(Element(agreement_id, "agreement", served, tuple(links), names.get(agreement_id, "")))
        organisation = snap.agreement_organisations[k]
        if organisation is not None:
            org_links.setdefault(organisation, []).extend(links)

    present = set(states)  # participants that are states on the date (Snapshot.not_states are left out)
    for membership in arch.memberships:
        if (
            not membership.in_force(on)
            or membership.organisation not in snap.organisations
            or membership.state not in present
        ):
            continue
        state = membership.state
        mine = tuple(x for x in org_links.get(membership.organisation, []) if state in (x.actor, x.object))
        members = snap.members(membership.organisation)
        served = tuple(dict.fromkeys([state, *members]))
        label = f"{state} in {membership.organisation} ({membership.status})"
        elements.append(Element(membership.key, "membership", served, mine, label))

    dispute_names = {d.id: d.name for d in arch.disputes}
    for k, dispute_id in enumerate(snap.disputes):
        side_a = _codes(states, snap.dispute_sides[k] > 0)
        side_b = _codes(states, snap.dispute_sides[k] < 0)
        value = dispute_value(snap.dispute_intensities[k], params)
        links_d = opposition_links(dispute_id, "dispute", side_a, side_b, value)
        elements.append(
            Element(
                dispute_id, "dispute", (*side_a, *side_b), tuple(links_d), dispute_names.get(dispute_id, "")
            )
        )

    for rivalry in arch.rivalries:
        if rivalry.in_force(on) and set(rivalry.states) <= present:
            a, b = rivalry.states
            links_r = opposition_links(rivalry.id, "rivalry", [a], [b], 1.0)
            elements.append(Element(rivalry.id, "rivalry", (a, b), tuple(links_r), f"{a}–{b} rivalry"))
    return states, elements


def states_without_capability(states: Sequence[str], year: int) -> tuple[str, ...]:
    """States with no CINC score in ``year`` (e.g. entities outside the CoW system such as PSE and VAT).

    The model takes their capability as 0, so their own score says nothing: report it as not estimated.
    """
    from secarch import data

    cinc = np.asarray(data.capability_vector(list(states), year), dtype=float)
    return tuple(s for s, v in zip(states, cinc, strict=True) if not np.isfinite(v))


def geography_from_data(
    states: Sequence[str], year: int, params: SecurityParams | None = None
) -> tuple[Geography, tuple[str, ...]]:
    """Geography of ``states`` in ``year`` from the bundled tables, with notes on missing or carried-forward
    data."""
    from secarch import data

    params = params or SecurityParams()
    notes = []
    cinc = np.asarray(data.capability_vector(list(states), year), dtype=float)
    missing = [s for s, v in zip(states, cinc, strict=True) if not np.isfinite(v)]
    if missing:
        notes.append(f"no CINC score in {year} for {', '.join(missing)}: capability taken as 0")
    cinc = np.where(np.isfinite(cinc), cinc, 0.0)
    if data.capability_carried_forward(year):
        notes.append(f"capabilities for {year} repeat the last observed year (NMC ends in 2022)")
    if data.contiguity_carried_forward(year):
        notes.append(f"contiguity for {year} carries CoW Direct Contiguity's 2016 borders forward")
    distance = np.asarray(data.capital_distance_matrix(list(states), "miles", year), dtype=float)
    unknown = sorted({states[i] for i in np.argwhere(~np.isfinite(distance))[:, 0]})
    if unknown:
        raise InputError.single(
            f"no capital coordinates for {', '.join(unknown)}",
            field="participants",
            expected="states with a capital in secarch's tables",
            hint="`secarch data show states` lists every state with its capital",
        )
    contiguous = np.asarray(data.contiguity_matrix(list(states), year), dtype=bool)
    system = data.states(year, include_other=False)
    system_size = max(len(system), len(states))
    geography = Geography.build(
        list(states),
        cinc,
        distance,
        contiguous,
        year,
        params,
        capability_total=max(1.0, float(cinc.sum())),
        system_size=system_size,
    )
    return geography, tuple(notes)


@dataclass(frozen=True)
class SecurityCase:
    """An architecture on one date, ready for the security model: geography, elements and parameters."""

    architecture: str
    date: dt.date
    geography: Geography
    table: ElementTable
    params: SecurityParams
    notes: tuple[str, ...] = ()
    without_capability: tuple[str, ...] = ()
    """States whose capability is unknown (taken as 0): their own scores are not estimates."""
    _engine: list[WhatIfEngine] = field(default_factory=list, repr=False, compare=False)

    @property
    def engine(self) -> WhatIfEngine:
        if not self._engine:
            self._engine.append(WhatIfEngine(self.geography, self.table, self.params))
        return self._engine[0]

    def scores(self) -> SecurityScores:
        return self.engine.base

    def classify(self, threshold: float = DEFAULT_THRESHOLD) -> Classification:
        return classify_elements(self.engine, threshold=threshold)


def build_case(
    source: str | Path | Architecture,
    when: dt.date | int | str | None = None,
    params: SecurityParams | None = None,
    geography: Geography | None = None,
) -> SecurityCase:
    """The architecture at ``when`` (a year means 1 July; default: its reference date) as a
    :class:`SecurityCase`. ``geography`` replaces the bundled data (e.g. in tests or for other measures)."""
    from secarch.spec import as_architecture

    params = params or SecurityParams()
    arch = as_architecture(source)
    on = arch.resolve_date(when)
    states, elements = architecture_elements(arch, on, params)
    notes: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    if geography is None:
        geography, notes = geography_from_data(states, on.year, params)
        unknown = states_without_capability(states, on.year)
    elif tuple(geography.states) != tuple(states):
        raise InputError.single(
            "the geography's states differ from the architecture's participants",
            field="geography",
            expected=", ".join(states),
        )
    table = ElementTable.build(states, elements)
    return SecurityCase(arch.name, on, geography, table, params, notes, without_capability=unknown)


def score(
    source: str | Path | Architecture,
    when: dt.date | int | str | None = None,
    params: SecurityParams | None = None,
    geography: Geography | None = None,
) -> SecurityScores:
    """Security scores of every participant (the API of ``secarch score``)."""
    return build_case(source, when, params, geography).scores()


def expand_removals(
    case: SecurityCase, ids: Iterable[str], arch: Architecture | None = None
) -> tuple[str, ...]:
    """Element ids to remove: element ids as they are; ``ORG:STATE`` for the state's membership spells in
    force; an organisation id for all its memberships and the agreements tied to it."""
    by_id = {e.id for e in case.table.elements}
    out: list[str] = []
    for raw in ids:
        token = raw.strip()
        if token in by_id:
            out.append(token)
            continue
        prefix = token + ":"
        matches = [e.id for e in case.table.elements if e.kind == "membership" and e.id.startswith(prefix)]
        if arch is not None and token in {o.id for o in arch.organisations}:
            tied = {a.id for a in arch.agreements if a.organisation == token}
            matches += [e.id for e in case.table.elements if e.id in tied]
        if not matches:
            case.table.position(token)  # raises the located "no element with id" error
        out.extend(matches)
    return tuple(dict.fromkeys(out))


def _variant_text(base: str | Path, patch: Path) -> str:
    """The patch file's text with an ``extends`` of the base appended (lines keep their numbers)."""
    from secarch.spec import parse_yaml
    from secarch.spec.yamlio import read_text

    text = read_text(patch)
    document: Any = parse_yaml(text, str(patch)) if text.strip() else None
    is_mapping = hasattr(document, "keys")
    keys = set(document.keys()) if is_mapping else set()
    allowed = {"add", "remove", "modify", "extends", "name", "title", "description"}
    unknown = sorted(str(k) for k in keys - allowed)
    if not is_mapping or unknown:
        raise InputError.single(
            f"{patch} is not a patch" + (f": unknown section {unknown[0]!r}" if unknown else ""),
            file=patch,
            line=1,
            expected="a YAML mapping with add:, remove: and/or modify: sections (as in an architecture file)",
            hint="see docs/architecture-files.md, 'Writing an alternative as a difference'",
        )
    if "extends" in keys:
        return text
    parent = str(base) if not Path(str(base)).exists() else str(Path(str(base)).resolve())
    suffix = "" if text.endswith("\n") or not text else "\n"
    return f"{text}{suffix}extends: {json.dumps(parent)}\n"


def variant_change(base_case: SecurityCase, variant: Architecture) -> Change:
    """The change that turns the base case's elements into the variant's (same date and participants)."""
    if variant.at(base_case.date).states != tuple(base_case.geography.states):
        raise InputError.single(
            "the patch changes the participants",
            field="participants",
            expected="the same participants as the architecture",
            hint="write the new architecture as a file and compare `secarch score` of both",
        )
    _, elements = architecture_elements(variant, base_case.date, base_case.params)
    base = {e.id: e for e in base_case.table.elements}
    new = {e.id: e for e in elements}
    removed = [i for i, e in base.items() if new.get(i) != e]
    added = [e for i, e in new.items() if base.get(i) != e]
    return Change(tuple(removed), tuple(added))


def what_if(
    source: str | Path | Architecture,
    remove: Sequence[str] = (),
    patch: str | Path | None = None,
    when: dt.date | int | str | None = None,
    params: SecurityParams | None = None,
    geography: Geography | None = None,
) -> WhatIfResult:
    """Every state's security with elements removed (ids, ``ORG:STATE``, organisation ids) and a patch file
    (add/remove/modify sections) applied, in one batch (the API of ``secarch whatif``)."""
    from secarch.spec import as_architecture, load_architecture

    arch = as_architecture(source)
    case = build_case(arch, when, params, geography)
    removals = expand_removals(case, remove, arch)
    change = Change(removals)
    if patch is not None:
        patch_path = Path(patch)
        if not isinstance(source, str | Path):
            raise InputError.single(
                "a patch needs the architecture as a file or bundled name", field="patch", expected="a path"
            )
        variant = load_architecture(patch_path, text=_variant_text(source, patch_path))
        from_patch = variant_change(case, variant)
        change = Change(tuple(dict.fromkeys([*removals, *from_patch.remove])), from_patch.add)
    label = " ".join([*(f"-{x}" for x in remove), *([f"+{Path(patch).name}"] if patch else [])])
    return case.engine.what_if(change.remove, change.add, label=label)


def classify(
    source: str | Path | Architecture,
    when: dt.date | int | str | None = None,
    params: SecurityParams | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    geography: Geography | None = None,
) -> Classification:
    """Every agreement, membership, dispute and rivalry classified by its leave-one-out effect (the API the
    indivisibility check calls): per element its class, gainers and losers with the amounts."""
    return build_case(source, when, params, geography).classify(threshold)

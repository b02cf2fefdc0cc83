"""A snapshot: what an architecture has in force on one date, as arrays the engines can use directly.

States are the rows/columns of every matrix, in the order of the architecture's ``participants``, less
those that are not states on the date (:attr:`Snapshot.not_states`). Engines work on these arrays; they
never walk the pydantic objects in a hot loop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from secarch.model.types import GUARANTEE_TYPES, MEMBERSHIP_STATUSES, THREAT_KINDS

if TYPE_CHECKING:
    from secarch.model.architecture import Architecture
    from secarch.model.elements import Agreement, Dispute, Invocation, Organisation, Recognition

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
Int8Array = npt.NDArray[np.int8]


def status_code(status: str) -> int:
    """Integer code of a membership status in :attr:`Snapshot.membership` (0 means not a member at all).

    >>> status_code("member"), status_code("frozen")
    (1, 7)
    """
    return MEMBERSHIP_STATUSES.index(status) + 1


@dataclass(frozen=True, eq=False)
class Snapshot:
    """An architecture on one date.

    Attributes
    ----------
    states : the participants (ISO3 codes) that are states on the date, the order of every state axis
        below.
    not_states : participants that are not states on the date (outside their Correlates of War
        state-system spells: not yet independent, or dissolved); their elements are left out.
    in_region : (n,) whether each state is in the architecture's region.
    organisations : ids of the organisations that exist on the date.
    membership : (n, m) status codes, 0 = none, else :func:`status_code` (1 member … 7 frozen).
    has_defence_clause, has_settlement_mechanism : (m,) from the organisations' mandates.
    threat_agenda : (m, len(THREAT_KINDS)) which threat items each organisation's mandate lists.
    agreements : ids of the agreements in force; ``agreement_types`` their types.
    parties, beneficiaries, targets : (a, n) who is bound, protected, named as target by each agreement.
    credibility : (a,) credibility of each agreement.
    guarantee : (n, n) ``guarantee[i, j]``: the highest credibility with which i is committed to defend j
        (collective defence and mutual assistance agreements only; zero diagonal).
    disputes : ids of the disputes active on the date; ``dispute_sides`` (d, n): +1 side A, -1 side B, 0 none.
    opponents : (n, n) whether i and j are on opposite sides of an active dispute.
    rivalry : (n, n) whether i and j are strategic rivals on the date.
    """

    architecture: str
    date: dt.date
    states: tuple[str, ...]
    in_region: BoolArray
    organisations: tuple[str, ...]
    organisation_kinds: tuple[str, ...]
    membership: Int8Array
    has_defence_clause: BoolArray
    has_settlement_mechanism: BoolArray
    threat_agenda: BoolArray
    agreements: tuple[str, ...]
    agreement_types: tuple[str, ...]
    agreement_organisations: tuple[str | None, ...]
    parties: BoolArray
    beneficiaries: BoolArray
    targets: BoolArray
    credibility: FloatArray
    guarantee: FloatArray
    disputes: tuple[str, ...]
    dispute_issues: tuple[str, ...]
    dispute_territories: tuple[str | None, ...]
    dispute_intensities: tuple[str, ...]
    dispute_sides: Int8Array
    opponents: BoolArray
    rivalry: BoolArray
    recognitions: tuple[Recognition, ...]
    agreement_territories: tuple[tuple[str, ...], ...]
    invocations: tuple[Invocation, ...] = ()
    """Invocations of agreements up to and including the date (what was known on that day)."""
    not_states: tuple[str, ...] = ()

    @property
    def n_states(self) -> int:
        return len(self.states)

    def index(self, code: str) -> int:
        """Position of state ``code`` on the state axes."""
        try:
            return self.states.index(code)
        except ValueError:
            raise KeyError(f"{code} is not a participant of {self.architecture}") from None

    def members(self, organisation: str, statuses: tuple[str, ...] = ("member",)) -> tuple[str, ...]:
        """States of ``organisation`` with one of ``statuses`` on the snapshot's date."""
        column = self.membership[:, self.organisations.index(organisation)]
        codes = [status_code(s) for s in statuses]
        return tuple(s for s, c in zip(self.states, column, strict=True) if int(c) in codes)

    def member_matrix(self, statuses: tuple[str, ...] = ("member",)) -> BoolArray:
        """(n, m) whether each state has one of ``statuses`` in each organisation."""
        return np.isin(self.membership, [status_code(s) for s in statuses])


def build_snapshot(arch: Architecture, on: dt.date, not_states: frozenset[str] = frozenset()) -> Snapshot:
    """Slice ``arch`` at date ``on`` (already resolved and inside the period) into a :class:`Snapshot`.

    Participants in ``not_states`` (not states on the date) are left out, with every membership, party,
    side and rivalry of theirs: a state cannot act before it exists or after it is gone.
    """
    states = tuple(code for code in arch.participants if code not in not_states)
    position = {code: i for i, code in enumerate(states)}
    n = len(states)
    region = set(arch.region.states)

    orgs: list[Organisation] = [
        o
        for o in arch.organisations
        if (o.founded is None or o.founded <= on) and (o.dissolved is None or on < o.dissolved)
    ]
    org_position = {o.id: k for k, o in enumerate(orgs)}
    membership = np.zeros((n, len(orgs)), dtype=np.int8)
    for mem in arch.memberships:
        if mem.in_force(on) and mem.organisation in org_position and mem.state in position:
            membership[position[mem.state], org_position[mem.organisation]] = status_code(mem.status)

    threat_agenda = np.zeros((len(orgs), len(THREAT_KINDS)), dtype=bool)
    for k, org in enumerate(orgs):
        for item in org.mandate.threat_agenda:
            threat_agenda[k, THREAT_KINDS.index(item.item)] = True

    agreements: list[Agreement] = [
        a
        for a in arch.agreements
        if a.in_force(on) and (a.organisation is None or a.organisation in org_position)
    ]
    parties = np.zeros((len(agreements), n), dtype=bool)
    beneficiaries = np.zeros_like(parties)
    targets = np.zeros_like(parties)
    # (row, column) lists filled in Python and written in one assignment each: a NumPy call per agreement
    # would dominate the time of a snapshot with a thousand agreements
    cells: dict[str, tuple[list[int], list[int]]] = {
        "parties": ([], []),
        "beneficiaries": ([], []),
        "targets": ([], []),
    }
    by_organisation: tuple[list[int], list[int]] = ([], [])
    own_beneficiaries = np.zeros(len(agreements), dtype=bool)
    for k, agr in enumerate(agreements):
        _add_cells(cells["parties"], k, agr.parties, position)
        _add_cells(cells["targets"], k, agr.targets, position)
        if agr.beneficiaries:
            _add_cells(cells["beneficiaries"], k, agr.beneficiaries, position)
            own_beneficiaries[k] = True
        if agr.organisation is not None:
            by_organisation[0].append(k)
            by_organisation[1].append(org_position[agr.organisation])
    for name, array in (("parties", parties), ("beneficiaries", beneficiaries), ("targets", targets)):
        rows, columns = cells[name]
        array[rows, columns] = True
    if by_organisation[0]:
        # an organisation's agreement binds its full members on the date
        is_member = membership == status_code("member")
        parties[by_organisation[0]] |= is_member[:, by_organisation[1]].T
    beneficiaries[~own_beneficiaries] = parties[~own_beneficiaries]
    credibility = np.array([a.credibility for a in agreements], dtype=float)

    guarantee = np.zeros((n, n))
    is_guarantee = np.array([a.type in GUARANTEE_TYPES for a in agreements], dtype=bool)
    if is_guarantee.any():
        # guarantee[i, j] = max over guarantee agreements k of credibility_k * parties[k, i] * benef.[k, j]:
        # one product per distinct credibility, in ascending order so that the highest one is written last
        # (an (agreements, n, n) array would take tens of MB per date)
        levels = credibility[is_guarantee]
        bound = parties[is_guarantee].astype(np.float64)
        protected = beneficiaries[is_guarantee].astype(np.float64)
        for level in np.unique(levels):
            rows = levels == level
            guarantee[(bound[rows].T @ protected[rows]) > 0] = level
        np.fill_diagonal(guarantee, 0.0)

    disputes: list[Dispute] = [d for d in arch.disputes if d.in_force(on)]
    sides = np.zeros((len(disputes), n), dtype=np.int8)
    for k, dispute in enumerate(disputes):
        sides[k, _positions(dispute.side_a, position)] = 1
        sides[k, _positions(dispute.side_b, position)] = -1
    # i and j are opponents when some dispute puts them on opposite sides: side_i * side_j == -1.
    opponents = (
        np.any(sides[:, :, None] * sides[:, None, :] < 0, axis=0) if disputes else np.zeros((n, n), bool)
    )

    rivalry = np.zeros((n, n), dtype=bool)
    for riv in arch.rivalries:
        if riv.in_force(on) and riv.states[0] in position and riv.states[1] in position:
            a, b = position[riv.states[0]], position[riv.states[1]]
            rivalry[a, b] = rivalry[b, a] = True

    return Snapshot(
        architecture=arch.name,
        date=on,
        states=states,
        in_region=np.array([code in region for code in states], dtype=bool),
        organisations=tuple(o.id for o in orgs),
        organisation_kinds=tuple(o.kind for o in orgs),
        membership=membership,
        has_defence_clause=np.array([o.mandate.defence_clause is not None for o in orgs], dtype=bool),
        has_settlement_mechanism=np.array(
            [o.mandate.conflict_settlement is not None for o in orgs], dtype=bool
        ),
        threat_agenda=threat_agenda,
        agreements=tuple(a.id for a in agreements),
        agreement_types=tuple(a.type for a in agreements),
        agreement_organisations=tuple(a.organisation for a in agreements),
        parties=parties,
        beneficiaries=beneficiaries,
        targets=targets,
        credibility=credibility,
        guarantee=guarantee,
        disputes=tuple(d.id for d in disputes),
        dispute_issues=tuple(d.issue for d in disputes),
        dispute_territories=tuple(d.territory for d in disputes),
        dispute_intensities=tuple(d.intensity for d in disputes),
        dispute_sides=sides,
        opponents=np.asarray(opponents, dtype=bool),
        rivalry=rivalry,
        recognitions=tuple(r for r in arch.recognitions if r.in_force(on)),
        agreement_territories=tuple(tuple(a.territories) for a in agreements),
        invocations=tuple(i for i in arch.invocations if i.date <= on),
        not_states=tuple(code for code in arch.participants if code in not_states),
    )


def _add_cells(
    cells: tuple[list[int], list[int]], row: int, codes: list[str], position: dict[str, int]
) -> None:
    """Append (row, position) for each of ``codes`` on the state axis (codes not on it are skipped)."""
    for code in codes:
        if code in position:
            cells[0].append(row)
            cells[1].append(position[code])


def _positions(codes: list[str], position: dict[str, int]) -> list[int]:
    """Positions of ``codes`` on the state axis, skipping those not on it (not states on the date)."""
    return [position[code] for code in codes if code in position]

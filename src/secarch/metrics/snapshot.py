"""The adapter from the domain model to the metric functions: a snapshot becomes arrays, an architecture
becomes a table of every metric per year.

Choices made here (documented in docs/metrics.md):

- membership weights by status: :data:`~secarch.metrics.network.DEFAULT_STATUS_WEIGHTS`;
- alliance levels by agreement type on the ordinal 0–3 scale of the alliance-similarity literature
  (Bueno de Mesquita 1975; Signorino & Ritter 1999): defence commitments 3, neutrality and non-aggression 2,
  consultation (entente) 1; confidence-building and arms-limitation agreements are not alliances (0);
- regions for regional S: the UN M49 region of each state in the bundled states table; states holding at
  least a pole's share of the participants' capabilities count as global (their relevant region is the
  whole system), after the EUGene convention that major powers are relevant everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from secarch.metrics.network import DEFAULT_STATUS_WEIGHTS, status_weight_matrix
from secarch.metrics.polarity import DEFAULT_POLE_THRESHOLD, capability_shares
from secarch.metrics.summary import METRIC_COLUMNS, SliceArrays, metric_row

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

    from secarch.model import Architecture, Snapshot

__all__ = [
    "ALLIANCE_LEVEL",
    "CapabilityLookup",
    "GuaranteeChain",
    "guarantee_chain",
    "metrics_over_years",
    "slice_arrays",
    "snapshot_metrics",
    "state_regions",
]

ALLIANCE_LEVEL: Mapping[str, float] = {
    "collective_defence": 3.0,
    "mutual_assistance": 3.0,
    "neutrality": 2.0,
    "non_aggression": 2.0,
    "consultation": 1.0,
    "confidence_building": 0.0,
    "arms_limitation": 0.0,
}
"""Ordinal alliance level of each agreement type (CoW alliance types I–III; ATOP's consultation pacts as
ententes)."""

CapabilityLookup = Callable[[Sequence[str], int], NDArray[np.float64]]
"""Capabilities of the given states in a year, aligned with them (NaN where unknown)."""


def state_regions(codes: Iterable[str]) -> NDArray[np.str_]:
    """UN M49 region of each state from the bundled states table ("unknown" where it has none)."""
    from secarch.data import states

    table = states().set_index("iso3")["region"]
    lookup = {str(k): str(v) for k, v in table.items() if isinstance(v, str) and v}
    return np.array([lookup.get(code, "unknown") for code in codes])


def default_capabilities() -> CapabilityLookup | None:
    """The bundled capability table (CoW NMC CINC) if this installation has it, else None."""
    import importlib

    # The state-data package exposes the lookup as secarch.data.capability_vector (lazily) or in its
    # matrices module; older installations have neither.
    for module_name in ("secarch.data", "secarch.data.matrices"):
        try:
            lookup: CapabilityLookup = importlib.import_module(module_name).capability_vector
        except (ImportError, AttributeError):
            continue
        return lookup
    return None


def slice_arrays(
    snapshot: Snapshot,
    capabilities: NDArray[np.float64] | None = None,
    regions: NDArray[np.str_] | None = None,
    status_weights: Mapping[str, float] = DEFAULT_STATUS_WEIGHTS,
) -> SliceArrays:
    """The arrays of ``snapshot`` that :func:`~secarch.metrics.summary.metric_row` needs."""
    from secarch.model import MEMBERSHIP_STATUSES

    n = snapshot.n_states
    codes = ["none", *MEMBERSHIP_STATUSES]
    membership = status_weight_matrix(snapshot.membership.astype(np.int64), codes, status_weights)
    capability = np.full(n, np.nan) if capabilities is None else np.asarray(capabilities, dtype=float)
    region = np.full(n, "all") if regions is None else np.asarray(regions)
    shares = capability_shares(np.nan_to_num(capability, nan=0.0)) if np.nansum(capability) > 0 else None
    major = np.zeros(n, dtype=bool) if shares is None else np.nan_to_num(shares) >= DEFAULT_POLE_THRESHOLD
    return SliceArrays(
        membership=membership,
        parties=np.asarray(snapshot.parties, dtype=bool).reshape(len(snapshot.agreements), n),
        alliance_level=np.array([ALLIANCE_LEVEL.get(t, 0.0) for t in snapshot.agreement_types], dtype=float),
        credibility=np.asarray(snapshot.credibility, dtype=float),
        guarantee=np.asarray(snapshot.guarantee, dtype=float),
        capability=capability,
        region=region,
        major=major,
    )


def snapshot_metrics(
    snapshot: Snapshot,
    capabilities: NDArray[np.float64] | None = None,
    regions: NDArray[np.str_] | None = None,
) -> dict[str, float]:
    """Every metric of one snapshot (see :data:`~secarch.metrics.summary.METRIC_COLUMNS`)."""
    return metric_row(slice_arrays(snapshot, capabilities, regions))


def metrics_over_years(
    architecture: Architecture,
    years: Iterable[int],
    *,
    capabilities: CapabilityLookup | None = None,
    regions: bool = True,
) -> pd.DataFrame:
    """One row per year (each year's 1 July, as :meth:`Architecture.resolve_date` reads a year): ``year``,
    ``date`` and every metric column.

    ``capabilities`` looks capabilities up per year (default: none, so the capability-based columns are
    NaN); ``regions`` uses the bundled UN M49 regions for regional S (else one region for all).
    """
    import pandas as pd
    from threadpoolctl import threadpool_limits

    # Region labels are looked up once for every participant; each year takes the rows of its states.
    participants = pd.Index(architecture.participants)
    region_labels = state_regions(architecture.participants) if regions else None
    rows: list[dict[str, Any]] = []
    # The matrices are small (a few hundred states): BLAS threads only add start-up and contention costs,
    # which on a busy machine made the products ten times slower in our benchmark.
    with threadpool_limits(limits=1, user_api="blas"):
        for year in years:
            snapshot = architecture.at(int(year))
            cap = None
            if capabilities is not None:
                cap = np.asarray(capabilities(snapshot.states, int(year)), dtype=float)
            labels = None
            if region_labels is not None:
                labels = region_labels[participants.get_indexer(pd.Index(snapshot.states))]
            metrics = snapshot_metrics(snapshot, cap, labels)
            rows.append({"year": int(year), "date": snapshot.date.isoformat(), **metrics})
    return pd.DataFrame(rows, columns=["year", "date", *METRIC_COLUMNS])


@dataclass(frozen=True)
class GuaranteeChain:
    """The most credible chain of guarantees from one state to another on one date (see
    :func:`secarch.metrics.paths.credible_chain`): ``states`` from the source to the target (empty when no
    chain of guarantees links them), the product of the credibilities along it, its number of links and
    the fewest links of any chain between them."""

    architecture: str
    date: dt.date
    source: str
    target: str
    states: tuple[str, ...]
    credibility: float
    links: int | None
    fewest_links: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "architecture": self.architecture,
            "date": self.date.isoformat(),
            "source": self.source,
            "target": self.target,
            "chain": list(self.states),
            "credibility": self.credibility,
            "links": self.links,
            "fewest_links": self.fewest_links,
        }


def guarantee_chain(snapshot: Snapshot, source: str, target: str) -> GuaranteeChain:
    """The most credible chain of guarantees by which ``source`` is committed, directly or through the
    states it guarantees, to the defence of ``target``, on the guarantee matrix of ``snapshot``
    (``guarantee[i, j]``: the credibility with which i is committed to defend j).

    Codes are ISO alpha-3 ids, case-insensitive; a state that is not on the snapshot's state axis is an
    :class:`~secarch.errors.InputError`.
    """
    from secarch.errors import InputError
    from secarch.metrics.paths import credible_chain

    index = {code: i for i, code in enumerate(snapshot.states)}
    positions = []
    for name, code in (("source", source), ("target", target)):
        key = code.strip().upper()
        if key not in index:
            raise InputError.single(
                f"{code} is not a state of {snapshot.architecture} on {snapshot.date.isoformat()}",
                field=name,
                expected="the ISO alpha-3 id of a participant (see `secarch show FILE --year Y`)",
            )
        positions.append(index[key])
    chain = credible_chain(snapshot.guarantee, positions[0], positions[1])
    return GuaranteeChain(
        architecture=snapshot.architecture,
        date=snapshot.date,
        source=snapshot.states[positions[0]],
        target=snapshot.states[positions[1]],
        states=tuple(snapshot.states[i] for i in chain.path),
        credibility=chain.credibility,
        links=chain.links,
        fewest_links=chain.fewest_links,
    )

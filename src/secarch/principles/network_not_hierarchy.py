"""A network, not a hierarchy.

**Principle.** According to the 2024 statements, the architecture should be a network of modular,
intertwining structures rather than a hierarchy.

**Operationalisation.**

1. *Guarantee hierarchy*: Krackhardt's (1994) four measures on the guarantee digraph (an edge from each
   guarantor to each state it is committed to defend; :mod:`secarch.metrics.hierarchy`). Hierarchy (the
   share of guarantee reachability that runs one way only) of at least ``hierarchy`` (0.5) is a medium
   finding; high when least-upper-boundedness is also at least 0.5 (one-way chains that meet in common
   superiors: an out-tree-like order).
2. *Centralisation*: Freeman's betweenness centralisation of the state network of shared organisations
   and agreements (:mod:`secarch.metrics.centralisation`). At least ``centralisation`` (0.5) is a medium
   finding naming the most central state.
3. *Modularity without intertwining*: with two or more structures, none of which shares a member with
   another (mean overlap 0), a low finding.

**Limits.** Guarantees and co-membership are the only ties modelled; informal dependence is not. The 0.5
thresholds are conventions (half of the way from a pure network to a pure hierarchy).
"""

from __future__ import annotations

import numpy as np

from secarch.metrics.centralisation import betweenness, betweenness_centralisation
from secarch.metrics.hierarchy import krackhardt
from secarch.metrics.network import state_projection
from secarch.metrics.overlap import organisation_overlap
from secarch.principles._common import inside, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "network_not_hierarchy"
DEFAULTS = {"hierarchy": 0.5, "centralisation": 0.5}


@register(
    NAME,
    "A network, not a hierarchy",
    "According to the 2024 statements, the architecture should be a network of intertwining structures, "
    "not a hierarchy.",
    DEFAULTS,
    bounds={"hierarchy": UNIT, "centralisation": UNIT},
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    findings: list[Finding] = []
    links = snap.guarantee > 0
    if links.any():
        scores = krackhardt(links)
        if not np.isnan(scores.hierarchy) and scores.hierarchy >= ctx.param(
            NAME, "hierarchy", DEFAULTS["hierarchy"]
        ):
            out_degree = links.sum(axis=1)
            top = np.argsort(-out_degree, kind="stable")[:3]
            top = top[out_degree[top] > 0]
            ordered = not np.isnan(scores.lub) and scores.lub >= 0.5
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"Guarantees run one way (Krackhardt hierarchy {scores.hierarchy:.2f})",
                    severity=Severity.HIGH if ordered else Severity.MEDIUM,
                    elements=tuple(snap.states[i] for i in top),
                    evidence={
                        **{k: round(v, 4) for k, v in scores.as_dict().items()},
                        "guarantees_given": {snap.states[i]: int(out_degree[i]) for i in top},
                    },
                    reading=(
                        "Hierarchy is the share of guarantee reachability that is not returned (1 = an "
                        "out-tree of patrons and clients, 0 = every commitment reciprocated)."
                    ),
                )
            )
    taking_part = inside(snap)
    parties = snap.parties if snap.parties.size else None
    if taking_part.size or parties is not None:
        tied = state_projection(taking_part.astype(float) if taking_part.size else None, parties) > 0
        central = betweenness_centralisation(tied)
        if not np.isnan(central) and central >= ctx.param(NAME, "centralisation", DEFAULTS["centralisation"]):
            scores_b = betweenness(tied)
            hub = int(np.argmax(scores_b))
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"The network of shared structures centres on {snap.states[hub]} "
                    f"(betweenness centralisation {central:.2f})",
                    severity=Severity.MEDIUM,
                    elements=(snap.states[hub],),
                    evidence={
                        "betweenness_centralisation": round(central, 4),
                        "hub_betweenness": round(float(scores_b[hub]), 4),
                    },
                    reading=(
                        "Freeman centralisation is 1 for a star, where every link between other states runs "
                        "through one hub, and 0 when all states are equally central."
                    ),
                )
            )
    populated = taking_part[:, taking_part.any(axis=0)]
    if populated.shape[1] >= 2:
        overlap = organisation_overlap(populated.astype(float))
        if np.nanmax(np.where(np.eye(overlap.shape[0], dtype=bool), np.nan, overlap)) == 0:
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"The {populated.shape[1]} structures share no member",
                    severity=Severity.LOW,
                    elements=pick(snap.organisations, np.asarray(taking_part.any(axis=0), dtype=bool)),
                    evidence={"mean_overlap": 0.0},
                    reading="Modular but not intertwining: separate blocs with no common member.",
                )
            )
    return CheckOutcome(tuple(findings))

"""Inclusiveness: which states of the region are outside every structure, and what joining requires.

**Principle.** According to the 2024 statements, the architecture should be open to all states of the
continent, through open and inclusive negotiations.

**Operationalisation.** A *structure* is any organisation of the architecture that is not universal (the UN
would make every state "included"). A state is *inside* a structure as a member or associate. Findings:

1. The states of the region inside no structure, with the share of the region they make up: low below
   ``share_medium`` (10 %), medium below ``share_high`` (33 %), high from there on. The evidence lists,
   for every structure with members in the region, what accession requires (the organisation's
   ``accession`` text, or "not recorded").
2. When no single structure includes every state of the region, a low finding naming the widest structure
   and its coverage.

**Limits.** Formal membership only: a state can be inside a structure that marginalises it, and outside one
that consults it. Observers, partners and dialogue partners count as outside. The share thresholds are
conventions.
"""

from __future__ import annotations

import numpy as np

from secarch.principles._common import by_share, inside, listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "inclusiveness"
DEFAULTS = {"share_medium": 0.10, "share_high": 0.33}


@register(
    NAME,
    "Inclusiveness",
    "According to the 2024 statements, the architecture should be open to every state of the continent.",
    DEFAULTS,
    bounds={"share_medium": UNIT, "share_high": UNIT},
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    region = ctx.region_mask
    if not region.any():
        return CheckOutcome(notes=("the architecture's region has no participant",))
    structure = np.array([kind != "universal" for kind in snap.organisation_kinds], dtype=bool)
    taking_part = inside(snap)[:, structure]
    structures = pick(snap.organisations, structure)
    findings: list[Finding] = []
    outside = region & ~taking_part.any(axis=1)
    accession = {org.id: org.accession for org in ctx.architecture.organisations}
    open_to_region = [s for s, col in zip(structures, taking_part.T, strict=True) if (col & region).any()]
    requirements = {org: accession.get(org) or "not recorded" for org in open_to_region}
    if outside.any():
        codes = pick(snap.states, outside)
        share = len(codes) / int(region.sum())
        findings.append(
            Finding(
                principle=NAME,
                title=f"{len(codes)} of {int(region.sum())} states of the region are in no structure: "
                f"{listing(codes)}",
                severity=by_share(
                    share,
                    ctx.param(NAME, "share_medium", DEFAULTS["share_medium"]),
                    ctx.param(NAME, "share_high", DEFAULTS["share_high"]),
                ),
                elements=codes,
                evidence={"share_of_region": round(share, 4), "accession_requirements": requirements},
                reading=(
                    "These states are neither members nor associates of any non-universal organisation; "
                    "the evidence lists what joining each structure present in the region requires."
                ),
            )
        )
    if structure.any():
        coverage = (taking_part & region[:, None]).sum(axis=0) / region.sum()
        widest = int(np.argmax(coverage))
        if coverage[widest] < 1.0:
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"No structure includes every state of the region; the widest, "
                    f"{structures[widest]}, includes {coverage[widest]:.0%}",
                    severity=Severity.LOW,
                    elements=(structures[widest],),
                    evidence={
                        "coverage": {s: round(float(c), 4) for s, c in zip(structures, coverage, strict=True)}
                    },
                    reading="Coverage is the share of the region's states that are members or associates.",
                )
            )
    return CheckOutcome(tuple(findings))

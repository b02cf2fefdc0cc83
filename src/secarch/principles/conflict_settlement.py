"""Conflict-settlement coverage.

**Principle.** According to the 2024 statements, the architecture should provide for the settlement of
conflicts on the continent.

**Operationalisation.** For every dispute active on the date, the structures with a conflict-settlement
mechanism (in their mandate) to which *every* state on both sides belongs as a member or associate.

- No such structure: a finding whose severity follows the dispute's intensity — high for an armed conflict
  or war, medium for a militarized dispute, low for a latent one.
- Only structures whose mechanism is not binding: a low finding.

**Limits.** A shared mechanism is a necessary, not a sufficient, condition for settlement; whether it is
used, and whether outside mediators (e.g. states or the UN acting ad hoc) take part, is not modelled.
Suspended and frozen members count as outside.
"""

from __future__ import annotations

import numpy as np

from secarch.principles._common import inside, listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import CheckOutcome, register

NAME = "conflict_settlement"

SEVERITY_BY_INTENSITY = {
    "war": Severity.HIGH,
    "armed_conflict": Severity.HIGH,
    "militarized": Severity.MEDIUM,
    "latent": Severity.LOW,
}


@register(
    NAME,
    "Conflict-settlement coverage",
    "According to the 2024 statements, the architecture should settle the conflicts on the continent.",
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    if not snap.disputes:
        return CheckOutcome(notes=("no dispute is active on the date",))
    binding = {
        org.id: org.mandate.conflict_settlement.binding
        for org in ctx.architecture.organisations
        if org.mandate.conflict_settlement is not None
    }
    mechanism = np.asarray(snap.has_settlement_mechanism, dtype=bool)
    taking_part = inside(snap)
    findings: list[Finding] = []
    for k, dispute in enumerate(snap.disputes):
        involved = snap.dispute_sides[k] != 0
        # A structure covers the dispute when every involved state takes part in it.
        covers = mechanism & taking_part[involved].all(axis=0)
        covering = pick(snap.organisations, covers)
        sides = pick(snap.states, involved)
        intensity = snap.dispute_intensities[k]
        if not covering:
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"No structure with a settlement mechanism includes all parties to {dispute} "
                    f"({listing(sides)})",
                    severity=SEVERITY_BY_INTENSITY.get(intensity, Severity.MEDIUM),
                    elements=(dispute, *sides),
                    evidence={
                        "intensity": intensity,
                        "issue": snap.dispute_issues[k],
                        "parties": list(sides),
                        "mechanisms_with_some_parties": list(
                            pick(snap.organisations, mechanism & taking_part[involved].any(axis=0))
                        ),
                    },
                    reading=(
                        "Coverage asks whether a standing settlement mechanism binds every party; "
                        "it does not say whether one would be used."
                    ),
                )
            )
        elif not any(binding.get(org, False) for org in covering):
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"{dispute} is covered only by non-binding mechanisms ({listing(covering)})",
                    severity=Severity.LOW,
                    elements=(dispute, *covering),
                    evidence={"intensity": intensity, "covering": list(covering)},
                    reading="The covering structures' settlement provisions do not oblige the parties.",
                )
            )
    return CheckOutcome(tuple(findings))

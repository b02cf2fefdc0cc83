"""Regional ownership: commitments of off-region states inside the region.

**Principle.** According to the 2024 statements, the architecture should exclude the "destructive
influence of off-region players"; regional states are to own their security.

**Operationalisation.** For every agreement in force, the off-region parties (participants outside the
architecture's region) committed to states inside the region:

- a guarantee (collective defence, mutual assistance) by which off-region parties are committed to defend
  states of the region: a medium finding;
- any other agreement binding off-region parties together with states of the region: a low finding.

**Limits.** The check describes commitments, not their effect (the security model's what-if engine
measures that). Whether a commitment is "destructive" is a judgement the check does not make; the region
is the architecture's own definition.
"""

from __future__ import annotations

from secarch.model import GUARANTEE_TYPES
from secarch.principles._common import listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import CheckOutcome, register

NAME = "regional_ownership"


@register(
    NAME,
    "Regional ownership",
    "According to the 2024 statements, the influence of off-region players on the region's security should "
    "be excluded.",
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    region = ctx.region_mask
    findings: list[Finding] = []
    for k, agreement in enumerate(snap.agreements):
        outsiders = snap.parties[k] & ~region
        if not outsiders.any():
            continue
        guarantee = snap.agreement_types[k] in GUARANTEE_TYPES
        insiders = (snap.beneficiaries[k] if guarantee else snap.parties[k]) & region
        if not insiders.any():
            continue
        off = pick(snap.states, outsiders)
        on = pick(snap.states, insiders)
        verb = "defend" if guarantee else "cooperate with"
        findings.append(
            Finding(
                principle=NAME,
                title=f"{agreement}: off-region {listing(off, 6)} committed to {verb} {len(on)} state(s) "
                "of the region",
                severity=Severity.MEDIUM if guarantee else Severity.LOW,
                elements=(agreement, *off),
                evidence={
                    "type": snap.agreement_types[k],
                    "off_region_parties": list(off),
                    "region_states": list(on),
                    "credibility": float(snap.credibility[k]),
                    "organisation": snap.agreement_organisations[k],
                },
                reading=(
                    "Off-region means outside the region the architecture defines; the finding records the "
                    "commitment, not a judgement of it."
                ),
            )
        )
    if not region.all() and not findings:
        return CheckOutcome(
            notes=(f"{int((~region).sum())} off-region participant(s), with no commitment inside",)
        )
    return CheckOutcome(tuple(findings))

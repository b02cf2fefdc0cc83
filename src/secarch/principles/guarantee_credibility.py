"""Guarantee credibility: guarantees that are more likely than not to go unhonoured.

**Principle.** According to the 2024 statements, the architecture rests on a system of mutual and
collective security guarantees; critics (e.g. Ukrainian analysts, December 2020) call CSTO guarantees "more
a formality than a reality". The check makes the credibility of each guarantee explicit.

**Operationalisation.** Credibility is the modelled probability that a commitment is honoured when invoked.

1. Every guarantee (collective defence, mutual assistance) in force with credibility below ``threshold``
   (0.5: less likely to be honoured than not): medium; high below ``severe`` (0.25).
   For reference, allies honoured about 75 % of commitments in 1816–1944 (Leeds, Long & Mitchell 2000) and
   22 % of defence-pact commitments after 1945 (Berkemeier & Fuhrmann 2018).
2. States of the region that have guarantors, but whose most credible guarantee is below ``threshold``:
   one finding listing them.

**Limits.** Credibility values are estimates recorded in the architecture with their rationale. Failed
invocations (e.g. Armenia's requests to the CSTO in 2021–2022) enter only through those estimates: the
domain model has no structured record of invocations yet.
"""

from __future__ import annotations

import numpy as np

from secarch.model import GUARANTEE_TYPES
from secarch.principles._common import listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import CheckOutcome, register

NAME = "guarantee_credibility"
DEFAULTS = {"threshold": 0.5, "severe": 0.25}


@register(
    NAME,
    "Guarantee credibility",
    "According to the 2024 statements, security rests on mutual and collective guarantees; critics call some "
    "of them a formality. The check states each guarantee's modelled credibility.",
    DEFAULTS,
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    threshold = ctx.param(NAME, "threshold", DEFAULTS["threshold"])
    severe = ctx.param(NAME, "severe", DEFAULTS["severe"])
    findings: list[Finding] = []
    rationale = {a.id: a.credibility_rationale for a in ctx.architecture.agreements}
    for k, agreement in enumerate(snap.agreements):
        if snap.agreement_types[k] not in GUARANTEE_TYPES or snap.credibility[k] >= threshold:
            continue
        credibility = float(snap.credibility[k])
        protected = pick(snap.states, snap.beneficiaries[k])
        findings.append(
            Finding(
                principle=NAME,
                title=f"Guarantee {agreement} has credibility {credibility:.2f}, below {threshold:.2f}",
                severity=Severity.HIGH if credibility < severe else Severity.MEDIUM,
                elements=(agreement,),
                evidence={
                    "credibility": credibility,
                    "threshold": threshold,
                    "beneficiaries": len(protected),
                    "rationale": rationale.get(agreement) or "not recorded",
                },
                reading=(
                    "Credibility is the estimated probability that the commitment is honoured when invoked; "
                    "below 0.5 it is more likely not to be."
                ),
            )
        )
    region = ctx.region_mask
    best = snap.guarantee.max(axis=0) if snap.guarantee.size else np.zeros(0)
    weak = region & (best > 0) & (best < threshold)
    if weak.any():
        codes = pick(snap.states, weak)
        findings.append(
            Finding(
                principle=NAME,
                title=f"{len(codes)} state(s) of the region have no guarantee of credibility "
                f"{threshold:.2f} or more: {listing(codes)}",
                severity=Severity.MEDIUM,
                elements=codes,
                evidence={"best_credibility": {c: float(best[snap.index(c)]) for c in codes}},
                reading="Each listed state's most credible guarantee is below the threshold.",
            )
        )
    return CheckOutcome(
        tuple(findings), ("failed invocations are reflected only through credibility estimates",)
    )

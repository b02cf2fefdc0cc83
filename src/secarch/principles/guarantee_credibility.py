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
3. Every recorded invocation (``invocations`` in the architecture, up to the date) of a guarantee in force
   that was not honoured: high; partly honoured: medium. E.g. Armenia's requests to the CSTO in 2021–2022.

**Limits.** Credibility values are estimates recorded in the architecture with their rationale. Only
invocations recorded in the architecture are seen; a guarantee never invoked has no record either way.
"""

from __future__ import annotations

import numpy as np

from secarch.model import GUARANTEE_TYPES, Snapshot
from secarch.principles._common import listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "guarantee_credibility"
DEFAULTS = {"threshold": 0.5, "severe": 0.25}


@register(
    NAME,
    "Guarantee credibility",
    "According to the 2024 statements, security rests on mutual and collective guarantees; critics call some "
    "of them a formality. The check states each guarantee's modelled credibility.",
    DEFAULTS,
    bounds={"threshold": UNIT, "severe": UNIT},
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
    findings.extend(_invocation_findings(snap))
    return CheckOutcome(tuple(findings), ())


_OUTCOME_SEVERITY = {"not_honoured": Severity.HIGH, "partly_honoured": Severity.MEDIUM}


def _invocation_findings(snap: Snapshot) -> list[Finding]:
    """Findings for invoked guarantees (in force on the snapshot's date) that were not fully honoured."""
    in_force = set(snap.agreements)
    findings = []
    for invocation in snap.invocations:
        severity = _OUTCOME_SEVERITY.get(invocation.outcome)
        if severity is None or invocation.agreement not in in_force:
            continue
        findings.append(
            Finding(
                principle=NAME,
                title=f"{invocation.requested_by} invoked {invocation.agreement} on {invocation.date}: "
                f"{invocation.outcome.replace('_', ' ')}",
                severity=severity,
                elements=(invocation.agreement, invocation.requested_by, invocation.id),
                evidence={
                    "date": invocation.date.isoformat(),
                    "outcome": invocation.outcome,
                    "source": invocation.source,
                },
                reading=(
                    "A recorded request for the assistance the agreement promises, and what came of it "
                    "according to the cited source."
                ),
            )
        )
    return findings

"""Indivisibility of security: no security at the expense of others.

**Principle.** According to the 2024 statements (and the OSCE's 1999 Istanbul Charter before them), no
state should strengthen its security at the expense of the security of others.

**Operationalisation.**

1. *Structural* (always): every agreement in force whose ``targets`` include participants of the
   architecture. A guarantee (collective defence or mutual assistance) directed against a state of the
   region is a high finding; any other targeted agreement a medium one.
2. *Quantitative* (when the security model is given as the ``zero_sum`` hook): every element the security
   model classifies as zero-sum — its parties gain security while some state loses more than the model's
   threshold — is a medium finding naming the gainers and the losers; high when the largest loss is at
   least ``large_loss`` (0.05, five percentage points of security).

**Limits.** The structural part sees only targets written into the architecture; most agreements name no
target, so it misses implicit targeting. The quantitative part depends on the security model's
assumptions. The 0.05 cut-off is a convention.
"""

from __future__ import annotations

import numpy as np

from secarch.model import GUARANTEE_TYPES
from secarch.principles._common import listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import CheckOutcome, register

NAME = "indivisibility"
DEFAULTS = {"large_loss": 0.05}


@register(
    NAME,
    "Indivisibility of security",
    "According to the 2024 statements, no state should strengthen its security at the expense of others.",
    DEFAULTS,
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    region = ctx.region_mask
    findings: list[Finding] = []
    notes: list[str] = []
    for k in np.flatnonzero(snap.targets.any(axis=1)):
        targets = pick(snap.states, snap.targets[k])
        parties = pick(snap.states, snap.parties[k])
        guarantee = snap.agreement_types[k] in GUARANTEE_TYPES
        severity = Severity.HIGH if guarantee and bool((snap.targets[k] & region).any()) else Severity.MEDIUM
        findings.append(
            Finding(
                principle=NAME,
                title=f"Agreement {snap.agreements[k]} names {listing(targets)} as its target",
                severity=severity,
                elements=(snap.agreements[k], *targets),
                evidence={
                    "type": snap.agreement_types[k],
                    "parties": list(parties),
                    "targets": list(targets),
                    "credibility": float(snap.credibility[k]),
                },
                reading=(
                    "An agreement directed against other participants organises its parties' security "
                    "against them: the structural form of security at the expense of others."
                ),
            )
        )
    if ctx.zero_sum is None:
        notes.append("zero-sum classification not evaluated (pass the security model as the `zero_sum` hook)")
    else:
        large = ctx.param(NAME, "large_loss", DEFAULTS["large_loss"])
        for effect in ctx.zero_sum(ctx.architecture, snap):
            if effect.effect_class != "zero-sum":
                continue
            worst = max((-change for _, change in effect.losers), default=0.0)
            losers = [state for state, _ in effect.losers]
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"{effect.element} raises its parties' modelled security while lowering that of "
                    f"{listing(losers, 6)}",
                    severity=Severity.HIGH if worst >= large else Severity.MEDIUM,
                    elements=(effect.element, *losers),
                    evidence={
                        "gainers": {s: round(v, 6) for s, v in effect.gainers},
                        "losers": {s: round(v, 6) for s, v in effect.losers},
                        "net_change": round(effect.net, 6),
                    },
                    reading=(
                        "Leave-one-out effect in the security model: the change in each state's security "
                        "that the element causes; zero-sum means its parties gain while others lose."
                    ),
                )
            )
    return CheckOutcome(tuple(findings), tuple(notes))

"""Equality of security.

**Principle.** According to the 2024 statements on a Eurasian security architecture, security is to be
equal for all participants.

**Operationalisation.**

1. *Protection received.* For every state of the region, the probability that at least one of its
   guarantors honours its commitment, :math:`p_j = 1 - \\prod_i (1 - G_{ij})` (the guarantee matrix holds
   credibilities; guarantors are treated as independent). The inequality of :math:`p` across the region's
   states is measured by the Gini coefficient. A Gini of at least ``gini_medium`` (0.3) is a medium
   finding, at least ``gini_high`` (0.6) a high one.
2. *Asymmetric obligations.* Pairs in which one state is committed to defend another without the reverse
   commitment (a unilateral guarantee), for pairs with at least one state in the region: a low finding.
3. *Modelled security* (when the security model is given as a hook): the Gini of the states' modelled
   security across the region, with the same thresholds.

**Limits.** Protection counts guarantees only, not own capability (the security model adds it); the
independence of guarantors is an assumption; the Gini thresholds are conventions (about the inequality of
income in moderately and highly unequal societies), not empirical cut-offs for security.
"""

from __future__ import annotations

import numpy as np

from secarch.metrics.inequality import gini
from secarch.principles._common import by_share, listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "equality"
DEFAULTS = {"gini_medium": 0.3, "gini_high": 0.6}


@register(
    NAME,
    "Equality of security",
    "According to the 2024 statements, security should be equal for all participants.",
    DEFAULTS,
    bounds={"gini_medium": UNIT, "gini_high": UNIT},
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    region = ctx.region_mask
    medium = ctx.param(NAME, "gini_medium", DEFAULTS["gini_medium"])
    high = ctx.param(NAME, "gini_high", DEFAULTS["gini_high"])
    findings: list[Finding] = []
    notes: list[str] = []
    states = np.array(snap.states)

    protection = 1.0 - np.prod(1.0 - snap.guarantee, axis=0)
    regional = protection[region]
    spread = float(gini(regional)) if regional.size else float("nan")
    if np.isnan(spread):
        notes.append("no guarantee protects any state of the region: protection is equal (zero) for all")
    elif spread >= medium:
        unprotected = pick(snap.states, region & (protection == 0))
        order = np.argsort(-protection[region], kind="stable")
        findings.append(
            Finding(
                principle=NAME,
                title=f"Protection by guarantees is unequal across the region (Gini {spread:.2f})",
                severity=by_share(spread, medium, high),
                elements=tuple(states[region][order[:3]].tolist()) + unprotected,
                evidence={
                    "gini": round(spread, 4),
                    "mean_protection": round(float(regional.mean()), 4),
                    "unprotected_states": list(unprotected),
                    "most_protected": {
                        str(states[region][i]): round(float(regional[i]), 4) for i in order[:5]
                    },
                },
                reading=(
                    "Protection is the modelled probability that at least one guarantor honours its "
                    "commitment; a Gini near 0 means equal protection, near 1 protection held by a few."
                ),
            )
        )

    one_way = (snap.guarantee > 0) & (snap.guarantee.T == 0) & (region[:, None] | region[None, :])
    if one_way.any():
        guarantor, beneficiary = np.nonzero(one_way)
        pairs = [f"{states[i]}→{states[j]}" for i, j in zip(guarantor, beneficiary, strict=True)]
        links = int((snap.guarantee > 0).sum())
        findings.append(
            Finding(
                principle=NAME,
                title=f"{len(pairs)} guarantee relation(s) are one-way: {listing(pairs, 8)}",
                severity=Severity.LOW,
                elements=tuple(dict.fromkeys(states[np.concatenate([guarantor, beneficiary])].tolist())),
                evidence={"one_way_pairs": pairs, "share_of_guarantee_links": round(len(pairs) / links, 4)},
                reading=(
                    "A→B means A is committed to defend B while B has no commitment to defend A: an "
                    "asymmetric obligation, as in a unilateral guarantee."
                ),
            )
        )

    if ctx.security is None:
        notes.append("modelled security not evaluated (pass the security model as the `security` hook)")
    else:
        scores = np.asarray(ctx.security(ctx.architecture, snap), dtype=float)
        spread_s = float(gini(scores[region])) if region.any() else float("nan")
        if not np.isnan(spread_s) and spread_s >= medium:
            lowest = np.argsort(scores[region], kind="stable")[:3]
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"Modelled security is unequal across the region (Gini {spread_s:.2f})",
                    severity=by_share(spread_s, medium, high),
                    elements=tuple(states[region][lowest].tolist()),
                    evidence={
                        "gini": round(spread_s, 4),
                        "least_secure": {
                            str(states[region][i]): round(float(scores[region][i]), 4) for i in lowest
                        },
                    },
                    reading="The Gini of the security model's scores across the region's states.",
                )
            )
    return CheckOutcome(tuple(findings), tuple(notes))

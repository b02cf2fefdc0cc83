"""Recognition of multipolarity.

**Principle.** According to the 2024 statements, the architecture should recognise a multipolar world.

**Operationalisation.**

1. *Capability polarity* (needs capabilities): among the participants with known capability, the
   Singer–Bremer–Stuckey concentration CON, the effective number of poles and the number of states
   holding at least ``pole_threshold`` (10 %) of the capabilities (see :mod:`secarch.metrics.polarity`).
   Fewer than two poles is a medium finding (a unipolar distribution).
2. *Dependence on one guarantor*: of the credibility-weighted guarantee links that protect states of the
   region, the share provided by the single largest guarantor. At least ``dominance`` (50 %) is a medium
   finding: the region's guarantees centre on one state.

**Limits.** CINC shares measure material capability, not influence; the 10 % pole threshold adapts
Modelski & Thompson's rule for global powers; the 50 % dominance threshold is a convention (a majority).
"""

from __future__ import annotations

import numpy as np

from secarch.metrics.polarity import DEFAULT_POLE_THRESHOLD, concentration, effective_poles, pole_count
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "multipolarity"
DEFAULTS = {"pole_threshold": DEFAULT_POLE_THRESHOLD, "dominance": 0.5}


@register(
    NAME,
    "Recognition of multipolarity",
    "According to the 2024 statements, the architecture should recognise a multipolar world.",
    DEFAULTS,
    bounds={"pole_threshold": UNIT, "dominance": UNIT},
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    region = ctx.region_mask
    findings: list[Finding] = []
    notes: list[str] = []
    if ctx.capabilities is None:
        notes.append("capability polarity not evaluated (no capabilities given)")
    else:
        known = ~np.isnan(ctx.capabilities)
        values = ctx.capabilities[known]
        if values.size >= 2 and values.sum() > 0:
            threshold = ctx.param(NAME, "pole_threshold", DEFAULTS["pole_threshold"])
            poles = int(pole_count(values, threshold))
            if poles < 2:
                shares = values / values.sum()
                top = int(np.argmax(shares))
                leader = np.array(snap.states)[known][top]
                findings.append(
                    Finding(
                        principle=NAME,
                        title=f"Capabilities among the participants have {poles} pole(s) "
                        f"(CON {float(concentration(values)):.2f})",
                        severity=Severity.MEDIUM,
                        elements=(str(leader),),
                        evidence={
                            "concentration": round(float(concentration(values)), 4),
                            "effective_poles": round(float(effective_poles(values)), 4),
                            "poles": poles,
                            "pole_threshold": threshold,
                            "largest_share": round(float(shares[top]), 4),
                        },
                        reading=(
                            "A pole holds at least the threshold share of the participants' capabilities; "
                            "CON is 0 for equal shares and 1 when one state holds everything."
                        ),
                    )
                )
        else:
            notes.append("capability polarity not evaluated (fewer than two participants with capabilities)")
    protecting = snap.guarantee[:, region]
    total = float(protecting.sum())
    if total > 0:
        provided = protecting.sum(axis=1)
        top = int(np.argmax(provided))
        share = float(provided[top]) / total
        if share >= ctx.param(NAME, "dominance", DEFAULTS["dominance"]):
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"{snap.states[top]} provides {share:.0%} of the guarantees protecting the region",
                    severity=Severity.MEDIUM,
                    elements=(snap.states[top],),
                    evidence={
                        "share": round(share, 4),
                        "beneficiaries": int((protecting[top] > 0).sum()),
                        "guarantors": int((provided > 0).sum()),
                    },
                    reading=(
                        "Share of the credibility-weighted guarantee links to states of the region that "
                        "come from the single largest guarantor."
                    ),
                )
            )
    return CheckOutcome(tuple(findings), tuple(notes))

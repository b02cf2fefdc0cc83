"""Threat-agenda coverage.

**Principle.** The 2024 statements (and the CSTO's December 2020 declaration) name shared threats to be
countered together: terrorism, extremism, drug trafficking, illegal migration, cross-border crime and
biological security.

**Operationalisation.** For each threat item of ``items`` (the six named in the statements; a setting
gives a comma-separated list of the threat kinds of ``secarch.model.THREAT_KINDS``), the states
of the region that take part (as members or associates) in no organisation whose mandate lists the item:

- no organisation's mandate lists the item at all: medium;
- some states of the region are uncovered: low when they are fewer than ``share_medium`` (50 %) of the
  region, medium otherwise.

**Limits.** A mandate item says what an organisation is for, not what it does; bilateral cooperation
against the same threats is not modelled.
"""

from __future__ import annotations

from typing import Any

from secarch.model import THREAT_KINDS
from secarch.principles._common import inside, listing, pick
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "threat_agenda"
STATED_THREATS: tuple[str, ...] = (
    "terrorism",
    "extremism",
    "drug_trafficking",
    "illegal_migration",
    "cross_border_crime",
    "biological_security",
)
DEFAULTS: dict[str, Any] = {"share_medium": 0.5, "items": list(STATED_THREATS)}


@register(
    NAME,
    "Threat-agenda coverage",
    "According to the 2024 statements, terrorism, extremism, drug trafficking, illegal migration, "
    "cross-border crime and biological threats are to be countered together.",
    DEFAULTS,
    bounds={"share_medium": UNIT},
    choices={"items": THREAT_KINDS},
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    region = ctx.region_mask
    if not region.any():
        return CheckOutcome(notes=("the architecture's region has no participant",))
    items = ctx.param(NAME, "items", DEFAULTS["items"])
    taking_part = inside(snap)
    findings: list[Finding] = []
    for item in items:
        column = THREAT_KINDS.index(item)
        listing_orgs = snap.threat_agenda[:, column] if snap.threat_agenda.size else None
        if listing_orgs is None or not listing_orgs.any():
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"No organisation's mandate lists {item.replace('_', ' ')}",
                    severity=Severity.MEDIUM,
                    elements=(),
                    evidence={"item": item},
                    reading="No structure of the architecture is mandated to address this threat.",
                )
            )
            continue
        covered = (taking_part & listing_orgs[None, :]).any(axis=1)
        uncovered = region & ~covered
        if uncovered.any():
            codes = pick(snap.states, uncovered)
            share = len(codes) / int(region.sum())
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"{len(codes)} state(s) of the region are in no organisation addressing "
                    f"{item.replace('_', ' ')}: {listing(codes)}",
                    severity=Severity.MEDIUM
                    if share >= ctx.param(NAME, "share_medium", DEFAULTS["share_medium"])
                    else Severity.LOW,
                    elements=codes,
                    evidence={
                        "item": item,
                        "share_of_region": round(share, 4),
                        "organisations": list(pick(snap.organisations, listing_orgs)),
                    },
                    reading=(
                        "Coverage counts membership or association in an organisation whose mandate lists "
                        "the item."
                    ),
                )
            )
    return CheckOutcome(tuple(findings))

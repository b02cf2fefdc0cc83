"""Territorial integrity: agreements and recognitions that depend on contested territory.

**Principle.** The UN Charter (Art. 2(4)) and the Helsinki Final Act protect the territorial integrity of
states; critics of the 2024 proposal (e.g. Ukrainian analysts, December 2020) read it as a way to legitimise
territorial changes. The check lists the elements whose meaning depends on contested territory, so that
either reading can be examined.

**Operationalisation.**

- Every recognition in force of an entity on a contested territory: medium; high when the territory is
  the subject of an active dispute at armed-conflict or war intensity.
- Every agreement in force that covers or depends on a contested territory (its ``territories``): medium,
  high on the same condition.

Territories are matched by name (case and spacing ignored) with the active disputes' territories.

**Limits.** Memberships carry no territory in the domain model, so membership that depends on contested
territory (e.g. of an entity few states recognise) is not represented. The check records dependence, not
legality.
"""

from __future__ import annotations

from secarch.principles._common import territory_key
from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import CheckOutcome, register

NAME = "territorial_integrity"
HOT = frozenset({"armed_conflict", "war"})


@register(
    NAME,
    "Territorial integrity",
    "The UN Charter protects territorial integrity; critics read the 2024 proposal as legitimising "
    "territorial change. The check lists what depends on contested territory.",
)
def check(ctx: CheckContext) -> CheckOutcome:
    snap = ctx.snapshot
    disputes_by_territory: dict[str, list[int]] = {}
    for k, territory in enumerate(snap.dispute_territories):
        key = territory_key(territory)
        if key:
            disputes_by_territory.setdefault(key, []).append(k)

    def context_of(territory: str) -> tuple[list[str], Severity]:
        active = disputes_by_territory.get(territory_key(territory) or "", [])
        hot = any(snap.dispute_intensities[k] in HOT for k in active)
        return [snap.disputes[k] for k in active], Severity.HIGH if hot else Severity.MEDIUM

    findings: list[Finding] = []
    for recognition in snap.recognitions:
        disputes, severity = context_of(recognition.territory)
        findings.append(
            Finding(
                principle=NAME,
                title=f"{recognition.by} recognises {recognition.entity} ({recognition.territory})",
                severity=severity,
                elements=(recognition.id, recognition.by, *disputes),
                evidence={
                    "entity": recognition.entity,
                    "territory": recognition.territory,
                    "active_disputes": disputes,
                    "since": recognition.start.isoformat(),
                },
                reading=(
                    "A recognition of an entity whose status is contested; the evidence names the active "
                    "disputes over the same territory, if any."
                ),
            )
        )
    for k, territories in enumerate(snap.agreement_territories):
        for territory in territories:
            disputes, severity = context_of(territory)
            findings.append(
                Finding(
                    principle=NAME,
                    title=f"Agreement {snap.agreements[k]} covers contested territory: {territory}",
                    severity=severity,
                    elements=(snap.agreements[k], *disputes),
                    evidence={
                        "type": snap.agreement_types[k],
                        "territory": territory,
                        "active_disputes": disputes,
                    },
                    reading=(
                        "The agreement's scope depends on a territory whose status is contested; its meaning "
                        "differs depending on which claim one accepts."
                    ),
                )
            )
    return CheckOutcome(tuple(findings))

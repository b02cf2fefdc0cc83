"""Indivisibility of security: no security at the expense of others.

**Principle.** According to the 2024 statements (and the OSCE's 1999 Istanbul Charter before them), no
state should strengthen its security at the expense of the security of others.

**Operationalisation.**

1. *Structural* (always): every agreement in force whose ``targets`` include participants of the
   architecture. A guarantee (collective defence or mutual assistance) directed against a state of the
   region is a high finding; any other targeted agreement a medium one.
2. *Quantitative* (when the security model is given as the ``zero_sum`` hook): every agreement and
   membership in force is classified by its leave-one-out effect (``secarch.security.classify``): zero-sum
   when its parties gain (their mean change in security exceeds the model's threshold) while some non-party
   state loses more than the threshold; otherwise positive-sum (no state loses, or the changes sum to a
   positive total), negative-sum (some state loses and the changes sum to zero or less) or neutral.

   - Each zero-sum element is a medium finding naming the non-parties that lose, with the parties that lose
     (if any) reported apart; high when the largest non-party loss is at least ``large_loss`` (0.05, five
     percentage points of security).
   - One info finding gives the whole classification: the count per class and, for every agreement and
     membership, its class, number of parties, the parties' mean change, the parties that lose, the
     non-parties that lose and the net change over all states.

**Limits.** The structural part sees only targets written into the architecture; most agreements name no
target, so it misses implicit targeting. The quantitative part depends on the security model's
assumptions. The 0.05 cut-off is a convention.
"""

from __future__ import annotations

import numpy as np

from secarch.model import GUARANTEE_TYPES
from secarch.principles._common import listing, pick
from secarch.principles.context import CheckContext, ElementEffectLike
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "indivisibility"
DEFAULTS = {"large_loss": 0.05}
CLASSIFIED_KINDS = ("agreement", "membership")
"""The elements a state can join or conclude to strengthen its security; disputes and rivalries are not
classified here."""
CLASS_ORDER = ("zero-sum", "negative-sum", "positive-sum", "neutral")


@register(
    NAME,
    "Indivisibility of security",
    "According to the 2024 statements, no state should strengthen its security at the expense of others.",
    DEFAULTS,
    bounds={"large_loss": UNIT},
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
        effects = [e for e in ctx.zero_sum(ctx.architecture, snap) if e.kind in CLASSIFIED_KINDS]
        findings.append(_classification(effects))
        findings.extend(_zero_sum(effect, large) for effect in effects if effect.effect_class == "zero-sum")
    return CheckOutcome(tuple(findings), tuple(notes))


def _split_losers(
    effect: ElementEffectLike,
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(non-party losers, party losers), each largest loss first as the security model orders them."""
    parties = set(effect.parties)
    outside = [(s, v) for s, v in effect.losers if s not in parties]
    inside = [(s, v) for s, v in effect.losers if s in parties]
    return outside, inside


def _amounts(pairs: list[tuple[str, float]]) -> dict[str, float]:
    return {s: round(v, 6) for s, v in pairs}


def _zero_sum(effect: ElementEffectLike, large: float) -> Finding:
    outside, inside = _split_losers(effect)
    losers = [state for state, _ in outside]
    worst = max((-change for _, change in outside), default=0.0)
    title = (
        f"{effect.element} raises its parties' modelled security (mean change "
        f"{effect.parties_mean_change:+.4f}) while lowering that of non-parties {listing(losers, 6)}"
    )
    if inside:
        verb = "loses" if len(inside) == 1 else "lose"
        title += f"; {len(inside)} of its {len(effect.parties)} parties also {verb}"
    return Finding(
        principle=NAME,
        title=title,
        severity=Severity.HIGH if worst >= large else Severity.MEDIUM,
        elements=(effect.element, *losers),
        evidence={
            "parties_mean_change": round(effect.parties_mean_change, 6),
            "gainers": _amounts(list(effect.gainers)),
            "losers": _amounts(outside),
            "parties_losing": _amounts(inside),
            "net_change": round(effect.net, 6),
            "threshold": effect.threshold,
        },
        reading=(
            "Leave-one-out effect in the security model: the change in each state's security that the "
            "element causes. Zero-sum means its parties gain on average while states outside it lose more "
            "than the threshold; losers are non-parties, parties that lose are listed apart."
        ),
    )


def _classification(effects: list[ElementEffectLike]) -> Finding:
    counts = {name: 0 for name in CLASS_ORDER}
    for effect in effects:
        counts[effect.effect_class] = counts.get(effect.effect_class, 0) + 1
    rank = {name: k for k, name in enumerate(CLASS_ORDER)}
    rows = []
    for effect in sorted(effects, key=lambda e: rank.get(e.effect_class, len(rank))):
        outside, inside = _split_losers(effect)
        rows.append(
            {
                "element": effect.element,
                "kind": effect.kind,
                "class": effect.effect_class,
                "parties": len(effect.parties),
                "parties_mean_change": round(effect.parties_mean_change, 6),
                "parties_losing": _amounts(inside),
                "losers": _amounts(outside),
                "net_change": round(effect.net, 6),
            }
        )
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    return Finding(
        principle=NAME,
        title=f"Leave-one-out classification of {len(effects)} agreement(s) and membership(s): {summary}",
        severity=Severity.INFO,
        elements=(),
        evidence={
            "threshold": effects[0].threshold if effects else None,
            "counts": counts,
            "elements": rows,
        },
        reading=(
            "Every agreement and membership in force by its effect in the security model: zero-sum (its "
            "parties gain on average, some non-party loses more than the threshold), positive-sum (no state "
            "loses, or the changes sum to more than 0), negative-sum (some state loses and the changes sum "
            "to 0 or less) or neutral (no change beyond the threshold). 'losers' are non-parties; "
            "'parties_losing' the parties that lose."
        ),
    )

"""Mutual consideration of interests: does the predicted outcome of an open negotiation leave any party far
from its ideal, or lie nearer the stronger parties?

**Principle.** According to the 2024 statements, the architecture requires the "mandatory mutual
consideration of the interests of all parties", reached through open and inclusive negotiations.

**Operationalisation.** A negotiation forum (by default the bundled "rules of coexistence in Eurasia",
restricted to the actors present in the architecture on the date) is run with a bargaining model (by default
KTAB's Spatial Model of Politics; see :mod:`secarch.negotiation`). For each actor, the salience-weighted
distance from its ideal to the predicted outcome is in [0, 1].

1. Actors left farther than ``max_distance`` (0.4) from their ideal: one medium finding listing them (high
   when the farthest is beyond ``severe_distance``, 0.6).
2. Spearman rank correlation between capability and distance at or below ``power_correlation`` (−0.5): the
   outcome lies nearer the stronger actors — medium. (Any finite value is accepted: below −1 switches this
   part off; the distances are bounded to [0, 1].)

**Limits.** Positions and saliences are estimates recorded in the forum with their rationale; the outcome
is a model prediction, not a forecast. The thresholds are conventions of this check. Removing an
organisation or a state from an architecture removes it from the table, which can move the outcome.
"""

from __future__ import annotations

from secarch.principles.context import CheckContext
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import UNIT, CheckOutcome, register

NAME = "mutual_consideration"
DEFAULTS = {"max_distance": 0.4, "severe_distance": 0.6, "power_correlation": -0.5}

_READING = (
    "Distance is the salience-weighted gap between an actor's stated position and the predicted outcome: "
    "0 means the outcome is its ideal, 1 the opposite end of every issue it cares about."
)


@register(
    NAME,
    "Mutual consideration of interests",
    "According to the 2024 statements, the interests of all parties must be considered: the predicted "
    "outcome of an open negotiation should leave no party far from its ideal.",
    DEFAULTS,
    bounds={"max_distance": UNIT, "severe_distance": UNIT},
)
def check(ctx: CheckContext) -> CheckOutcome:
    if ctx.negotiation is None:
        return CheckOutcome((), ("not evaluated: no negotiation given (pass the `negotiation` hook)",))
    result = ctx.negotiation(ctx.architecture, ctx.snapshot)
    limit = ctx.param(NAME, "max_distance", DEFAULTS["max_distance"])
    severe = ctx.param(NAME, "severe_distance", DEFAULTS["severe_distance"])
    correlation_limit = ctx.param(NAME, "power_correlation", DEFAULTS["power_correlation"])
    actors = result.spec.actors
    distance = result.distance
    summary = result.consideration()
    findings = []
    far = [(actors[i], float(distance[i])) for i in range(len(actors)) if distance[i] > limit]
    if far:
        far.sort(key=lambda pair: -pair[1])
        findings.append(
            Finding(
                principle=NAME,
                title=f"{len(far)} of {len(actors)} negotiating parties end farther than {limit:.2f} from "
                f"their ideal (farthest: {far[0][0]}, {far[0][1]:.2f})",
                severity=Severity.HIGH if far[0][1] > severe else Severity.MEDIUM,
                elements=tuple(code for code, _ in far),
                evidence={
                    "distances": {code: round(value, 4) for code, value in far},
                    "mean_distance": round(summary["mean_distance"], 4),
                    "model": result.model,
                    "converged": bool(result.converged),
                },
                reading=_READING,
            )
        )
    correlation = summary["capability_distance_rank_correlation"]
    if correlation <= correlation_limit:
        findings.append(
            Finding(
                principle=NAME,
                title="The predicted outcome lies nearer the stronger parties "
                f"(rank correlation of capability and distance {correlation:.2f})",
                severity=Severity.MEDIUM,
                elements=tuple(actors),
                evidence={
                    "capability_distance_rank_correlation": round(correlation, 4),
                    "capability_weighted_distance": round(summary["capability_weighted_distance"], 4),
                    "mean_distance": round(summary["mean_distance"], 4),
                },
                reading="A negative correlation means that the more capable an actor, the nearer the outcome "
                "to its ideal.",
            )
        )
    return CheckOutcome(tuple(findings), ())

"""Parameters of the crisis simulation: every one named, with its default and the default's source.

The escalation coefficients are maximum-likelihood estimates on the Gibler–Miller–Little MID data
(1816–2010), refitted by ``scripts/calibrate_crisis.py`` (see :mod:`secarch.crisis.calibration`); the
offence-dominance default is the value that reproduces the share of two-state wars in the CoW inter-state
war data. docs/crisis.md lists them all with their sources.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

from secarch.errors import InputError
from secarch.params import EngineParams

RELIABILITY_PRESETS: dict[str, float] = {
    "as-written": 1.0,
    "llm2000": 0.745,
    "bf2018": 0.41,
    "bf2018-post1945": 0.22,
}
"""Named values of :attr:`CrisisParams.reliability`.

``as-written`` (1.0, the default) takes every agreement's credibility as the probability that it is honoured,
which is how the bundled architectures set them (defence-pact credibilities default to the published
fulfilment rates). The others are published fulfilment rates, for files whose credibilities are relative
(1 = a formal pact as written): 0.745 — alliance commitments honoured when the casus foederis arose,
1816–1944 (Leeds, Long & Mitchell 2000, *JCR* 44(5)); 0.41 — defence pacts, 1816–2003, and 0.22 — defence
pacts after 1945 (Berkemeier & Fuhrmann 2018, *Research & Politics* 5(2)).
"""

CALIBRATION_ERA_RELIABILITY: tuple[tuple[int, float], ...] = ((1944, 0.745), (9999, 0.22))
"""Reliability of ATOP defence pacts by era when the historical system is simulated (calibration):
Leeds, Long & Mitchell's rate up to 1944, Berkemeier & Fuhrmann's post-1945 rate after."""


def reliability_for_year(year: int) -> float:
    """Era reliability of a historical defence pact (:data:`CALIBRATION_ERA_RELIABILITY`).

    >>> reliability_for_year(1914), reliability_for_year(1991)
    (0.745, 0.22)
    """
    for last, value in CALIBRATION_ERA_RELIABILITY:
        if year <= last:
            return value
    return CALIBRATION_ERA_RELIABILITY[-1][1]


@dataclass(frozen=True)
class CrisisParams(EngineParams):
    """Parameters of escalation and joining (onset comes from the fitted hazard model).

    Escalation: a dispute in which c challenges t becomes a war with probability
    ``expit(intercept + deterrence · ln(1 + D_ct) + parity · |ln(s_c / s_t)| + mediation · M_ct)``, where
    D_ct is the target's credible defenders' projected capability relative to the challenger's, s the
    capability shares and M_ct = 1 when both belong to a (non-universal) organisation with a
    conflict-settlement mechanism (:mod:`secarch.crisis.escalation`).

    Joining: each guarantor k of the target joins the target's side with probability
    ``credibility[k, t] · reliability``; every other pull (guarantors of the challenger and of any state that
    joined) has probability ``credibility · reliability · offence_dominance`` (chain-ganging,
    :mod:`secarch.crisis.joining`).
    """

    #: Escalation logit: constant. MLE on 2,174 GML disputes 1816–2010 (95 wars); s.e. 0.185.
    escalation_intercept: float = -2.446671
    #: Escalation logit: coefficient of ln(1 + D_ct), the defenders' projected capability relative to the
    #: challenger's. MLE on GML 1816–2010 (ATOP defence pacts at era fulfilment rates); s.e. 0.205.
    deterrence: float = -0.794832
    #: Escalation logit: coefficient of |ln(s_c / s_t)| (0 at parity). MLE on GML 1816–2010; s.e. 0.073.
    parity: float = -0.090313
    #: Escalation logit: coefficient of joint membership in an organisation with a conflict-settlement
    #: mechanism. MLE on GML 1816–2010 with the regional organisations of docs/crisis.md; s.e. 0.334.
    mediation: float = -0.549779
    #: Scale on every guarantee's credibility (see :data:`RELIABILITY_PRESETS`); 1 = credibilities as written.
    reliability: float = 1.0
    #: Probability factor (0…1) for chain-ganging pulls relative to defending an attacked ally (Christensen &
    #: Snyder 1990): 0 = allies only defend an attacked state, 1 = they follow any ally into war. Calibrated
    #: so that 60% of simulated wars 1816–2010 are two-state wars, as in the CoW inter-state war data.
    offence_dominance: float = 0.158
    #: Largest number of joining waves (a safety bound; cascades end long before on real networks).
    max_waves: int = 64

    ENGINE: ClassVar[str] = "crisis"
    DOC: ClassVar[str] = "docs/crisis.md"

    def __post_init__(self) -> None:
        problems: list[tuple[str, object, str]] = []
        for name in ("escalation_intercept", "deterrence", "parity", "mediation"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value)):
                problems.append((name, value, "a finite number"))
        for name in ("reliability", "offence_dominance"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
                problems.append((name, value, "a number between 0 and 1"))
        if not (isinstance(self.max_waves, int) and self.max_waves >= 1):
            problems.append(("max_waves", self.max_waves, "an integer >= 1"))
        self.raise_first(problems)

    @classmethod
    def with_reliability(cls, reliability: float | str, **changes: Any) -> CrisisParams:
        """Parameters with ``reliability`` given as a number or a preset name (:data:`RELIABILITY_PRESETS`).

        >>> CrisisParams.with_reliability("bf2018").reliability
        0.41
        """
        if isinstance(reliability, str):
            key = reliability.strip().lower()
            if key not in RELIABILITY_PRESETS:
                try:
                    value = float(key)
                except ValueError:
                    raise InputError.single(
                        f"unknown reliability preset {reliability!r}",
                        field="reliability",
                        expected=f"a number in [0, 1] or one of {', '.join(RELIABILITY_PRESETS)}",
                    ) from None
            else:
                value = RELIABILITY_PRESETS[key]
        else:
            value = float(reliability)
        return cls(reliability=value, **changes)

"""95% intervals for Monte Carlo estimates from integer run tallies.

Every estimate of the crisis simulation is a proportion of runs, a mean over runs, or a ratio of two sums
over runs (e.g. the share of wars with two states: wars are clustered in runs). All three are computed from
integer sums, so that merging chunks in any order gives exactly the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054
"""The 97.5% quantile of the standard normal distribution."""


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its 95% interval."""

    value: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"value": self.value, "low": self.low, "high": self.high}

    def clipped(self, low: float = 0.0, high: float = math.inf) -> Estimate:
        """The same estimate with its interval cut to [low, high] (a normal interval can cross a bound the
        quantity cannot, e.g. a negative expected count)."""
        return Estimate(self.value, min(max(self.low, low), high), min(max(self.high, low), high))

    def __str__(self) -> str:
        return f"{self.value:.4g} [{self.low:.4g}, {self.high:.4g}]"


def wilson(successes: int, trials: int, z: float = Z95) -> Estimate:
    """Proportion with the Wilson score interval (Wilson 1927, *JASA* 22(158)).

    centre = (k + z²/2) / (n + z²), half-width = z / (n + z²) · sqrt(k (n − k) / n + z²/4).

    >>> e = wilson(0, 100)
    >>> e.value, round(e.low, 6), round(e.high, 4)
    (0.0, 0.0, 0.037)
    """
    n, k = int(trials), int(successes)
    if n <= 0:
        return Estimate(math.nan, math.nan, math.nan)
    z2 = z * z
    centre = (k + z2 / 2) / (n + z2)
    half = z / (n + z2) * math.sqrt(k * (n - k) / n + z2 / 4)
    return Estimate(k / n, max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(total: int | float, total_sq: int | float, n: int, z: float = Z95) -> Estimate:
    """Mean of n values from their sum and sum of squares, with the normal interval mean ± z s / √n.

    >>> mean_interval(10, 24, 5)  # values 1, 1, 2, 3, 3: mean 2, s² = 1
    Estimate(value=2.0, low=1.12347..., high=2.87652...)
    """
    if n <= 0:
        return Estimate(math.nan, math.nan, math.nan)
    mean = float(total) / n
    if n == 1:
        return Estimate(mean, math.nan, math.nan)
    var = max(0.0, (float(total_sq) - float(total) * float(total) / n) / (n - 1))
    half = z * math.sqrt(var / n)
    return Estimate(mean, mean - half, mean + half)


def ratio_interval(
    sum_a: int | float,
    sum_b: int | float,
    sum_aa: int | float,
    sum_bb: int | float,
    sum_ab: int | float,
    n: int,
    z: float = Z95,
) -> Estimate:
    """Ratio R = Σa / Σb of two per-run totals, with the linearisation (delta-method) interval for a ratio
    estimator over n independent runs (Cochran 1977, *Sampling Techniques*, §6.4):

    Var(R) ≈ Σ (a_r − R b_r)² / ((n − 1) n b̄²),  Σ (a − R b)² = Σa² − 2R Σab + R² Σb².

    >>> e = ratio_interval(2, 4, 2, 6, 3, 2)   # runs: (a, b) = (1, 1), (1, 3) → R = 0.5
    >>> e.value, round(e.high - e.value, 4)
    (0.5, 0.49)
    """
    if n <= 0 or sum_b == 0:
        return Estimate(math.nan, math.nan, math.nan)
    r = float(sum_a) / float(sum_b)
    if n == 1:
        return Estimate(r, math.nan, math.nan)
    residual = float(sum_aa) - 2 * r * float(sum_ab) + r * r * float(sum_bb)
    mean_b = float(sum_b) / n
    var = max(0.0, residual) / ((n - 1) * n * mean_b * mean_b)
    half = z * math.sqrt(var)
    return Estimate(r, r - half, r + half)

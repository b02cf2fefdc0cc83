"""Bueno de Mesquita's loss-of-strength gradient, in the form EUGene computes it.

A state's capability shrinks as it is projected away from home. Bueno de Mesquita (1981, *The War Trap*,
pp. 103–105) discounts a capability ``c`` (a share of the system's capability, so ``0 <= c <= 1``) at a
distance of ``d`` miles by raising it to a power that grows with the number of days needed to get there::

    projected = c ** log10(d / m + (10 - e))

where ``m`` is the number of miles an army can move in a day and ``e`` is Euler's number (2.71828…, the base
of natural logarithms). The constant ``10 - e`` sets the exponent to 1 (no discount) when the journey takes
``e`` days (d = e * m); closer than that the exponent is below 1 and the capability is *raised*; at home
(d = 0) the exponent is log10(10 - e) ≈ 0.862. EUGene (Bennett and Stam 2000, "EUGene: a conceptual manual",
*International Interactions* 26) uses the same expression with capital-to-capital distances, a distance of 0
for states contiguous by land, and ``m`` = 250 miles a day before 1918, 375 for 1918–1945 and 500 after 1945.

Because the formula raises a *share* to a power, it is not homogeneous: multiplying every capability by a
constant does not multiply the projected capabilities by a constant. secarch therefore always applies it to
capability shares (see :mod:`secarch.security.model`), which makes the scores scale-free by construction.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: The additive constant of the exponent, 10 - e (Bueno de Mesquita 1981, p. 105).
GRADIENT_OFFSET = 10.0 - math.e

#: The exponent at home (distance 0): log10(10 - e) ≈ 0.862.
HOME_EXPONENT = math.log10(GRADIENT_OFFSET)


def miles_per_day(year: int) -> float:
    """Miles a state's forces can move in a day, by era, as in EUGene.

    250 before 1918, 375 for 1918–1945, 500 from 1946 (Bueno de Mesquita 1981; Bennett and Stam 2000).

    >>> miles_per_day(1900), miles_per_day(1930), miles_per_day(2024)
    (250.0, 375.0, 500.0)
    """
    if year < 1918:
        return 250.0
    if year <= 1945:
        return 375.0
    return 500.0


def effective_distance(distance_miles: npt.ArrayLike, contiguous: npt.ArrayLike) -> FloatArray:
    """Distances with land-contiguous pairs (and the diagonal) set to 0, as EUGene does.

    ``distance_miles`` is an n×n matrix of capital-to-capital distances in miles; ``contiguous`` an n×n
    boolean matrix of contiguity by land (CoW Direct Contiguity type 1).

    >>> effective_distance([[0, 700], [700, 0]], [[False, True], [True, False]]).tolist()
    [[0.0, 0.0], [0.0, 0.0]]
    """
    d = np.array(distance_miles, dtype=float)
    d[np.asarray(contiguous, dtype=bool)] = 0.0
    np.fill_diagonal(d, 0.0)
    return d


def gradient_exponent(distance_miles: npt.ArrayLike, miles_a_day: float) -> FloatArray:
    """The exponent log10(d / m + 10 - e) of the loss-of-strength gradient.

    >>> round(float(gradient_exponent(0.0, 500.0)), 4)
    0.8622
    >>> float(gradient_exponent(500.0 * math.e, 500.0))
    1.0
    """
    if miles_a_day <= 0:
        raise ValueError(f"miles a day must be positive, got {miles_a_day}")
    d = np.asarray(distance_miles, dtype=float)
    return np.log10(d / miles_a_day + GRADIENT_OFFSET)


def projected_capability(shares: npt.ArrayLike, exponent: npt.ArrayLike) -> FloatArray:
    """P[j, i] = shares[j] ** exponent[j, i]: the capability of j that reaches i.

    ``shares`` are capability shares in [0, 1]; ``exponent`` the n×n matrix from :func:`gradient_exponent`.
    A zero share stays zero at every distance.

    >>> projected_capability([0.25, 0.0], [[1.0, 2.0], [2.0, 1.0]]).tolist()
    [[0.25, 0.0625], [0.0, 0.0]]
    """
    s = np.asarray(shares, dtype=float)
    x = np.asarray(exponent, dtype=float)
    return np.asarray(np.power(s[:, None], x), dtype=float)


def projection_matrix(
    shares: npt.ArrayLike, distance_miles: npt.ArrayLike, land_contiguous: npt.ArrayLike, year: int
) -> FloatArray:
    """P[j, i]: the capability share of j that reaches i in ``year`` — the three steps above in one.

    >>> P = projection_matrix([0.5, 0.5], [[0, 1000], [1000, 0]], [[False, False], [False, False]], 2000)
    >>> [round(float(x), 4) for x in P[0]]
    [0.5501, 0.5113]
    """
    exponent = gradient_exponent(effective_distance(distance_miles, land_contiguous), miles_per_day(year))
    return projected_capability(shares, exponent)

"""INTERIM ADAPTER — replace with :mod:`secarch.security.gradient` when the ``security`` branch lands.

Bueno de Mesquita's (1981, *The War Trap*) loss-of-strength gradient as EUGene computes it (Bennett & Stam
2000): P[k, s] = c_k ** log10(d_ks / m + 10 − e), d_ks the capital-to-capital distance in miles (0 between
land neighbours and on the diagonal), m the miles a day (250 before 1918, 375 for 1918–1945, 500 after).
The crisis engine needs only :func:`projection_matrix`; keep this file until the shared implementation is
on main, then make :func:`projection_matrix` call it (one copy of the formula in the code base).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def miles_per_day(year: int) -> float:
    """EUGene's miles a day by era.

    >>> miles_per_day(1900), miles_per_day(1930), miles_per_day(2000)
    (250.0, 375.0, 500.0)
    """
    return 250.0 if year < 1918 else 375.0 if year <= 1945 else 500.0


def projection_matrix(
    shares: npt.ArrayLike, distance_miles: npt.ArrayLike, land_contiguous: npt.ArrayLike, year: int
) -> FloatArray:
    """P[k, s]: capability share of k projected to s.

    >>> P = projection_matrix([0.5, 0.5], [[0, 1000], [1000, 0]], [[False, False], [False, False]], 2000)
    >>> [round(float(x), 4) for x in P[0]]
    [0.5501, 0.5113]
    """
    d = np.array(distance_miles, dtype=float)
    d[np.asarray(land_contiguous, dtype=bool)] = 0.0
    np.fill_diagonal(d, 0.0)
    exponent = np.log10(d / miles_per_day(year) + 10.0 - math.e)
    s = np.asarray(shares, dtype=float)
    return np.asarray(np.power(s[:, None], exponent), dtype=float)

"""Geography for the engines: great-circle distances, capital-distance, contiguity and minimum-distance
matrices over any list of states (vectorised with NumPy).

Distances between capitals are great-circle distances on a sphere of radius 6371.0088 km (the IUGG mean
Earth radius R1; Moritz 2000, "Geodetic Reference System 1980"), by the haversine formula (Sinnott 1984,
"Virtues of the Haversine", Sky and Telescope 68(2): 159). The spherical model differs from the ellipsoid
by at most about 0.5 %. Miles are statute miles (1 mile = 1.609344 km), the unit of Bueno de Mesquita's
loss-of-strength gradient.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344

FloatArray = npt.NDArray[np.float64]


def great_circle_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> FloatArray:
    """Great-circle distance in km between points given in decimal degrees (arrays broadcast).

    Haversine formula: d = 2R·asin(√(sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2))), R = 6371.0088 km.

    >>> round(float(great_circle_km(0, 0, 90, 0)), 1)  # equator to pole: a quarter of a great circle
    10007.6
    """
    phi1, lam1, phi2, lam2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), dtype=float)


def km_to_miles(km: npt.ArrayLike) -> FloatArray:
    """Statute miles from kilometres (1 mile = 1.609344 km exactly)."""
    return np.asarray(km, dtype=float) / KM_PER_MILE

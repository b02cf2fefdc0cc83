"""Polarity: how concentrated capabilities are, and how many poles the system has.

- Concentration CON (Singer, Bremer & Stuckey 1972, "Capability distribution, uncertainty, and major
  power war, 1820–1965", in B. Russett (ed.), *Peace, War, and Numbers*, Beverly Hills: Sage, 19–48).
- Effective number of poles, the inverse Herfindahl index of the shares (the formula of Laakso &
  Taagepera 1979, "'Effective' number of parties", *Comparative Political Studies* 12(1): 3–27, applied to
  capability shares).
- Count of poles: the states holding at least a threshold share of the capabilities. The default 10 %
  follows the rule Modelski & Thompson (1988, *Seapower in Global Politics, 1494–1993*, London: Macmillan)
  use for global powers (at least 10 % of the system's naval capability); applying it to CINC shares is our
  adaptation, stated as such.

Every function works along the last axis, so a (years × states) table is processed in one call; NaN marks
a state absent in a year.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from secarch.errors import InputError

__all__ = ["DEFAULT_POLE_THRESHOLD", "capability_shares", "concentration", "effective_poles", "pole_count"]

DEFAULT_POLE_THRESHOLD = 0.10
"""Share of the capabilities that makes a state a pole (Modelski & Thompson 1988, adapted)."""


def capability_shares(capabilities: ArrayLike) -> NDArray[np.float64]:
    """Each state's share of the total along the last axis (NaN stays NaN: the state is absent).

    .. math:: S_i = C_i / \\sum_j C_j

    Examples
    --------
    >>> capability_shares([2.0, 1.0, 1.0]).tolist()
    [0.5, 0.25, 0.25]
    """
    values = np.asarray(capabilities, dtype=float)
    if values.ndim == 0:
        raise InputError.single(
            "capabilities is a scalar", field="capabilities", expected="one value per state"
        )
    if np.any(values[~np.isnan(values)] < 0) or np.any(np.isinf(values)):
        raise InputError.single(
            "capabilities must be finite and ≥ 0",
            field="capabilities",
            expected="finite values ≥ 0 (NaN = absent)",
        )
    total = np.nansum(values, axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares: NDArray[np.float64] = np.where(total > 0, values / np.where(total > 0, total, 1.0), np.nan)
    return shares


def concentration(capabilities: ArrayLike) -> NDArray[np.float64] | float:
    """Singer, Bremer and Stuckey's concentration index CON of the capabilities along the last axis.

    .. math:: \\mathrm{CON} = \\sqrt{\\frac{\\sum_{i=1}^{N} S_i^2 - 1/N}{1 - 1/N}}

    with :math:`S_i` the capability shares of the *N* states present. CON is 0 when all shares are equal and
    1 when one state holds everything; undefined (NaN) for fewer than two states or a zero total.

    Examples
    --------
    >>> float(concentration([1.0, 1.0, 1.0, 1.0]))
    0.0
    >>> float(concentration([5.0, 0.0, 0.0]))
    1.0
    >>> round(float(concentration([0.5, 0.3, 0.2])), 4)
    0.2646
    """
    shares = capability_shares(capabilities)
    present = (~np.isnan(shares)).sum(axis=-1)
    herfindahl = np.nansum(shares**2, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        inverse_n = 1.0 / present
        ratio = (herfindahl - inverse_n) / (1.0 - inverse_n)
    # Rounding can leave the numerator a hair below zero for equal shares.
    con = np.where(
        (present >= 2) & ~np.all(np.isnan(shares), axis=-1), np.sqrt(np.clip(ratio, 0.0, 1.0)), np.nan
    )
    return float(con) if con.ndim == 0 else con


def effective_poles(capabilities: ArrayLike) -> NDArray[np.float64] | float:
    """Effective number of poles :math:`1 / \\sum_i S_i^2` along the last axis.

    It equals *m* when *m* states hold equal shares and the rest nothing (Laakso & Taagepera 1979).

    Examples
    --------
    >>> float(effective_poles([1.0, 1.0, 0.0, 0.0]))
    2.0
    """
    shares = capability_shares(capabilities)
    herfindahl = np.nansum(shares**2, axis=-1)
    with np.errstate(divide="ignore"):
        value = np.where(herfindahl > 0, 1.0 / np.where(herfindahl > 0, herfindahl, 1.0), np.nan)
    return float(value) if value.ndim == 0 else value


def pole_count(capabilities: ArrayLike, threshold: float = DEFAULT_POLE_THRESHOLD) -> NDArray[np.int64] | int:
    """Number of states whose capability share is at least ``threshold``, along the last axis.

    .. math:: P = \\#\\{i : S_i \\ge \\theta\\}, \\quad \\theta = 0.10 \\text{ by default}

    Examples
    --------
    >>> int(pole_count([0.22, 0.14, 0.08, 0.56]))
    3
    >>> int(pole_count([0.22, 0.14, 0.08, 0.56], threshold=0.2))
    2
    """
    if not 0 < threshold <= 1:
        raise InputError.single(
            f"threshold is {threshold}", field="threshold", expected="a share in (0, 1]", hint="e.g. 0.10"
        )
    shares = capability_shares(capabilities)
    count = np.sum(np.nan_to_num(shares, nan=0.0) >= threshold, axis=-1)
    return int(count) if np.ndim(count) == 0 else count

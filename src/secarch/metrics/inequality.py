"""Inequality of a distribution across states: the Gini coefficient.

Gini, C. (1912), *Variabilità e mutabilità*, Bologna: C. Cuppini; the mean-difference form as in Sen, A.
(1973), *On Economic Inequality*, Oxford: Clarendon Press, ch. 2.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from secarch.errors import InputError

__all__ = ["gini"]


def gini(values: ArrayLike) -> NDArray[np.float64] | float:
    """Gini coefficient of non-negative values along the last axis (NaN entries are ignored).

    .. math:: G = \\frac{\\sum_i \\sum_j |x_i - x_j|}{2 n^2 \\bar x}
              = \\frac{2 \\sum_i i\\, x_{(i)}}{n \\sum_i x_{(i)}} - \\frac{n + 1}{n}

    with :math:`x_{(i)}` sorted ascending. 0 when all are equal; :math:`(n-1)/n` when one holds everything;
    NaN when the total is 0 or no value is present.

    Examples
    --------
    >>> float(gini([1.0, 1.0, 1.0]))
    0.0
    >>> float(gini([0.0, 0.0, 0.0, 4.0]))
    0.75
    """
    x = np.asarray(values, dtype=float)
    if x.ndim == 0:
        raise InputError.single("values is a scalar", field="values", expected="one value per state")
    if np.any(x[~np.isnan(x)] < 0) or np.any(np.isinf(x)):
        raise InputError.single("values must be finite and ≥ 0", field="values", expected="values ≥ 0")
    present = (~np.isnan(x)).sum(axis=-1)
    # NaNs sort last; giving them rank weight 0 leaves them out.
    ordered = np.sort(x, axis=-1)
    rank = np.arange(1, x.shape[-1] + 1, dtype=float)
    valid = ~np.isnan(ordered)
    filled = np.where(valid, ordered, 0.0)
    total = filled.sum(axis=-1)
    weighted = (rank * filled).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.where(
            (total > 0) & (present > 0), 2 * weighted / (present * total) - (present + 1) / present, np.nan
        )
    return float(g) if g.ndim == 0 else g

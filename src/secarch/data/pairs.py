"""Dyadic helpers shared by the data API, the table builds and the crisis engine: non-directed pair lists and
symmetric ``n × n`` matrices over a list of states.

A non-directed dyad list writes each pair once, with the lower code first (``ccode1 < ccode2``), as the
non-directed files of the CoW project and peacesciencer do. A pair matrix is indexed by the positions of
the states in a list given by the caller (secarch ids or CoW codes alike).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd


def nondirected(frame: pd.DataFrame, first: str = "ccode1", second: str = "ccode2") -> pd.DataFrame:
    """``frame`` with each row's pair ordered so that ``first`` < ``second`` (other columns unchanged).

    A directed file lists (a, b) and (b, a); after this both read (min, max), so that duplicates can be
    dropped. Rows keep their order and index.

    >>> nondirected(pd.DataFrame({"ccode1": [365, 2], "ccode2": [2, 365], "year": [1950, 1950]}))
       ccode1  ccode2  year
    0       2     365  1950
    1       2     365  1950
    """
    a, b = frame[first].to_numpy(), frame[second].to_numpy()
    return frame.assign(**{first: np.minimum(a, b), second: np.maximum(a, b)})


def pair_matrix(
    index: pd.Index,
    first: npt.ArrayLike,
    second: npt.ArrayLike,
    values: npt.ArrayLike,
    *,
    fill: float | int | bool = 0,
    dtype: npt.DTypeLike = float,
) -> np.ndarray:
    """Symmetric ``n × n`` matrix over the states of ``index`` with ``values`` at the pairs (first, second).

    M[i, j] = M[j, i] = value of the pair; ``fill`` where no pair is given. Pairs with a state not in
    ``index`` are left out. Where a pair is given more than once the last value wins, so callers order the
    pairs to choose (e.g. the closest contiguity type written last).

    >>> pair_matrix(pd.Index(["RUS", "UKR", "USA"]), ["UKR", "CAN"], ["RUS", "USA"], [1, 4], dtype=int)
    array([[0, 1, 0],
           [1, 0, 0],
           [0, 0, 0]])
    """
    n = len(index)
    i = index.get_indexer(pd.Index(np.asarray(first)))
    j = index.get_indexer(pd.Index(np.asarray(second)))
    keep = (i >= 0) & (j >= 0)
    i, j = i[keep], j[keep]
    v = np.broadcast_to(np.asarray(values), keep.shape)[keep]  # one value per pair, or one for all
    out = np.full((n, n), fill, dtype=dtype)
    # both cells of each pair in one assignment, pair by pair, so that a later pair wins in both
    out[np.column_stack([i, j]).ravel(), np.column_stack([j, i]).ravel()] = np.repeat(v, 2)
    return out

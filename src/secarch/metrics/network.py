"""The state–organisation–agreement network and its projection onto states.

States are tied to organisations (by membership, weighted by status) and to agreements (as parties). The
two-mode network is projected onto states: two states are tied by every organisation and agreement they
share (Breiger, R. L. (1974), "The duality of persons and groups", *Social Forces* 53(2): 181–190):

.. math:: W = M M^\\top + P^\\top \\mathrm{diag}(a) P, \\quad W_{ii} := 0

with *M* the state × organisation membership weights, *P* the agreement × state party matrix and *a* the
agreements' weights. Density is the share of possible ties that are present (Wasserman, S. & Faust, K.
(1994), *Social Network Analysis*, Cambridge University Press, §4.2).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from secarch.errors import InputError
from secarch.metrics._arrays import as_matrix, as_vector, binary_adjacency, nonnegative

__all__ = ["DEFAULT_STATUS_WEIGHTS", "density", "state_projection", "status_weight_matrix"]

DEFAULT_STATUS_WEIGHTS: Mapping[str, float] = {
    "member": 1.0,
    "associate": 0.5,
    "partner": 0.25,
    "dialogue_partner": 0.25,
    "observer": 0.25,
    "suspended": 0.0,
    "frozen": 0.0,
}
"""Weight of a membership by status. A convention, not an estimate: full members count fully, associates
half, looser links a quarter, and suspended or frozen memberships not at all. The ordering follows the CoW
IGO coding (full > associate > observer; Pevehouse et al. 2020); the values are ours. Override them where it
matters."""


def status_weight_matrix(
    status: ArrayLike, codes: list[str], weights: Mapping[str, float] = DEFAULT_STATUS_WEIGHTS
) -> NDArray[np.float64]:
    """Turn a matrix of status codes into membership weights.

    ``status`` holds integer indices into ``codes`` (e.g. ``codes = ["none", "member", "observer"]``) with
    any negative index meaning no membership; a code missing from ``weights`` weighs 0.

    Examples
    --------
    >>> status_weight_matrix([[1, 2], [0, -1]], ["none", "member", "observer"]).tolist()
    [[1.0, 0.25], [0.0, 0.0]]
    """
    index = np.asarray(status)
    if not np.issubdtype(index.dtype, np.integer):
        raise InputError.single("status must hold integer codes", field="status", expected="integer indices")
    if index.size and index.max() >= len(codes):
        raise InputError.single(
            f"status code {int(index.max())} has no name",
            field="status",
            expected=f"codes below {len(codes)}",
        )
    table = np.array([float(weights.get(code, 0.0)) for code in codes] + [0.0])
    return table[np.where(index < 0, len(codes), index)]


def state_projection(
    membership: ArrayLike | None = None,
    parties: ArrayLike | None = None,
    agreement_weight: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """Weighted state × state network of shared organisations and agreements (zero diagonal).

    Parameters
    ----------
    membership : (n, m) array, optional
        State × organisation membership weights (see :func:`status_weight_matrix`).
    parties : (a, n) array, optional
        Agreement × state; > 0 for a party.
    agreement_weight : (a,) array, optional
        Weight of each agreement (e.g. its credibility); 1 by default.

    Examples
    --------
    >>> state_projection([[1, 0], [1, 1], [0, 1]], [[1, 0, 1]]).tolist()
    [[0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
    """
    if membership is None and parties is None:
        raise InputError.single(
            "nothing to project", field="membership", expected="a membership matrix, a party matrix or both"
        )
    projection: NDArray[np.float64] | None = None
    if membership is not None:
        m = nonnegative(as_matrix(membership, "membership"), "membership")
        projection = m @ m.T
    if parties is not None:
        p = (as_matrix(parties, "parties") > 0).astype(float)
        a = (
            np.ones(p.shape[0])
            if agreement_weight is None
            else as_vector(agreement_weight, "agreement_weight")
        )
        if a.shape[0] != p.shape[0]:
            raise InputError.single(
                f"agreement_weight has {a.shape[0]} entries",
                field="agreement_weight",
                expected=f"{p.shape[0]} (one per agreement)",
            )
        if agreement_weight is None and p.shape[0] < 2**24:
            # Unweighted: counts of shared agreements, exact in float32, which halves the product's cost.
            counts = p.astype(np.float32)
            shared = (counts.T @ counts).astype(float)
        else:
            shared = (p * a[:, None]).T @ p
        if projection is not None and projection.shape != shared.shape:
            raise InputError.single(
                f"membership covers {projection.shape[0]} states but parties {shared.shape[0]}",
                field="parties",
                expected="the same states, in the same order, in both matrices",
            )
        projection = shared if projection is None else projection + shared
    assert projection is not None
    np.fill_diagonal(projection, 0.0)
    return projection


def density(adjacency: ArrayLike, *, directed: bool = False) -> float:
    """Share of possible ties present (ties > 0; self-loops ignored).

    .. math:: \\Delta = \\frac{L}{n(n-1)/2} \\text{ (undirected)},\\; \\frac{L}{n(n-1)} \\text{ (directed)}

    NaN for fewer than two nodes.

    Examples
    --------
    >>> density([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    0.3333333333333333
    """
    a = binary_adjacency(adjacency, "adjacency")
    n = a.shape[0]
    if n < 2:
        return float("nan")
    if directed:
        return float(a.sum() / (n * (n - 1)))
    return float(np.triu(a | a.T, 1).sum() / (n * (n - 1) / 2))

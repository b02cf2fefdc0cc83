"""Joining a war: guarantors come in, and their own guarantors may follow (chain-ganging).

A war starts with a challenger c (side A) and a target t (side B). Joining proceeds in waves. In each wave
every state that entered the war in the previous wave *pulls* each of its guarantors k that is not yet
involved: k is pulled to the puller's side with probability

* q_kt = credibility × reliability when the puller is the attacked target itself (the casus foederis of a
  defence commitment: Leeds, Long & Mitchell 2000);
* ω q_ks otherwise — the challenger's guarantors and the guarantors of states that joined (chain-ganging,
  following an ally into a war it chose; ω is the offence-dominance parameter, Christensen & Snyder 1990,
  "Chain gangs and passed bucks", *International Organization* 44(2)).

Pulls are independent, so k is pulled to side A with probability P_A = 1 − Π_{s ∈ new A} (1 − q_ks), and
likewise P_B. A state pulled by both sides in the same wave stays out of the war for good (cross-pressure);
otherwise it joins the side that pulled it. A state that was not pulled can still be pulled later by new
belligerents. The cascade stops when a wave brings nobody in (or after ``max_waves``).

For reporting "who pulled whom in", a joiner's puller is the new belligerent of its side with the largest
pull probability on it (the lowest index on ties).

Random numbers: one uniform per war, state and wave, drawn by the caller's ``draw`` function for the wars
still cascading (in the order of ``challenger``), so that the caller controls the streams.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

SIDE_A = 1
"""Challenger's side in :attr:`Cascade.side`."""
SIDE_B = -1
"""Target's side."""
ABSTAINED = 2
"""Pulled by both sides in one wave: stays out."""


@dataclass(frozen=True, eq=False)
class Cascade:
    """Outcome of the joining cascade of W wars over n states.

    ``side[w, k]``: +1 side A, −1 side B, 0 not involved, 2 cross-pressured abstainer;
    ``puller[w, k]``: the state that pulled k in (−1 for the two original belligerents and non-joiners);
    ``wave[w, k]``: the wave in which k entered (0 for the original belligerents, −1 if never).
    """

    side: npt.NDArray[np.int8]
    puller: IntArray
    wave: npt.NDArray[np.int16]

    @property
    def size(self) -> IntArray:
        """Number of states at war in each war."""
        return np.asarray(np.sum((self.side == SIDE_A) | (self.side == SIDE_B), axis=1), dtype=np.int64)


Draw = Callable[[IntArray], FloatArray]


def cascade(
    challenger: npt.ArrayLike,
    target: npt.ArrayLike,
    defend: npt.ArrayLike,
    follow: npt.ArrayLike,
    draw: Draw,
    max_waves: int = 64,
) -> Cascade:
    """Run the joining cascade for W wars at once.

    ``defend[k, s]`` is the probability that k joins when s is the attacked target, ``follow[k, s]`` the
    probability that k follows s otherwise (both n × n, zero diagonal); ``draw(rows)`` returns uniforms of
    shape (len(rows), n) for the wars ``rows`` still cascading.

    >>> q = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])   # 0 always defends 1
    >>> out = cascade([2], [1], q, 0.0 * q, lambda rows: np.full((len(rows), 3), 0.5))
    >>> out.side.tolist(), out.puller.tolist()
    ([[-1, -1, 1]], [[1, -1, -1]])
    """
    c = np.asarray(challenger, dtype=np.int64)
    t = np.asarray(target, dtype=np.int64)
    q_defend = np.asarray(defend, dtype=float)
    q_follow = np.asarray(follow, dtype=float)
    n = q_defend.shape[0]
    w = len(c)
    rows = np.arange(w)
    side = np.zeros((w, n), dtype=np.int8)
    puller = np.full((w, n), -1, dtype=np.int64)
    wave = np.full((w, n), -1, dtype=np.int16)
    side[rows, c] = SIDE_A
    side[rows, t] = SIDE_B
    wave[rows, c] = 0
    wave[rows, t] = 0
    if w == 0:
        return Cascade(side, puller, wave)
    # log(1 − q): pulls combine by adding logs (np.add.at accumulates in index order, so the result does
    # not depend on how many wars are processed together)
    with np.errstate(divide="ignore"):
        log_defend = np.log1p(-q_defend)
        log_follow = np.log1p(-q_follow)
    new_a = np.zeros((w, n), dtype=bool)
    new_b = np.zeros((w, n), dtype=bool)
    new_a[rows, c] = True
    new_b[rows, t] = True
    for step in range(1, max_waves + 1):
        cascading = np.flatnonzero(new_a.any(axis=1) | new_b.any(axis=1))
        if len(cascading) == 0:
            break
        na, nb = new_a[cascading], new_b[cascading]
        # only the target's own guarantors act on a defence commitment; every other pull is chain-ganging
        matrix_b = log_defend if step == 1 else log_follow
        strength_b = q_defend if step == 1 else q_follow
        log_a = _log_survival(na, log_follow)
        log_b = _log_survival(nb, matrix_b)
        p_a = -np.expm1(log_a)
        p_b = -np.expm1(log_b)
        u = draw(cascading)
        eligible = side[cascading] == 0
        only_a = p_a * (1.0 - p_b)
        only_b = p_b * (1.0 - p_a)
        join_a = eligible & (u < only_a)
        join_b = eligible & (u >= only_a) & (u < only_a + only_b)
        stay_out = eligible & (u >= only_a + only_b) & (u < only_a + only_b + p_a * p_b)
        sub_side = side[cascading]
        sub_side[join_a] = SIDE_A
        sub_side[join_b] = SIDE_B
        sub_side[stay_out] = ABSTAINED
        side[cascading] = sub_side
        sub_wave = wave[cascading]
        sub_wave[join_a | join_b] = step
        wave[cascading] = sub_wave
        sub_puller = puller[cascading]
        sub_puller[join_a] = _strongest_puller(join_a, na, q_follow)
        sub_puller[join_b] = _strongest_puller(join_b, nb, strength_b)
        puller[cascading] = sub_puller
        new_a[:] = False
        new_b[:] = False
        new_a[cascading] = join_a
        new_b[cascading] = join_b
    return Cascade(side, puller, wave)


def _log_survival(pullers: npt.NDArray[np.bool_], log_one_minus_q: FloatArray) -> FloatArray:
    """out[w, k] = Σ_{s: pullers[w, s]} log(1 − q[k, s]) (−inf when some q is 1)."""
    out = np.zeros(pullers.shape)
    war, s = np.nonzero(pullers)
    if len(war):
        np.add.at(out, war, log_one_minus_q[:, s].T)
    return out


def _strongest_puller(
    joined: npt.NDArray[np.bool_], pullers: npt.NDArray[np.bool_], q: FloatArray
) -> IntArray:
    """For each joiner (row-major order of ``joined``), the puller of its war with the largest q on it."""
    war, k = np.nonzero(joined)
    if len(war) == 0:
        return np.zeros(0, dtype=np.int64)
    strength = np.where(pullers[war], q[k], -1.0)
    return np.asarray(np.argmax(strength, axis=1), dtype=np.int64)

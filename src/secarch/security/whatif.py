"""What-if: remove, add or modify elements of an architecture and see every state's change in security.

The engine computes the architecture's scores once and then evaluates each variant *incrementally*. A
variant changes a few links, i.e. a few entries of the relation matrices. Of the n×n threat-weight matrix W
only these parts can change:

- the rows and columns of states whose guarantee portfolio changed (set U): their Signorino–Ritter S with
  every other state, and the rows of G @ H (hostility passed to guarantors);
- the columns of states whose hostility (dispute, rivalry), target or restraint entries changed.

So the new threat is the old one plus the change in rows U, with the changed columns recomputed whole;
support changes only at the changed guarantee entries. A variant costs O((|U| + |C|) n²) instead of the
O(n³) of a full recomputation (S compares every pair of portfolios over every state; G @ H is a matrix
product). :meth:`WhatIfEngine.recompute` is the full recomputation, kept as the reference the tests compare
the incremental path against, and as the baseline of ``benchmarks/bench_security.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError
from secarch.security.elements import Element, ElementTable, LinkArrays, NoisyOr, _check_links, link_arrays
from secarch.security.model import (
    Geography,
    SecurityScores,
    hostility,
    portfolio_dissimilarity,
    security_ratio,
    security_scores,
    similarity_weights,
    threat_weights,
    times_sparse,
)
from secarch.security.params import SecurityParams

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Change:
    """One variant of an architecture: elements removed (by id) and elements added.

    An added element whose links have the same keys (source, relation, actor, object) as existing links
    replaces their values: that is how an element is *modified* (e.g. a guarantee made more credible).
    """

    remove: tuple[str, ...] = ()
    add: tuple[Element, ...] = ()
    label: str = ""

    def describe(self) -> str:
        if self.label:
            return self.label
        parts = [f"-{x}" for x in self.remove] + [f"+{e.id}" for e in self.add]
        return " ".join(parts) or "(no change)"


@dataclass(frozen=True)
class WhatIfResult:
    """Every state's security before and after one change."""

    states: tuple[str, ...]
    year: int
    change: str
    before: FloatArray
    after: FloatArray
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    params: SecurityParams = field(default_factory=SecurityParams)

    @property
    def delta(self) -> FloatArray:
        return self.after - self.before

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per state, largest loss first."""
        import pandas as pd

        frame = pd.DataFrame(
            {"state": list(self.states), "before": self.before, "after": self.after, "change": self.delta}
        )
        return frame.sort_values(["change", "state"]).reset_index(drop=True)

    def as_dict(self) -> dict[str, Any]:
        order = np.lexsort((np.array(self.states), self.delta))
        return {
            "year": self.year,
            "change": self.change,
            "removed": list(self.removed),
            "added": list(self.added),
            "params": self.params.as_dict(),
            "states": [
                {
                    "state": self.states[k],
                    "before": float(self.before[k]),
                    "after": float(self.after[k]),
                    "change": float(self.delta[k]),
                }
                for k in order
            ],
        }


class WhatIfEngine:
    """Scores of one architecture, and of any variant of it, computed incrementally.

    >>> from secarch.security.elements import guarantee_links
    >>> geo = Geography.build(["A", "B", "C"], [2, 1, 1], [[0, 900, 2500], [900, 0, 1800], [2500, 1800, 0]],
    ...                       [[0, 0, 0]] * 3, 2000)
    >>> pact = Element("AB", "agreement", ("A", "B"), tuple(guarantee_links("AB", "AB", "AB", 0.7)))
    >>> engine = WhatIfEngine(geo, ElementTable.build(geo.states, [pact]))
    >>> result = engine.what_if(remove=["AB"])
    >>> [round(float(x), 3) for x in result.delta]
    [-0.116, -0.3, 0.069]
    """

    def __init__(
        self, geography: Geography, table: ElementTable, params: SecurityParams | None = None
    ) -> None:
        if tuple(table.states) != tuple(geography.states):
            raise InputError.single(
                "the elements and the geography list different states",
                field="states",
                expected="the same states in the same order",
            )
        self.geography = geography
        self.table = table
        self.params = params or SecurityParams()
        self.n = geography.n
        self._key_index = {key: k for k, key in enumerate(table.link_keys)}
        self._state_index = {s: k for k, s in enumerate(table.states)}
        self._noisy = NoisyOr.from_links(table.links, self.n)
        self.relations = self._noisy.relations()
        self._matrices = [
            self.relations.guarantee,
            self.relations.dispute,
            self.relations.rivalry,
            self.relations.target,
            self.relations.restraint,
        ]
        self._weight_vector, self._weight_total = similarity_weights(geography, self.params)
        self._dis = portfolio_dissimilarity(self.relations.guarantee, self._weight_vector, self._weight_total)
        self._portfolio = self.relations.guarantee.copy()
        np.fill_diagonal(self._portfolio, 1.0)
        self._work_portfolio = self._portfolio.copy()
        self._hostility = hostility(self.relations, self.params)
        from scipy import sparse

        self._hostility_sparse = sparse.csc_array(self._hostility)
        self._extended = times_sparse(self.relations.guarantee, self._hostility_sparse)
        self._threat_w = threat_weights(self.relations, self._dis, self.params)
        self.base = security_scores(geography, self.relations, self.params)
        self._own = self.base.own

    # ------------------------------------------------------------------------------------------ links

    def _links_of_change(self, change: Change) -> tuple[IntArray, LinkArrays]:
        """Indices of base links removed (including links replaced by added ones) and the added links."""
        removed = [self.table.element_links[self.table.position(x)] for x in change.remove]
        new_links = []
        seen: dict[tuple[str, str, str, str], float] = {}
        for element in change.add:
            _check_links(element.links, self._state_index, f"added element {element.id}")
            for link in element.links:
                if link.key in seen:
                    if seen[link.key] != link.value:
                        raise InputError.single(
                            f"link {link.key} is added twice with different values",
                            field=f"added element {element.id}",
                            expected="one value per link",
                        )
                    continue
                seen[link.key] = link.value
                new_links.append(link)
                k = self._key_index.get(link.key)
                if k is not None:  # modification: the new value replaces the old one
                    removed.append(np.array([k], dtype=np.int64))
        removed_ix = np.unique(np.concatenate(removed)) if removed else _EMPTY
        return removed_ix, link_arrays(new_links, self._state_index)

    # ------------------------------------------------------------------------------------------ evaluation

    def _row_weights(
        self, rows: IntArray, dis: FloatArray, h: FloatArray, x: FloatArray, t: FloatArray, nr: FloatArray
    ) -> FloatArray:
        """W[rows, :] from the (patched) matrices; ``x`` is G @ H."""
        p = self.params
        w = (
            p.dissimilar_weight * dis[rows]
            + h[rows]
            + p.extended_weight * x[rows]
            + p.target_weight * t[rows]
        )
        w = w * (1.0 - p.restraint_weight * nr[rows])
        w[np.arange(len(rows)), rows] = 0.0
        return np.asarray(w)

    def _col_weights(
        self, cols: IntArray, dis: FloatArray, h: FloatArray, x: FloatArray, t: FloatArray, nr: FloatArray
    ) -> FloatArray:
        """W[:, cols] from the (patched) matrices; ``x`` is G @ H."""
        p = self.params
        w = (
            p.dissimilar_weight * dis[:, cols]
            + h[:, cols]
            + p.extended_weight * x[:, cols]
            + p.target_weight * t[:, cols]
        )
        w = w * (1.0 - p.restraint_weight * nr[:, cols])
        w[cols, np.arange(len(cols))] = 0.0
        return np.asarray(w)

    def _dissimilarity_rows(
        self, rows: IntArray, entry_rows: IntArray, entry_cols: IntArray, portfolio: FloatArray
    ) -> FloatArray:
        """dis[rows, :] for a portfolio matrix A' that differs from the base A only at the given entries.

        An L1 distance changes only through the changed entries. For a changed row u and any state x::

            d'(u, x) - d(u, x) = Σ_{m: (u, m) changed} w_m (|A'[u,m] - A'[x,m]| - |A[u,m] - A[x,m]|)
                 + Σ_{m: (x, m) changed, (u, m) not} w_m (|A[u,m] - A'[x,m]| - |A[u,m] - A[x,m]|)

        which costs O(|E| (n + |rows|)) for |E| changed entries instead of O(|rows| n²).
        """
        order = np.lexsort((entry_cols, entry_rows))  # group the entries by row (rows is sorted)
        entry_rows, entry_cols = entry_rows[order], entry_cols[order]
        starts = np.flatnonzero(np.r_[True, entry_rows[1:] != entry_rows[:-1]])
        old = self._portfolio
        w = self._weight_vector[entry_cols]
        new_value = portfolio[entry_rows, entry_cols]
        old_value = old[entry_rows, entry_cols]
        # Each changed entry's own row against every state x, summed per row.
        own_terms = w[:, None] * (
            np.abs(new_value[:, None] - portfolio[:, entry_cols].T)
            - np.abs(old_value[:, None] - old[:, entry_cols].T)
        )
        delta = np.add.reduceat(own_terms, starts, axis=0)
        # Every changed row u against the changed entries of the other rows (where u's entry did not change).
        mine = portfolio[rows][:, entry_cols]
        other_terms = w[None, :] * (np.abs(mine - new_value[None, :]) - np.abs(mine - old_value[None, :]))
        changed = np.zeros((rows.size, self.n), dtype=bool)
        changed[np.searchsorted(rows, entry_rows), entry_cols] = True
        other_terms[changed[:, entry_cols]] = 0.0
        delta[:, rows] += np.add.reduceat(other_terms, starts, axis=1)
        return np.asarray(self._dis[rows] + delta / self._weight_total)

    def _evaluate_entries(self, entries: IntArray, values: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Support and threat after setting the flat relation ``entries`` to ``values``.

        The base matrices are patched in place and restored before returning (no n×n copies per
        variant), so an engine must not be used from two threads at once.
        """
        undo: list[tuple[FloatArray, Any, FloatArray]] = []

        def put(array: FloatArray, index: Any, new: Any) -> None:
            undo.append((array, index, array[index].copy()))
            array[index] = new

        try:
            return self._patched_scores(entries, values, put)
        finally:
            for array, index, old in reversed(undo):
                array[index] = old

    def _patched_scores(
        self, entries: IntArray, values: FloatArray, put: Any
    ) -> tuple[FloatArray, FloatArray]:
        n, p = self.n, self.params
        proj = self.geography.projection
        relation, rest = np.divmod(entries, n * n)
        row, col = np.divmod(rest, n)
        g, d, r, t, nr = self._matrices

        support = self.base.support
        changed_rows = _EMPTY
        sel = relation == 0
        if sel.any():
            rg, cg = row[sel], col[sel]
            delta = values[sel] - g[rg, cg]
            support = support + p.support_weight * np.bincount(cg, weights=delta * proj[rg, cg], minlength=n)
            changed_rows = np.unique(rg)
        for k in np.unique(relation):
            k_sel = relation == k
            put(self._matrices[k], (row[k_sel], col[k_sel]), values[k_sel])
        h = self._hostility
        h_sparse = self._hostility_sparse
        sel_h = (relation == 1) | (relation == 2)
        hostile_cols = np.unique(col[sel_h])
        if hostile_cols.size:
            from scipy import sparse

            h = p.rival_weight * r + p.dispute_weight * d
            h_sparse = sparse.csc_array(h)
        changed_cols = np.unique(
            np.concatenate([changed_rows, hostile_cols, col[(relation == 3) | (relation == 4)]])
        )
        if changed_cols.size == 0:
            return support, self.base.threat

        # G @ H changes in the rows of changed portfolios and in the columns of changed hostility only.
        x = self._extended
        if p.extended_weight:
            if changed_rows.size:
                put(x, (changed_rows, slice(None)), times_sparse(g[changed_rows], h_sparse))
            if hostile_cols.size:
                put(x, (slice(None), hostile_cols), times_sparse(g, h_sparse[:, hostile_cols]))
        dis = self._dis
        if changed_rows.size:
            portfolio = self._work_portfolio
            put(portfolio, (row[sel], col[sel]), values[sel])
            rows = self._dissimilarity_rows(changed_rows, row[sel], col[sel], portfolio)
            put(dis, (changed_rows, slice(None)), rows)
            put(dis, (slice(None), changed_rows), rows.T)
        threat = self.base.threat.copy()
        if changed_rows.size:
            new_rows = self._row_weights(changed_rows, dis, h, x, t, nr)
            threat += ((new_rows - self._threat_w[changed_rows]) * proj[changed_rows]).sum(axis=0)
        new_cols = self._col_weights(changed_cols, dis, h, x, t, nr)
        threat[changed_cols] = (new_cols * proj[:, changed_cols]).sum(axis=0)
        return support, threat

    def evaluate(self, change: Change) -> FloatArray:
        """Every state's security after ``change`` (incremental)."""
        removed, added = self._links_of_change(change)
        entries, values = self._noisy.changed_entries(self.table.links.take(removed), added)
        support, threat = self._evaluate_entries(entries, values)
        return security_ratio(self._own, support, threat)

    def leave_one_out(self, element_ids: Sequence[str] | None = None) -> FloatArray:
        """Security with each element removed in turn (one row per element, in the table's order).

        Each row costs O(|U| n²) where U are the states whose portfolios the element touches.
        """
        ids = self.table.ids if element_ids is None else tuple(element_ids)
        out = np.empty((len(ids), self.n))
        links = self.table.links
        empty = LinkArrays.empty()
        for k, element_id in enumerate(ids):
            removed = self.table.element_links[self.table.position(element_id)]
            if removed.size == 0:  # an element without links (e.g. an observer status) changes nothing
                out[k] = self.base.security
                continue
            entries, values = self._noisy.changed_entries(links.take(removed), empty)
            support, threat = self._evaluate_entries(entries, values)
            out[k] = security_ratio(self._own, support, threat)
        return out

    def recompute(self, change: Change) -> SecurityScores:
        """Every state's scores after ``change``, recomputed from scratch (the reference for the tests)."""
        removed, added = self._links_of_change(change)
        keep = np.ones(len(self.table.links), dtype=bool)
        keep[removed] = False
        kept = self.table.links.take(np.flatnonzero(keep))
        links = LinkArrays(
            np.concatenate([kept.relation, added.relation]),
            np.concatenate([kept.row, added.row]),
            np.concatenate([kept.col, added.col]),
            np.concatenate([kept.value, added.value]),
        )
        relations = NoisyOr.from_links(links, self.n).relations()
        return security_scores(self.geography, relations, self.params)

    def what_if(
        self, remove: Sequence[str] = (), add: Sequence[Element] = (), label: str = ""
    ) -> WhatIfResult:
        """Remove and add elements in one batch; every state's security before and after."""
        change = Change(tuple(remove), tuple(add), label)
        return WhatIfResult(
            self.geography.states,
            self.geography.year,
            change.describe(),
            self.base.security.copy(),
            self.evaluate(change),
            change.remove,
            tuple(e.id for e in change.add),
            self.params,
        )

"""Results of a crisis simulation: war risk, war sizes, state and dyad risk, escalation paths, with 95%
intervals (:mod:`secarch.crisis.stats`), and the comparison of architectures on common random numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from secarch.crisis.params import CrisisParams
from secarch.crisis.stats import Estimate, mean_interval, ratio_interval, wilson
from secarch.crisis.tally import Tally
from secarch.crisis.world import pair_index

TOP = 10
"""Rows shown by default in the per-dyad, pull and path tables."""


@dataclass(frozen=True, eq=False)
class CrisisResult:
    """A finished simulation: the tallies plus everything needed to reproduce it.

    ``seed`` records the root seed (``entropy`` and ``spawn_key`` of the ``SeedSequence``); ``params`` the
    escalation and joining parameters; ``dyad_years`` how many run × dyad × year cells were simulated.
    """

    architecture: str
    states: tuple[str, ...]
    years: tuple[int, ...]
    runs: int
    seed: dict[str, Any]
    params: CrisisParams
    tally: Tally
    source: str = ""
    dyad_years: int = 0

    # ---- headline numbers -------------------------------------------------------------------------
    @property
    def horizon(self) -> int:
        return len(self.years)

    def p_any_war(self) -> Estimate:
        """Probability of at least one war over the horizon (share of runs), Wilson interval."""
        return wilson(int(np.count_nonzero(self.tally.wars)), self.runs)

    def expected_wars(self) -> Estimate:
        """Expected number of wars over the horizon (mean over runs), normal interval."""
        w = self.tally.wars
        return mean_interval(int(w.sum()), int((w * w).sum()), self.runs).clipped()

    def expected_disputes(self) -> Estimate:
        """Expected number of disputes (dyadic onsets) over the horizon."""
        d = self.tally.disputes
        return mean_interval(int(d.sum()), int((d * d).sum()), self.runs).clipped()

    def escalation_share(self) -> Estimate:
        """Share of disputes that became wars (ratio over runs, linearisation interval)."""
        w, d = self.tally.wars, self.tally.disputes
        return ratio_interval(
            int(w.sum()), int(d.sum()), int((w * w).sum()), int((d * d).sum()), int((w * d).sum()), self.runs
        ).clipped(0.0, 1.0)

    def mean_war_size(self) -> Estimate:
        """Mean number of states per war."""
        t = self.tally
        w = t.wars
        total, sq, cross = t.war_states
        return ratio_interval(total, int(w.sum()), sq, int((w * w).sum()), cross, self.runs).clipped(2.0)

    # ---- tables -------------------------------------------------------------------------------------
    def war_sizes(self) -> pd.DataFrame:
        """Distribution of war sizes: ``size`` (states at war), ``wars``, ``share`` with 95% interval."""
        t = self.tally
        w = t.wars
        total, ww = int(w.sum()), int((w * w).sum())
        rows = []
        for size in np.flatnonzero(t.size_total):
            e = ratio_interval(
                int(t.size_total[size]), total, int(t.size_sq[size]), ww, int(t.size_cross[size]), self.runs
            ).clipped(0.0, 1.0)
            rows.append(
                {
                    "size": int(size),
                    "wars": int(t.size_total[size]),
                    "share": e.value,
                    "low": e.low,
                    "high": e.high,
                }
            )
        return pd.DataFrame(rows, columns=["size", "wars", "share", "low", "high"])

    def two_state_share(self) -> Estimate:
        """Share of wars fought by exactly two states."""
        t = self.tally
        w = t.wars
        if len(t.size_total) <= 2:
            return Estimate(math.nan, math.nan, math.nan)
        return ratio_interval(
            int(t.size_total[2]),
            int(w.sum()),
            int(t.size_sq[2]),
            int((w * w).sum()),
            int(t.size_cross[2]),
            self.runs,
        ).clipped(0.0, 1.0)

    def state_risk(self) -> pd.DataFrame:
        """Per state: probability of being at war at least once over the horizon, expected wars."""
        t = self.tally
        rows = []
        for k, code in enumerate(self.states):
            risk = _war_risk(int(t.state_runs[k]), int(t.state_total[k]), int(t.state_sq[k]), self.runs)
            rows.append({"state": code, **risk})
        frame = pd.DataFrame(rows)
        return frame.sort_values(["p_war", "state"], ascending=[False, True], ignore_index=True)

    def dyad_risk(self, top: int | None = TOP) -> pd.DataFrame:
        """Per pair: probability that the two fight each other (opposite sides of a war) at least once."""
        t = self.tally
        i, j = pair_index(len(self.states))
        order = np.lexsort((np.arange(len(t.dyad_runs)), -t.dyad_runs))
        order = order[t.dyad_runs[order] > 0]
        if top is not None:
            order = order[:top]
        rows = []
        for d in order:
            risk = _war_risk(int(t.dyad_runs[d]), int(t.dyad_total[d]), int(t.dyad_sq[d]), self.runs)
            rows.append({"state_a": self.states[i[d]], "state_b": self.states[j[d]], **risk})
        return pd.DataFrame(rows, columns=["state_a", "state_b", *WAR_RISK_COLUMNS])

    def pulls(self, top: int | None = TOP) -> pd.DataFrame:
        """Who pulled whom into wars: ``puller`` → ``joiner``, the probability that it happens at least once
        over the horizon, and the expected number of times."""
        t = self.tally
        flat = t.pull_runs.reshape(-1)
        order = np.lexsort((np.arange(len(flat)), -flat))
        order = order[flat[order] > 0]
        if top is not None:
            order = order[:top]
        n = len(self.states)
        rows = []
        for e in order:
            a, b = divmod(int(e), n)
            p = wilson(int(flat[e]), self.runs)
            m = mean_interval(int(t.pull_total[a, b]), int(t.pull_sq[a, b]), self.runs).clipped()
            rows.append(
                {
                    "puller": self.states[a],
                    "joiner": self.states[b],
                    "p": p.value,
                    "p_low": p.low,
                    "p_high": p.high,
                    "expected": m.value,
                }
            )
        return pd.DataFrame(rows, columns=["puller", "joiner", "p", "p_low", "p_high", "expected"])

    def paths(self, top: int | None = TOP) -> pd.DataFrame:
        """The most frequent war configurations ("escalation paths"): challenger, target and who pulled whom
        in, with the probability of at least one such war over the horizon and its share of all wars."""
        t = self.tally
        items = sorted(t.configurations.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
        if top is not None:
            items = items[:top]
        total_wars = int(t.wars.sum())
        rows = []
        for key, (count, with_runs) in items:
            p = wilson(with_runs, self.runs)
            rows.append(
                {
                    "path": self.describe_configuration(key),
                    "wars": count,
                    "share_of_wars": count / total_wars if total_wars else math.nan,
                    "p": p.value,
                    "p_low": p.low,
                    "p_high": p.high,
                }
            )
        return pd.DataFrame(rows, columns=["path", "wars", "share_of_wars", "p", "p_low", "p_high"])

    def describe_configuration(self, key: bytes) -> str:
        """'A → B; C joins B (pulled by B); D joins A (pulled by C)' for a configuration code."""
        code = np.frombuffer(key, dtype=np.int16)
        challenger = int(np.flatnonzero(code == 1)[0])
        target = int(np.flatnonzero(code == 2)[0])
        text = f"{self.states[challenger]} → {self.states[target]}"
        side = {challenger: self.states[challenger], target: self.states[target]}
        joiners = [(int(k), int(code[k]) - 3) for k in np.flatnonzero(code >= 3)]
        # a joiner's side is its puller's side; resolve in order of dependency
        pending = dict(joiners)
        while pending:
            progressed = False
            for k, p in list(pending.items()):
                if p in side:
                    side[k] = side[p]
                    del pending[k]
                    progressed = True
            if not progressed:
                break
        parts = [
            f"{self.states[k]} joins {side.get(k, '?')} (pulled by {self.states[p]})" for k, p in joiners
        ]
        return "; ".join([text, *parts])

    # ---- output -------------------------------------------------------------------------------------
    def summary(self) -> dict[str, Estimate]:
        return {
            "p_any_war": self.p_any_war(),
            "expected_wars": self.expected_wars(),
            "expected_disputes": self.expected_disputes(),
            "escalation_share": self.escalation_share(),
            "two_state_share": self.two_state_share(),
            "mean_war_size": self.mean_war_size(),
        }

    def to_frame(self) -> pd.DataFrame:
        """The headline estimates as a table (``measure``, ``value``, ``low``, ``high``)."""
        return pd.DataFrame(
            [{"measure": k, **v.as_dict()} for k, v in self.summary().items()],
            columns=["measure", "value", "low", "high"],
        )

    def as_dict(self, top: int | None = TOP) -> dict[str, Any]:
        """JSON-ready record: what was simulated (seed, parameters, horizon) and every estimate."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [
                {str(k): (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
                for row in frame.to_dict(orient="records")
            ]

        return {
            "architecture": self.architecture,
            "source": self.source,
            "years": [self.years[0], self.years[-1]] if self.years else [],
            "horizon": self.horizon,
            "runs": self.runs,
            "seed": self.seed,
            "params": self.params.as_dict(),
            "states": list(self.states),
            "dyad_years": self.dyad_years,
            "summary": {k: _clean(v.as_dict()) for k, v in self.summary().items()},
            "war_sizes": records(self.war_sizes()),
            "state_risk": records(self.state_risk()),
            "dyad_risk": records(self.dyad_risk(top)),
            "pulls": records(self.pulls(top)),
            "paths": records(self.paths(top)),
        }


WAR_RISK_COLUMNS = ("p_war", "p_low", "p_high", "expected_wars", "wars_low", "wars_high")


def _war_risk(runs_with: int, total: int, total_sq: int, runs: int) -> dict[str, float]:
    """The columns of :data:`WAR_RISK_COLUMNS` for a state or pair at war in ``runs_with`` of ``runs`` runs,
    ``total`` times in all (``total_sq``: the sum over runs of the squared count): the probability of at
    least one war (Wilson interval) and the expected number of wars (normal interval, cut at 0)."""
    p = wilson(runs_with, runs)
    m = mean_interval(total, total_sq, runs).clipped()
    return dict(zip(WAR_RISK_COLUMNS, (p.value, p.low, p.high, m.value, m.low, m.high), strict=True))


def _clean(values: dict[str, float]) -> dict[str, float | None]:
    return {k: (None if math.isnan(v) else v) for k, v in values.items()}


@dataclass(frozen=True, eq=False)
class Comparison:
    """Several architectures simulated on the same seeds (common random numbers): paired differences of each
    against the first (the baseline), with paired 95% intervals."""

    results: tuple[CrisisResult, ...]

    def __post_init__(self) -> None:
        if len(self.results) < 2:
            raise ValueError("a comparison needs at least two results")
        first = self.results[0]
        for r in self.results[1:]:
            if r.runs != first.runs or r.seed != first.seed or r.years != first.years:
                raise ValueError("compared results must share runs, seed and years")

    @property
    def baseline(self) -> CrisisResult:
        return self.results[0]

    def differences(self) -> pd.DataFrame:
        """Per architecture (after the first): difference in P(at least one war) and in expected wars."""
        base = self.baseline
        rows = []
        for other in self.results[1:]:
            any_diff = (other.tally.wars > 0).astype(np.int64) - (base.tally.wars > 0).astype(np.int64)
            war_diff = other.tally.wars - base.tally.wars
            p = mean_interval(int(any_diff.sum()), int((any_diff * any_diff).sum()), base.runs)
            e = mean_interval(int(war_diff.sum()), int((war_diff * war_diff).sum()), base.runs)
            rows.append(
                {
                    "architecture": other.architecture,
                    "baseline": base.architecture,
                    "d_p_any_war": p.value,
                    "d_p_low": p.low,
                    "d_p_high": p.high,
                    "d_expected_wars": e.value,
                    "d_wars_low": e.low,
                    "d_wars_high": e.high,
                }
            )
        return pd.DataFrame(rows)

    def state_differences(self) -> pd.DataFrame:
        """Per architecture and state: paired difference in the probability of being at war."""
        base = self.baseline
        base_any = _aligned_any(base, base.states)
        rows = []
        for other in self.results[1:]:
            codes = base.states
            diff = _aligned_any(other, codes).astype(np.int64) - base_any.astype(np.int64)
            for k, code in enumerate(codes):
                col = diff[:, k]
                e = mean_interval(int(col.sum()), int((col * col).sum()), base.runs)
                rows.append(
                    {
                        "architecture": other.architecture,
                        "state": code,
                        "d_p_war": e.value,
                        "low": e.low,
                        "high": e.high,
                    }
                )
        return pd.DataFrame(rows)

    def as_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline.architecture,
            "runs": self.baseline.runs,
            "seed": self.baseline.seed,
            "differences": self.differences().to_dict(orient="records"),
            "results": [r.as_dict() for r in self.results],
        }


def _aligned_any(result: CrisisResult, codes: tuple[str, ...]) -> npt.NDArray[np.bool_]:
    """(R, len(codes)) at-war indicators of ``result`` for ``codes`` (False for states it does not have)."""
    matrix = result.tally.state_any_matrix()
    position = {c: k for k, c in enumerate(result.states)}
    out = np.zeros((result.runs, len(codes)), dtype=bool)
    for k, c in enumerate(codes):
        if c in position:
            out[:, k] = matrix[:, position[c]]
    return out

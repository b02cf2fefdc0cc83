"""The crisis simulation's rules written as a Mesa agent-based model: the peer baseline of bench_crisis.py.

One agent per state. Each year every agent, in creation order, goes through its pairs with the states after
it (so every pair is visited once), draws whether the pair has a dispute from the same onset model as the
vectorised engine (its own peace-years, discounted history and earlier-onset flag), who challenges (½ each),
whether the dispute becomes a war, and runs the joining cascade with plain Python sets and loops: in each
wave the states that entered pull their guarantors (the attacked target with its defence probability, every
other belligerent with the chain-ganging probability); a state pulled by both sides in one wave stays out.
Random numbers come from the model's ``random.Random``; the rules, not the random numbers, are the same as
the engine's, so the two are compared by their outcome distributions (two-sample tests).

Mesa: Kazil, Masad & Crooks (2020), "Utilizing Python for agent-based modeling: the Mesa framework".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import mesa
import numpy as np

from secarch.crisis.engine import EngineInputs


@dataclass
class RunOutcome:
    """Tallies of one Mesa run."""

    disputes: int = 0
    wars: int = 0
    sizes: list[int] = field(default_factory=list)
    at_war: set[int] = field(default_factory=set)


class StateAgent(mesa.Agent):
    """A state: its dyad histories with the states after it, and whom it can pull into a war."""

    def __init__(self, model: CrisisModel, index: int) -> None:
        super().__init__(model)
        self.index = index
        onset = model.inputs.onset
        n = model.n
        self.partners: list[tuple[int, int]] = []  # (partner index, dyad position)
        self.peace: dict[int, int] = {}
        self.discounted: dict[int, float] = {}
        self.prior: dict[int, bool] = {}
        for j in range(index + 1, n):
            d = index * (2 * n - index - 1) // 2 + (j - index - 1)
            self.partners.append((j, d))
            self.peace[d] = int(onset.peace_years0[d])
            self.discounted[d] = float(onset.discounted0[d])
            self.prior[d] = bool(onset.prior0[d])

    def step(self) -> None:
        model = self.model
        assert isinstance(model, CrisisModel)
        onset = model.inputs.onset
        t = model.year
        last = len(model.peace_table) - 1
        for j, d in self.partners:
            base = model.base[t][d]
            if base == -math.inf:
                continue
            py = self.peace[d]
            eta = (
                base
                + model.peace_table[min(max(py, 0), last)]
                + model.discount_coef * math.log1p(self.discounted[d])
                + (model.no_prior[t] if not self.prior[d] else 0.0)
            )
            p = 1.0 / (1.0 + math.exp(-eta))
            if model.random.random() < p:
                model.outcome.disputes += 1
                first = model.random.random() < 0.5
                challenger, target = (self.index, j) if first else (j, self.index)
                if model.random.random() < model.escalation[t][0 if first else 1][d]:
                    model.war(challenger, target)
                self.peace[d] = 0
                self.discounted[d] = onset.discount_factor * (self.discounted[d] + 1.0)
                self.prior[d] = True
            else:
                self.peace[d] = py + 1
                self.discounted[d] = onset.discount_factor * self.discounted[d]


class CrisisModel(mesa.Model):
    """The crisis rules over all years of ``inputs`` for one run."""

    def __init__(self, inputs: EngineInputs, seed: int) -> None:
        super().__init__(seed=seed)
        self.inputs = inputs
        self.n = inputs.n_states
        self.year = 0
        onset = inputs.onset
        self.base = onset.base_logit.tolist()
        self.peace_table = onset.peace_effect.tolist()
        self.discount_coef = float(onset.discount_coef)
        self.no_prior = onset.no_prior_coef.tolist()
        self.escalation = inputs.escalation.tolist()
        # guarantors[t][s] = [(k, q_defend, q_follow)] for every k with a positive probability of joining s
        self.guarantors = [
            [
                [
                    (int(k), float(inputs.defend[t, k, s]), float(inputs.follow[t, k, s]))
                    for k in np.flatnonzero(inputs.defend[t, :, s] > 0)
                ]
                for s in range(self.n)
            ]
            for t in range(inputs.n_years)
        ]
        self.outcome = RunOutcome()
        for i in range(self.n):
            StateAgent(self, i)

    def war(self, challenger: int, target: int) -> None:
        """A war: run the joining cascade and record its size."""
        side = {challenger: 1, target: -1}
        out: set[int] = set()
        new_a, new_b = [challenger], [target]
        wave = 1
        table = self.guarantors[self.year]
        while (new_a or new_b) and wave <= 64:
            survive_a: dict[int, float] = {}
            survive_b: dict[int, float] = {}
            for s in new_a:
                for k, _q_defend, q_follow in table[s]:
                    survive_a[k] = survive_a.get(k, 1.0) * (1.0 - q_follow)
            for s in new_b:
                for k, q_defend, q_follow in table[s]:
                    q = q_defend if wave == 1 else q_follow
                    survive_b[k] = survive_b.get(k, 1.0) * (1.0 - q)
            joined_a, joined_b = [], []
            for k in sorted(set(survive_a) | set(survive_b)):
                if k in side or k in out:
                    continue
                pa = 1.0 - survive_a.get(k, 1.0)
                pb = 1.0 - survive_b.get(k, 1.0)
                u = self.random.random()
                if u < pa * (1 - pb):
                    side[k] = 1
                    joined_a.append(k)
                elif u < pa * (1 - pb) + pb * (1 - pa):
                    side[k] = -1
                    joined_b.append(k)
                elif u < pa + pb - pa * pb:
                    out.add(k)
            new_a, new_b = joined_a, joined_b
            wave += 1
        self.outcome.wars += 1
        self.outcome.sizes.append(len(side))
        self.outcome.at_war.update(side)

    def step(self) -> None:
        self.agents.do("step")
        self.year += 1


def run_mesa(inputs: EngineInputs, runs: int, seed: int) -> list[RunOutcome]:
    """``runs`` independent Mesa runs over every year of ``inputs``."""
    outcomes = []
    for r in range(runs):
        model = CrisisModel(inputs, seed=seed * 1_000_003 + r)
        for _ in range(inputs.n_years):
            model.step()
        outcomes.append(model.outcome)
    return outcomes

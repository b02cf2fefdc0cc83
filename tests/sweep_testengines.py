"""Test-only sweep engines with analytic answers: the Ishigami function and a noisy linear function.

Importable as ``sweep_testengines:Ishigami`` and ``sweep_testengines:NoisyLinear`` (the tests folder is on
``sys.path`` under pytest, and spawned worker processes inherit it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from secarch.experiments.engines import Case, Engine, ParameterInfo, block_seed


class Ishigami(Engine):
    """f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³ (Ishigami & Homma 1990), deterministic.

    Analytic variance decomposition (Sobol' & Levitan 1999), with V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2:
    V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0, V13 = b²π⁸ (1/18 − 1/50).
    """

    name = "ishigami"
    stochastic = False
    seed_block = 1
    task_replications = 1

    def load_case(self, reference: str, base: Path | None) -> Case:
        return Case(reference, reference, None, "ishigami")

    def parameters(self, case: Case) -> Mapping[str, ParameterInfo]:
        infos = {f"x{i}": ParameterInfo(f"x{i}", "float", 0.0, low=-math.pi, high=math.pi) for i in (1, 2, 3)}
        infos["a"] = ParameterInfo("a", "float", 7.0)
        infos["b"] = ParameterInfo("b", "float", 0.1)
        return infos

    def outputs(self, case: Case) -> tuple[str, ...]:
        return ("y",)

    def run(
        self, prepared: Any, values: Mapping[str, Any], seed: np.random.SeedSequence, start: int, stop: int
    ) -> Mapping[str, Any]:
        x1, x2, x3 = (float(values.get(f"x{i}", 0.0)) for i in (1, 2, 3))
        a, b = float(values.get("a", 7.0)), float(values.get("b", 0.1))
        y = math.sin(x1) + a * math.sin(x2) ** 2 + b * x3**4 * math.sin(x1)
        return {"y": np.full(stop - start, y)}

    @staticmethod
    def analytic(a: float = 7.0, b: float = 0.1) -> tuple[list[float], list[float]]:
        """(S1, ST) of x1, x2, x3."""
        pi4, pi8 = math.pi**4, math.pi**8
        v1 = 0.5 * (1 + b * pi4 / 5) ** 2
        v2 = a * a / 8
        v13 = b * b * pi8 * (1 / 18 - 1 / 50)
        v = v1 + v2 + v13
        return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


class NoisyLinear(Engine):
    """y = Σ_i c_i x_i + σ z, z standard normal; replications vectorised in seed blocks of 4.

    Block k of a point draws its 4 normals at once from ``block_seed(root, k)``.
    """

    name = "noisy-linear"
    stochastic = True
    seed_block = 4
    task_replications = 8
    coefficients = (3.0, -2.0, 0.5, 0.0)

    def load_case(self, reference: str, base: Path | None) -> Case:
        scale = float(reference.removeprefix("scale=")) if reference.startswith("scale=") else 1.0
        return Case(reference, reference, scale, f"linear-{scale}")

    def parameters(self, case: Case) -> Mapping[str, ParameterInfo]:
        infos = {f"x{i}": ParameterInfo(f"x{i}", "float", 0.0) for i in range(len(self.coefficients))}
        infos["sigma"] = ParameterInfo("sigma", "float", 0.0, low=0.0)
        return infos

    def outputs(self, case: Case) -> tuple[str, ...]:
        return ("y", "z")

    def run(
        self, prepared: Any, values: Mapping[str, Any], seed: np.random.SeedSequence, start: int, stop: int
    ) -> Mapping[str, Any]:
        mean = prepared * sum(c * float(values.get(f"x{i}", 0.0)) for i, c in enumerate(self.coefficients))
        first, last = start // self.seed_block, (stop - 1) // self.seed_block
        z = np.concatenate(
            [
                np.random.default_rng(block_seed(seed, k)).standard_normal(self.seed_block)
                for k in range(first, last + 1)
            ]
        )
        z = z[start - first * self.seed_block : stop - first * self.seed_block]
        return {"y": mean + float(values.get("sigma", 0.0)) * z, "z": z}

"""Sampling designs: points of the parameter space in unit coordinates, and their parameter values.

Every design is drawn in the unit hypercube [0, 1]^k and mapped to parameter values one coordinate at a
time by the parameter's quantile function (:func:`unit_to_values`): a uniform range is stretched, a list of
values is cut into equal slices, a distribution's inverse CDF is applied. Sensitivity indices are computed
on the unit coordinates, so a Morris elementary effect is the change of the output per full range (or per
unit of probability) of a parameter.

References: McKay, Beckman & Conover (1979), "A comparison of three methods for selecting values of input
variables in the analysis of output from a computer code", *Technometrics* 21(2) (Latin hypercube);
Saltelli (2002), "Making best use of model evaluations to compute sensitivity indices", *Computer Physics
Communications* 145(2), and Saltelli et al. (2010), *CPC* 181(2) (Sobol' designs); Morris (1991),
"Factorial sampling plans for preliminary computational experiments", *Technometrics* 33(2), and Campolongo,
Cariboni & Saltelli (2007), *Environmental Modelling & Software* 22(10) (Morris trajectories). Sobol' and
Morris samples are drawn with SALib (Herman & Usher 2017, *JOSS* 2(9); Iwanaga, Usher & Herman 2022).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError
from secarch.experiments.engines import ParameterInfo
from secarch.experiments.spec import Design, Distribution, Parameter

FloatArray = npt.NDArray[np.float64]

TAIL = 1e-3
"""Unbounded distributions (normal, lognormal) are cut at the quantiles TAIL and 1 − TAIL, so that unit
coordinates 0 and 1 (Morris levels, grid ends) give finite values."""


@dataclass(frozen=True, eq=False)
class DesignSample:
    """The points of a design.

    Attributes:
        kind: the design's kind (grid, lhs, sobol, morris).
        names: the varied parameters, in the experiment's order.
        unit: ``(P, k)`` unit coordinates of the P points.
        values: parameter name → ``(P,)`` values (float64, int64, bool or str arrays).
    """

    kind: str
    names: tuple[str, ...]
    unit: FloatArray
    values: Mapping[str, np.ndarray]

    @property
    def n_points(self) -> int:
        return int(self.unit.shape[0])

    def point(self, index: int) -> dict[str, Any]:
        """The parameter values of point ``index`` as plain Python values."""
        return {name: self.values[name][index].item() for name in self.names}


def _frozen_distribution(dist: Distribution) -> Any:
    from scipy import stats

    if dist.kind == "uniform":
        return stats.uniform(loc=dist.low, scale=dist.high - dist.low)  # type: ignore[operator]
    if dist.kind == "loguniform":
        return stats.loguniform(dist.low, dist.high)
    if dist.kind == "normal":
        return stats.norm(loc=dist.mean, scale=dist.sd)
    if dist.kind == "truncnormal":
        a = (dist.low - dist.mean) / dist.sd  # type: ignore[operator]
        b = (dist.high - dist.mean) / dist.sd  # type: ignore[operator]
        return stats.truncnorm(a, b, loc=dist.mean, scale=dist.sd)
    if dist.kind == "lognormal":
        return stats.lognorm(s=dist.sigma, scale=np.exp(dist.mu))  # type: ignore[arg-type]
    width = dist.high - dist.low  # type: ignore[operator]
    return stats.triang((dist.mode - dist.low) / width, loc=dist.low, scale=width)  # type: ignore[operator]


def unit_to_values(parameter: Parameter, info: ParameterInfo, unit: npt.ArrayLike) -> np.ndarray:
    """Map unit coordinates to values of ``parameter`` (the quantile function of its distribution).

    ``values: [v_0, …, v_{m−1}]``: ``v_j`` for u in ``[j/m, (j+1)/m)`` (u = 1 gives the last); ``range``:
    ``low + u (high − low)`` (integers: each of the ``high − low + 1`` integers gets an equal slice);
    ``distribution``: the inverse CDF, with u cut to ``[TAIL, 1 − TAIL]`` for unbounded distributions.

    >>> from secarch.experiments.engines import ParameterInfo
    >>> p = Parameter(name="x", range=(2.0, 4.0))
    >>> unit_to_values(p, ParameterInfo("x", "float", 0.0), [0.0, 0.25, 1.0]).tolist()
    [2.0, 2.5, 4.0]
    >>> m = ParameterInfo("m", "choice", "a", choices=("a", "b"))
    >>> unit_to_values(Parameter(name="m", values=["a", "b"]), m, [0.2, 0.5, 1.0]).tolist()
    ['a', 'b', 'b']
    """
    u = np.asarray(unit, dtype=np.float64)
    if parameter.values is not None:
        m = len(parameter.values)
        index = np.minimum((u * m).astype(np.int64), m - 1)
        if info.kind == "choice":
            return np.asarray([str(v) for v in parameter.values], dtype=object)[index].astype(str)
        if info.kind == "bool":
            return np.asarray(parameter.values, dtype=bool)[index]
        dtype = np.int64 if info.kind == "int" else np.float64
        return np.asarray(parameter.values, dtype=dtype)[index]
    if parameter.range is not None:
        low, high = parameter.range
        if info.kind == "int":
            n = int(high) - int(low) + 1
            return int(low) + np.minimum((u * n).astype(np.int64), n - 1)
        return np.asarray(low + u * (high - low), dtype=np.float64)
    assert parameter.distribution is not None
    if not parameter.distribution.bounded:
        u = np.clip(u, TAIL, 1.0 - TAIL)
    values = np.asarray(_frozen_distribution(parameter.distribution).ppf(u), dtype=np.float64)
    if info.kind == "int":
        return np.rint(values).astype(np.int64)
    return values


def _check_kind(index: int, parameter: Parameter, info: ParameterInfo) -> None:
    field = f"parameters[{index}]"
    if info.kind in ("choice", "bool") and parameter.values is None:
        raise InputError.single(
            f"{parameter.name} is a {info.kind} parameter: give its `values`",
            field=f"{field}.name",
            expected=info.expected(),
        )
    if parameter.range is not None and info.kind == "int":
        low, high = parameter.range
        if low != int(low) or high != int(high):
            raise InputError.single(
                f"{parameter.name} is an integer parameter: its range needs integer ends",
                field=f"{field}.range",
                expected="[low, high] with integers",
            )
    if parameter.values is not None:
        for j, value in enumerate(parameter.values):
            info.check(value, f"{field}.values[{j}]")


def grid_unit(parameters: Sequence[Parameter], default_levels: int) -> FloatArray:
    """Unit coordinates of a full factorial grid, the last parameter varying fastest.

    A list of m values gives the slice midpoints ``(j + ½)/m``; a range gives ``levels`` equally spaced
    points including both ends; a distribution gives the equiprobable quantile midpoints ``(j + ½)/levels``.

    >>> a, b = Parameter(name="a", values=[1, 2]), Parameter(name="b", range=(0, 1), levels=3)
    >>> grid_unit([a, b], 4).tolist()
    [[0.25, 0.0], [0.25, 0.5], [0.25, 1.0], [0.75, 0.0], [0.75, 0.5], [0.75, 1.0]]
    """
    axes = []
    for p in parameters:
        if p.values is not None:
            m = len(p.values)
            axes.append((np.arange(m) + 0.5) / m)
        elif p.range is not None:
            axes.append(np.linspace(0.0, 1.0, p.levels or default_levels))
        else:
            levels = p.levels or default_levels
            axes.append((np.arange(levels) + 0.5) / levels)
    if not axes:
        return np.zeros((1, 0))
    return np.array(list(itertools.product(*axes)), dtype=np.float64)


def salib_problem(names: Sequence[str]) -> dict[str, Any]:
    """SALib's problem definition on the unit hypercube."""
    return {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}


def design_unit(design: Design, parameters: Sequence[Parameter], rng: np.random.Generator) -> FloatArray:
    """The design's points in unit coordinates."""
    k = len(parameters)
    if design.kind == "grid":
        return grid_unit(parameters, design.levels)
    if k == 0:
        raise InputError.single(
            f"a {design.kind} design needs at least one parameter",
            field="parameters",
            hint="or use a grid design",
        )
    n = int(design.samples or 0)
    names = [p.name for p in parameters]
    if design.kind == "lhs":
        from scipy.stats import qmc

        return np.asarray(qmc.LatinHypercube(d=k, rng=rng).random(n), dtype=np.float64)
    if design.kind == "sobol":
        from SALib.sample import sobol

        return np.asarray(
            sobol.sample(
                salib_problem(names),
                n,
                calc_second_order=design.second_order,
                scramble=design.scramble,
                seed=rng,
            ),
            dtype=np.float64,
        )
    from SALib.sample import morris

    return np.asarray(
        morris.sample(
            salib_problem(names),
            n,
            num_levels=design.levels,
            optimal_trajectories=design.optimal_trajectories,
            seed=rng,
        ),
        dtype=np.float64,
    )


def sample_design(
    design: Design,
    parameters: Sequence[Parameter],
    infos: Mapping[str, ParameterInfo],
    rng: np.random.Generator,
) -> DesignSample:
    """Draw the design and map it to parameter values, checking each parameter against the engine's space.

    ``infos`` is the engine's parameter space (every name in ``parameters`` must be in it).
    """
    for index, p in enumerate(parameters):
        _check_kind(index, p, infos[p.name])
    unit = design_unit(design, parameters, rng)
    values: dict[str, np.ndarray] = {}
    for index, p in enumerate(parameters):
        info = infos[p.name]
        column = unit_to_values(p, info, unit[:, index])
        if info.kind in ("float", "int") and column.size:
            for extreme in (column.min(), column.max()):
                info.check(extreme.item(), f"parameters[{index}]")
        values[p.name] = column
    return DesignSample(design.kind, tuple(p.name for p in parameters), unit, values)

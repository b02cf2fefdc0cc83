"""Experiment files: which engine, on which architectures, which parameters vary and how, with which seed.

An experiment file is YAML, validated by :class:`Experiment` with errors located by file, line and field
(through :func:`secarch.spec.load_model`). Example (see ``src/secarch/experiments/examples/``)::

    name: bdm-capabilities
    engine: negotiation
    architectures: [rules-of-coexistence]
    fixed: {model: bdm}
    parameters:
      - name: capability.RUS
        range: [0.5, 2.0]
      - name: bdm.q
        distribution: {kind: triangular, low: 0.5, mode: 1.0, high: 1.0}
    design: {kind: sobol, samples: 64}
    replications: 1
    seed: 20240601

Every parameter is written in one of three ways: ``range: [low, high]`` (uniform; integers for integer
parameters), ``values: [...]`` (each value equally likely; the grid takes each) or ``distribution:``
(``uniform``, ``loguniform``, ``normal``, ``truncnormal``, ``lognormal``, ``triangular``). Parameters the
file does not list keep their value in ``fixed:``, else the engine's default.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from secarch.errors import InputError

DesignKind = Literal["grid", "lhs", "sobol", "morris"]
DistributionKind = Literal["uniform", "loguniform", "normal", "truncnormal", "lognormal", "triangular"]

Name = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$", max_length=200),
    Field(description="A name without spaces: letters, digits and _ . : / + -"),
]


DISTRIBUTION_FIELDS: dict[str, tuple[str, ...]] = {
    "uniform": ("low", "high"),
    "loguniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "truncnormal": ("mean", "sd", "low", "high"),
    "lognormal": ("mu", "sigma"),
    "triangular": ("low", "mode", "high"),
}
"""The fields each distribution takes."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Distribution(_Strict):
    """A probability distribution of a parameter (scipy.stats parametrisation in brackets).

    - ``uniform``: ``low``, ``high``;
    - ``loguniform``: ``low``, ``high`` (both > 0; log of the value uniform);
    - ``normal``: ``mean``, ``sd``;
    - ``truncnormal``: ``mean``, ``sd``, ``low``, ``high`` (the normal restricted to [low, high]);
    - ``lognormal``: ``mu``, ``sigma`` (the log of the value is normal(mu, sigma));
    - ``triangular``: ``low``, ``mode``, ``high``.
    """

    kind: DistributionKind = Field(
        description="uniform | loguniform | normal | truncnormal | lognormal | triangular"
    )
    low: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    mu: float | None = None
    sigma: float | None = None
    mode: float | None = None

    @model_validator(mode="after")
    def _complete(self) -> Distribution:
        needs = DISTRIBUTION_FIELDS[self.kind]
        given = {
            name
            for name in ("low", "high", "mean", "sd", "mu", "sigma", "mode")
            if getattr(self, name) is not None
        }
        missing = [name for name in needs if name not in given]
        extra = sorted(given - set(needs))
        if missing or extra:
            raise ValueError(
                f"a {self.kind} distribution takes {', '.join(needs)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; not used: {', '.join(extra)}" if extra else "")
            )
        for name in needs:
            value = getattr(self, name)
            if not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number")
        if "low" in needs and "high" in needs and not self.low < self.high:  # type: ignore[operator]
            raise ValueError("low must be smaller than high")
        if self.kind == "loguniform" and self.low <= 0:  # type: ignore[operator]
            raise ValueError("a loguniform distribution needs low > 0")
        if self.kind in ("normal", "truncnormal") and not self.sd > 0:  # type: ignore[operator]
            raise ValueError("sd must be > 0")
        if self.kind == "lognormal" and not self.sigma > 0:  # type: ignore[operator]
            raise ValueError("sigma must be > 0")
        if self.kind == "triangular" and not self.low <= self.mode <= self.high:  # type: ignore[operator]
            raise ValueError("a triangular distribution needs low <= mode <= high")
        return self

    @property
    def bounded(self) -> bool:
        """Whether the support is a finite interval (the unit quantiles 0 and 1 map to finite values)."""
        return self.kind in ("uniform", "loguniform", "truncnormal", "triangular")


Scalar = float | int | bool | str


class Parameter(_Strict):
    """One parameter that varies: its name in the engine's parameter space and how it varies."""

    name: Name
    range: tuple[float, float] | None = Field(
        default=None, description="[low, high]: uniform on the interval (integers: every integer in it)"
    )
    values: list[Scalar] | None = Field(default=None, description="a list of values, each equally likely")
    distribution: Distribution | None = None
    levels: int | None = Field(
        default=None,
        ge=2,
        le=1000,
        description="grid levels for a range or distribution (default: design.levels)",
    )

    @model_validator(mode="after")
    def _one_way(self) -> Parameter:
        given = [k for k in ("range", "values", "distribution") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"parameter {self.name!r} needs exactly one of range, values, distribution"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.range is not None:
            low, high = self.range
            if not (math.isfinite(low) and math.isfinite(high) and low < high):
                raise ValueError(f"range of {self.name!r} must be [low, high] with low < high")
        if self.values is not None:
            if not self.values:
                raise ValueError(f"values of {self.name!r} is empty")
            if len(set(map(repr, self.values))) != len(self.values):
                raise ValueError(f"values of {self.name!r} repeat")
        return self

    @property
    def bounded(self) -> bool:
        return self.distribution.bounded if self.distribution is not None else True


class Design(_Strict):
    """The sampling design of the parameter space.

    - ``grid``: every combination of ``values`` and of ``levels`` equally spaced points of each range
      (equiprobable quantile midpoints of each distribution);
    - ``lhs``: a Latin hypercube of ``samples`` points (McKay, Beckman & Conover 1979);
    - ``sobol``: Saltelli's scheme on a scrambled Sobol' sequence, ``samples`` = base N (a power of two):
      N (k + 2) points, N (2k + 2) with ``second_order`` (Saltelli 2002; Saltelli et al. 2010);
    - ``morris``: ``samples`` trajectories of k + 1 points on a ``levels``-level grid (Morris 1991;
      Campolongo, Cariboni & Saltelli 2007), optionally the ``optimal_trajectories`` most spread out of them.
    """

    kind: DesignKind = "grid"
    samples: int | None = Field(
        default=None, ge=1, le=10_000_000, description="points (lhs), N (sobol), trajectories (morris)"
    )
    levels: int = Field(default=4, ge=2, le=1000, description="grid levels per range; Morris levels (even)")
    second_order: bool = False
    optimal_trajectories: int | None = Field(default=None, ge=2)
    scramble: bool = True

    @model_validator(mode="after")
    def _check(self) -> Design:
        if self.kind in ("lhs", "sobol", "morris") and self.samples is None:
            raise ValueError(f"a {self.kind} design needs `samples`")
        if self.kind == "sobol" and self.samples is not None and self.samples & (self.samples - 1):
            raise ValueError(f"samples = {self.samples}: Sobol' designs need a power of two (e.g. 256)")
        if self.kind == "morris" and self.levels % 2:
            raise ValueError("Morris designs need an even number of levels (e.g. 4)")
        optimal = self.optimal_trajectories
        if (
            self.kind == "morris"
            and optimal is not None
            and self.samples is not None
            and optimal >= self.samples
        ):
            raise ValueError("optimal_trajectories must be smaller than samples")
        if self.second_order and self.kind != "sobol":
            raise ValueError("second_order applies to sobol designs only")
        return self


class TaskSize(_Strict):
    """How the work is cut into tasks: ``replications`` of ``points`` design points each."""

    replications: int | None = Field(default=None, ge=1, description="replications per task")
    points: int | None = Field(default=None, ge=1, description="design points per task")


class Experiment(_Strict):
    """An experiment: the engine, the architectures it runs on, the parameters and the design."""

    name: Name
    description: str = ""
    engine: str = Field(
        description="negotiation | security | crisis, or module:attribute of a plug-in engine"
    )
    architectures: list[str] = Field(
        min_length=1,
        description="architecture (or forum) files, relative to the experiment file, or bundled names",
    )
    fixed: dict[str, Scalar | None] = Field(default_factory=dict, description="parameters held at a value")
    parameters: list[Parameter] = Field(default_factory=list)
    design: Design = Field(default_factory=Design)
    replications: int = Field(default=1, ge=1, le=100_000_000, description="replications per point")
    seed: int | None = Field(default=None, ge=0, description="the root seed (omit: fresh entropy, recorded)")
    outputs: list[str] | None = Field(default=None, description="the outputs to store (default: all)")
    task: TaskSize = Field(default_factory=TaskSize)

    @field_validator("architectures")
    @classmethod
    def _unique_architectures(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("an architecture is listed twice")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Experiment:
        names = [p.name for p in self.parameters]
        for index, name in enumerate(names):
            if name in names[:index]:
                raise InputError.single(
                    f"parameter {name!r} is listed twice",
                    field=f"parameters[{index}].name",
                    expected="each parameter once",
                )
            if name in self.fixed:
                raise InputError.single(
                    f"parameter {name!r} is both varied and fixed",
                    field=f"parameters[{index}].name",
                    hint="remove it from `fixed:` or from `parameters:`",
                )
        if self.design.kind in ("sobol", "morris") and len(self.parameters) < 1:
            raise InputError.single(
                f"a {self.design.kind} design needs at least one parameter",
                field="parameters",
                expected="a list of parameters with a range, values or a distribution",
            )
        if self.design.kind == "morris":
            for index, p in enumerate(self.parameters):
                if not p.bounded:
                    raise InputError.single(
                        f"Morris designs need bounded parameters; {p.name!r} has a {p.distribution.kind} "  # type: ignore[union-attr]
                        "distribution",
                        field=f"parameters[{index}].distribution",
                        hint="use truncnormal, a range, or a sobol/lhs design",
                    )
        if self.outputs is not None and len(set(self.outputs)) != len(self.outputs):
            raise InputError.single("an output is listed twice", field="outputs")
        return self


def load_experiment_file(path: str | Path, *, text: str | None = None) -> Experiment:
    """Parse and validate an experiment file (structure only; see :func:`secarch.experiments.plan`).

    >>> e = load_experiment_file("x.yaml", text="name: t\\nengine: negotiation\\narchitectures: [a]\\n")
    >>> e.design.kind, e.replications
    ('grid', 1)
    """
    from secarch.spec import load_model

    return load_model(path, Experiment, text=text)

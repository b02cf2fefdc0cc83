"""Engine adapters: what a sweep needs to know about an engine, and the registry of engines.

An adapter (a subclass of :class:`Engine`) declares

- its **parameter space** for a case (:meth:`Engine.parameters`): names, kinds, defaults, valid bounds;
- its **outputs** (:meth:`Engine.outputs`): scalar outputs, one value per replication;
- how to **load a case** (an architecture or forum) once, in the process that plans the sweep
  (:meth:`Engine.load_case`), and how to **prepare** it once per worker (:meth:`Engine.prepare`);
- how to run a **batch of replications** ``[start, stop)`` of one parameter point (:meth:`Engine.run`),
  vectorised over the replications where the engine allows it.

Random numbers: the sweep gives :meth:`Engine.run` the point's root ``SeedSequence``; replication r must
draw only from streams derived from that root and r's seed block ``r // seed_block`` (e.g.
``SeedSequence(root.entropy, spawn_key=(*root.spawn_key, block))``), so that a replication's value does not
depend on which task ran it. Task sizes are multiples of :attr:`Engine.seed_block`.

Built-in engines: ``negotiation`` (:mod:`secarch.experiments.negotiation_adapter`), ``security`` and
``crisis`` when those packages are installed. A plug-in engine is named ``package.module:attribute`` in the
experiment file (a subclass of :class:`Engine` or an instance); it must be importable in the workers.
"""

from __future__ import annotations

import importlib
import math
import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError, Location, Problem

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

ParameterKind = Literal["float", "int", "bool", "choice"]
FloatArray = npt.NDArray[np.float64]
T = TypeVar("T", bound="DataclassInstance")


@dataclass(frozen=True)
class ParameterInfo:
    """One parameter an engine accepts.

    Attributes:
        name: the name used in experiment files.
        kind: ``float``, ``int``, ``bool`` or ``choice`` (one of ``choices``).
        default: the value used when the experiment neither varies nor fixes it.
        description: what it means, its unit and the source of its default.
        choices: the allowed values of a ``choice`` parameter.
        low, high: the valid interval of a number (inclusive; ``None``: unbounded).
        optional: whether ``None`` (YAML ``null``) is a valid value.
    """

    name: str
    kind: ParameterKind
    default: Any
    description: str = ""
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    optional: bool = False

    def check(self, value: Any, field: str) -> Any:
        """``value`` converted to this parameter's kind, or a located :class:`InputError`.

        >>> ParameterInfo("q", "float", 1.0, low=0.0, high=1.0).check(1, "fixed.q")
        1.0
        """
        if value is None and self.optional:
            return None
        expected = self.expected()
        if self.kind == "choice":
            if str(value) not in self.choices:
                raise InputError.single(
                    f"{self.name} = {value!r} is not allowed", field=field, expected=expected
                )
            return str(value)
        if self.kind == "bool":
            if not isinstance(value, bool | np.bool_):
                raise InputError.single(
                    f"{self.name} = {value!r} is not true/false", field=field, expected=expected
                )
            return bool(value)
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, int | float | np.integer | np.floating
        ):
            raise InputError.single(
                f"{self.name} = {value!r} is not a number", field=field, expected=expected
            )
        number = float(value)
        if not math.isfinite(number):
            raise InputError.single(f"{self.name} = {value!r} is not finite", field=field, expected=expected)
        if self.kind == "int":
            if number != int(number):
                raise InputError.single(
                    f"{self.name} = {value!r} is not an integer", field=field, expected=expected
                )
            number = int(number)
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            raise InputError.single(
                f"{self.name} = {value!r} is out of range", field=field, expected=expected
            )
        return number

    def expected(self) -> str:
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "bool":
            return "true or false"
        kind = "an integer" if self.kind == "int" else "a number"
        if self.low is not None and self.high is not None:
            return f"{kind} from {self.low:g} to {self.high:g}"
        if self.low is not None:
            return f"{kind} >= {self.low:g}"
        if self.high is not None:
            return f"{kind} <= {self.high:g}"
        return kind

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "default": self.default,
            "description": self.description,
            "choices": list(self.choices),
            "low": self.low,
            "high": self.high,
            "optional": self.optional,
        }


@dataclass(frozen=True, eq=False)
class Case:
    """An architecture (or forum) loaded for an engine.

    Attributes:
        reference: as written in the experiment file.
        name: a short name for tables (the reference without folders and suffix).
        data: what the engine needs (picklable; sent to every worker once).
        fingerprint: a hash of the content, so that a resumed sweep can tell the case did not change.
    """

    reference: str
    name: str
    data: Any = field(repr=False)
    fingerprint: str


class Engine(ABC):
    """Base class of engine adapters (see the module docstring)."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    seed_block: ClassVar[int] = 1
    """Replications per seed block: tasks hold whole blocks."""
    task_replications: ClassVar[int] = 64
    """Default replications per task (rounded to whole seed blocks)."""
    stochastic: ClassVar[bool] = True
    """Whether replications of one point can differ (False: every replication gives the same values)."""
    task_points: ClassVar[int | None] = None
    """Default design points per task (None: enough points for about 64 runs per task)."""

    @abstractmethod
    def load_case(self, reference: str, base: Path | None) -> Case: ...

    def load_cases(self, references: Sequence[str], base: Path | None) -> list[Case]:
        """All the experiment's cases (override when a case depends on the others, e.g. a common set of
        states). Problems without a file of their own are located at ``architectures[i]``."""
        cases = []
        for index, reference in enumerate(references):
            try:
                cases.append(self.load_case(reference, base))
            except InputError as error:
                raise InputError(
                    [
                        p
                        if p.location.file
                        else Problem(
                            p.message,
                            Location(None, None, None, f"architectures[{index}]"),
                            p.expected,
                            p.hint,
                            p.kind,
                        )
                        for p in error.problems
                    ]
                ) from None
        return cases

    @abstractmethod
    def parameters(self, case: Case) -> Mapping[str, ParameterInfo]: ...

    @abstractmethod
    def outputs(self, case: Case) -> tuple[str, ...]: ...

    def prepare(self, case: Case, fixed: Mapping[str, Any]) -> Any:
        """Work done once per worker and case (e.g. building arrays); the result is passed to :meth:`run`."""
        return case.data

    @abstractmethod
    def run(
        self, prepared: Any, values: Mapping[str, Any], seed: np.random.SeedSequence, start: int, stop: int
    ) -> Mapping[str, npt.ArrayLike]:
        """Outputs of replications ``start`` to ``stop - 1`` at the point ``values`` (varied and fixed
        parameters; absent ones take their defaults): a mapping of output name to ``stop - start`` values."""
        ...


def load_reference(reference: str, base: Path | None) -> Any:
    """The architecture an entry of an experiment's ``architectures`` names: a file (relative to ``base``, the
    experiment file's folder) or the name of a bundled architecture."""
    from secarch.spec import load_architecture, resolve_architecture_source

    return load_architecture(resolve_architecture_source(reference, base))


def dataclass_from(cls: type[T], values: Mapping[str, Any]) -> T:
    """An instance of the dataclass ``cls`` with the fields ``values`` names (other keys are ignored, other
    fields keep their defaults): the engine parameters of a sweep point.

    >>> @dataclass(frozen=True)
    ... class P:
    ...     a: float = 1.0
    ...     b: float = 2.0
    >>> dataclass_from(P, {"b": 5.0, "years": 3})
    P(a=1.0, b=5.0)
    """
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def block_seed(root: np.random.SeedSequence, block: int) -> np.random.SeedSequence:
    """The seed of block ``block`` under ``root``: the child ``root.spawn`` would give at that index, built
    by index so that it does not depend on how many children were spawned before.

    >>> block_seed(np.random.SeedSequence(5, spawn_key=(1, 7)), 3).spawn_key
    (1, 7, 3)
    """
    return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, block), pool_size=root.pool_size)


BUILTIN_ENGINES: dict[str, str] = {
    "negotiation": "secarch.experiments.negotiation_adapter:NegotiationEngine",
    "security": "secarch.experiments.security_adapter:SecurityEngine",
    "crisis": "secarch.experiments.crisis_adapter:CrisisEngine",
}

_registered: dict[str, Engine] = {}
_lock = threading.Lock()


def register_engine(engine: Engine, name: str | None = None) -> None:
    """Make ``engine`` available under ``name`` (default: its :attr:`Engine.name`) in this process.

    Workers of a process pool or a Dask cluster do not see engines registered this way; give plug-in
    engines as ``module:attribute`` in the experiment file instead.
    """
    with _lock:
        _registered[name or engine.name] = engine


def engine_names() -> tuple[str, ...]:
    """Names of the built-in and registered engines."""
    return tuple(dict.fromkeys([*BUILTIN_ENGINES, *_registered]))


def get_engine(reference: str) -> Engine:
    """The engine called ``reference``: a registered or built-in name, or ``module:attribute``.

    >>> get_engine("negotiation").name
    'negotiation'
    """
    with _lock:
        if reference in _registered:
            return _registered[reference]
    path = BUILTIN_ENGINES.get(reference, reference)
    module_name, sep, attribute = path.partition(":")
    if not sep:
        raise InputError.single(
            f"unknown engine {reference!r}",
            field="engine",
            expected="one of " + ", ".join(engine_names()) + ", or module:attribute",
        )
    try:
        target = getattr(importlib.import_module(module_name), attribute)
    except ImportError as error:
        hint = None
        if reference in BUILTIN_ENGINES:
            hint = f"the {reference} engine is not part of this installation of secarch"
        raise InputError.single(
            f"engine {reference!r} cannot be imported: {error}", field="engine", hint=hint
        ) from None
    except AttributeError:
        raise InputError.single(f"{module_name} has no attribute {attribute!r}", field="engine") from None
    engine = target() if isinstance(target, type) else target
    if not isinstance(engine, Engine):
        raise InputError.single(f"{reference!r} is not an Engine", field="engine")
    with _lock:
        _registered.setdefault(reference, engine)
    return engine


def case_name(reference: str) -> str:
    """A short name for a case: the file name without folders and suffix.

    >>> case_name("archs/today.yaml"), case_name("rules-of-coexistence")
    ('today', 'rules-of-coexistence')
    """
    name = Path(reference).name
    for suffix in (".yaml", ".yml", ".csv"):
        name = name.removesuffix(suffix)
    return name or reference

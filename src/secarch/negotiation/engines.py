"""One entry point for the three engines: :func:`negotiate`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from secarch.errors import InputError
from secarch.negotiation.bdm import BDMOptions, solve_bdm
from secarch.negotiation.nbs import NBSOptions, solve_nbs
from secarch.negotiation.result import NegotiationResult
from secarch.negotiation.smp import SMPOptions, solve_smp
from secarch.negotiation.spec import NegotiationSpec

MODELS = ("smp", "bdm", "nbs")
_OPTIONS: dict[str, type] = {"smp": SMPOptions, "bdm": BDMOptions, "nbs": NBSOptions}


def make_options(model: str, values: Mapping[str, Any] | None = None) -> Any:
    """The options object of ``model`` from plain values (YAML, JSON or CLI), with located errors."""
    if model not in _OPTIONS:
        raise InputError.single(f"unknown model {model!r}", field="model", expected=" | ".join(MODELS))
    kind = _OPTIONS[model]
    if values is None:
        return kind()
    if isinstance(values, kind):
        return values
    _check_numbers(model, kind, values)
    try:
        return kind(**dict(values))
    except (TypeError, ValueError) as error:
        raise InputError.single(
            f"bad {model} option: {error}",
            field=f"options.{model}",
            hint=f"see docs/negotiation.md for the options of {model}",
        ) from None


def _check_numbers(model: str, kind: type, values: Mapping[str, Any]) -> None:
    """Every numeric option given must be a non-negative number of its default's type (an int where the
    default is an int): a word or a negative count would otherwise fail deep inside an engine."""
    import dataclasses

    defaults = {f.name: f.default for f in dataclasses.fields(kind)}
    for name, value in values.items():
        default = defaults.get(name)
        if isinstance(default, bool) or not isinstance(default, int | float):
            continue
        wanted = "a whole number" if isinstance(default, int) else "a number"
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if not is_number or (isinstance(default, int) and not isinstance(value, int)) or not value >= 0:
            raise InputError.single(
                f"bad {model} option {name}={value!r}",
                field=f"options.{model}.{name}",
                expected=f"{wanted} ≥ 0 (default {default})",
                hint=f"see docs/negotiation.md for the options of {model}",
            )


def negotiate(spec: NegotiationSpec, model: str = "smp", options: Any = None) -> NegotiationResult:
    """Run ``model`` (``"smp"``, ``"bdm"`` or ``"nbs"``) on ``spec``.

    ``options`` is the model's options object (:class:`SMPOptions`, :class:`BDMOptions`,
    :class:`NBSOptions`) or a mapping of its fields; ``None`` uses the defaults.

    >>> spec = NegotiationSpec.from_arrays(["A", "B"], ["x"], [1, 3], [[0], [100]], [[1], [1]])
    >>> negotiate(spec, "nbs").outcome.tolist()
    [75.0]
    """
    opts = make_options(model, options)
    if model == "smp":
        return solve_smp(spec, opts)
    if model == "bdm":
        return solve_bdm(spec, opts)
    return solve_nbs(spec, opts)

"""Sweep adapter of the negotiation engines (:func:`secarch.negotiation.negotiate`).

Cases are negotiation forums (forum YAML files, KTAB CSV scenarios or bundled forum names). Parameters:

- ``model``: ``smp`` (default), ``bdm`` or ``nbs``;
- every option of the chosen model as ``smp.<option>``, ``bdm.<option>``, ``nbs.<option>`` (defaults:
  :class:`~secarch.negotiation.SMPOptions`, :class:`~secarch.negotiation.BDMOptions`,
  :class:`~secarch.negotiation.NBSOptions`); ``smp.seed`` is not a parameter: stochastic SMP transitions
  draw from the replication's stream;
- targeted changes to the forum: ``capability.<actor>`` (a multiplier of the actor's capability, default 1),
  ``position.<actor>.<issue>`` and ``salience.<actor>.<issue>`` (the value itself; default: the forum's);
- replication noise, the uncertainty of the estimates themselves (default 0: none):
  ``capability_noise`` σ — each capability is multiplied by ``exp(σ z)``, z standard normal (a lognormal
  error with median 1); ``position_noise`` σ — each position moves by ``σ z`` times its issue's scale
  width, clipped to the scale; ``salience_noise`` σ — each salience is multiplied by ``exp(σ z)`` and
  capped at 1 (zero saliences stay zero).

Replication r draws its noise (and the SMP's stochastic transitions) from
``SeedSequence(root.entropy, spawn_key=(*root.spawn_key, r))``, always in the same order (capabilities,
positions, saliences, SMP seed), so replication r sees the same errors at every point (common random
numbers). A point without noise and with deterministic transitions is solved once and its result repeated.

Outputs: ``outcome.<issue>`` (on the issue's scale), ``distance.<actor>`` (salience-weighted distance of the
outcome from the actor's ideal, in [0, 1], see :mod:`secarch.negotiation.result`), ``mean_distance``,
``max_distance``, ``capability_weighted_distance``, ``steps`` and ``converged`` (1 or 0).
"""

from __future__ import annotations

import dataclasses
import hashlib
import typing
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.experiments.engines import Case, Engine, ParameterInfo, block_seed, case_name

FloatArray = npt.NDArray[np.float64]

NOISE = ("capability_noise", "position_noise", "salience_noise")

# Valid intervals of the numeric options (the options' own checks; see secarch.negotiation).
_OPTION_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "smp.min_turns": (1, None),
    "smp.max_turns": (1, None),
    "smp.min_delta_ratio": (0.0, None),
    "smp.min_significant_delta": (0.0, None),
    "smp.min_gain": (0.0, None),
    "smp.position_tolerance": (0.0, None),
    "bdm.rounds": (0, None),
    "bdm.q": (0.0, 1.0),
    "bdm.t": (0.0, 1.0),
}


def _option_parameters() -> dict[str, ParameterInfo]:
    from secarch.negotiation import BDMOptions, NBSOptions, SMPOptions

    infos: dict[str, ParameterInfo] = {}
    for prefix, kind in (("smp", SMPOptions), ("bdm", BDMOptions), ("nbs", NBSOptions)):
        hints = typing.get_type_hints(kind)
        for f in dataclasses.fields(kind):
            if f.name == "seed":
                continue
            name = f"{prefix}.{f.name}"
            annotation = hints[f.name]
            description = f"{kind.__name__}.{f.name} (default {f.default!s}; see docs/negotiation.md)"
            low, high = _OPTION_BOUNDS.get(name, (None, None))
            if isinstance(annotation, type) and issubclass(annotation, StrEnum):
                choices = tuple(str(member) for member in annotation)
                infos[name] = ParameterInfo(name, "choice", str(f.default), description, choices)
            elif annotation is bool:
                infos[name] = ParameterInfo(name, "bool", f.default, description)
            elif annotation is int:
                infos[name] = ParameterInfo(name, "int", f.default, description, low=low, high=high)
            else:
                infos[name] = ParameterInfo(name, "float", f.default, description, low=low, high=high)
    return infos


class NegotiationEngine(Engine):
    """The negotiation engines as a sweep engine (see the module docstring)."""

    name = "negotiation"
    description = "Multi-party negotiation: KTAB's SMP, the expected-utility model (BDM), the NBS baseline."
    seed_block = 1
    task_replications = 8
    stochastic = True

    def load_case(self, reference: str, base: Path | None) -> Case:
        from secarch.negotiation.forum import load_negotiation

        path = Path(reference)
        if base is not None and not path.is_absolute() and (base / path).is_file():
            path = base / path
        spec = load_negotiation(path if path.is_file() else reference)
        digest = hashlib.sha256()
        for text in (spec.actors, spec.issues):
            digest.update("\x1f".join(text).encode() + b"\x1e")
        for array in (spec.capability, spec.position, spec.salience, spec.scale):
            digest.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
        return Case(reference, case_name(reference), spec, digest.hexdigest())

    def parameters(self, case: Case) -> Mapping[str, ParameterInfo]:
        spec = case.data
        infos: dict[str, ParameterInfo] = {
            "model": ParameterInfo("model", "choice", "smp", "negotiation model", ("smp", "bdm", "nbs"))
        }
        infos.update(_option_parameters())
        infos["capability_noise"] = ParameterInfo(
            "capability_noise", "float", 0.0, "σ of the lognormal error of every capability", low=0.0
        )
        infos["position_noise"] = ParameterInfo(
            "position_noise",
            "float",
            0.0,
            "σ of the normal error of every position, in scale widths",
            low=0.0,
        )
        infos["salience_noise"] = ParameterInfo(
            "salience_noise", "float", 0.0, "σ of the lognormal error of every salience", low=0.0
        )
        for i, actor in enumerate(spec.actors):
            infos[f"capability.{actor}"] = ParameterInfo(
                f"capability.{actor}", "float", 1.0, f"multiplier of {actor}'s capability", low=1e-6
            )
            for k, issue in enumerate(spec.issues):
                low, high = (float(v) for v in spec.scale[k])
                infos[f"position.{actor}.{issue}"] = ParameterInfo(
                    f"position.{actor}.{issue}",
                    "float",
                    float(spec.position[i, k]),
                    f"{actor}'s position on {issue}",
                    low=low,
                    high=high,
                )
                infos[f"salience.{actor}.{issue}"] = ParameterInfo(
                    f"salience.{actor}.{issue}",
                    "float",
                    float(spec.salience[i, k]),
                    f"{actor}'s salience of {issue}",
                    low=0.0,
                    high=1.0,
                )
        return infos

    def outputs(self, case: Case) -> tuple[str, ...]:
        spec = case.data
        return (
            *(f"outcome.{issue}" for issue in spec.issues),
            *(f"distance.{actor}" for actor in spec.actors),
            "mean_distance",
            "max_distance",
            "capability_weighted_distance",
            "steps",
            "converged",
        )

    def run(
        self, prepared: Any, values: Mapping[str, Any], seed: np.random.SeedSequence, start: int, stop: int
    ) -> Mapping[str, npt.ArrayLike]:
        from secarch.negotiation import make_options, negotiate
        from secarch.negotiation.spec import NegotiationSpec

        spec: NegotiationSpec = prepared
        n, d = spec.n_actors, spec.n_issues
        model = str(values.get("model", "smp"))
        prefix = f"{model}."
        options = {k.removeprefix(prefix): v for k, v in values.items() if k.startswith(prefix)}
        capability, position, salience = _targeted(spec, values)
        sigma = {name: float(values.get(name, 0.0)) for name in NOISE}
        stochastic_smp = model == "smp" and str(options.get("state_transition", "")) == "stochastic"
        width = spec.scale[:, 1] - spec.scale[:, 0]
        rows: list[dict[str, float]] = []
        for r in range(start, stop):
            if rows and not stochastic_smp and not any(sigma.values()):
                rows.append(rows[-1])  # a deterministic point: every replication is the same
                continue
            rng = np.random.default_rng(block_seed(seed, r))
            z_cap = rng.standard_normal(n)
            z_pos = rng.standard_normal((n, d))
            z_sal = rng.standard_normal((n, d))
            smp_seed = int(rng.integers(0, 2**63 - 1))
            cap = capability * np.exp(sigma["capability_noise"] * z_cap)
            pos = np.clip(
                position + sigma["position_noise"] * width * z_pos, spec.scale[:, 0], spec.scale[:, 1]
            )
            sal = np.minimum(salience * np.exp(sigma["salience_noise"] * z_sal), 1.0)
            replica = NegotiationSpec.from_arrays(
                spec.actors, spec.issues, cap, pos, sal, spec.scale, name=spec.name
            )
            opts = make_options(model, {**options, "seed": smp_seed} if stochastic_smp else options)
            rows.append(_summary(negotiate(replica, model, opts)))
        return {name: np.array([row[name] for row in rows], dtype=np.float64) for name in rows[0]}


def _targeted(spec: Any, values: Mapping[str, Any]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Capabilities, positions and saliences with the point's targeted changes applied."""
    capability = np.array(spec.capability, dtype=np.float64)
    position = np.array(spec.position, dtype=np.float64)
    salience = np.array(spec.salience, dtype=np.float64)
    row = {actor: i for i, actor in enumerate(spec.actors)}
    column = {issue: k for k, issue in enumerate(spec.issues)}
    for name, value in values.items():
        kind, _, rest = name.partition(".")
        if kind == "capability" and rest in row:
            capability[row[rest]] *= float(value)
        elif kind in ("position", "salience"):
            for actor, i in row.items():
                if rest.startswith(actor + ".") and rest[len(actor) + 1 :] in column:
                    target = position if kind == "position" else salience
                    target[i, column[rest[len(actor) + 1 :]]] = float(value)
                    break
    return capability, position, salience


def _summary(result: Any) -> dict[str, float]:
    spec = result.spec
    distance = result.distance
    row = {f"outcome.{issue}": float(v) for issue, v in zip(spec.issues, result.outcome, strict=True)}
    row.update({f"distance.{actor}": float(v) for actor, v in zip(spec.actors, distance, strict=True)})
    capability = spec.capability
    row["mean_distance"] = float(distance.mean())
    row["max_distance"] = float(distance.max())
    row["capability_weighted_distance"] = float((capability * distance).sum() / capability.sum())
    row["steps"] = float(result.steps)
    row["converged"] = float(result.converged)
    return row

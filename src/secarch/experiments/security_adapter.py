"""Sweep adapter of the security model (:mod:`secarch.security`; docs/security.md).

Cases are architecture files or bundled architecture names. Parameters: every field of
:class:`~secarch.security.SecurityParams` under its own name (``rival_weight``, ``dispute_weight``,
``extended_weight``, ``support_weight``, ``latent_dispute_value``, ``similarity_weighting``,
``miles_per_day`` …; defaults and their sources in docs/security.md), and ``year``: the year scored (its
1 July; default: the architecture's reference date).

The model is deterministic: every replication of a point has the same values (use ``replications: 1``). The
geography (capability shares, distances, contiguity) is built once per worker, year and ``miles_per_day``.

Outputs: ``security.<state>`` for every participant on the date scored, and the summaries
``mean_security``, ``min_security``, ``max_security`` and ``security_spread`` (max − min: the "equality of
security" gap).
"""

from __future__ import annotations

import dataclasses
import hashlib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.experiments.engines import Case, Engine, ParameterInfo, case_name, dataclass_from, load_reference

# Valid intervals, as SecurityParams checks them.
_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "latent_dispute_value": (0.0, 1.0),
    "restraint_weight": (0.0, 1.0),
    "miles_per_day": (1e-9, None),
}


def _fingerprint(architecture: Any) -> str:
    return hashlib.sha256(architecture.model_dump_json().encode("utf-8")).hexdigest()


def _outputs(architecture: Any) -> tuple[str, ...]:
    """One score per participant on the reference date, and the summaries."""
    states = architecture.at(architecture.resolve_date(None)).states
    return (
        *(f"security.{state}" for state in states),
        "mean_security",
        "min_security",
        "max_security",
        "security_spread",
    )


class _Prepared:
    """An architecture with the geographies built so far (one per date and miles-per-day value)."""

    def __init__(self, architecture: Any) -> None:
        self.architecture = architecture
        self.outputs = _outputs(architecture)
        self.geographies: dict[tuple[Any, Any], Any] = {}


class SecurityEngine(Engine):
    """The security model as a sweep engine (see the module docstring)."""

    name = "security"
    description = "Security scores of every participant (own capability, guarantors' support, threats)."
    seed_block = 1
    task_replications = 1
    task_points = 4  # about a second of work per task for an architecture of 200 states
    stochastic = False

    def load_case(self, reference: str, base: Path | None) -> Case:
        architecture = load_reference(reference, base)
        return Case(reference, case_name(reference), architecture, _fingerprint(architecture))

    def parameters(self, case: Case) -> Mapping[str, ParameterInfo]:
        from secarch.security import SecurityParams

        infos: dict[str, ParameterInfo] = {
            "year": ParameterInfo(
                "year", "int", None, "year scored (its 1 July); default the reference date", optional=True
            )
        }
        hints = typing.get_type_hints(SecurityParams)
        for f in dataclasses.fields(SecurityParams):
            description = f"SecurityParams.{f.name} (default {f.default!s}; docs/security.md)"
            if f.name == "similarity_weighting":
                choices = tuple(typing.get_args(hints[f.name]))
                infos[f.name] = ParameterInfo(f.name, "choice", f.default, description, choices)
                continue
            low, high = _BOUNDS.get(f.name, (0.0, None))
            optional = f.default is None
            infos[f.name] = ParameterInfo(
                f.name, "float", f.default, description, low=low, high=high, optional=optional
            )
        return infos

    def outputs(self, case: Case) -> tuple[str, ...]:
        return _outputs(case.data)

    def prepare(self, case: Case, fixed: Mapping[str, Any]) -> Any:
        return _Prepared(case.data)

    def run(
        self, prepared: Any, values: Mapping[str, Any], seed: np.random.SeedSequence, start: int, stop: int
    ) -> Mapping[str, npt.ArrayLike]:
        from secarch.security import SecurityParams, build_case
        from secarch.security.adapter import geography_from_data

        params = dataclass_from(SecurityParams, values)
        state: _Prepared = prepared
        architecture = state.architecture
        year = values.get("year")
        on = architecture.resolve_date(None if year is None else int(year))
        key = (on, params.miles_per_day)
        if key not in state.geographies:
            states = architecture.at(on).states
            state.geographies[key] = geography_from_data(states, on.year, params)[0]
        scores = build_case(architecture, on, params, geography=state.geographies[key]).scores()
        security = np.asarray(scores.security, dtype=np.float64)
        row = {f"security.{s}": float(v) for s, v in zip(scores.states, security, strict=True)}
        row["mean_security"] = float(security.mean())
        row["min_security"] = float(security.min())
        row["max_security"] = float(security.max())
        row["security_spread"] = float(security.max() - security.min())
        count = stop - start
        # a participant of the reference date that is not one on the date scored has no score there
        return {name: np.full(count, row.get(name, np.nan)) for name in state.outputs}

"""The kinds of job the web application runs, one per engine on a public API: what each takes (a pydantic
model of its parameters), how big a job is (runs × years × states, for the size limit) and which adapter
function runs it in a worker process (:mod:`secarch.web.jobs.adapters`).

A kind is listed only when its engine is installed (:attr:`JobKind.engine_module` imports), so the
application never offers a job it cannot run.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from secarch.errors import InputError, Location, Problem

if TYPE_CHECKING:
    from secarch.model import Architecture

ModelName = Literal["smp", "bdm", "nbs"]
ForumName = Literal["rules-of-coexistence"]
"""The bundled negotiation forums (``secarch.negotiation.forum.BUNDLED_FORUMS``); a test keeps them equal."""


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckParams(Params):
    year: int | None = Field(None, ge=1, le=9999, description="Year to check (default: reference date).")
    forum: ForumName = Field("rules-of-coexistence", description="Forum for the mutual-consideration check.")
    model: ModelName = Field("smp", description="Bargaining model of that forum.")


class NegotiateParams(Params):
    year: int | None = Field(None, ge=1, le=9999, description="Year (default: the reference date).")
    forum: ForumName = Field("rules-of-coexistence", description="Bundled negotiation forum.")
    model: ModelName = Field("smp", description="smp (KTAB), bdm (expected utility) or nbs.")


class MetricsParams(Params):
    first_year: int | None = Field(None, ge=1, le=9999, description="First year (default: period start).")
    last_year: int | None = Field(None, ge=1, le=9999, description="Last year (default: period end).")


ElementRef = Annotated[
    str, StringConstraints(min_length=1, max_length=160, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$")
]


class ScoreParams(Params):
    year: int | None = Field(None, ge=1, le=9999, description="Year (default: the reference date).")
    elements: bool = Field(False, description="Also classify every element by its leave-one-out effect.")
    threshold: float = Field(0.001, ge=0, le=1, description="Smallest change counted as a gain or loss.")


class WhatIfParams(Params):
    year: int | None = Field(None, ge=1, le=9999, description="Year (default: the reference date).")
    remove: list[ElementRef] = Field(
        min_length=1,
        max_length=200,
        description="Elements to remove: agreement, dispute or rivalry ids, ORG:STATE memberships, or "
        "organisation ids (their memberships and agreements).",
    )


class SimulateParams(Params):
    years: int = Field(10, ge=1, le=100, description="Horizon in years.")
    runs: int = Field(1000, ge=1, le=1_000_000, description="Monte Carlo runs.")
    seed: int | None = Field(
        None, ge=0, le=2**63 - 1, description="Seed (default: fresh entropy, recorded in the result)."
    )
    start: int | None = Field(
        None, ge=1, le=9999, description="First simulated year (default: reference year)."
    )


class ReportParams(Params):
    year: int | None = Field(
        None, ge=1, le=9999, description="Year to assess (default: each reference date)."
    )
    seed: int | None = Field(
        None, ge=0, le=2**63 - 1, description="Root seed of the stochastic sections (default: the report's)."
    )


@dataclass(frozen=True)
class JobKind:
    """One kind of job. ``size`` validates the parameters against the architectures (raising located
    :class:`InputError`) and returns the job's size; ``adapter`` names the function run in the worker."""

    id: str
    title: str
    description: str
    params: type[Params]
    size: Callable[[Sequence[Architecture], Any], int]
    adapter: str
    engine_module: str
    min_architectures: int = 1
    max_architectures: int = 1

    @property
    def available(self) -> bool:
        try:
            return importlib.util.find_spec(self.engine_module) is not None
        except ModuleNotFoundError:  # its parent package is missing
            return False

    def parse_params(self, values: dict[str, Any] | None) -> Params:
        try:
            return self.params.model_validate(values or {})
        except ValidationError as error:
            raise InputError(
                [
                    Problem(
                        item["msg"],
                        Location(field="params." + ".".join(str(s) for s in item["loc"])),
                        _expected(self.params, item),
                        None,
                        "bad_parameter",
                    )
                    for item in error.errors(include_url=False)
                ]
            ) from None


def _expected(model: type[Params], item: Any) -> str | None:
    name = str(item["loc"][0]) if item["loc"] else ""
    field = model.model_fields.get(name)
    return field.description if field is not None else "one of: " + ", ".join(model.model_fields)


def _one_year(archs: Sequence[Architecture], params: Any) -> int:
    arch = archs[0]
    arch.resolve_date(params.year)  # an InputError if the year is outside the period
    return len(arch.at(params.year).states)


def _metrics_size(archs: Sequence[Architecture], params: MetricsParams) -> int:
    first, last = metrics_years(archs[0], params)
    return (last - first + 1) * len(archs[0].participants)


def _security_size(archs: Sequence[Architecture], params: Any) -> int:
    # One year; the leave-one-out classification evaluates every element, which the model does in one
    # vectorised batch per element: count it as that many runs.
    arch = archs[0]
    states = len(arch.at(params.year).states)
    runs = len(arch.agreements) + len(arch.memberships) + 1 if getattr(params, "elements", False) else 1
    return runs * states


def _simulate_size(archs: Sequence[Architecture], params: SimulateParams) -> int:
    """runs × years × states: the size limit's own measure."""
    return params.runs * params.years * len(archs[0].participants)


def _report_size(archs: Sequence[Architecture], params: ReportParams) -> int:
    for arch in archs:
        arch.resolve_date(params.year)  # each must cover the year
    return sum(len(arch.participants) for arch in archs)


def metrics_years(arch: Architecture, params: MetricsParams) -> tuple[int, int]:
    """The years of a metrics job, checked against the architecture's period."""
    first = params.first_year if params.first_year is not None else arch.period.start.year
    last = params.last_year if params.last_year is not None else arch.period.end.year
    arch.resolve_date(first)
    arch.resolve_date(last)
    if last < first:
        raise InputError.single(
            f"last year {last} is before first year {first}",
            field="params.last_year",
            expected=f"a year from {first} to {arch.period.end.year}",
        )
    return first, last


KINDS: dict[str, JobKind] = {
    kind.id: kind
    for kind in (
        JobKind(
            "check",
            "Principle checks",
            "Run every principle check of the architecture on one date: findings with severity and evidence.",
            CheckParams,
            _one_year,
            "secarch.web.jobs.adapters:run_check",
            "secarch.principles",
        ),
        JobKind(
            "negotiate",
            "Negotiation",
            "Predict the outcome of a bundled negotiation forum among the actors present in the "
            "architecture on one date, and each actor's distance from its ideal.",
            NegotiateParams,
            _one_year,
            "secarch.web.jobs.adapters:run_negotiate",
            "secarch.negotiation",
        ),
        JobKind(
            "metrics",
            "Network metrics by year",
            "Every network, similarity and polarity metric of the architecture for each year of a range.",
            MetricsParams,
            _metrics_size,
            "secarch.web.jobs.adapters:run_metrics",
            "secarch.metrics",
        ),
        JobKind(
            "score",
            "Security scores",
            "Every state's modelled security, own capability, support from guarantors and threat "
            "(secarch score); optionally each element's leave-one-out effect (zero-sum elements).",
            ScoreParams,
            _security_size,
            "secarch.web.jobs.adapters:run_score",
            "secarch.security.adapter",
        ),
        JobKind(
            "whatif",
            "What-if",
            "Every state's security before and after removing elements (secarch whatif --remove).",
            WhatIfParams,
            _security_size,
            "secarch.web.jobs.adapters:run_whatif",
            "secarch.security.adapter",
        ),
        JobKind(
            "simulate",
            "Crisis simulation",
            "Monte Carlo over years: disputes arise, escalate or are mediated, guarantees deter or pull "
            "allies in (secarch simulate); war probability, war sizes, per-state and per-dyad risk with "
            "95% intervals.",
            SimulateParams,
            _simulate_size,
            "secarch.web.jobs.adapters:run_simulate",
            "secarch.crisis.simulate",
        ),
        JobKind(
            "assess",
            "Assessment report",
            "The full report of the architecture (secarch assess): summary, map, structures, network, "
            "findings, negotiation and provenance, as one offline HTML page.",
            ReportParams,
            _report_size,
            "secarch.web.jobs.adapters:run_report",
            "secarch.report",
        ),
        JobKind(
            "compare",
            "Comparison report",
            "Architectures side by side (secarch compare); the first is the baseline that differences are "
            "stated against.",
            ReportParams,
            _report_size,
            "secarch.web.jobs.adapters:run_report",
            "secarch.report",
            min_architectures=2,
            max_architectures=4,
        ),
    )
}


def available_kinds() -> dict[str, JobKind]:
    """The kinds whose engines are installed, in display order."""
    return {name: kind for name, kind in KINDS.items() if kind.available}


def get_kind(name: str) -> JobKind:
    kinds = available_kinds()
    if name not in kinds:
        raise InputError.single(
            f"unknown job kind {name[:40]!r}",
            field="kind",
            expected="one of: " + ", ".join(kinds),
            kind="bad_parameter",
        )
    return kinds[name]


def form_fields(kind: JobKind) -> list[dict[str, Any]]:
    """The parameters of ``kind`` as form fields: name, input type, choices, default and help text."""
    import types
    import typing

    fields = []
    for name, info in kind.params.model_fields.items():
        annotation = info.annotation
        core = annotation
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):  # X | None: the form shows X
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            core = args[0] if len(args) == 1 else annotation
        choices = list(typing.get_args(core)) if typing.get_origin(core) is Literal else []
        if typing.get_origin(core) is list:
            input_type = "list"
        elif core is bool:
            input_type = "checkbox"
        elif core in (int, float):
            input_type = "number"
        else:
            input_type = "select" if choices else "text"
        fields.append(
            {
                "name": name,
                "type": input_type,
                "choices": choices,
                "default": None if info.is_required() else info.default,
                "step": "any" if core is float else "1",
                "help": info.description or "",
            }
        )
    return fields


def form_params(kind: JobKind, values: dict[str, Any]) -> dict[str, Any]:
    """Form values as parameters: a list parameter is written comma-separated in its text field."""
    lists = {f["name"] for f in form_fields(kind) if f["type"] == "list"}
    return {
        key: [part.strip() for part in value.split(",") if part.strip()]
        if key in lists and isinstance(value, str)
        else value
        for key, value in values.items()
    }

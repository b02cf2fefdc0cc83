"""The worked examples in the docstrings run and give what they show (oracle: the value each example states,
worked by hand or analytic). Other packages' examples are run next to their own tests (data, hazard,
report geography and layout)."""

from __future__ import annotations

import doctest
import importlib

import pytest

ELLIPSIS, WHITESPACE = doctest.ELLIPSIS, doctest.NORMALIZE_WHITESPACE

GROUPS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        ELLIPSIS,
        (
            "secarch.model.types",
            "secarch.model.architecture",
            "secarch.model.snapshot",
            "secarch.spec",
            "secarch.spec.loader",
            "secarch.spec.locate",
            "secarch.spec.yamlio",
        ),
    ),
    (
        ELLIPSIS,
        (
            "secarch.claims",
            "secarch.claims.text",
            "secarch.claims.quantities",
            "secarch.claims.gazetteer",
            "secarch.claims.lexicon",
            "secarch.claims.reader",
            "secarch.claims.proposals",
        ),
    ),
    (
        ELLIPSIS | WHITESPACE,
        (
            "secarch.crisis.world",
            "secarch.crisis.params",
            "secarch.crisis.escalation",
            "secarch.crisis.joining",
            "secarch.crisis.engine",
            "secarch.crisis.stats",
            "secarch.crisis.onset",
            "secarch.crisis.inputs",
            "secarch.crisis.risk",
            "secarch.crisis.simulate",
        ),
    ),
    (
        WHITESPACE,
        tuple(
            f"secarch.metrics.{name}"
            for name in (
                "centralisation",
                "hierarchy",
                "network",
                "overlap",
                "paths",
                "polarisation",
                "polarity",
                "similarity",
            )
        ),
    ),
    (
        WHITESPACE,
        (
            "secarch.model.forum",
            "secarch.negotiation.forum",
            "secarch.negotiation.bdm",
            "secarch.negotiation.condorcet",
            "secarch.negotiation.engines",
            "secarch.negotiation.ktab_csv",
            "secarch.negotiation.nbs",
            "secarch.negotiation.result",
            "secarch.negotiation.smp",
            "secarch.negotiation.spec",
        ),
    ),
    (
        WHITESPACE,
        (
            "secarch.security.gradient",
            "secarch.security.model",
            "secarch.security.elements",
            "secarch.security.whatif",
            "secarch.security.classify",
            "secarch.security.params",
            "secarch.security.adapter",
            "secarch.security.history",
            "secarch.security.validation",
        ),
    ),
    (
        WHITESPACE,
        (
            "secarch.experiments.spec",
            "secarch.experiments.engines",
            "secarch.experiments.designs",
            "secarch.experiments.sensitivity",
        ),
    ),
    (WHITESPACE, ("secarch.principles.findings", "secarch.principles.registry")),
    (WHITESPACE, ("secarch.cli._common", "secarch.params")),
    (
        ELLIPSIS,
        ("secarch.report.parameters", "secarch.report.sections.summary", "secarch.report.htmlkit"),
    ),
    (ELLIPSIS, ("secarch.web", "secarch.web.encoding", "secarch.web.loadtest")),
)


@pytest.mark.parametrize(
    ("name", "flags"), [pytest.param(name, flags, id=name) for flags, names in GROUPS for name in names]
)
def test_docstring_examples(name: str, flags: int) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=flags)
    assert result.attempted > 0
    assert result.failed == 0

"""The examples in the docstrings of the crisis simulation run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "secarch.crisis.world",
    "secarch.crisis.params",
    "secarch.crisis.escalation",
    "secarch.crisis.joining",
    "secarch.crisis.engine",
    "secarch.crisis.stats",
    "secarch.crisis.onset",
    "secarch.crisis.inputs",
    "secarch.crisis.simulate",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    """Oracle: each docstring example's printed value (formulas worked by hand)."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0

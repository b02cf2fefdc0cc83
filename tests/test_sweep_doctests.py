"""The worked examples in the experiments modules' docstrings are run and must hold (oracle: the value each
example states, computed by hand)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "secarch.experiments.spec",
    "secarch.experiments.engines",
    "secarch.experiments.designs",
    "secarch.experiments.sensitivity",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    outcome = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert outcome.failed == 0
    assert outcome.attempted > 0

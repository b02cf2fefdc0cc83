"""The worked examples in the negotiation modules' docstrings are run and must hold (oracle: the analytic
or hand-computed value each example states)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
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
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    outcome = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert outcome.failed == 0
    assert outcome.attempted > 0

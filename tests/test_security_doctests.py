"""The examples in the security modules' docstrings run and give what they say (oracle: the docstrings'
hand-checked values)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "secarch.security.gradient",
    "secarch.security.model",
    "secarch.security.elements",
    "secarch.security.whatif",
    "secarch.security.classify",
    "secarch.security.params",
    "secarch.security.adapter",
    "secarch.security.history",
    "secarch.security.validation",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0

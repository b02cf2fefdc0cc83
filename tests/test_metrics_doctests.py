"""The tiny examples in the metric docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "centralisation",
    "hierarchy",
    "network",
    "overlap",
    "paths",
    "polarisation",
    "polarity",
    "similarity",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    """Oracle: each example's stated result (worked by hand in the docstring)."""
    module = importlib.import_module(f"secarch.metrics.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0

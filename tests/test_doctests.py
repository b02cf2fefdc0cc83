"""The examples in the docstrings of the model and spec packages run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "secarch.model.types",
    "secarch.model.architecture",
    "secarch.model.snapshot",
    "secarch.spec",
    "secarch.spec.loader",
    "secarch.spec.locate",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

"""The examples in the docstrings of the claims package run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "secarch.claims",
    "secarch.claims.text",
    "secarch.claims.quantities",
    "secarch.claims.gazetteer",
    "secarch.claims.lexicon",
    "secarch.claims.reader",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

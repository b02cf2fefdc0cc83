"""Input checks shared by the metric functions.

The metrics are called from Python code (the principle checks, the security model, notebooks), so a
wrong shape is reported as an :class:`~secarch.errors.InputError` naming the argument, what was expected
and what was received, instead of a broadcasting error deep inside NumPy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from secarch.errors import InputError


def as_matrix(value: Any, name: str, *, square: bool = False, dtype: Any = float) -> NDArray[Any]:
    """Return ``value`` as a finite 2-D array, or raise :class:`InputError` saying what is wrong."""
    array = np.asarray(value, dtype=dtype)
    if array.ndim != 2:
        raise InputError.single(
            f"{name} has {array.ndim} dimension(s)",
            field=name,
            expected="a 2-D array" + (" (n × n)" if square else ""),
            hint="pass one row per state (or organisation/agreement) and one column per item",
        )
    if square and array.shape[0] != array.shape[1]:
        raise InputError.single(
            f"{name} has shape {array.shape}",
            field=name,
            expected="a square n × n array",
            hint="row i and column i must refer to the same state",
        )
    if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
        raise InputError.single(
            f"{name} contains NaN or infinite values",
            field=name,
            expected="finite numbers",
            hint="encode 'no tie' as 0, not as NaN",
        )
    return array


def as_vector(value: Any, name: str, length: int | None = None) -> NDArray[np.float64]:
    """Return ``value`` as a finite 1-D float array (of ``length`` if given), or raise InputError."""
    array = np.asarray(value, dtype=float)
    if array.ndim != 1:
        raise InputError.single(f"{name} has {array.ndim} dimension(s)", field=name, expected="a 1-D array")
    if length is not None and array.shape[0] != length:
        raise InputError.single(
            f"{name} has {array.shape[0]} entries",
            field=name,
            expected=f"{length} entries (one per column of the matrix it goes with)",
        )
    if not np.all(np.isfinite(array)):
        raise InputError.single(
            f"{name} contains NaN or infinite values", field=name, expected="finite numbers"
        )
    return array


def nonnegative(array: NDArray[Any], name: str) -> NDArray[Any]:
    """Raise InputError unless every entry of ``array`` is ≥ 0."""
    if array.size and float(np.min(array)) < 0:
        raise InputError.single(
            f"{name} has negative entries (smallest {float(np.min(array)):g})",
            field=name,
            expected="values ≥ 0",
        )
    return array


def binary_adjacency(value: Any, name: str) -> NDArray[np.bool_]:
    """A square matrix as a boolean adjacency matrix without self-loops (any entry > 0 is a tie)."""
    matrix = nonnegative(as_matrix(value, name, square=True), name)
    adjacency = matrix > 0
    np.fill_diagonal(adjacency, False)
    return adjacency

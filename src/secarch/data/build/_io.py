"""Deterministic reading and writing of the bundled tables (the rebuild test compares bytes)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from secarch.errors import InputError


def write_table(frame: pd.DataFrame, path: Path, float_format: str | None = None) -> Path:
    """Write ``frame`` as UTF-8 CSV with ``\\n`` line ends, no index, ISO dates and shortest round-trip
    floats (or ``float_format``, e.g. ``"%.10g"`` for fitted numbers whose last digits depend on the BLAS
    library), so that the same frame always gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(
        path,
        index=False,
        lineterminator="\n",
        date_format="%Y-%m-%d",
        encoding="utf-8",
        float_format=float_format,
    )
    return path


def read_hand_table(path: Path) -> pd.DataFrame:
    """Read a hand-written build input with every field as text (empty fields stay empty strings)."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise InputError.single(f"cannot read the hand-written table ({error})", file=path) from None


def read_hand_rows(path: Path) -> list[dict[str, str]]:
    """Read a hand-written build input as a list of rows (text fields) with the standard library."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except (OSError, csv.Error) as error:
        raise InputError.single(f"cannot read the hand-written table ({error})", file=path) from None

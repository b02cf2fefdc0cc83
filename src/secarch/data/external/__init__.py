"""Loaders for the user's own copies of the original research datasets (published CSV layouts).

Nothing here is bundled or downloaded: each function reads a file the user has and returns a pandas
DataFrame with integer codes, or raises :class:`secarch.errors.InputError` naming the file, the line and the
column when the file is not what it should be. See docs/data-states.md ("Loaders") for every layout.
"""

from __future__ import annotations

from secarch.data.external._reader import Column, TableSpec, read_table
from secarch.data.external.cow import load_capitals, load_majors, load_states

__all__ = [
    "Column",
    "TableSpec",
    "load_capitals",
    "load_majors",
    "load_states",
    "read_table",
]

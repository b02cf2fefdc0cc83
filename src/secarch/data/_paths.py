"""Where the bundled tables live inside the installed package.

``tables/`` holds what the API reads (derived tables built by :mod:`secarch.data.build` and hand-written
tables that are used as they are); ``hand/`` holds the hand-written inputs of the build (the crosswalk,
capital corrections, entities outside the CoW system). Every row of every table has a ``source``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TABLES_DIR = PACKAGE_DIR / "tables"
HAND_DIR = PACKAGE_DIR / "hand"


def table_path(name: str) -> Path:
    """Path of the bundled table ``name`` (file name with extension) in ``tables/``."""
    return TABLES_DIR / name


def hand_path(name: str) -> Path:
    """Path of the hand-written build input ``name`` in ``hand/``."""
    return HAND_DIR / name

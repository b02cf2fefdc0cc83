"""Build the bundled tables from the original datasets: ``secarch data build --from ../shared/data``.

Every function takes the folder holding the original datasets (laid out as ``cow/``, ``atop/`` … as in
``../shared/data``) and returns a DataFrame; :func:`build_all` writes them all. The output is deterministic
so that a test can rebuild every table and compare it byte for byte with the committed one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from secarch.data._paths import TABLES_DIR
from secarch.data.build._io import write_table
from secarch.data.build.capabilities import build_capabilities
from secarch.data.build.geography import (
    build_capital_distances,
    build_contiguity,
    build_min_distance,
)
from secarch.data.build.states import build_capitals, build_states
from secarch.data.build_orgs import atop_obligations_frame, rivalries_frame

#: the derived tables, in build order: file name → builder
BUILDERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "capitals.csv": build_capitals,
    "states.csv": build_states,
    "capabilities.csv": build_capabilities,
    "contiguity.csv": build_contiguity,
    "min_distance.csv": build_min_distance,
    "capital_distances.csv": build_capital_distances,
    "atop_obligations.csv": atop_obligations_frame,  # secarch.data.build_orgs (docs/data.md)
    "rivalries.csv": rivalries_frame,
}


def build_all(src: str | Path, out: str | Path, *, only: list[str] | None = None) -> dict[str, Path]:
    """Rebuild the derived tables from the datasets in ``src`` and write them to ``out``.

    Returns the written paths by table name. Writing into the package's own ``tables/`` folder is the
    caller's explicit choice (the CLI asks for ``--in-place``).
    """
    src, out = Path(src), Path(out)
    written: dict[str, Path] = {}
    for name, builder in BUILDERS.items():
        if only and name not in only:
            continue
        written[name] = write_table(builder(src), out / name)
    return written


__all__ = [
    "BUILDERS",
    "TABLES_DIR",
    "build_all",
    "build_capabilities",
    "build_capital_distances",
    "build_capitals",
    "build_contiguity",
    "build_min_distance",
    "build_states",
    "write_table",
]

"""Build ``capabilities.csv``: NMC v7.0 components and CINC for 1991–2022, and 2023–2025 carried forward.

Rows for 1991–2022 are the published NMC values (Singer, Bremer & Stuckey 1972; NMC v7.0), with missing
values left missing. NMC ends in 2022, so for 2023–2025 each state still in the system gets its 2022 row
again with ``carried_forward = 1`` and a source saying so: these are not observations. The CINC shares of
the carried-forward years are therefore the 2022 shares.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from secarch.data.codes import ccode_to_iso3
from secarch.data.external.cow import load_nmc
from secarch.data.external.folder import dataset_path
from secarch.errors import InputError

FIRST_YEAR = 1991
LAST_OBSERVED_YEAR = 2022
LAST_YEAR = 2025
COMPONENTS = ["milex", "milper", "irst", "pec", "tpop", "upop"]
COLUMNS = ["iso3", "ccode", "year", *COMPONENTS, "cinc", "carried_forward", "source"]


def build_capabilities(src: Path) -> pd.DataFrame:
    """State-years 1991–2025 with the NMC components, CINC and the ``carried_forward`` flag (0/1)."""
    path = dataset_path(src, "nmc")
    nmc = load_nmc(path)
    if int(nmc["year"].max()) < LAST_OBSERVED_YEAR:
        raise InputError.single(
            f"NMC ends in {int(nmc['year'].max())}; "
            f"secarch's tables expect NMC v7.0 (to {LAST_OBSERVED_YEAR})",
            file=path,
        )
    observed = nmc[(nmc["year"] >= FIRST_YEAR) & (nmc["year"] <= LAST_OBSERVED_YEAR)].copy()
    observed["carried_forward"] = 0
    observed["source"] = "cow-nmc"
    last = observed[observed["year"] == LAST_OBSERVED_YEAR]
    carried = [
        last.assign(
            year=year, carried_forward=1, source=f"cow-nmc ({LAST_OBSERVED_YEAR} value carried forward)"
        )
        for year in range(LAST_OBSERVED_YEAR + 1, LAST_YEAR + 1)
    ]
    frame = pd.concat([observed, *carried], ignore_index=True)
    iso = ccode_to_iso3()
    unknown = sorted(set(frame["ccode"]) - set(iso))
    if unknown:
        raise InputError.single(f"NMC has CoW codes not in the states table: {unknown}", file=path)
    frame["iso3"] = frame["ccode"].map(iso)
    return frame.sort_values(["year", "ccode"], kind="stable").reset_index(drop=True)[COLUMNS]

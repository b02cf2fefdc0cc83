"""The historical record the hazard model is fitted on: the original datasets, read from a folder laid out
like ``../shared/data`` with the loaders of :mod:`secarch.data.external` and trimmed to what the model needs.

Every code is a CoW code and every dyad list is non-directed (``ccode1 < ccode2``). Bad or missing files
raise :class:`secarch.errors.InputError` from the loaders, naming the file, line and column.

Datasets (keys of ``secarch data sources``): CoW State System Membership v2016 (``cow-states``); CoW
National Material Capabilities v7.0 (``cow-nmc``); CoW Direct Contiguity v3.2 (``cow-contiguity``);
capitals (``peacesciencer``); Gibler, Miller & Little (2016) MID data v2.2.1 (``gml-mid``); CoW MID v5.0
(``cow-mid``); ATOP v5.1 (``atop``); polity2 (``polity5``) and V-Dem polyarchy (``vdem``) by CoW
state-year (``democracy``); CoW major powers v2016 (``cow-majors``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from secarch.data.external import load_dataset
from secarch.data.pairs import nondirected

#: source keys (``secarch data sources``) of the two dispute records joined in :attr:`Sources.onsets`
GML_SOURCE = "gml-mid"
MID5_SOURCE = "cow-mid"

PAIR_YEAR = ["ccode1", "ccode2", "year"]


@dataclass(frozen=True)
class Sources:
    """The original datasets, trimmed to what the hazard model needs (all codes are CoW codes)."""

    root: Path
    states: pd.DataFrame  # stateabb, ccode, styear, endyear (one row per membership spell)
    contiguity: pd.DataFrame  # ccode1 < ccode2, conttype 1..5, first, last (years)
    capitals: pd.DataFrame  # ccode, start, end (dates), lat, lon
    nmc: pd.DataFrame  # ccode, year, cinc
    democracy: pd.DataFrame  # ccode, year, polity2, v2x_polyarchy
    majors: pd.DataFrame  # ccode, styear, endyear
    defence: pd.DataFrame  # ccode1 < ccode2, year (a defence pact in either direction)
    onsets: pd.DataFrame  # ccode1 < ccode2, year, source: GML v2.2.1 to 2010, CoW MID 5.0 for 2011–2014
    ongoing: pd.DataFrame  # ccode1 < ccode2, year: GML dyad-years with a dispute under way


def load_sources(root: str | Path) -> Sources:
    """Read every dataset the hazard model needs from a folder laid out like ``../shared/data``."""
    root = Path(root)
    states = load_dataset(root, "cow-states")[["stateabb", "ccode", "styear", "endyear"]]
    cont = load_dataset(root, "contiguity")
    cont = cont.assign(first=cont["start"].dt.year, last=cont["end"].dt.year)
    cont = nondirected(cont[cont["conttype"] > 0])  # type 0 rows record spells of no contiguity
    cont = cont.drop_duplicates(["ccode1", "ccode2", "conttype", "first", "last"])
    caps = load_dataset(root, "cow-capitals")
    caps = caps.rename(columns={"stdate": "start", "enddate": "end", "lng": "lon"})
    nmc = load_dataset(root, "nmc")[["ccode", "year", "cinc"]]
    democracy = load_dataset(root, "democracy")[["ccode", "year", "polity2", "v2x_polyarchy"]]
    majors = load_dataset(root, "cow-majors")[["ccode", "styear", "endyear"]]
    atop = load_dataset(root, "atop")
    defence = nondirected(atop[atop["atop_defense"] > 0])[PAIR_YEAR].drop_duplicates()
    # GML v2.2.1 corrects MID 4 and ends in 2010; the later onsets come from CoW MID 5.0
    gml = nondirected(load_dataset(root, "gml-mid-dyad-years"))
    mid5 = nondirected(load_dataset(root, "mid-dyad-years"))
    later = mid5[(mid5["onset"] == 1) & (mid5["year"] > int(gml["year"].max()))]
    onsets = pd.concat(
        [
            gml[gml["onset"] == 1][PAIR_YEAR].drop_duplicates().assign(source=GML_SOURCE),
            later[PAIR_YEAR].drop_duplicates().assign(source=MID5_SOURCE),
        ],
        ignore_index=True,
    ).sort_values(["year", "ccode1", "ccode2"], ignore_index=True)
    return Sources(
        root=root,
        states=states,
        contiguity=cont[["ccode1", "ccode2", "conttype", "first", "last"]].reset_index(drop=True),
        capitals=caps[["ccode", "start", "end", "lat", "lon"]].reset_index(drop=True),
        nmc=nmc,
        democracy=democracy,
        majors=majors,
        defence=defence.reset_index(drop=True),
        onsets=onsets,
        ongoing=gml[PAIR_YEAR].drop_duplicates().reset_index(drop=True),
    )

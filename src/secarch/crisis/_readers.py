"""Readers for the original datasets the hazard model is fitted on (their published CSV layouts).

State membership, major powers and capitals are read with ``secarch.data.external``; NMC, contiguity, MID,
ATOP, democracy and rivalry files are read here until ``secarch.data.external`` has loaders for them. Each
reader checks that the columns it needs are present and numeric, and raises
:class:`secarch.errors.InputError` naming the file otherwise.

Datasets (cite them): CoW State System Membership v2016; CoW National Material Capabilities v7.0 (Singer,
Bremer & Stuckey 1972); CoW Direct Contiguity v3.2 (Stinnett et al. 2002); capitals (peacesciencer, Miller
2022); Gibler, Miller & Little (2016) MID data v2.2.1; CoW MID v5.0 (Palmer et al. 2022); ATOP v5.1 (Leeds
et al. 2002); polity2 (Marshall & Gurr, Polity5) and V-Dem polyarchy (Coppedge et al.) as merged by
peacesciencer; CoW major powers v2016; Thompson, Sakuwa & Suhas (2022) strategic rivalries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from secarch.errors import InputError

FILES = {
    "states": "cow/cow_states.csv",
    "contiguity": "cow/cow_contdir.csv",
    "capitals": "cow/cow_capitals.csv",
    "nmc": "cow/cow_nmc.csv",
    "democracy": "democracy/cw_democracy.csv",
    "majors": "cow/cow_majors.csv",
    "atop": "atop/atop_alliance.csv.gz",
    "gml": "cow/gml_mid_ddydisps.csv",
    "mid5": "cow/cow_mid_ddydisps.csv",
    "rivalries": "rivalry/tss_rivalries.csv",
}


def read_columns(path: Path, columns: dict[str, str]) -> pd.DataFrame:
    """Read ``path`` keeping ``columns`` (name → "int" | "float" | "str"), with a located error if any is
    missing or not numeric."""
    if not path.is_file():
        raise InputError.single(
            "dataset file not found",
            file=path,
            hint="point --from at a folder laid out like ../shared/data (see its README)",
        )
    try:
        frame = pd.read_csv(path, low_memory=False)
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise InputError.single(f"cannot read the file as CSV: {error}", file=path) from error
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError.single(
            f"missing columns {missing}",
            file=path,
            line=1,
            expected=", ".join(columns),
            hint="the file must keep the published column names",
        )
    out = pd.DataFrame(index=frame.index)
    for name, kind in columns.items():
        if kind == "str":
            out[name] = frame[name].astype(str)
            continue
        values = pd.to_numeric(frame[name], errors="coerce")
        bad = values.isna() & frame[name].notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError.single(
                f"not a number: {frame[name].iloc[row]!r}",
                file=path,
                line=row + 2,
                field=name,
                expected="a number",
            )
        if kind == "int":
            if values.isna().any():
                row = int(np.flatnonzero(values.isna().to_numpy())[0])
                raise InputError.single(
                    "empty value", file=path, line=row + 2, field=name, expected="an integer"
                )
            out[name] = values.astype(np.int64)
        else:
            out[name] = values.astype(float)
    return out


def _year(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce").dt.year


def _nondirected(frame: pd.DataFrame) -> pd.DataFrame:
    a = np.minimum(frame["ccode1"], frame["ccode2"])
    b = np.maximum(frame["ccode1"], frame["ccode2"])
    return frame.assign(ccode1=a, ccode2=b)


@dataclass(frozen=True)
class Sources:
    """The original datasets, trimmed to what the hazard model needs (all codes are CoW codes)."""

    root: Path
    states: pd.DataFrame  # stateabb, ccode, styear, endyear (one row per membership spell)
    contiguity: pd.DataFrame  # ccode1 < ccode2, conttype 1..5, first, last (years)
    capitals: pd.DataFrame  # ccode, first, last, lat, lng
    nmc: pd.DataFrame  # ccode, year, cinc
    democracy: pd.DataFrame  # ccode, year, polity2, v2x_polyarchy
    majors: pd.DataFrame  # ccode, styear, endyear
    defence: pd.DataFrame  # ccode1 < ccode2, year (a defence pact in either direction)
    onsets: pd.DataFrame  # ccode1 < ccode2, year, source: GML v2.2.1 to 2010, CoW MID 5.0 for 2011–2014
    ongoing: pd.DataFrame  # ccode1 < ccode2, year: GML dyad-years with a dispute under way
    rivalries: pd.DataFrame  # TSS strategic rivalries: ccode1 < ccode2, start, end, rivalry


def load_sources(root: str | Path) -> Sources:
    """Read every dataset the hazard model needs from a folder laid out like ``../shared/data``."""
    root = Path(root)
    if not root.is_dir():
        raise InputError.single(
            "data folder not found",
            file=root,
            hint="pass --from with the folder of the original datasets (e.g. ../shared/data)",
        )
    p = {k: root / v for k, v in FILES.items()}
    from secarch.data.external import load_capitals, load_majors, load_states

    states = load_states(p["states"])[["stateabb", "ccode", "styear", "endyear"]]
    cont = read_columns(
        p["contiguity"],
        {"ccode1": "int", "ccode2": "int", "conttype": "int", "stdate": "str", "enddate": "str"},
    )
    cont = cont.assign(first=_year(cont["stdate"]), last=_year(cont["enddate"]))
    cont = _nondirected(cont[cont["conttype"] > 0])  # type 0 rows record spells of no contiguity
    cont = cont.drop_duplicates(["ccode1", "ccode2", "conttype", "first", "last"])
    caps = load_capitals(p["capitals"])
    caps = caps.assign(first=caps["stdate"].dt.year, last=caps["enddate"].dt.year)
    nmc = read_columns(p["nmc"], {"ccode": "int", "year": "int", "cinc": "float"})
    dem = read_columns(
        p["democracy"], {"ccode": "int", "year": "int", "polity2": "float", "v2x_polyarchy": "float"}
    )
    majors = load_majors(p["majors"])[["ccode", "styear", "endyear"]]
    atop = read_columns(p["atop"], {"ccode1": "int", "ccode2": "int", "year": "int", "atop_defense": "float"})
    defence = _nondirected(atop[atop["atop_defense"] > 0])[["ccode1", "ccode2", "year"]].drop_duplicates()
    mid_cols = {"ccode1": "int", "ccode2": "int", "year": "int"}
    gml = read_columns(p["gml"], {**mid_cols, "gmlmidonset": "float"})
    gml = _nondirected(gml)
    gml_onsets = gml[gml["gmlmidonset"] == 1][["ccode1", "ccode2", "year"]].drop_duplicates()
    mid5 = _nondirected(read_columns(p["mid5"], {**mid_cols, "cowmidonset": "float"}))
    later = mid5[(mid5["cowmidonset"] == 1) & (mid5["year"] > int(gml["year"].max()))]
    later = later[["ccode1", "ccode2", "year"]].drop_duplicates()
    onsets = pd.concat(
        [
            gml_onsets.assign(source="Gibler, Miller & Little (2016) MID v2.2.1"),
            later.assign(source="CoW MID v5.0 (Palmer et al. 2022)"),
        ],
        ignore_index=True,
    ).sort_values(["year", "ccode1", "ccode2"], ignore_index=True)
    ongoing = gml[["ccode1", "ccode2", "year"]].drop_duplicates().reset_index(drop=True)
    riv = read_columns(
        p["rivalries"],
        {"rivalry": "str", "ccode1": "int", "ccode2": "int", "start": "int", "end": "int"},
    )
    return Sources(
        root=root,
        states=states,
        contiguity=cont[["ccode1", "ccode2", "conttype", "first", "last"]].reset_index(drop=True),
        capitals=caps[["ccode", "first", "last", "lat", "lng"]].reset_index(drop=True),
        nmc=nmc,
        democracy=dem,
        majors=majors,
        defence=defence.reset_index(drop=True),
        onsets=onsets,
        ongoing=ongoing,
        rivalries=_nondirected(riv).reset_index(drop=True),
    )

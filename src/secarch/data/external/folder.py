"""Where each original dataset lies in a folder laid out like ``../shared/data`` (what ``--from`` takes).

``secarch data build``, ``secarch hazard`` and the tests read the original datasets from such a folder
(``cow/``, ``atop/``, ``democracy/`` …). :data:`FOLDER_FILES` names every file of that layout once, with
the loader (a :data:`secarch.data.external.LOADERS` key) that reads it; :func:`dataset_path` finds a file
or says clearly that it is missing, and :func:`load_dataset` reads it.

>>> FOLDER_FILES["nmc"]
('nmc', 'cow/cow_nmc.csv')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from secarch.errors import InputError

#: dataset name → (loader, path relative to the folder); one entry per file of ../shared/data that a
#: loader reads. Several datasets share a layout (CoW and GML MID dyad-years both use ``mid-dyad-years``).
FOLDER_FILES: dict[str, tuple[str, str]] = {
    "cow-states": ("cow-states", "cow/cow_states.csv"),
    "cow-majors": ("cow-majors", "cow/cow_majors.csv"),
    "cow-capitals": ("cow-capitals", "cow/cow_capitals.csv"),
    "nmc": ("nmc", "cow/cow_nmc.csv"),
    "contiguity": ("contiguity", "cow/cow_contdir.csv"),
    "mindist": ("mindist", "cow/cow_mindist.csv.gz"),
    "mid-disputes": ("mid-disputes", "cow/cow_mid_disps.csv"),
    "mid-dyad-years": ("mid-dyad-years", "cow/cow_mid_ddydisps.csv"),
    "mid-directed-dyad-years": ("mid-dyad-years", "cow/cow_mid_dirdisps.csv"),
    "gml-mid-disputes": ("mid-disputes", "cow/gml_mid_disps.csv"),
    "gml-mid-participants": ("mid-participants", "cow/gml_part.csv"),
    "gml-mid-dyad-years": ("mid-dyad-years", "cow/gml_mid_ddydisps.csv"),
    "war-inter": ("war-inter", "cow/cow_war_inter.csv"),
    "igo-membership": ("igo-membership", "igo/igo_membership_long.csv.gz"),
    "igo-organizations": ("igo-organizations", "igo/igo_organizations.csv"),
    "igo-states": ("igo-states", "igo/states2016.csv"),
    "atop": ("atop", "atop/atop_alliance.csv.gz"),
    "ucdp-acd": ("ucdp-acd", "ucdp/ucdp_acd.csv"),
    "ucdp-onsets": ("ucdp-onsets", "ucdp/ucdp_onsets.csv"),
    "td-rivalries": ("td-rivalries", "rivalry/td_rivalries.csv"),
    "tss-rivalries": ("tss-rivalries", "rivalry/tss_rivalries.csv"),
    "arms-races": ("arms-races", "rivalry/grh_arms_races.csv"),
    "maoz-powers": ("maoz-powers", "rivalry/maoz_powers.csv"),
    "democracy": ("democracy", "democracy/cw_democracy.csv"),
    "cow-system": ("cow-system", "democracy/cw_system.csv"),
}


def dataset_path(root: str | Path, name: str) -> Path:
    """The file of dataset ``name`` inside ``root``, or an :class:`InputError` saying which file is missing.

    >>> dataset_path("/nowhere", "nmc")
    Traceback (most recent call last):
    ...
    secarch.errors.InputError: /nowhere: the folder of the original datasets does not exist
      hint: point --from at the folder holding cow/, atop/, democracy/ … (e.g. ../shared/data)
    """
    if name not in FOLDER_FILES:
        raise KeyError(f"unknown dataset {name!r}; expected one of {', '.join(FOLDER_FILES)}")
    root = Path(root)
    hint = "point --from at the folder holding cow/, atop/, democracy/ … (e.g. ../shared/data)"
    if not root.is_dir():
        raise InputError.single(
            "the folder of the original datasets does not exist", file=root, kind="missing", hint=hint
        )
    relative = FOLDER_FILES[name][1]
    path = root / relative
    if not path.is_file():
        raise InputError.single(
            f"the original dataset file {relative} is not in {root}", file=path, kind="missing", hint=hint
        )
    return path


def load_dataset(root: str | Path, name: str) -> pd.DataFrame:
    """Read dataset ``name`` from the folder ``root`` with its loader (see :data:`FOLDER_FILES`)."""
    from secarch.data.external import LOADERS

    return LOADERS[FOLDER_FILES[name][0]](dataset_path(root, name))

"""Loaders for the user's own copies of the original research datasets (published CSV layouts).

Nothing here is bundled or downloaded: each function reads a file the user has (``.csv`` or ``.csv.gz``)
and returns a pandas DataFrame with integer codes, or raises :class:`secarch.errors.InputError` naming the
file, the line and the column when the file is not what it should be. Documented missing-value codes (-9
in CoW files) become missing values, never zeros. See docs/data-states.md ("Loaders") for every layout.

``LOADERS`` maps a short dataset name to its loader (used by ``secarch data check``); ``FOLDER_FILES``,
``dataset_path`` and ``load_dataset`` find and read each file of a folder laid out like ``../shared/data``
(the folder ``--from`` takes).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from secarch.data.external._reader import Column, TableSpec, read_table
from secarch.data.external.cow import (
    load_capitals,
    load_contiguity,
    load_igo_membership,
    load_igo_membership_wide,
    load_igo_organizations,
    load_igo_states,
    load_majors,
    load_mid_disputes,
    load_mid_dyad_years,
    load_mid_participants,
    load_mindist,
    load_nmc,
    load_states,
    load_war_inter,
)
from secarch.data.external.folder import FOLDER_FILES, dataset_path, load_dataset
from secarch.data.external.others import (
    load_arms_races,
    load_atop_dyad_years,
    load_cow_system,
    load_democracy,
    load_maoz_powers,
    load_td_rivalries,
    load_tss_rivalries,
    load_ucdp_acd,
    load_ucdp_onsets,
)

LOADERS: dict[str, Callable[[str | Path], pd.DataFrame]] = {
    "cow-states": load_states,
    "cow-majors": load_majors,
    "cow-capitals": load_capitals,
    "nmc": load_nmc,
    "contiguity": load_contiguity,
    "mindist": load_mindist,
    "mid-disputes": load_mid_disputes,
    "mid-participants": load_mid_participants,
    "mid-dyad-years": load_mid_dyad_years,
    "war-inter": load_war_inter,
    "igo-membership": load_igo_membership,
    "igo-membership-wide": load_igo_membership_wide,
    "igo-organizations": load_igo_organizations,
    "igo-states": load_igo_states,
    "atop": load_atop_dyad_years,
    "ucdp-acd": load_ucdp_acd,
    "ucdp-onsets": load_ucdp_onsets,
    "td-rivalries": load_td_rivalries,
    "tss-rivalries": load_tss_rivalries,
    "arms-races": load_arms_races,
    "maoz-powers": load_maoz_powers,
    "democracy": load_democracy,
    "cow-system": load_cow_system,
}

__all__ = [
    "FOLDER_FILES",
    "LOADERS",
    "Column",
    "TableSpec",
    "dataset_path",
    "load_arms_races",
    "load_atop_dyad_years",
    "load_capitals",
    "load_contiguity",
    "load_cow_system",
    "load_dataset",
    "load_democracy",
    "load_igo_membership",
    "load_igo_membership_wide",
    "load_igo_organizations",
    "load_igo_states",
    "load_majors",
    "load_maoz_powers",
    "load_mid_disputes",
    "load_mid_dyad_years",
    "load_mid_participants",
    "load_mindist",
    "load_nmc",
    "load_states",
    "load_td_rivalries",
    "load_tss_rivalries",
    "load_ucdp_acd",
    "load_ucdp_onsets",
    "load_war_inter",
    "read_table",
]

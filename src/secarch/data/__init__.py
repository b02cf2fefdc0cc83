"""Bundled, sourced data on states (codes, capitals, capabilities, geography) and loaders for the user's
own copies of the original datasets.

``state_codes()`` and the other look-ups of :mod:`secarch.data.codes` use only the standard library, so the
domain model can call them cheaply. Everything that needs pandas or numpy is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from secarch.data.codes import (
    StateCode,
    ccode_to_iso3,
    former_codes,
    in_state_system,
    iso3_to_ccode,
    not_states_on,
    resolve_code,
    state_codes,
    state_records,
    state_system_spells,
)

if TYPE_CHECKING:
    from secarch.data.matrices import capability_carried_forward as capability_carried_forward
    from secarch.data.matrices import capability_vector as capability_vector
    from secarch.data.matrices import capital_distance_matrix as capital_distance_matrix
    from secarch.data.matrices import contiguity_carried_forward as contiguity_carried_forward
    from secarch.data.matrices import contiguity_matrix as contiguity_matrix
    from secarch.data.matrices import contiguity_type_matrix as contiguity_type_matrix
    from secarch.data.matrices import gw_to_iso3 as gw_to_iso3
    from secarch.data.matrices import min_distance_carried_forward as min_distance_carried_forward
    from secarch.data.matrices import minimum_distance_matrix as minimum_distance_matrix
    from secarch.data.matrices import nuclear_status as nuclear_status
    from secarch.data.matrices import nuclear_status_known as nuclear_status_known
    from secarch.data.tables_api import capabilities as capabilities
    from secarch.data.tables_api import capitals as capitals
    from secarch.data.tables_api import nuclear_weapons as nuclear_weapons
    from secarch.data.tables_api import sources as sources
    from secarch.data.tables_api import states as states

_LAZY = {
    **dict.fromkeys(
        (
            "capability_carried_forward",
            "capability_vector",
            "capital_distance_matrix",
            "contiguity_carried_forward",
            "contiguity_matrix",
            "contiguity_type_matrix",
            "gw_to_iso3",
            "min_distance_carried_forward",
            "minimum_distance_matrix",
            "nuclear_status",
            "nuclear_status_known",
        ),
        "secarch.data.matrices",
    ),
    **dict.fromkeys(
        ("capabilities", "capitals", "nuclear_weapons", "sources", "states"), "secarch.data.tables_api"
    ),
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'secarch.data' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


__all__ = [
    "StateCode",
    "capabilities",
    "capability_carried_forward",
    "capability_vector",
    "capital_distance_matrix",
    "capitals",
    "ccode_to_iso3",
    "contiguity_carried_forward",
    "contiguity_matrix",
    "contiguity_type_matrix",
    "former_codes",
    "gw_to_iso3",
    "in_state_system",
    "iso3_to_ccode",
    "min_distance_carried_forward",
    "minimum_distance_matrix",
    "not_states_on",
    "nuclear_status",
    "nuclear_status_known",
    "nuclear_weapons",
    "resolve_code",
    "sources",
    "state_codes",
    "state_records",
    "state_system_spells",
    "states",
]

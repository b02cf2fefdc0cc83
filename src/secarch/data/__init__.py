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
    iso3_to_ccode,
    resolve_code,
    state_codes,
    state_records,
)

if TYPE_CHECKING:
    from secarch.data.tables_api import states as states

_LAZY = {
    "states": "secarch.data.tables_api",
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
    "ccode_to_iso3",
    "former_codes",
    "iso3_to_ccode",
    "resolve_code",
    "state_codes",
    "state_records",
    "states",
]

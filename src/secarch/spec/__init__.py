"""Architecture files: YAML load and save with located errors, ``extends``, and the JSON Schema.

>>> from secarch.spec import load_architecture
>>> load_architecture("example").title[:12]
'Central Asia'
"""

from __future__ import annotations

from secarch.spec.bundled import bundled_names, bundled_path
from secarch.spec.loader import (
    as_architecture,
    load_architecture,
    load_model,
    resolve_architecture_source,
    resolve_document,
    validate_text,
)
from secarch.spec.patch import ArchitectureFile, architecture_file_schema
from secarch.spec.save import save_text, save_yaml
from secarch.spec.yamlio import dump_yaml, parse_yaml

__all__ = [
    "ArchitectureFile",
    "architecture_file_schema",
    "as_architecture",
    "bundled_names",
    "bundled_path",
    "dump_yaml",
    "load_architecture",
    "load_model",
    "parse_yaml",
    "resolve_architecture_source",
    "resolve_document",
    "save_text",
    "save_yaml",
    "validate_text",
]

"""Saving architecture files: validate first, then replace the file atomically, so that a failed save
never loses or damages what the user had."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from secarch.spec.loader import load_architecture
from secarch.spec.yamlio import atomic_write, dump_yaml


def save_text(path: str | Path, text: str, *, validate: bool = True) -> None:
    """Write architecture ``text`` to ``path``; with ``validate`` (default) an invalid text raises
    :class:`~secarch.errors.InputError` and the file is left untouched."""
    target = Path(path)
    if validate:
        load_architecture(target, text=text)
    atomic_write(target, text)


def save_yaml(path: str | Path, document: Any, *, validate: bool = True) -> None:
    """Dump a round-trip document (comments and order kept) and save it like :func:`save_text`."""
    save_text(path, dump_yaml(document), validate=validate)

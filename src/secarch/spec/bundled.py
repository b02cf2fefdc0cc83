"""The architectures shipped with secarch (package data in ``secarch/architectures/*.yaml``)."""

from __future__ import annotations

from pathlib import Path

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "architectures"


def bundled_names() -> list[str]:
    """Names of the bundled architectures, e.g. ``['example', 'history', 'today', …]``."""
    return sorted(path.stem for path in BUNDLED_DIR.glob("*.yaml"))


def bundled_path(name: str) -> Path | None:
    """The file of bundled architecture ``name`` (with or without ``.yaml``), or None."""
    stem = name.removesuffix(".yaml")
    if "/" in stem or "\\" in stem or stem.startswith("."):
        return None
    path = BUNDLED_DIR / f"{stem}.yaml"
    return path if path.is_file() else None

"""Shared fixtures. ``shared_data`` points at ../shared/data and skips the test where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the original datasets are not at {SHARED_DATA} (see the README: ../shared/data)")
    return SHARED_DATA

"""Small helpers shared by the check modules."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from secarch.model import Snapshot, status_code
from secarch.principles.findings import Severity

ACTIVE_STATUSES: tuple[str, ...] = ("member", "associate")
"""Statuses that make a state take part in an organisation for the checks: full members and associates.
Observers, partners and dialogue partners are linked but not bound; suspended and frozen members do not
take part (e.g. Armenia in the CSTO from February 2024)."""


def inside(snapshot: Snapshot, statuses: Sequence[str] = ACTIVE_STATUSES) -> NDArray[np.bool_]:
    """(n, m): whether each state takes part in each organisation with one of ``statuses``."""
    codes = [status_code(s) for s in statuses]
    result: NDArray[np.bool_] = np.isin(snapshot.membership, codes)
    return result


def pick(labels: Sequence[str], mask: NDArray[np.bool_]) -> tuple[str, ...]:
    """The labels where ``mask`` is true, in order."""
    return tuple(label for label, keep in zip(labels, mask.tolist(), strict=True) if keep)


def by_share(share: float, medium: float, high: float) -> Severity:
    """LOW below ``medium``, MEDIUM below ``high``, HIGH from ``high`` on."""
    if share >= high:
        return Severity.HIGH
    if share >= medium:
        return Severity.MEDIUM
    return Severity.LOW


def listing(codes: Sequence[str], limit: int = 12) -> str:
    """'A, B and C' (with '… and N more' past ``limit``)."""
    items = list(codes)
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def territory_key(text: str | None) -> str | None:
    """Normalised territory name for matching agreements, recognitions and disputes."""
    return " ".join(text.casefold().split()) if text else None

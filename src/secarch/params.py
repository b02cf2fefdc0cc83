"""What the engines' parameter sets share: a frozen dataclass that checks its values when made, a copy with
some values changed (checked again) and a plain dict, and one error for the first value out of range.

>>> from secarch.security.params import SecurityParams
>>> SecurityParams().replace(restraint_weight=0.5).as_dict()["restraint_weight"]
0.5
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, ClassVar, Self

from secarch.errors import InputError


class EngineParams:
    """Base of an engine's parameter dataclass (``@dataclass(frozen=True)`` subclasses).

    ``ENGINE`` names the engine in messages and ``DOC`` the page whose section "Parameters" explains each
    value; ``__post_init__`` collects (name, value, expected) problems and calls :meth:`raise_first`.
    """

    ENGINE: ClassVar[str]
    DOC: ClassVar[str]

    def replace(self, **changes: Any) -> Self:
        """A copy with some parameters changed (validated again)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]

    def raise_first(self, problems: Sequence[tuple[str, object, str]]) -> None:
        """Raise the :class:`InputError` of the first problem, if there is one."""
        if problems:
            name, value, expected = problems[0]
            raise InputError.single(
                f"{self.ENGINE} parameter {name} = {value!r} is out of range",
                field=name,
                expected=expected,
                hint=f"see {self.DOC}, section Parameters",
            )

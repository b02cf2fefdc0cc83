"""The project's own error types.

Every problem with the user's input is raised as an :class:`InputError` that says where it is
(file, line, column, field path), what was expected and how to fix it. The CLI prints these without
a traceback and exits with code 2; the web application turns them into 4xx responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where in the user's input a problem is. Lines and columns are 1-based."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One problem found in the user's input."""

    message: str
    location: Location = field(default_factory=Location)
    expected: str | None = None
    hint: str | None = None
    kind: str = "invalid"

    def format(self) -> str:
        head = f"{self.location}: " if str(self.location) else ""
        lines = [f"{head}{self.message}"]
        if self.expected:
            lines.append(f"  expected: {self.expected}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "field": self.location.field,
            "expected": self.expected,
            "hint": self.hint,
        }


class SecarchError(Exception):
    """Base class of every error secarch raises on purpose."""


class InputError(SecarchError):
    """The user's input (a file, an option, a request body) is not what it should be.

    Carries one or more :class:`Problem` records, each with its location.
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(p.format() for p in self.problems)

    @classmethod
    def single(
        cls,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        expected: str | None = None,
        hint: str | None = None,
        kind: str = "invalid",
    ) -> InputError:
        loc = Location(str(file) if file is not None else None, line, column, field)
        return cls(Problem(message, loc, expected, hint, kind))

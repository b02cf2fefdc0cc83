"""From a field path (``memberships[3].end``) to the file, line and column where the user wrote it.

A document assembled from several files (``extends``) keeps, for each value it took from another file,
where that value came from; :class:`Locator` follows a path through the merged document and switches file
where the value came from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from secarch.errors import Location

PathStep = str | int
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> tuple[PathStep, ...]:
    """Split ``memberships[3].end`` into ``("memberships", 3, "end")``.

    >>> parse_path("agreements[0].parties[2]")
    ('agreements', 0, 'parties', 2)
    """
    return tuple(int(index) if index else name for name, index in _STEP.findall(path))


def format_path(steps: Sequence[PathStep]) -> str:
    """Inverse of :func:`parse_path`.

    >>> format_path(("agreements", 0, "parties", 2))
    'agreements[0].parties[2]'
    """
    text = ""
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _position(container: Any, step: PathStep, key: bool = False) -> tuple[int, int] | None:
    """0-based (line, column) of ``container[step]`` as recorded by ruamel (with ``key``, of the key
    ``step`` itself), or None."""
    lc = getattr(container, "lc", None)
    if lc is None:
        return None
    data = getattr(lc, "data", None) or {}
    entry = data.get(step)
    if entry is None:
        return None
    if isinstance(step, int):
        return int(entry[0]), int(entry[1])
    if key:
        return int(entry[0]), int(entry[1])
    return int(entry[2]), int(entry[3])  # the value's position (entry[0:2] is the key's)


def _own_position(node: Any) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    if lc is None or getattr(lc, "line", None) is None:
        return None
    return int(lc.line), int(lc.col)


class Locator:
    """Locates field paths in a (possibly merged) round-trip document.

    ``origins[(id(container), step)] = (file, holder, holder_step)`` says that ``container[step]`` was
    written in ``file`` as ``holder[holder_step]``; ``node_files[id(node)] = file`` says that a whole node
    (an element copied from a parent file) comes from ``file``.
    """

    def __init__(self, root: Any, file: str) -> None:
        self.root = root
        self.file = file
        self.origins: dict[tuple[int, PathStep], tuple[str, Any, PathStep]] = {}
        self.node_files: dict[int, str] = {}
        self._keep: list[Any] = []  # keeps holders alive so that their ids stay unique

    def record(self, container: Any, step: PathStep, file: str, holder: Any, holder_step: PathStep) -> None:
        self.origins[(id(container), step)] = (file, holder, holder_step)
        self._keep.append(holder)

    def record_node(self, node: Any, file: str) -> None:
        self.node_files[id(node)] = file
        self._keep.append(node)

    def locate(self, path: str | Sequence[PathStep], *, at_key: bool = False) -> Location:
        """File, line and column of the value at ``path`` (with ``at_key``, of the last key of ``path``,
        e.g. to point at a misspelt key rather than at its value)."""
        steps = parse_path(path) if isinstance(path, str) else tuple(path)
        node, file = self.root, self.node_files.get(id(self.root), self.file)
        position = _own_position(node)
        for n, step in enumerate(steps):
            origin = self.origins.get((id(node), step))
            holder, holder_step = node, step
            if origin is not None:
                file, holder, holder_step = origin
            try:
                child = holder[holder_step]
            except (KeyError, IndexError, TypeError):
                break  # a missing field: report where its parent is
            # An empty value (``title:``) has no position of its own (ruamel gives the next token's): point
            # at its key, as for a misspelt key.
            if isinstance(holder_step, str) and (child is None or (at_key and n == len(steps) - 1)):
                found = _position(holder, holder_step, key=True)
                position = found or position
                break
            found = _position(holder, holder_step)
            if id(child) in self.node_files:
                file = self.node_files[id(child)]
                found = _own_position(child) or found
            if found is not None:
                position = found
            node = child
        line, column = (position[0] + 1, position[1] + 1) if position else (None, None)
        return Location(file=file, line=line, column=column, field=format_path(steps) or None)

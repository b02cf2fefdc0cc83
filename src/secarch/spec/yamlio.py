"""YAML reading and writing that keeps the user's comments, order and formatting (ruamel.yaml round trip).

Dates stay as the text the user wrote (:class:`DateText`) until pydantic parses them: an impossible date
such as ``2023-02-30`` then becomes a located validation error instead of a crash inside the YAML library,
and saving writes the date back exactly as it was.

Both readers refuse a document whose lists and mappings nest deeper than :data:`MAX_DEPTH`, with a located
error, before anything recurses over it: composing nodes is recursive (in Python for ruamel.yaml, in C for
libyaml, where a few hundred kilobytes of ``[[[[`` would overflow the process's stack).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter

from secarch.errors import InputError, Location, Problem

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

MAX_DEPTH = 100
"""Deepest nesting of lists and mappings a document may have (the top-level mapping is level 1). Architecture
files nest about 6 deep (``history``: 6); the limit leaves room for any hand-written file and keeps every
recursive step (composing, converting, validating) far from Python's recursion limit."""


def too_deep(file: str | None, line: int | None = None, column: int | None = None) -> InputError:
    """The located error for a document nested deeper than :data:`MAX_DEPTH`."""
    return InputError.single(
        f"nesting deeper than {MAX_DEPTH} levels",
        file=file,
        line=line,
        column=column,
        expected=f"lists and mappings nested at most {MAX_DEPTH} levels (architecture files need about 6)",
        hint="close the brackets `[` and `{` opened before this point, check the indentation, "
        "or write repeated aliases (*name) out",
        kind="too_deep",
    )


class _TooDeep(Exception):
    """Raised by the composer at the first list or mapping beyond :data:`MAX_DEPTH`; ``mark`` is where."""

    def __init__(self, mark: Any) -> None:
        super().__init__("too deep")
        self.mark = mark


class DateText(str):
    """A YAML timestamp scalar kept as the text the user wrote (e.g. ``1999-03-12``)."""

    __slots__ = ()


class _Constructor(RoundTripConstructor):
    def construct_date_text(self, node: ScalarNode) -> DateText:
        return DateText(node.value)

    # ruamel.yaml resolves some scalars that are not numbers (``._``, ``-_``) as numbers and then fails with
    # a bare ValueError or IndexError; report them as located YAML errors instead.
    def construct_checked_int(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_int(node)
        except (ValueError, IndexError) as error:
            raise _not_a_number(node) from error

    def construct_checked_float(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_float(node)
        except (ValueError, IndexError) as error:
            raise _not_a_number(node) from error


def _not_a_number(node: ScalarNode) -> ConstructorError:
    return ConstructorError(
        None, None, f"{node.value!r} looks like a number but is not one (put text in quotes)", node.start_mark
    )


class _Composer(Composer):
    """ruamel.yaml's composer (recursive: one Python call per level), stopped at :data:`MAX_DEPTH` levels."""

    _nesting = 0

    def compose_sequence_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            return super().compose_sequence_node(anchor)
        finally:
            self._nesting -= 1

    def compose_mapping_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            return super().compose_mapping_node(anchor)
        finally:
            self._nesting -= 1

    def _enter(self) -> None:
        self._nesting += 1
        if self._nesting > MAX_DEPTH:
            raise _TooDeep(self.parser.peek_event().start_mark)


class _Representer(RoundTripRepresenter):
    def represent_date_text(self, data: DateText) -> Any:
        return self.represent_scalar(TIMESTAMP_TAG, str(data))


_Constructor.add_constructor(TIMESTAMP_TAG, _Constructor.construct_date_text)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_checked_int)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_checked_float)
_Representer.add_representer(DateText, _Representer.represent_date_text)


def make_yaml() -> YAML:
    """A round-trip YAML instance: comments, key order and quoting survive load + dump."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Composer = _Composer
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def parse_yaml(text: str, file: str) -> Any:
    """Parse one YAML document; a syntax error, or nesting deeper than :data:`MAX_DEPTH`, becomes an
    :class:`InputError` with line and column."""
    _refuse_deep(text, file)
    try:
        return make_yaml().load(text)
    except _TooDeep as error:
        raise too_deep(file, error.mark.line + 1, error.mark.column + 1) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise InputError.single(
            f"YAML syntax error: {message or 'cannot parse'}",
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            expected="valid YAML (indentation with spaces, `key: value`, lists with `- `)",
            hint="check the indentation and quoting on that line and the one before",
            kind="yaml_syntax",
        ) from None
    except YAMLError as error:
        raise InputError.single(
            f"YAML error: {error}",
            file=file,
            expected="valid YAML (indentation with spaces, `key: value`, lists with `- `)",
            hint="check the indentation and quoting",
            kind="yaml_syntax",
        ) from None


def _refuse_deep(text: str, file: str) -> None:
    """Raise the located :func:`too_deep` error if libyaml (in C, fast) reads ``text`` as nested too deep.

    ruamel.yaml's composer stops at the limit all the same (:class:`_Composer`), but its scanner may first
    look far ahead in a long run of ``[[[[``; this answers in a fraction of the time. Where libyaml is
    absent, or cannot read the text, the composer's own check decides.
    """
    import yaml

    if not hasattr(yaml, "CSafeLoader"):
        return
    try:
        _, mark = _nesting(text)
    except (yaml.YAMLError, ValueError, TypeError):
        return
    if mark is not None:
        raise too_deep(file, mark.line + 1, mark.column + 1)


def read_text(path: Path) -> str:
    """Read a text file, turning a missing or unreadable file into an :class:`InputError`."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(
            "file not found",
            file=path,
            expected="an existing file",
            hint="check the path, or name a bundled architecture (`secarch show --list`)",
            kind="missing_file",
        ) from None
    except IsADirectoryError:
        raise InputError.single(
            "is a directory, not a file",
            file=path,
            expected="a YAML file",
            hint="name a file inside the directory",
            kind="missing_file",
        ) from None
    except UnicodeDecodeError as error:
        raise InputError.single(
            f"not UTF-8 text (byte {error.start})",
            file=path,
            expected="a UTF-8 text file",
            hint="save the file with the UTF-8 encoding",
            kind="encoding",
        ) from None
    except OSError as error:
        raise InputError.single(
            f"cannot read: {error.strerror}",
            file=path,
            expected="a readable file",
            hint="check the file's permissions",
            kind="missing_file",
        ) from None


def dump_yaml(data: Any) -> str:
    """Serialise a round-trip document (or plain data) to YAML text."""
    buffer = io.StringIO()
    make_yaml().dump(data, buffer)
    return buffer.getvalue()


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a failure never leaves a half-written or emptied file.

    The text goes to a temporary file in the same folder, which then replaces ``path`` in one step.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


MAX_NODES = 2_000_000
"""Largest number of values a document may expand to (aliases can make a small file enormous)."""


def to_plain(node: Any, file: str | None = None) -> Any:
    """Round-trip containers to plain dicts, lists and strings (what pydantic validates).

    Raises :class:`InputError` for documents that refer to themselves, expand (through aliases) beyond
    :data:`MAX_NODES` values or nest (through aliases) deeper than :data:`MAX_DEPTH`, instead of exhausting
    the stack or the memory.
    """
    budget = [MAX_NODES]
    active: set[int] = set()
    where: list[Any] = [None, None, None]  # line, column and key of the top-level entry being converted

    def convert(value: Any, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise InputError.single(
                f"the document expands to more than {MAX_NODES:,} values",
                file=file,
                expected="a document without deeply nested aliases (*name)",
                hint="write the values out instead of repeating aliases of aliases",
                kind="too_large",
            )
        if isinstance(value, dict | list):
            if id(value) in active:
                raise InputError.single(
                    "the document contains itself through an alias (*name)",
                    file=file,
                    expected="a document without aliases (*name) to the nodes that contain them",
                    hint="an alias may not refer to a node that contains it",
                    kind="recursive",
                )
            if depth > MAX_DEPTH:  # only aliases can get here: the parsers refuse deeper text
                error = too_deep(file, where[0], where[1])
                problem = error.problems[0]
                raise InputError(
                    Problem(
                        problem.message,
                        Location(problem.location.file, where[0], where[1], where[2]),
                        problem.expected,
                        problem.hint,
                        problem.kind,
                    )
                )
            active.add(id(value))
            try:
                if isinstance(value, dict):
                    return {str(key): convert_item(value, key, item, depth) for key, item in value.items()}
                return [convert_item(value, index, item, depth) for index, item in enumerate(value)]
            finally:
                active.discard(id(value))
        if isinstance(value, DateText):
            return str(value)
        return value

    def convert_item(container: Any, step: Any, item: Any, depth: int) -> Any:
        if depth == 1:  # remember the top-level entry, to say where a too deep value is
            data = getattr(getattr(container, "lc", None), "data", None) or {}
            position = data.get(step)
            where[:] = [position[0] + 1, position[1] + 1, str(step)] if position else [None, None, str(step)]
        return convert(item, depth + 1)

    return convert(node, 1)


def _fast_loader_class() -> type[Any]:
    """A libyaml-backed PyYAML loader that reads like the round-trip loader.

    It resolves plain scalars with ruamel.yaml's own YAML 1.2 rules (so ``yes`` and ``on`` stay strings),
    keeps timestamps as text and refuses duplicate keys. Numbers in anything but their plain forms
    (``0o17``, ``1_000``, ``017``), merge keys and other rarities are refused too: the caller then reads
    the file with ruamel.yaml, so that both readings agree on every file this one accepts.
    """
    import re

    import yaml
    from ruamel.yaml import resolver as ruamel_resolver

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class FastLoader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: ClassVar[dict[str, Any]] = {}

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            keys = [self.construct_object(key, deep=True) for key, _ in node.value]
            if len(set(map(str, keys))) != len(keys):
                raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
            return super().construct_mapping(node, deep=deep)

    for versions, tag, pattern, first in ruamel_resolver.implicit_resolvers:
        if (1, 2) in versions:
            FastLoader.add_implicit_resolver(tag, pattern, first)

    plain_int = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
    plain_float = re.compile(
        r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    )

    def refuse(loader: Any, node: Any) -> Any:
        raise yaml.constructor.ConstructorError(None, None, f"not read quickly: {node.tag}", node.start_mark)

    def construct_int(loader: Any, node: Any) -> int:
        text = str(loader.construct_scalar(node))
        if not plain_int.fullmatch(text):
            refuse(loader, node)
        return int(text)

    def construct_float(loader: Any, node: Any) -> float:
        text = str(loader.construct_scalar(node))
        if not plain_float.fullmatch(text):
            refuse(loader, node)
        return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))

    FastLoader.add_constructor("tag:yaml.org,2002:int", construct_int)
    FastLoader.add_constructor("tag:yaml.org,2002:float", construct_float)
    FastLoader.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: node.value.lower() == "true")
    FastLoader.add_constructor(TIMESTAMP_TAG, lambda loader, node: str(loader.construct_scalar(node)))
    for tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml"):
        FastLoader.add_constructor(tag, refuse)
    return FastLoader


_FAST_LOADER: list[type[Any]] = []


def fast_parse(text: str) -> Any:
    """Parse YAML quickly with libyaml into plain dicts, lists and strings, or return None when the text is
    not simple to read this way (any error, tag or oddity, or nesting deeper than :data:`MAX_DEPTH`):
    callers then use :func:`parse_yaml`, which reports located errors. Both readings agree on every document
    this one accepts."""
    import yaml

    if not _FAST_LOADER:
        _FAST_LOADER.append(_fast_loader_class())
    try:
        if nesting_depth(text) > MAX_DEPTH:
            return None  # libyaml's composer recurses in C: never give it such a document
        return yaml.load(text, Loader=_FAST_LOADER[0])
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None


def nesting_depth(text: str) -> int:
    """How deep lists and mappings nest in ``text`` (a mapping of lists: 2), counting what aliases bring in;
    ``MAX_DEPTH + 1`` for anything deeper than :data:`MAX_DEPTH`. A syntax error raises ``yaml.YAMLError``.

    >>> nesting_depth("a: [[1], {b: c}]")
    3
    """
    return _nesting(text)[0]


def _nesting(text: str) -> tuple[int, Any]:
    """The nesting depth of ``text`` (at most ``MAX_DEPTH + 1``) and libyaml's mark of the list, mapping or
    alias that took it beyond :data:`MAX_DEPTH` (None if nothing did).

    It reads libyaml's event stream, whose parser keeps its own stack (no recursion), and stops at the first
    level beyond the limit, so that a deep document costs no more than a shallow one.
    """
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    heights: dict[str, int] = {}  # anchor -> levels of lists and mappings in its node
    stack: list[list[Any]] = [[None, 0]]  # per open collection: its anchor, the height of its children
    deepest = 0
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, starts):
                stack.append([event.anchor, 0])
                deepest = max(deepest, len(stack) - 1)
            elif isinstance(event, ends):
                anchor, below = stack.pop()
                if anchor is not None:
                    heights[anchor] = below + 1
                stack[-1][1] = max(stack[-1][1], below + 1)
            elif isinstance(event, yaml.AliasEvent):
                height = heights.get(event.anchor, 0)
                stack[-1][1] = max(stack[-1][1], height)
                deepest = max(deepest, len(stack) - 1 + height)
            if deepest > MAX_DEPTH:
                return MAX_DEPTH + 1, event.start_mark
    finally:
        loader.dispose()
    return deepest, None

"""YAML reading and writing that keeps the user's comments, order and formatting (ruamel.yaml round trip).

Dates stay as the text the user wrote (:class:`DateText`) until pydantic parses them: an impossible date
such as ``2023-02-30`` then becomes a located validation error instead of a crash inside the YAML library,
and saving writes the date back exactly as it was.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter

from secarch.errors import InputError

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


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
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def parse_yaml(text: str, file: str) -> Any:
    """Parse one YAML document; a syntax error becomes an :class:`InputError` with line and column."""
    try:
        return make_yaml().load(text)
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

    Raises :class:`InputError` for documents that refer to themselves or expand (through aliases) beyond
    :data:`MAX_NODES` values, instead of exhausting the stack or the memory.
    """
    budget = [MAX_NODES]
    active: set[int] = set()

    def convert(value: Any) -> Any:
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
            active.add(id(value))
            try:
                if isinstance(value, dict):
                    return {str(key): convert(item) for key, item in value.items()}
                return [convert(item) for item in value]
            finally:
                active.discard(id(value))
        if isinstance(value, DateText):
            return str(value)
        return value

    return convert(node)


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
    not simple to read this way (any error, tag or oddity): callers then use :func:`parse_yaml`, which
    reports located errors. Both readings agree on every document this one accepts."""
    import yaml

    if not _FAST_LOADER:
        _FAST_LOADER.append(_fast_loader_class())
    try:
        return yaml.load(text, Loader=_FAST_LOADER[0])
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None

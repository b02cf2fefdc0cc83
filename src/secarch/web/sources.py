"""Where the web application's architectures come from: the bundled ones (read-only) and the user's (texts in
the database). Nothing here takes a file-system path from a request.

- A name is checked against :data:`NAME_PATTERN` before any use; bundled names are looked up in
  :func:`secarch.spec.bundled_names`, user names in the database.
- A user's text is validated under a source label in a folder that does not exist (:func:`source_label`), so
  that ``extends`` cannot reach a file beside the server's working directory; ``extends`` must name a bundled
  architecture (checked here first, with a located problem otherwise).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from secarch.errors import InputError, Location, Problem
from secarch.web.errors import NotFound

if TYPE_CHECKING:
    from secarch.model import Architecture
    from secarch.web.store import Store

NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
"""A user architecture's name: the `name` field's pattern (``secarch.model.Architecture``), at most 64."""

_NAME = re.compile(NAME_PATTERN)


def source_label(name: str) -> Path:
    """The path that a user's architecture text is reported under. It is never read: it lies in a folder
    that does not exist inside the bundled architectures' folder, so a relative ``extends`` finds no file
    beside it and falls back to the bundled architecture of that name."""
    from secarch.spec.bundled import BUNDLED_DIR

    return BUNDLED_DIR / "@web" / f"{name}.yaml"


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name))


def check_name(name: str, field: str = "name") -> str:
    """``name`` if it can name an architecture, else an :class:`InputError`."""
    if not valid_name(name):
        raise InputError.single(
            f"{name[:80]!r} is not a valid architecture name",
            field=field,
            expected="lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 64",
            hint="e.g. my-proposal",
            kind="bad_name",
        )
    return name


@functools.cache
def bundled() -> tuple[str, ...]:
    from secarch.spec import bundled_names

    return tuple(bundled_names())


@dataclass(frozen=True)
class Source:
    """An architecture as the web application knows it."""

    name: str
    text: str
    bundled: bool


def get_source(store: Store, name: str) -> Source | None:
    """The bundled or user architecture called ``name``, or None."""
    if not valid_name(name):
        return None
    if name in bundled():
        return Source(name, _bundled_text(name), True)
    stored = store.get_architecture(name)
    return Source(name, stored.text, False) if stored else None


@functools.cache
def _bundled_text(name: str) -> str:
    # Package data: it does not change while the server runs.
    from secarch.spec import bundled_path

    path = bundled_path(name)
    assert path is not None
    return path.read_text(encoding="utf-8")


def require_source(store: Store, name: str) -> Source:
    source = get_source(store, name)
    if source is None:
        raise NotFound(f"no architecture called {name[:80]!r}")
    return source


def load_source(source: Source) -> Architecture:
    """The validated architecture of ``source`` (cached by name and text)."""
    return _load(source.name, source.text, source.bundled)


@functools.lru_cache(maxsize=64)
def _load(name: str, text: str, is_bundled: bool) -> Architecture:
    from secarch.spec import load_architecture

    if is_bundled:
        return load_architecture(name)
    _check_extends(text, name)
    return load_architecture(source_label(name), text=text)


def validate_user_text(text: str, name: str) -> list[Problem]:
    """Every problem of a user's architecture text saved as ``name`` (empty: it can be saved)."""
    from secarch.model import ArchitectureError
    from secarch.spec import load_architecture

    try:
        _check_extends(text, name)
        arch = load_architecture(source_label(name), text=text)
    except (InputError, ArchitectureError) as error:
        return _relabel(error.problems, name)
    return _relabel(_name_problems(text, name, arch.name), name)


def _name_problems(text: str, name: str, written: str) -> list[Problem]:
    from secarch.spec.locate import Locator
    from secarch.spec.yamlio import parse_yaml

    if written == name:
        return []
    document = parse_yaml(text, str(source_label(name)))
    where = Locator(document, str(source_label(name))).locate(("name",))
    return [
        Problem(
            f"this architecture is saved as {name!r} but its `name` is {written!r}",
            where,
            f"name: {name}",
            "keep the name; to copy it under another name, create a new architecture from this one",
            "name_mismatch",
        )
    ]


def _check_extends(text: str, name: str) -> None:
    """Raise a located problem unless ``extends`` (if present) names a bundled architecture.

    The text is read the quick way first (libyaml); only a text with a wrong ``extends``, or one libyaml
    does not read, is read again with positions, to say where the problem is."""
    from ruamel.yaml.comments import CommentedMap

    from secarch.spec.locate import Locator
    from secarch.spec.yamlio import fast_parse, parse_yaml

    quick = fast_parse(text)
    if isinstance(quick, dict) and ("extends" not in quick or _bundled_reference(quick["extends"])):
        return
    label = str(source_label(name))
    document = parse_yaml(text, label)
    if not isinstance(document, CommentedMap) or "extends" not in document:
        return
    reference = document["extends"]
    if _bundled_reference(reference):
        return
    raise InputError(
        Problem(
            f"extends {str(reference)[:80]!r}: in the web application an architecture can extend only a "
            "bundled architecture",
            Locator(document, label).locate(("extends",)),
            "one of: " + ", ".join(bundled()),
            "to build on one of your own architectures, create a new one as a copy of it",
            "bad_extends",
        )
    )


def _bundled_reference(reference: object) -> bool:
    return isinstance(reference, str) and reference.removesuffix(".yaml") in bundled()


def _relabel(problems: list[Problem], name: str) -> list[Problem]:
    """Name the user's text by its architecture name and a bundled file by its bundled name."""
    label = str(source_label(name))
    relabelled = []
    for problem in problems:
        file = problem.location.file
        file = name if file == label or file is None else Path(file).stem
        where = Location(file, problem.location.line, problem.location.column, problem.location.field)
        relabelled.append(Problem(problem.message, where, problem.expected, problem.hint, problem.kind))
    return relabelled


_HEADLINE = re.compile(r"^(title|extends):[ \t]*(.+?)[ \t]*$", re.MULTILINE)


@functools.lru_cache(maxsize=256)
def headline(text: str) -> dict[str, str | None]:
    """``title`` and ``extends`` of an architecture text, read from its top-level lines without parsing the
    whole file (the bundled files are up to 1 MB; listing them must stay instant)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    found: dict[str, str | None] = {"title": None, "extends": None}
    for match in _HEADLINE.finditer(text):
        key, raw = match.group(1), match.group(2)
        if found[key] is not None:
            continue
        try:
            value = YAML(typ="safe").load(raw)
        except YAMLError:
            value = raw
        found[key] = str(value) if value is not None else None
    return found


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def new_text(store: Store, name: str, start: str | None, mode: str) -> str:
    """The first text of a new architecture ``name``: a copy of ``start`` with its name replaced, a short
    file that extends the bundled ``start``, or a minimal template."""
    from secarch.spec.yamlio import dump_yaml, parse_yaml

    if start:
        source = require_source(store, start)
        if mode == "extend" and source.bundled:
            arch = load_source(source)
            return (
                f"# {name}: the bundled architecture {source.name!r} with changes.\n"
                f"# Add `remove:`, `modify:` and `add:` sections (see docs/architecture-files.md).\n"
                f"extends: {source.name}\n"
                f"name: {name}\n"
                f"title: {_yaml_string(arch.title + ' (variant)')}\n"
            )
        document = parse_yaml(source.text, source.name)
        document["name"] = name
        return dump_yaml(document)
    return (
        f"name: {name}\n"
        "title: A new architecture\n"
        "date: 2025-06-30\n"
        "period: {start: 2020-01-01, end: 2025-06-30}\n"
        "region:\n"
        "  name: Central Asia\n"
        "  states: [KAZ, KGZ, TJK, TKM, UZB]\n"
        "participants: [KAZ, KGZ, TJK, TKM, UZB]\n"
    )


def _yaml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)

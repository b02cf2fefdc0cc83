"""Load architecture files (and any pydantic-described file) with errors located in the user's text.

``extends: parent.yaml`` (a path relative to the file, or the name of a bundled architecture) takes the
parent, replaces the top-level fields the file gives, then applies ``remove:``, ``modify:`` and ``add:`` in
that order. A cycle of ``extends`` is an error.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from secarch.errors import InputError, Location, Problem
from secarch.model import Architecture, ArchitectureError
from secarch.spec.bundled import bundled_path
from secarch.spec.locate import Locator
from secarch.spec.patch import ArchitectureFile
from secarch.spec.problems import locate_problems, problems_from_validation
from secarch.spec.yamlio import fast_parse, parse_yaml, read_text, to_plain

Model = TypeVar("Model", bound=BaseModel)

_PATCH_KEYS = ("remove", "modify", "add")


def load_model(
    source: str | Path,
    model: type[Model],
    *,
    text: str | None = None,
    context: dict[str, Any] | None = None,
) -> Model:
    """Load a YAML file (or ``text``, reported as ``source``) as an instance of a pydantic ``model``.

    Every problem is raised as one :class:`InputError` located by file, line, column and field.
    """
    name = str(source)
    content = read_text(Path(source)) if text is None else text
    quick = fast_parse(content)
    if quick is not None:
        try:
            return model.model_validate(quick, context=context)
        except (ValidationError, InputError):
            pass  # read again below, keeping positions, to say where the problems are
    document = parse_yaml(content, name)
    locator = Locator(document, name)
    return _validate(to_plain(document, name), model, locator, context)


def _validate(data: Any, model: type[Model], locator: Locator, context: dict[str, Any] | None) -> Model:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        raise InputError(problems_from_validation(error, model, locator)) from None
    except InputError as error:
        raise locate_problems(error, locator) from None


def resolve_architecture_source(reference: str | Path, base: Path | None = None) -> Path:
    """The file meant by ``reference``: an existing path (relative to ``base``), else a bundled name."""
    candidate = Path(reference)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    if candidate.is_file():
        return candidate.resolve()
    bundled = bundled_path(str(reference))
    if bundled is not None:
        return bundled
    return candidate


def as_architecture(source: str | Path | Architecture) -> Architecture:
    """``source`` itself when it is an :class:`Architecture`, else the file or bundled architecture it names
    (:func:`load_architecture`)."""
    return source if isinstance(source, Architecture) else load_architecture(source)


def load_architecture(
    source: str | Path,
    *,
    text: str | None = None,
    known_states: Iterable[str] | None = None,
) -> Architecture:
    """Load, merge (``extends``) and validate an architecture file, or a bundled architecture by name.

    >>> load_architecture("example").name
    'example'
    """
    if text is None:
        path = resolve_architecture_source(source)
        stat = _stat(path)
        if stat is not None and known_states is None:
            return _load_cached(str(path), *stat)
    else:
        path = Path(source)
    context = {"known_states": frozenset(known_states)} if known_states is not None else None
    return _load(path, text, context)


def _load(path: Path, text: str | None, context: dict[str, Any] | None) -> Architecture:
    # First the quick way (libyaml, no positions); if anything is wrong, again with positions, so that every
    # problem is reported with its file, line and column. Both readings agree on valid files.
    try:
        document, _ = resolve_document(path, text=text, fast=True)
        return Architecture.model_validate(document, context=context)
    except (_NotSimple, ValidationError, InputError):
        pass
    document, locator = resolve_document(path, text=text)
    return _validate(to_plain(document, locator.file), Architecture, locator, context)


class _NotSimple(Exception):
    """The quick reader could not read a file; the located reader will say what is wrong."""


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Architecture:
    # Architectures are immutable (frozen models), so one loaded object can serve every caller.
    # The key includes modification time and size: an edited file is read again.
    return _load(Path(path), None, None)


def resolve_document(
    path: Path, *, text: str | None = None, chain: tuple[Path, ...] = (), fast: bool = False
) -> tuple[Any, Locator]:
    """Parse ``path`` and, if it extends another file, merge it onto its parent. Returns the merged
    round-trip document and a locator that knows which file each part came from.

    With ``fast``, files are read with libyaml into plain containers (no positions), and any difficulty
    raises ``_NotSimple`` so that the caller can read them again the located way.
    """
    file = str(path)
    content = read_text(path) if text is None else text
    if fast:
        document = fast_parse(content)
        if document is None:
            raise _NotSimple(file)
    else:
        document = parse_yaml(content, file)
    if not isinstance(document, dict):
        raise InputError.single(
            "the file must be a YAML mapping of fields (name, title, period, …)",
            file=file,
            line=1,
            column=1,
            expected="`name: …`, `title: …` and the other fields of an architecture at the top level",
            hint="see a complete file with `secarch show example` (src/secarch/architectures/example.yaml)",
            kind="wrong_type",
        )
    if "extends" not in document:
        return document, Locator(document, file)

    own_locator = Locator(document, file)
    if fast:
        ArchitectureFile.model_validate(document)
    else:
        _validate(to_plain(document, file), ArchitectureFile, own_locator, None)  # the file's own structure
    reference = str(document["extends"])
    parent_path = resolve_architecture_source(reference, base=path.parent)
    resolved = path.resolve()
    if parent_path.resolve() in (*chain, resolved):
        cycle = " -> ".join(p.name for p in (*chain, resolved, parent_path.resolve()))
        raise InputError(
            Problem(
                f"circular extends: {cycle}",
                own_locator.locate(("extends",)),
                "a chain of extends that ends in a complete architecture",
                "remove `extends` from one of these files",
                "circular_extends",
            )
        )
    if not parent_path.is_file():
        raise InputError(
            Problem(
                f"extends {reference!r}: no such file or bundled architecture",
                own_locator.locate(("extends",)),
                "a path relative to this file, or a bundled name such as today",
                "check the spelling; `secarch show --list` lists the bundled architectures",
                "missing_file",
            )
        )
    merged, locator = resolve_document(parent_path, chain=(*chain, resolved), fast=fast)
    locator.record_node(merged, locator.node_files.get(id(merged), locator.file))
    for key, value in document.items():
        if key in ("extends", *_PATCH_KEYS):
            continue
        merged[key] = value
        locator.record(merged, key, file, document, key)
    for section in _PATCH_KEYS:
        if document.get(section):
            _apply(section, document[section], merged, locator, file, own_locator)
    return merged, locator


def _apply(operation: str, patch: Any, merged: Any, locator: Locator, file: str, own: Locator) -> None:
    for section, entries in patch.items():
        current = merged.get(section)
        if current is None:
            current = CommentedSeq() if isinstance(merged, CommentedMap) else []
            merged[section] = current
        for index, entry in enumerate(entries):
            where = own.locate((operation, section, index))
            if operation == "add":
                current.append(entry)
                if isinstance(entry, dict):
                    locator.record_node(entry, file)
                else:
                    locator.record(current, len(current) - 1, file, entries, index)
            elif operation == "remove":
                _remove(section, entry, merged, where)
            else:
                _modify(section, entry, merged, locator, file, where)


def _matches(section: str, element: Any, selector: Any) -> bool:
    if section == "participants":
        return bool(element == selector)
    if not isinstance(element, dict):
        return False
    if isinstance(selector, dict):
        return all(
            str(element.get(key, "member" if key == "status" else None)) == str(value)
            for key, value in selector.items()
            if key != "id"
            and (section != "memberships" or key in ("organisation", "state", "status", "start"))
        )
    if section == "memberships" and "id" not in element:
        derived = f"{element.get('organisation')}:{element.get('state')}:{element.get('start')}"
        return derived == str(selector)
    return str(element.get("id")) == str(selector)


def _remove(section: str, selector: Any, merged: Any, where: Location) -> None:
    current = merged.get(section) or []
    keep = [item for item in current if not _matches(section, item, selector)]
    if len(keep) == len(current):
        raise InputError(
            Problem(
                f"remove: nothing in {section} matches {to_plain(selector)!r}",
                where,
                f"the id of an element of `{section}` in the parent architecture",
                "check the id (`secarch show PARENT --json` lists them)",
                "unknown_id",
            )
        )
    removed = [item for item in current if _matches(section, item, selector)]
    current[:] = keep
    if section == "organisations":
        # An organisation's memberships and the agreements tied to it go with it.
        for dependent in ("memberships", "agreements"):
            items = merged.get(dependent) or []
            gone = [item for item in items if str(item.get("organisation")) == str(selector)]
            items[:] = [item for item in items if str(item.get("organisation")) != str(selector)]
            if dependent == "agreements":
                _drop_invocations(merged, gone)
    elif section == "agreements":
        _drop_invocations(merged, removed)


def _drop_invocations(merged: Any, agreements: list[Any]) -> None:
    """Invocations of removed agreements go with them."""
    ids = {str(item.get("id")) for item in agreements}
    items = merged.get("invocations") or []
    items[:] = [item for item in items if str(item.get("agreement")) not in ids]


def _modify(section: str, entry: Any, merged: Any, locator: Locator, file: str, where: Location) -> None:
    selector: Any = (
        entry["id"] if "id" in entry else {k: entry[k] for k in ("organisation", "state") if k in entry}
    )
    if section == "memberships" and isinstance(selector, dict) and "start" in entry:
        selector["start"] = entry["start"]
    found = [item for item in merged.get(section) or [] if _matches(section, item, selector)]
    if len(found) != 1:
        problem = "nothing matches" if not found else f"{len(found)} elements match"
        raise InputError(
            Problem(
                f"modify: {problem} {to_plain(selector)!r} in {section}",
                where,
                f"exactly one element of `{section}` in the parent architecture",
                "give its id (for memberships: organisation, state and start)",
                "unknown_id",
            )
        )
    target = found[0]
    for key, value in entry.items():
        if key == "id" or (section == "memberships" and key in ("organisation", "state")):
            continue
        target[key] = value
        locator.record(target, key, file, entry, key)


def validate_text(text: str, name: str = "<editor>") -> list[Problem]:
    """All problems in an architecture given as text (for editors); an empty list means it is valid."""
    try:
        load_architecture(name, text=text)
    except ArchitectureError as error:
        return error.problems
    except InputError as error:
        return error.problems
    return []

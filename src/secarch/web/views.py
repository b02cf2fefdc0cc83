"""What the pages and the API show about architectures, computed from the engines' public functions
(:func:`secarch.model.summary.describe` for members by year)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from secarch.errors import InputError, Problem
from secarch.web.sources import Source, bundled, get_source, headline, load_source, validate_user_text

if TYPE_CHECKING:
    from secarch.model import Architecture
    from secarch.web.store import Store


@dataclass(frozen=True)
class Entry:
    """One architecture as listed: its name, whether it is bundled, and its title or its problems."""

    name: str
    bundled: bool
    architecture: Architecture | None
    problems: tuple[Problem, ...]
    updated: str | None = None
    has_draft: bool = False

    @property
    def title(self) -> str:
        return self.architecture.title if self.architecture is not None else "(does not validate)"

    def as_dict(self) -> dict[str, Any]:
        arch = self.architecture
        return {
            "name": self.name,
            "bundled": self.bundled,
            "title": self.title,
            "valid": arch is not None,
            "period": None
            if arch is None
            else {"start": arch.period.start.isoformat(), "end": arch.period.end.isoformat()},
            "date": None if arch is None else arch.date.isoformat(),
            "updated": self.updated,
            "has_draft": self.has_draft,
        }


def entry(store: Store, source: Source) -> Entry:
    """Load ``source``; an architecture that no longer validates is listed with its problems."""
    stored = None if source.bundled else store.get_architecture(source.name)
    try:
        arch: Architecture | None = load_source(source)
        problems: tuple[Problem, ...] = ()
    except InputError as error:
        arch, problems = None, tuple(error.problems)
        if not source.bundled:
            problems = tuple(validate_user_text(source.text, source.name)) or problems
    return Entry(
        source.name,
        source.bundled,
        arch,
        problems,
        stored.updated if stored else None,
        (not source.bundled) and store.get_draft(source.name) is not None,
    )


@dataclass(frozen=True)
class Listing:
    """One architecture in the list: name, title and parent read from its text (not validated here)."""

    name: str
    bundled: bool
    title: str
    extends: str | None
    updated: str | None
    has_draft: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_entries(store: Store) -> tuple[list[Listing], list[Listing]]:
    """Bundled and user architectures, each sorted by name."""
    drafts = set(store.draft_names())
    rows: tuple[list[Listing], list[Listing]] = ([], [])
    for names, is_bundled in ((bundled(), True), (store.architecture_names(), False)):
        for name in names:
            source = get_source(store, name)
            if source is None:
                continue
            head = headline(source.text)
            stored = None if is_bundled else store.get_architecture(name)
            rows[0 if is_bundled else 1].append(
                Listing(
                    name,
                    is_bundled,
                    head["title"] or "(no title)",
                    head["extends"],
                    stored.updated if stored else None,
                    name in drafts,
                )
            )
    return rows


def year_range(arch: Architecture) -> tuple[int, int]:
    return arch.period.start.year, arch.period.end.year


def clamp_year(arch: Architecture, year: int | None) -> int:
    """``year`` within the architecture's period (default: the year of its reference date)."""
    first, last = year_range(arch)
    if year is None:
        return arch.date.year
    return min(max(year, first), last)


def members_by_year(arch: Architecture, year: int) -> dict[str, Any]:
    """``secarch show ARCH --year YEAR --json`` (:func:`secarch.model.summary.describe`)."""
    from secarch.model.summary import describe

    return describe(arch, year)

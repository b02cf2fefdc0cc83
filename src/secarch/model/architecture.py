"""The architecture: a named, dated bundle of states, organisations, memberships, agreements, disputes,
rivalries and recognitions, with the region it covers and the principles it is checked against.

Besides field types, an architecture is checked for the mistakes that matter (see
:func:`consistency_problems`): unknown state codes, states used but not listed as participants, spells
that end before they start or overlap, duplicate ids, references to organisations that are not there, and
dates outside the architecture's period. These problems are raised together as one
:class:`ArchitectureError` whose locations are field paths such as ``memberships[3].end``; the YAML loader
(:mod:`secarch.spec`) turns those paths into file, line and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from pydantic import Field, ValidationInfo, model_validator

from secarch.errors import InputError, Location, Problem
from secarch.model.elements import (
    Agreement,
    Dispute,
    Invocation,
    Membership,
    Organisation,
    Recognition,
    Rivalry,
)
from secarch.model.types import NAME_PATTERN, Date, Dated, StateCode, Strict, input_error

if TYPE_CHECKING:
    from secarch.model.snapshot import Snapshot

SECTIONS: tuple[str, ...] = (
    "organisations",
    "memberships",
    "agreements",
    "disputes",
    "rivalries",
    "recognitions",
    "invocations",
)
"""The element sections of an architecture, in file order."""


class Period(Strict):
    """The time span an architecture describes, inclusive at both ends."""

    start: Date = Field(description="First day the architecture describes (YYYY-MM-DD).")
    end: Date = Field(description="Last day the architecture describes (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise input_error(
                "dates_order",
                f"period ends ({self.end}) before it starts ({self.start})",
                "an `end` on or after `start`",
                "swap `start` and `end`, or fix the year",
            )
        return self

    def contains(self, on: dt.date) -> bool:
        return self.start <= on <= self.end


class Region(Strict):
    """The region an architecture covers, e.g. Eurasia, as an explicit list of states."""

    name: str = Field(description="Name of the region, e.g. Eurasia.")
    states: list[StateCode] = Field(min_length=1, description="The states of the region.")
    note: str | None = None


class ArchitectureError(InputError):
    """An architecture whose parts do not fit together; each problem's location is a field path."""


class Architecture(Strict):
    """A security architecture: who is in it, what binds them, what divides them.

    >>> arch = Architecture.model_validate(
    ...     {"name": "pair", "title": "Two states", "date": "2020-01-01",
    ...      "period": {"start": "2020-01-01", "end": "2020-12-31"},
    ...      "region": {"name": "Test", "states": ["AAA", "BBB"]}, "participants": ["AAA", "BBB"]},
    ...     context={"known_states": {"AAA", "BBB"}},
    ... )
    >>> arch.at(2020).states
    ('AAA', 'BBB')
    """

    name: str = Field(pattern=NAME_PATTERN, description="Short name, e.g. today.")
    title: str = Field(description="Title for people, e.g. Today's architecture.")
    description: str = ""
    date: Date = Field(description="Reference date: what `show`, `check` and `score` use by default.")
    period: Period
    region: Region
    participants: list[StateCode] = Field(
        min_length=1, description="Every state the architecture models, in the region or outside it."
    )
    principles: list[str] = Field(
        default_factory=list, description="Principle checks to run (ids of the check registry); empty: all."
    )
    organisations: list[Organisation] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    rivalries: list[Rivalry] = Field(default_factory=list)
    recognitions: list[Recognition] = Field(default_factory=list)
    invocations: list[Invocation] = Field(
        default_factory=list, description="Documented requests for the assistance an agreement promises."
    )

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Architecture:
        context = info.context if isinstance(info.context, dict) else {}
        if context.get("skip_consistency"):
            return self
        known = context.get("known_states")
        problems = consistency_problems(self, known_states=known)
        if problems:
            raise ArchitectureError(problems)
        return self

    def validated(self, known_states: Iterable[str] | None = None) -> Architecture:
        """Re-run the consistency checks (e.g. after building the object in Python) and return self."""
        problems = consistency_problems(self, known_states=known_states)
        if problems:
            raise ArchitectureError(problems)
        return self

    def resolve_date(self, when: dt.date | int | str | None = None) -> dt.date:
        """The date meant by ``when``: a date, an ISO date string, or a year.

        A year means its 1 July (mid-year), moved to the nearest date of the architecture's period; None means
        the reference date. Any other date outside the period is an error.
        """
        if when is None:
            return self.date
        if isinstance(when, str):
            text = when.strip()
            if text.isdigit():
                when = int(text)
            else:
                try:
                    when = dt.date.fromisoformat(text)
                except ValueError:
                    raise InputError.single(
                        f"{when!r} is not a date or a year",
                        field="date",
                        expected="a year such as 2008 or a date such as 2008-08-07",
                        hint="write the year alone, or the date as YYYY-MM-DD",
                        kind="invalid_date",
                    ) from None
        if isinstance(when, int):
            mid_year = dt.date(when, 7, 1) if 1 <= when <= 9999 else None
            if mid_year is None or not (self.period.start.year <= when <= self.period.end.year):
                raise _outside_period(self, str(when))
            return min(max(mid_year, self.period.start), self.period.end)
        if not self.period.contains(when):
            raise _outside_period(self, when.isoformat())
        return when

    def at(self, when: dt.date | int | str | None = None) -> Snapshot:
        """What is in force on a date or in a year, as a :class:`~secarch.model.snapshot.Snapshot`.

        Participants that are not states on the date (outside their Correlates of War state-system spells
        in the bundled states table, :func:`secarch.data.not_states_on`) are left out of the snapshot.
        """
        from secarch.data import not_states_on
        from secarch.model.snapshot import build_snapshot

        on = self.resolve_date(when)
        return build_snapshot(self, on, not_states_on(self.participants, on))

    def elements(self, section: str) -> list[Any]:
        """The list of elements of one section (see :data:`SECTIONS`)."""
        if section not in SECTIONS:
            raise KeyError(section)
        items: list[Any] = getattr(self, section)
        return items

    def element_ids(self, section: str) -> list[str]:
        """Identifiers of one section's elements, in order (memberships use their derived keys)."""
        return [_element_id(item) for item in self.elements(section)]


def _outside_period(arch: Architecture, when: str) -> InputError:
    return InputError.single(
        f"{when} is outside the period of architecture {arch.name!r}",
        field="date",
        expected=f"a date from {arch.period.start} to {arch.period.end}",
        hint="choose a year or date inside the period, or widen `period` in the file",
        kind="date_outside_period",
    )


def _element_id(item: Any) -> str:
    if isinstance(item, Membership):
        return item.key
    element_id: str = item.id
    return element_id


def consistency_problems(arch: Architecture, known_states: Iterable[str] | None = None) -> list[Problem]:
    """Every inconsistency in ``arch``, each located by its field path.

    ``known_states`` is the set of valid state codes; by default the bundled states table
    (:func:`secarch.data.state_codes`).
    """
    if known_states is None:
        from secarch.data import state_codes

        known = frozenset(state_codes())
    else:
        known = frozenset(known_states)
    problems: list[Problem] = []

    def add(path: str, message: str, kind: str, expected: str | None = None, hint: str | None = None) -> None:
        problems.append(Problem(message, Location(field=path), expected, hint, kind))

    participants = set(arch.participants)

    def check_state(path: str, code: str, *, must_participate: bool = True) -> None:
        if code not in known:
            close = difflib.get_close_matches(code, sorted(known), n=3)
            add(
                path,
                f"unknown state code {code!r}",
                "unknown_state",
                "an ISO 3166-1 alpha-3 code listed by `secarch data show states`",
                f"did you mean {' or '.join(close)}?" if close else "see `secarch data show states`",
            )
        elif must_participate and code not in participants:
            add(
                path,
                f"state {code} is not a participant of this architecture",
                "not_participant",
                "a state listed under `participants`",
                f"add {code} to `participants`",
            )

    for i, code in enumerate(arch.participants):
        check_state(f"participants[{i}]", code, must_participate=False)
    _check_duplicates(arch.participants, "participants", "state", add)
    for i, code in enumerate(arch.region.states):
        check_state(f"region.states[{i}]", code)

    if not arch.period.contains(arch.date):
        add(
            "date",
            f"reference date {arch.date} is outside the period {arch.period.start} – {arch.period.end}",
            "date_outside_period",
            f"a date from {arch.period.start} to {arch.period.end}",
            "move `date` inside the period, or widen `period`",
        )

    for section in SECTIONS:
        items = arch.elements(section)
        _check_duplicates([_element_id(x) for x in items], section, "id", add)
        for i, item in enumerate(items):
            if isinstance(item, Dated):
                _check_dates(arch, f"{section}[{i}]", item, add)

    org_ids = {org.id for org in arch.organisations}
    for i, org in enumerate(arch.organisations):
        if org.founded and org.dissolved and org.dissolved <= org.founded:
            add(
                f"organisations[{i}].dissolved",
                f"organisation dissolved ({org.dissolved}) on or before it was founded ({org.founded})",
                "dates_order",
                "a `dissolved` date after `founded`",
                "check both dates; leave `dissolved` out while the organisation exists",
            )

    spells: dict[tuple[str, str], list[tuple[int, Membership]]] = defaultdict(list)
    for i, mem in enumerate(arch.memberships):
        if mem.organisation not in org_ids:
            _unknown_org(f"memberships[{i}].organisation", mem.organisation, org_ids, add)
        check_state(f"memberships[{i}].state", mem.state)
        spells[(mem.organisation, mem.state)].append((i, mem))
    for (org_id, state), items in spells.items():
        ordered = sorted(items, key=lambda pair: pair[1].start)
        for (_, earlier), (j, later) in itertools.pairwise(ordered):
            if earlier.end is None or later.start < earlier.end:
                add(
                    f"memberships[{j}].start",
                    f"spell of {state} in {org_id} starting {later.start} overlaps the spell starting "
                    f"{earlier.start} (ending {earlier.end or 'never'})",
                    "overlapping_spells",
                    "spells of one state in one organisation that follow each other",
                    "end the earlier spell on or before the day the later one starts",
                )

    for i, agr in enumerate(arch.agreements):
        if agr.organisation is not None and agr.organisation not in org_ids:
            _unknown_org(f"agreements[{i}].organisation", agr.organisation, org_ids, add)
        for role in ("parties", "beneficiaries", "targets"):
            for k, code in enumerate(getattr(agr, role) or []):
                check_state(f"agreements[{i}].{role}[{k}]", code)
    for i, dispute in enumerate(arch.disputes):
        for side in ("side_a", "side_b"):
            for k, code in enumerate(getattr(dispute, side)):
                check_state(f"disputes[{i}].{side}[{k}]", code)
    for i, rivalry in enumerate(arch.rivalries):
        for k, code in enumerate(rivalry.states):
            check_state(f"rivalries[{i}].states[{k}]", code)
    for i, rec in enumerate(arch.recognitions):
        check_state(f"recognitions[{i}].by", rec.by)
    agreement_ids = {a.id for a in arch.agreements}
    for i, inv in enumerate(arch.invocations):
        check_state(f"invocations[{i}].requested_by", inv.requested_by)
        if inv.agreement not in agreement_ids:
            close = difflib.get_close_matches(inv.agreement, sorted(agreement_ids), n=3)
            add(
                f"invocations[{i}].agreement",
                f"unknown agreement {inv.agreement!r}",
                "unknown_agreement",
                "the id of an agreement listed under `agreements`",
                f"did you mean {' or '.join(close)}?" if close else "add the agreement under `agreements`",
            )
        if inv.date > arch.period.end:
            add(
                f"invocations[{i}].date",
                f"dated {inv.date}, after the architecture's period ends ({arch.period.end})",
                "date_outside_period",
                f"a date on or before {arch.period.end}",
                "fix the date, or widen `period`",
            )
    return problems


def _check_duplicates(values: list[str], section: str, what: str, add: Callable[..., None]) -> None:
    seen: dict[str, int] = {}
    for i, value in enumerate(values):
        if value in seen:
            path = f"{section}[{i}]" if what == "state" else f"{section}[{i}].id"
            add(
                path,
                f"duplicate {what} {value!r} (first at {section}[{seen[value]}])",
                "duplicate_id",
                f"each {what} once in `{section}`",
                "rename or remove one of them",
            )
        else:
            seen[value] = i


def _check_dates(arch: Architecture, path: str, item: Dated, add: Callable[..., None]) -> None:
    if item.end is not None and item.end <= item.start:
        add(
            f"{path}.end",
            f"ends ({item.end}) on or before it starts ({item.start})",
            "dates_order",
            "an end date after the start date",
            "swap the dates or remove `end` if it is still in force",
        )
        return
    if item.start > arch.period.end:
        add(
            f"{path}.start",
            f"starts {item.start}, after the architecture's period ends ({arch.period.end})",
            "date_outside_period",
            f"a start on or before {arch.period.end}",
            "fix the date or widen `period`",
        )
    if item.end is not None and item.end <= arch.period.start:
        add(
            f"{path}.end",
            f"ends {item.end}, before the architecture's period starts ({arch.period.start})",
            "date_outside_period",
            f"an end after {arch.period.start}",
            "remove the element or widen `period`",
        )


def _unknown_org(path: str, org: str, known: set[str], add: Callable[..., None]) -> None:
    close = difflib.get_close_matches(org, sorted(known), n=3)
    add(
        path,
        f"unknown organisation {org!r}",
        "unknown_organisation",
        "the id of an organisation listed under `organisations`",
        f"did you mean {' or '.join(close)}?" if close else "add the organisation under `organisations`",
    )

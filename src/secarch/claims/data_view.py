"""What an architecture's data says about membership over time: counts on a date, how counts change over an
interval, accessions, enlargement rounds and exits, with the spells (and their sources) behind each answer.

The data covers the architecture's ``period``. A spell that began before the period keeps its real start
date (the bundled ``history`` does this), but spells that ended before the period are not in the data, so
counts and rounds before the period are not answered here (the evaluator says what data would be needed).

Conventions (the model's, see :class:`secarch.model.types.Dated`): a spell is in force on ``[start, end)``;
``end`` is the first day it no longer holds, i.e. the day a withdrawal takes effect.

*Formal membership* is status ``member``, or ``suspended``/``frozen`` when that status follows a ``member``
spell without a gap (the model: suspended and frozen keep formal membership but not participation; Armenia
in the CSTO from 22 Feb 2024). A frozen spell that follows an ``associate`` spell (Ukraine in the CIS from
2018) is not formal membership.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secarch.model import Architecture, Membership, Organisation

ROUND_WINDOW_DAYS = 31
"""Accessions less than this many days after the previous accession belong to the same enlargement round.

NATO's and the EU's rounds deposit their instruments on one day (e.g. 29 Mar 2004 and 1 May 2004); a month
groups the few rounds whose instruments were deposited days apart and keeps apart accessions decided at
different summits. A convention of this module, stated in the evidence of every rounds verdict."""

SUSPENDED_STATUSES = ("suspended", "frozen")


@dataclass(frozen=True)
class Segment:
    """An interval ``[first, last]`` (inclusive days) on which ``count`` states had the status."""

    first: dt.date
    last: dt.date
    count: int
    states: tuple[str, ...]
    paused: tuple[str, ...]  # formal members whose status is suspended or frozen

    def describe(self) -> str:
        span = self.first.isoformat() if self.first == self.last else f"{self.first} – {self.last}"
        return f"{self.count} on {span}" if self.first == self.last else f"{self.count} from {span}"


@dataclass(frozen=True)
class Event:
    """An accession, exit, suspension or freeze of one state in one organisation."""

    day: dt.date
    state: str
    kind: str  # accession, left, suspended, frozen
    spell: Membership
    precision: str = "day"


@dataclass(frozen=True)
class Round:
    """An enlargement round: accessions within :data:`ROUND_WINDOW_DAYS` of each other."""

    first: dt.date
    last: dt.date
    events: tuple[Event, ...]

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(e.state for e in self.events)

    def describe(self) -> str:
        when = self.first.isoformat() if self.first == self.last else f"{self.first} – {self.last}"
        return f"{when}: {', '.join(self.states)}"


@lru_cache(maxsize=1)
def _bundled_precisions() -> dict[tuple[str, str, str, str], tuple[str, str]]:
    """(organisation, state, status, start) → (start_precision, end_precision), from the bundled table."""
    from secarch.data._paths import table_path

    path = table_path("memberships.csv")
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["organisation"], row["state"], row["status"], row["start"]): (
                row.get("start_precision") or "day",
                row.get("end_precision") or "day",
            )
            for row in csv.DictReader(handle)
        }


class MembershipData:
    """Membership look-ups over one architecture (built once per ledger)."""

    def __init__(self, architecture: Architecture) -> None:
        self.architecture = architecture
        self.start = architecture.period.start
        self.end = architecture.period.end
        self.reference = architecture.date
        self.organisations: dict[str, Organisation] = {o.id: o for o in architecture.organisations}
        spells: dict[str, dict[str, list[Membership]]] = defaultdict(lambda: defaultdict(list))
        for mem in architecture.memberships:
            spells[mem.organisation][mem.state].append(mem)
        self._spells = {
            org: {state: sorted(items, key=lambda m: m.start) for state, items in by_state.items()}
            for org, by_state in spells.items()
        }
        self._precisions = _bundled_precisions()

    # --- coverage -------------------------------------------------------------------------------------

    def covers(self, first: dt.date, last: dt.date) -> bool:
        """Whether ``[first, last]`` lies inside the data's period."""
        return self.start <= first and last <= self.end

    def clip(self, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
        """The part of ``[first, last]`` inside the period, or None."""
        low, high = max(first, self.start), min(last, self.end)
        return (low, high) if low <= high else None

    def has(self, org: str) -> bool:
        return org in self.organisations

    def spells(self, org: str, state: str) -> list[Membership]:
        return self._spells.get(org, {}).get(state, [])

    def precision(self, spell: Membership, which: str = "start") -> str:
        key = (spell.organisation, spell.state, spell.status, spell.start.isoformat())
        pair = self._precisions.get(key, ("day", "day"))
        return pair[0] if which == "start" else pair[1]

    # --- status ----------------------------------------------------------------------------------------

    def spell_on(self, org: str, state: str, day: dt.date) -> Membership | None:
        for spell in self.spells(org, state):
            if spell.in_force(day):
                return spell
        return None

    def _formal(self, org: str, state: str, spell: Membership) -> bool:
        """Whether ``spell`` is formal membership (member, or paused right after a member spell)."""
        if spell.status == "member":
            return True
        if spell.status not in SUSPENDED_STATUSES:
            return False
        previous = [s for s in self.spells(org, state) if s.end == spell.start]
        return bool(previous) and self._formal(org, state, previous[0])

    def holds(
        self, org: str, state: str, day: dt.date, status: str = "member", active_only: bool = False
    ) -> bool:
        """Whether ``state`` has ``status`` in ``org`` on ``day`` (``member``: formal membership)."""
        spell = self.spell_on(org, state, day)
        if spell is None:
            return False
        if status != "member":
            return spell.status == status
        if active_only:
            return spell.status == "member"
        return self._formal(org, state, spell)

    def holders(
        self, org: str, day: dt.date, status: str = "member", active_only: bool = False
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(states with the status on ``day``, those of them whose membership is suspended or frozen)."""
        states, paused = [], []
        for state in sorted(self._spells.get(org, {})):
            if self.holds(org, state, day, status, active_only):
                states.append(state)
                spell = self.spell_on(org, state, day)
                if spell is not None and spell.status in SUSPENDED_STATUSES:
                    paused.append(state)
        return tuple(states), tuple(paused)

    def segments(
        self, org: str, first: dt.date, last: dt.date, status: str = "member", active_only: bool = False
    ) -> list[Segment]:
        """How the number of holders of ``status`` changes over ``[first, last]``, as constant segments."""
        changes = {first}
        for by_state in self._spells.get(org, {}).values():
            for spell in by_state:
                for day in (spell.start, spell.end):
                    if day is not None and first < day <= last:
                        changes.add(day)
        ordered = sorted(changes)
        segments: list[Segment] = []
        for k, day in enumerate(ordered):
            until = ordered[k + 1] - dt.timedelta(days=1) if k + 1 < len(ordered) else last
            states, paused = self.holders(org, day, status, active_only)
            if segments and segments[-1].states == states and segments[-1].paused == paused:
                previous = segments[-1]
                segments[-1] = Segment(previous.first, until, previous.count, states, paused)
            else:
                segments.append(Segment(day, until, len(states), states, paused))
        return segments

    # --- events ----------------------------------------------------------------------------------------

    def accessions(self, org: str, status: str = "member", state: str | None = None) -> list[Event]:
        """Days on which states gained ``status`` (``member``: formal membership) in ``org``, in order.

        A change of status inside formal membership (member → frozen → member) is not an accession.
        """
        events = []
        for code, spells in sorted(self._spells.get(org, {}).items()):
            if state is not None and code != state:
                continue
            for spell in spells:
                gained = self._formal(org, code, spell) if status == "member" else spell.status == status
                if not gained:
                    continue
                before = [s for s in spells if s.end == spell.start]
                had = bool(before) and (
                    self._formal(org, code, before[0]) if status == "member" else before[0].status == status
                )
                if not had:
                    events.append(Event(spell.start, code, "accession", spell, self.precision(spell)))
        return sorted(events, key=lambda e: (e.day, e.state))

    def exits(self, org: str, state: str | None = None) -> list[Event]:
        """Days on which formal membership ended (``left``) or was suspended or frozen, in order."""
        events = []
        for code, spells in sorted(self._spells.get(org, {}).items()):
            if state is not None and code != state:
                continue
            for spell in spells:
                formal = self._formal(org, code, spell)
                if formal and spell.status in SUSPENDED_STATUSES:
                    events.append(Event(spell.start, code, spell.status, spell, self.precision(spell)))
                if formal and spell.end is not None:
                    after = [s for s in spells if s.start == spell.end]
                    if not (after and self._formal(org, code, after[0])):
                        events.append(Event(spell.end, code, "left", spell, self.precision(spell, "end")))
        return sorted(events, key=lambda e: (e.day, e.state))

    def founding_day(self, org: str) -> dt.date | None:
        """The organisation's founding date, else the day of its earliest accession."""
        organisation = self.organisations.get(org)
        if organisation is not None and organisation.founded is not None:
            return organisation.founded
        events = self.accessions(org)
        return events[0].day if events else None

    def rounds(self, org: str, window_days: int = ROUND_WINDOW_DAYS) -> list[Round]:
        """Enlargement rounds: accessions after the founding, grouped when less than ``window_days`` apart.

        Founding members (accessions within ``window_days`` of the founding date) are not a round.
        """
        founded = self.founding_day(org)
        rounds: list[list[Event]] = []
        for event in self.accessions(org):
            if founded is not None and (event.day - founded).days < window_days:
                continue
            if rounds and (event.day - rounds[-1][-1].day).days < window_days:
                rounds[-1].append(event)
            else:
                rounds.append([event])
        return [Round(group[0].day, group[-1].day, tuple(group)) for group in rounds]


def sources_of(spells: list[Membership] | tuple[Membership, ...], limit: int = 4) -> tuple[str, ...]:
    """The distinct sources of ``spells`` (at most ``limit``, then a count of the rest)."""
    distinct = list(dict.fromkeys(spell.source for spell in spells))
    if len(distinct) > limit:
        return (*distinct[:limit], f"… and {len(distinct) - limit} more sources")
    return tuple(distinct)

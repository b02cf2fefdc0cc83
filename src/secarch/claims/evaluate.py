"""Evaluate each parsed claim against the bundled data: *supported*, *contradicted* (with the data's value) or
*not checkable with the bundled data* (saying what data would be needed). Never a verdict without evidence:
every supported or contradicted claim carries the data's value, the elements (membership spells) behind it
and their sources.

Rules, one function per claim type:

* **Dates.** A year or month in a claim means any day in it: a count "in 1999" is supported if the data has
  that count on some day of 1999. "Now", "today" and present-tense claims without a date are read on the
  *as-of date* (the architecture's reference date unless the caller gives the statement's date).
* **Coverage.** The data covers the architecture's period. A claim about a date before or after it is not
  checkable; one about an interval that is only partly covered is supported if the covered part supports
  it and otherwise not checkable. Founding dates are attributes of the organisation and are checked
  whatever the period.
* **Counts** are of formal members (status ``member``, and members whose participation is suspended or
  frozen), unless the claim says "active" or "participating" members, or names observers or partners.
* **Growth** is checked part by part (the count at the end, the count at the start, the factor or the
  number added); a starting count without a date is looked for anywhere in the data before the end.
* **Rounds** are groups of accessions (see :data:`secarch.claims.data_view.ROUND_WINDOW_DAYS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from secarch.claims.data_view import ROUND_WINDOW_DAYS, Event, MembershipData, Segment, sources_of
from secarch.claims.extract import Claim
from secarch.claims.quantities import Count, DateRef
from secarch.model.types import THREAT_KINDS

Verdict = Literal["supported", "contradicted", "not_checkable"]
VERDICTS: tuple[Verdict, ...] = ("supported", "contradicted", "not_checkable")

FACTOR_TOLERANCE = 0.05
"""Relative tolerance of "doubled" (2×), "tripled" (3×): the ratio of the counts may differ from the factor by
5 % (so 16 → 31 is not "doubled", 16 → 32 is). A convention of this module, shown beside every verdict."""


@dataclass(frozen=True)
class Evidence:
    """What the data says, with the elements (membership keys, organisation ids) and sources behind it."""

    statement: str
    elements: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"statement": self.statement, "elements": list(self.elements), "sources": list(self.sources)}


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one claim, the data's value, the evidence, and what would be needed to check it."""

    claim: str
    verdict: Verdict
    data_says: str
    evidence: tuple[Evidence, ...] = ()
    needed: str | None = None
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "data_says": self.data_says,
            "evidence": [e.as_dict() for e in self.evidence],
            "needed": self.needed,
            "notes": list(self.notes),
        }


def _not_checkable(
    claim: Claim, data_says: str, needed: str, evidence: Sequence[Evidence] = (), notes: Sequence[str] = ()
) -> Evaluation:
    return Evaluation(claim.id, "not_checkable", data_says, tuple(evidence), needed, tuple(notes))


def _verdict(
    claim: Claim, ok: bool, data_says: str, evidence: Sequence[Evidence], notes: Sequence[str] = ()
) -> Evaluation:
    return Evaluation(
        claim.id, "supported" if ok else "contradicted", data_says, tuple(evidence), None, tuple(notes)
    )


def _period(data: MembershipData) -> str:
    return f"{data.start} – {data.end}"


def _missing_org(claim: Claim, data: MembershipData, org: str | None) -> Evaluation:
    name = data.architecture.name
    return _not_checkable(
        claim,
        f"{org} is not an organisation of architecture {name!r}.",
        f"membership spells of {org} (an architecture that contains {org}, e.g. the bundled `history`)",
    )


def _interval(claim_when: DateRef | None, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    return claim_when.resolve(as_of) if claim_when is not None else None


def _describe_interval(first: dt.date, last: dt.date) -> str:
    if first == last:
        return first.isoformat()
    if (
        first.month == 1
        and first.day == 1
        and last.month == 12
        and last.day == 31
        and first.year == last.year
    ):
        return str(first.year)
    if first.day == 1 and first.year == last.year and first.month == last.month:
        return first.strftime("%B %Y")
    return f"{first} – {last}"


def _at(first: dt.date, last: dt.date) -> str:
    """'on 2025-06-30', 'in 2016', 'in March 1999' or 'from 1991-01-01 to 1999-03-11'."""
    described = _describe_interval(first, last)
    if first == last:
        return f"on {described}"
    if " – " in described:
        return f"from {first} to {last}"
    return f"in {described}"


def _outside(
    claim: Claim, data: MembershipData, org: str, first: dt.date, last: dt.date, what: str
) -> Evaluation:
    return _not_checkable(
        claim,
        f"The claim refers to {_describe_interval(first, last)}; the bundled data covers {_period(data)}.",
        f"{what} of {org} for {_describe_interval(first, last)} (e.g. from the organisation's own records of "
        f"accession dates, or the CoW IGO dataset for years up to 2014)",
    )


def _status_words(status: str, active_only: bool = False) -> str:
    if status == "member":
        return "active members" if active_only else "members"
    return {"observer": "observers", "partner": "partners", "dialogue_partner": "dialogue partners"}.get(
        status, status + "s"
    )


def _segment_evidence(data: MembershipData, org: str, segment: Segment, words: str) -> Evidence:
    paused = f" (of which suspended or frozen: {', '.join(segment.paused)})" if segment.paused else ""
    members = ", ".join(segment.states) or "none"
    statement = f"{segment.count} {words} of {org} {_at(segment.first, segment.last)}{paused}: {members}."
    spells = [s for code in segment.states if (s := data.spell_on(org, code, segment.first)) is not None]
    return Evidence(statement, tuple(s.key for s in spells), sources_of(spells))


# --- one function per claim type --------------------------------------------------------------------------


def evaluate_member_count(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """A count of members (observers, partners) on a date, in a year, or on the as-of date."""
    org, count = claim.organisation, claim.count
    if org is None or count is None:
        raise ValueError("member_count claim without organisation or count")
    if not data.has(org):
        return _missing_org(claim, data, org)
    interval = _interval(claim.when, as_of)
    if interval is None:
        return _not_checkable(
            claim,
            "The sentence gives no date for the count.",
            "the date the count refers to (the sentence has none)",
        )
    return _count_verdict(claim, data, org, count, interval, claim.status, claim.active_only)


def _count_verdict(
    claim: Claim,
    data: MembershipData,
    org: str,
    count: Count,
    interval: tuple[dt.date, dt.date],
    status: str,
    active_only: bool,
) -> Evaluation:
    first, last = interval
    words = _status_words(status, active_only)
    covered = data.clip(first, last)
    if covered is None:
        return _outside(claim, data, org, first, last, f"membership spells ({words})")
    segments = data.segments(org, covered[0], covered[1], status, active_only)
    matching = [s for s in segments if count.admits(s.count)]
    notes = _count_notes(count, segments)
    if covered != (first, last):
        notes.append(
            f"only {_describe_interval(*covered)} of {_describe_interval(first, last)} is in the data"
        )
    if matching:
        evidence = [_segment_evidence(data, org, s, words) for s in matching[:3]]
        return _verdict(claim, True, _counts_summary(org, segments, words), evidence, notes)
    evidence = [_segment_evidence(data, org, s, words) for s in segments[:3]]
    if covered != (first, last):
        return _not_checkable(
            claim,
            _counts_summary(org, segments, words),
            f"membership spells of {org} for the part of {_describe_interval(first, last)} "
            f"outside {_period(data)}",
            evidence,
            notes,
        )
    return _verdict(claim, False, _counts_summary(org, segments, words), evidence, notes)


def _counts_summary(org: str, segments: Sequence[Segment], words: str) -> str:
    if len(segments) == 1:
        s = segments[0]
        return f"The data gives {s.count} {words} of {org} {_at(s.first, s.last)}."
    counts = ", ".join(f"{s.count} ({_describe_interval(s.first, s.last)})" for s in segments[:6])
    more = f" and {len(segments) - 6} more changes" if len(segments) > 6 else ""
    return f"The data gives {words} of {org}: {counts}{more}."


def _count_notes(count: Count, segments: Sequence[Segment]) -> list[str]:
    notes = []
    if count.qualifier in ("about", "nearly"):
        notes.append(f"'{count.describe()}' is read as within {count.tolerance} of {count.value}")
    if any(s.paused for s in segments):
        notes.append("suspended or frozen members are counted as members (formal membership is kept)")
    return notes


def evaluate_growth(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """Growth between two counts or dates: each part is checked, and the worst verdict is the claim's."""
    org = claim.organisation
    if org is None:
        raise ValueError("growth claim without organisation")
    if not data.has(org):
        return _missing_org(claim, data, org)
    parts: list[Evaluation] = []
    end_interval = _interval(claim.to_when, as_of)
    if end_interval is None:
        return _not_checkable(
            claim, "The sentence gives no date for the growth.", "the dates the growth refers to"
        )
    end_day = end_interval[1]
    end_value: int | None = None
    if claim.to_count is not None:
        parts.append(_count_verdict(claim, data, org, claim.to_count, end_interval, "member", False))
    covered_end = data.clip(*end_interval)
    if covered_end is not None:
        end_segments = data.segments(org, covered_end[1], covered_end[1])
        end_value = end_segments[-1].count
    start_value: int | None = None
    start_segment: Segment | None = None
    if claim.from_when is not None:
        first, last = claim.from_when.resolve(as_of)
        if claim.from_count is not None:
            parts.append(_count_verdict(claim, data, org, claim.from_count, (first, last), "member", False))
        covered = data.clip(first, first if claim.since else last)
        if covered is not None and covered[0] == first:
            start_segment = data.segments(org, first, first)[0]
            start_value = start_segment.count
    elif claim.from_count is not None:
        part, start_segment = _find_earlier_count(claim, data, org, claim.from_count, end_day)
        parts.append(part)
        start_value = start_segment.count if start_segment else None
    if claim.factor is not None or claim.count is not None:
        parts.append(_change_part(claim, data, org, start_value, end_value, start_segment))
    return _combine(claim, parts)


def _find_earlier_count(
    claim: Claim, data: MembershipData, org: str, count: Count, before: dt.date
) -> tuple[Evaluation, Segment | None]:
    """A starting count without a date: the latest period before ``before`` when the data has that count."""
    last = min(before, data.end)
    if last < data.start:
        return _outside(claim, data, org, before, before, "membership spells"), None
    segments = [s for s in data.segments(org, data.start, last) if count.admits(s.count)]
    if segments:
        segment = segments[-1]
        notes = []
        if segment.first == data.start:
            notes.append(f"the data starts on {data.start}; the count may also hold earlier")
        evidence = [_segment_evidence(data, org, segment, "members")]
        summary = f"The data gives {segment.count} members of {org} {_at(segment.first, segment.last)}."
        return _verdict(claim, True, summary, evidence, notes), segment
    first = data.segments(org, data.start, data.start)[0]
    return (
        _not_checkable(
            claim,
            f"The data never gives {count.describe()} members of {org} between {data.start} and {last} "
            f"(it gives {first.count} on {data.start}); the starting count may refer to a date before "
            f"{data.start}.",
            f"membership spells of {org} before {data.start}",
            [_segment_evidence(data, org, first, "members")],
        ),
        None,
    )


def _change_part(
    claim: Claim,
    data: MembershipData,
    org: str,
    start_value: int | None,
    end_value: int | None,
    start_segment: Segment | None,
) -> Evaluation:
    if start_value is None or end_value is None:
        return _not_checkable(
            claim,
            "The data has no count at the start or at the end of the growth.",
            f"membership counts of {org} at both ends of the period the claim refers to"
            + (
                ""
                if claim.from_when or claim.from_count
                else " (the sentence gives no starting date or count)"
            ),
        )
    since = f"from {start_value} to {end_value} members"
    if claim.factor is not None:
        ratio = end_value / start_value if start_value else float("inf")
        factor = claim.factor
        if claim.factor_qualifier == "more_than":
            ok = ratio > factor * (1 - FACTOR_TOLERANCE)
        elif claim.factor_qualifier == "nearly":
            ok = factor * 0.85 <= ratio <= factor * (1 + FACTOR_TOLERANCE)
        else:
            ok = abs(ratio - factor) <= FACTOR_TOLERANCE * factor
        statement = f"{org} went {since}: a ratio of {ratio:.2f} (claimed factor {factor:g})."
        note = f"a factor is read with a tolerance of {FACTOR_TOLERANCE:.0%}"
        return _verdict(claim, ok, statement, [Evidence(statement, (org,), ())], [note])
    added = end_value - start_value
    assert claim.count is not None
    statement = f"{org} went {since}: {added:+d} members."
    return _verdict(claim, claim.count.admits(added), statement, [Evidence(statement, (org,), ())])


def _combine(claim: Claim, parts: Sequence[Evaluation]) -> Evaluation:
    """The claim's verdict from its parts: contradicted if one part is, else not checkable if one is."""
    if not parts:
        return _not_checkable(
            claim, "Nothing in the claim could be compared with the data.", "a count or a date"
        )
    evidence = tuple(e for p in parts for e in p.evidence)
    notes = tuple(dict.fromkeys(n for p in parts for n in p.notes))
    says = " ".join(dict.fromkeys(p.data_says for p in parts))
    for verdict in ("contradicted", "not_checkable"):
        hit = [p for p in parts if p.verdict == verdict]
        if hit:
            needed = "; ".join(p.needed for p in hit if p.needed) or None
            return Evaluation(claim.id, hit[0].verdict, says, evidence, needed, notes)
    return Evaluation(claim.id, "supported", says, evidence, None, notes)


def evaluate_rounds(
    claim: Claim,
    data: MembershipData,
    as_of: dt.date,
    linked: Evaluation | None = None,
    linked_claim: Claim | None = None,
) -> Evaluation:
    """A number of enlargement rounds over a period, since a date, or during a growth claim."""
    org, count = claim.organisation, claim.count
    if org is None or count is None:
        raise ValueError("rounds claim without organisation or count")
    if not data.has(org):
        return _missing_org(claim, data, org)
    first: dt.date | None
    last = as_of
    if linked_claim is not None:
        first, last = _growth_window(linked_claim, data, as_of)
        if first is None:
            return _not_checkable(
                claim,
                f"The start of the growth in {linked_claim.id} is not in the data.",
                f"membership spells of {org} before {data.start}",
            )
    elif claim.from_when is not None:
        first = claim.from_when.resolve(as_of)[0]
        if claim.to_when is not None:
            last = claim.to_when.resolve(as_of)[1]
    else:
        first = data.founding_day(org)
        if first is None:
            return _not_checkable(claim, f"The data has no accession to {org}.", f"accession dates of {org}")
    if first < data.start or last > data.end:
        rounds = [r for r in data.rounds(org) if max(first, data.start) <= r.first <= min(last, data.end)]
        shown = [
            Evidence(
                f"Round {r.describe()}.",
                tuple(e.spell.key for e in r.events),
                sources_of([e.spell for e in r.events]),
            )
            for r in rounds
        ]
        return _not_checkable(
            claim,
            f"The claim counts rounds from {first} to {last}; the data covers {_period(data)} and shows "
            f"{len(rounds)} rounds in the covered part.",
            f"accessions to {org} between {first} and {data.start} (spells that ended before {data.start} "
            f"are not in the data)",
            shown,
        )
    rounds = [r for r in data.rounds(org) if first <= r.first <= last]
    statement = (
        f"The data gives {len(rounds)} enlargement rounds of {org} from {first} to {last}"
        + (": " + "; ".join(r.describe() for r in rounds) if rounds else "")
        + "."
    )
    evidence = [
        Evidence(
            f"Round {r.describe()}.",
            tuple(e.spell.key for e in r.events),
            sources_of([e.spell for e in r.events]),
        )
        for r in rounds
    ] or [Evidence(statement, (org,), ())]
    note = (
        f"accessions less than {ROUND_WINDOW_DAYS} days apart are one round; founding members are not a round"
    )
    return _verdict(claim, count.admits(len(rounds)), statement, evidence, [note])


def _growth_window(growth: Claim, data: MembershipData, as_of: dt.date) -> tuple[dt.date | None, dt.date]:
    """The interval of a growth claim: from the end of the starting count (or its date) to its end date."""
    last = growth.to_when.resolve(as_of)[1] if growth.to_when is not None else as_of
    last = min(last, data.end)
    if growth.from_when is not None:
        return growth.from_when.resolve(as_of)[0], last
    if growth.from_count is not None and data.start <= last:
        segments = [
            s
            for s in data.segments(growth.organisation or "", data.start, last)
            if growth.from_count.admits(s.count)
        ]
        if segments:
            return segments[-1].last, last
    return None, last


def _event_in(event: Event, first: dt.date, last: dt.date) -> bool:
    """Whether an event's date, widened to its precision, meets ``[first, last]``."""
    low, high = event.day, event.day
    if event.precision == "year":
        low, high = dt.date(event.day.year, 1, 1), dt.date(event.day.year, 12, 31)
    elif event.precision == "month":
        low = event.day.replace(day=1)
        high = (low.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return low <= last and first <= high


def _event_evidence(event: Event, what: str) -> Evidence:
    precision = "" if event.precision == "day" else f" (known to the {event.precision})"
    statement = f"{event.state} {what} {event.spell.organisation} on {event.day}{precision}."
    return Evidence(statement, (event.spell.key,), (event.spell.source,))


def evaluate_accession(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """The date (or fact) of a state's accession to an organisation."""
    org, state = claim.organisation, claim.states[0]
    if org is None:
        raise ValueError("accession claim without organisation")
    if not data.has(org):
        return _missing_org(claim, data, org)
    words = "joined" if claim.status == "member" else f"became {claim.status.replace('_', ' ')} of"
    events = data.accessions(org, claim.status, state)
    evidence = [_event_evidence(e, words) for e in events]
    if claim.when is None or claim.when.precision == "now":
        if events:
            return _verdict(
                claim, True, f"The data records that {state} {words} {org} on {events[0].day}.", evidence
            )
        return _not_checkable(
            claim,
            f"The data has no accession of {state} to {org} between {data.start} and {data.end}.",
            f"a date for the accession, or spells of {state} in {org} that ended before {data.start}",
        )
    first, last = claim.when.resolve(as_of)
    inside = [e for e in events if _event_in(e, first, last)]
    when = _describe_interval(first, last)
    if inside:
        return _verdict(
            claim,
            True,
            f"The data records that {state} {words} {org} on {inside[0].day}.",
            [_event_evidence(e, words) for e in inside],
        )
    covering = [
        s
        for s in data.spells(org, state)
        if s.start < first and (s.end is None or s.end > last) and data.holds(org, state, first, claim.status)
    ]
    if covering:
        spell = covering[0]
        return _verdict(
            claim,
            False,
            f"The data has {state} in {org} throughout {when}, from {spell.start}: no accession in {when}.",
            evidence
            or [Evidence(f"{state} holds the status from {spell.start}.", (spell.key,), (spell.source,))],
        )
    if not data.covers(first, last):
        return _not_checkable(
            claim,
            f"The claim refers to {when}; the bundled data covers {_period(data)}"
            + (f" and records the accession on {events[0].day}." if events else "."),
            f"spells of {state} in {org} for {when}",
            evidence,
        )
    if events:
        dates = ", ".join(e.day.isoformat() for e in events)
        return _verdict(
            claim, False, f"The data records that {state} {words} {org} on {dates}, not in {when}.", evidence
        )
    status = data.spell_on(org, state, last)
    now = f"its status on {last}: {status.status}" if status else f"no status in {org} on {last}"
    return _verdict(
        claim,
        False,
        f"The data records no accession of {state} to {org} in {when} ({now}).",
        [
            Evidence(
                f"No spell of {state} in {org} starts in {when}; {now}.",
                tuple(s.key for s in data.spells(org, state)),
                sources_of(data.spells(org, state)),
            )
        ],
    )


EXIT_WORDS = {
    "left": "left",
    "suspended": "suspended its membership in",
    "frozen": "froze its membership in",
}


def evaluate_withdrawal(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """The date of a state's withdrawal from an organisation, or of the suspension or freeze of its
    membership."""
    org, state, mode = claim.organisation, claim.states[0], claim.mode or "left"
    if org is None:
        raise ValueError("withdrawal claim without organisation")
    if not data.has(org):
        return _missing_org(claim, data, org)
    events = data.exits(org, state)
    evidence = [_event_evidence(e, EXIT_WORDS[e.kind]) for e in events]
    same = [e for e in events if e.kind == mode]
    notes = (
        ["the data records the day a withdrawal took effect, not the day it was announced"]
        if mode == "left"
        else []
    )
    if claim.when is None or claim.when.precision == "now":
        if same:
            return _verdict(
                claim,
                True,
                f"The data records that {state} {EXIT_WORDS[mode]} {org} on {same[0].day}.",
                evidence,
                notes,
            )
        return _not_checkable(
            claim,
            f"The data records no such event for {state} in {org} between {data.start} and {data.end}.",
            f"a date for the event, or spells of {state} in {org} that ended before {data.start}",
            evidence,
        )
    first, last = claim.when.resolve(as_of)
    when = _describe_interval(first, last)
    inside = [e for e in same if _event_in(e, first, last)]
    if inside:
        return _verdict(
            claim,
            True,
            f"The data records that {state} {EXIT_WORDS[mode]} {org} on {inside[0].day}.",
            [_event_evidence(e, EXIT_WORDS[e.kind]) for e in inside],
            notes,
        )
    other = [e for e in events if _event_in(e, first, last)]
    if other:
        e = other[0]
        return _verdict(
            claim,
            False,
            f"In {when} the data records that {state} {EXIT_WORDS[e.kind]} {org} (on {e.day}), not a "
            f"{'withdrawal' if mode == 'left' else mode + ' membership'}.",
            evidence,
            notes,
        )
    if not data.covers(first, last):
        return _not_checkable(
            claim,
            f"The claim refers to {when}; the bundled data covers {_period(data)}.",
            f"spells of {state} in {org} for {when}",
            evidence,
            notes,
        )
    if events:
        dates = "; ".join(f"{e.kind} on {e.day}" for e in events)
        return _verdict(
            claim,
            False,
            f"The data records for {state} in {org}: {dates}; nothing of this kind in {when}.",
            evidence,
            notes,
        )
    spells = data.spells(org, state)
    status = data.spell_on(org, state, last)
    state_now = f"status on {last}: {status.status}" if status else f"no status on {last}"
    return _verdict(
        claim,
        False,
        f"The data records no withdrawal, suspension or freeze of {state} in {org} ({state_now}).",
        [
            Evidence(
                f"Spells of {state} in {org}: "
                + (", ".join(f"{s.status} {s.start} – {s.end or 'ongoing'}" for s in spells) or "none")
                + ".",
                tuple(s.key for s in spells),
                sources_of(spells),
            )
        ],
        notes,
    )


def evaluate_membership(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """Whether states are (or are not) members (observers, partners) of an organisation on a date."""
    org = claim.organisation
    if org is None:
        raise ValueError("membership claim without organisation")
    if not data.has(org):
        return _missing_org(claim, data, org)
    interval = _interval(claim.when, as_of)
    if interval is None:
        return _not_checkable(
            claim, "The sentence gives no date.", "the date the claim refers to (the sentence has none)"
        )
    first, last = interval
    covered = data.clip(first, last)
    when = _describe_interval(first, last)
    if covered is None:
        return _outside(claim, data, org, first, last, "membership spells")
    status_words = _status_words(claim.status)[:-1]
    results: list[tuple[str, bool]] = []
    evidence: list[Evidence] = []
    for state in claim.states:
        days = [
            covered[0],
            covered[1],
            *[s.start for s in data.spells(org, state) if covered[0] < s.start <= covered[1]],
        ]
        holds_some = any(data.holds(org, state, d, claim.status) for d in days)
        holds_all = all(data.holds(org, state, d, claim.status) for d in days)
        ok = (not holds_all) if claim.negated else holds_some
        if claim.negated and first == last:
            ok = not holds_some
        results.append((state, ok))
        spell = data.spell_on(org, state, covered[1])
        detail = f"{spell.status} from {spell.start}" if spell else "no status"
        spells = [
            s
            for s in data.spells(org, state)
            if s.start <= covered[1] and (s.end is None or s.end > covered[0])
        ]
        evidence.append(
            Evidence(
                f"{state} in {org} on {covered[1]}: {detail}.",
                tuple(s.key for s in spells),
                sources_of(spells),
            )
        )
    notes: list[str] = []
    if any(e.statement.split(": ")[1].startswith(("suspended", "frozen")) for e in evidence):
        notes.append("suspended or frozen members keep formal membership")
    listed = set(claim.states)
    left_out: list[str] = []
    if claim.exhaustive and not claim.negated:
        holders, _ = data.holders(org, covered[1], claim.status)
        left_out = sorted(set(holders) - listed)
        if left_out:
            evidence.append(
                Evidence(
                    f"{status_words.capitalize()}s of {org} on {covered[1]} not in the list: "
                    f"{', '.join(left_out)}.",
                    (org,),
                    (),
                )
            )
    bad = [state for state, ok in results if not ok]
    if covered != (first, last) and (bad or left_out):
        return _not_checkable(
            claim, "Only part of the period is in the data.", f"spells of {org} for {when}", evidence
        )
    if left_out and not bad:
        holders, _ = data.holders(org, covered[1], claim.status)
        return _verdict(
            claim,
            False,
            f"The data has {len(holders)} {status_words}s of {org} on {covered[1]}; the "
            f"list leaves out {', '.join(left_out)}.",
            evidence,
            notes,
        )
    relation = "not " if claim.negated else ""
    if bad:
        return _verdict(
            claim,
            False,
            f"The data does not support '{relation}{status_words} of {org}' for {', '.join(bad)} ({when}).",
            evidence,
            notes,
        )
    return _verdict(
        claim,
        True,
        f"The data has {', '.join(claim.states)} {relation}{status_words}"
        f"{'s' if len(claim.states) > 1 else ''} of {org} ({when}).",
        evidence,
        notes,
    )


def evaluate_founding(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """An organisation's founding date (or the date from which it bears the name used in the claim)."""
    org = claim.organisation
    if org is None or claim.when is None:
        raise ValueError("founding claim without organisation or date")
    if not data.has(org):
        return _missing_org(claim, data, org)
    organisation = data.organisations[org]
    first, last = claim.when.resolve(as_of)
    when = _describe_interval(first, last)
    if organisation.founded is None:
        return _not_checkable(
            claim, f"The data has no founding date for {org}.", f"the founding date of {org}"
        )
    evidence = [
        Evidence(
            f"{org} ({organisation.name}) founded {organisation.founded}.", (org,), (organisation.source,)
        )
    ]
    if first <= organisation.founded <= last:
        return _verdict(claim, True, f"The data dates {org} from {organisation.founded}.", evidence)
    named = claim.notes[0].split("'")[1] if claim.notes else org
    for start, name, source in _name_starts(org):
        if name == named and first <= start <= last:
            evidence.append(Evidence(f"{org} bears the name {name!r} from {start}.", (org,), (source,)))
            return _verdict(
                claim,
                True,
                f"The data dates {org} from {organisation.founded}; the name {name!r} dates from {start}.",
                evidence,
            )
    return _verdict(claim, False, f"The data dates {org} from {organisation.founded}, not {when}.", evidence)


def _name_starts(org: str) -> list[tuple[dt.date, str, str]]:
    """(start, acronym or name, source) of the organisation's names in the bundled names table."""
    import csv

    from secarch.data._paths import table_path

    path = table_path("organisation_names.csv")
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["organisation"] == org and r["start"]]
    return [
        (dt.date.fromisoformat(r["start"]), text, r["source"])
        for r in rows
        for text in (r["acronym"], r["name"])
    ]


def evaluate_comparison(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """Which of two organisations has more members on a date."""
    org, other = claim.organisation, claim.other_organisation
    if org is None or other is None:
        raise ValueError("comparison claim without organisations")
    for code in (org, other):
        if not data.has(code):
            return _missing_org(claim, data, code)
    interval = _interval(claim.when, as_of)
    if interval is None:
        return _not_checkable(claim, "The sentence gives no date.", "the date the comparison refers to")
    day = interval[1]
    if not data.covers(day, day):
        return _outside(claim, data, org, day, day, "membership spells")
    a = data.segments(org, day, day)[0]
    b = data.segments(other, day, day)[0]
    ok = {"more": a.count > b.count, "fewer": a.count < b.count}.get(claim.relation or "", a.count == b.count)
    evidence = [_segment_evidence(data, org, a, "members"), _segment_evidence(data, other, b, "members")]
    return _verdict(
        claim, ok, f"On {day} the data gives {a.count} members of {org} and {b.count} of {other}.", evidence
    )


MANDATE_ELEMENTS: dict[str, str] = {
    "security_guarantees": "defence_clause",
    "conflict_settlement": "conflict_settlement",
    "threat_agenda": "threat_agenda",
}
"""Principles of the lexicon that an organisation's mandate in the data records (``Organisation.mandate``:
its defence clause, conflict-settlement mechanism and threat agenda, from its founding texts). Every other
principle is not in the data: a claim that founding documents state it is not checkable."""

_MANDATE_WORDS = {
    "defence_clause": "a defence clause",
    "conflict_settlement": "a conflict-settlement mechanism",
    "threat_agenda": "a threat agenda",
}
_MANDATE_NOTE = (
    "the data records each organisation's mandate from its founding texts: defence clause, "
    "conflict-settlement mechanism and threat agenda (mandates table, docs/data.md); it does not record the "
    "principles those texts state"
)


def evaluate_principle(claim: Claim, data: MembershipData, as_of: dt.date) -> Evaluation:
    """A principle stated in an organisation's founding documents ("the principle of indivisible security is
    enshrined in the CSTO"). Checked against the organisation's mandate where the principle is one the data
    records (a defence clause for security guarantees, a conflict-settlement mechanism, the items of the
    threat agenda); otherwise not checkable, saying which texts would be needed."""
    org_id = claim.organisation
    org = next((o for o in data.architecture.organisations if o.id == org_id), None)
    if org is None:
        return _missing_org(claim, data, org_id)
    named = principle_words(claim)
    documents = f"the text of the founding documents of {org.id} ({org.source})"
    record = Evidence(
        f"{org.id} ({org.name}): founding documents as cited in the data.", (org.id,), (org.source,)
    )
    element = MANDATE_ELEMENTS.get(claim.principle or "")
    if element == "threat_agenda" and claim.mode not in THREAT_KINDS:
        element = None  # an item the model's threat vocabulary does not have (e.g. separatism)
    if element is None:
        return _not_checkable(
            claim,
            f"The data records the mandate of {org.id} (defence clause, conflict settlement, threat agenda), "
            f"not the principles its founding documents state.",
            f"{documents}, to see whether they state {named}; secarch's data records mandates (defence "
            "clause, conflict settlement, threat agenda) but not stated principles",
            [record],
        )
    mandate = org.mandate
    recorded = _mandate_evidence(org)
    if not recorded:
        return _not_checkable(
            claim,
            f"The data records no mandate for {org.id}.",
            f"the mandate of {org.id} (defence clause, conflict settlement, threat agenda) from {documents}",
            [record],
        )
    if element == "threat_agenda":
        item = claim.mode or ""
        hits = [t for t in mandate.threat_agenda if t.item == item]
        what = f"{item.replace('_', ' ')} on the threat agenda"
        if hits:
            statement = f"The data lists {item.replace('_', ' ')} on the threat agenda of {org.id}."
            evidence = [Evidence(statement, (org.id,), tuple(dict.fromkeys(t.source for t in hits)))]
            return _verdict(claim, True, statement, evidence, [_MANDATE_NOTE])
    else:
        provision = getattr(mandate, element)
        what = _MANDATE_WORDS[element]
        if provision is not None:
            binding = "binding" if provision.binding else "not binding"
            statement = (
                f"The data records {what} in the mandate of {org.id}: {_provision(provision)}; {binding}."
            )
            return _verdict(
                claim, True, statement, [Evidence(statement, (org.id,), (provision.source,))], [_MANDATE_NOTE]
            )
    return _verdict(
        claim,
        False,
        f"The data records no {what.removeprefix('a ')} for {org.id}; its mandate in the data has "
        + "; ".join(e.statement.rstrip(".") for e in recorded)
        + ".",
        recorded,
        [_MANDATE_NOTE],
    )


def principle_words(claim: Claim) -> str:
    """How a ``principle`` claim names its principle, in the ledger's words."""
    from secarch.claims.lexicon import principle

    if claim.principle == "threat_agenda" and claim.mode:
        return f"countering {claim.mode.replace('_', ' ')} (the common threat agenda)"
    if claim.principle:
        return f"the principle of {principle(claim.principle).label.lower()}"
    return f"“{claim.principle_text or claim.text}”"


def _provision(provision: Any) -> str:
    """A provision's reference and summary, without repeating the reference."""
    summary = provision.summary or ""
    if not summary:
        return str(provision.reference)
    return summary if summary.startswith(provision.reference) else f"{provision.reference} ({summary})"


def _mandate_evidence(org: Any) -> list[Evidence]:
    """What the data records of an organisation's mandate, one piece of evidence per element."""
    mandate = org.mandate
    found = []
    for element in ("defence_clause", "conflict_settlement"):
        provision = getattr(mandate, element)
        if provision is not None:
            found.append(
                Evidence(f"{_MANDATE_WORDS[element]}: {provision.reference}", (org.id,), (provision.source,))
            )
    if mandate.threat_agenda:
        items = ", ".join(t.item.replace("_", " ") for t in mandate.threat_agenda)
        sources = tuple(dict.fromkeys(t.source for t in mandate.threat_agenda))
        found.append(Evidence(f"a threat agenda: {items}", (org.id,), sources))
    return found


Evaluator = Callable[[Claim, MembershipData, dt.date], Evaluation]

EVALUATORS: dict[str, Evaluator] = {
    "member_count": evaluate_member_count,
    "growth": evaluate_growth,
    "accession": evaluate_accession,
    "withdrawal": evaluate_withdrawal,
    "membership": evaluate_membership,
    "founding": evaluate_founding,
    "comparison": evaluate_comparison,
    "principle": evaluate_principle,
}


def evaluate_claims(claims: Sequence[Claim], data: MembershipData, as_of: dt.date) -> dict[str, Evaluation]:
    """The evaluation of every claim, by claim id."""
    results: dict[str, Evaluation] = {}
    by_id = {c.id: c for c in claims}
    for claim in claims:
        if claim.kind == "rounds":
            linked = by_id.get(claim.linked_to or "")
            results[claim.id] = evaluate_rounds(
                claim, data, as_of, results.get(linked.id) if linked else None, linked
            )
        else:
            results[claim.id] = EVALUATORS[claim.kind](claim, data, as_of)
    return results

"""Sentences that propose changes to the architecture, as candidate edits for the user to review.

A sentence is a proposal when it has a proposal cue (named patterns: "we propose", "calls for", "should
establish", "it is necessary to", "the creation of … is proposed", …). Its action is then classified:

* ``new_forum``: "we propose to set up a Eurasian security forum" → ``add: organisations`` (and
  memberships for the states named in the sentence);
* ``guarantees``: "a system of mutual security guarantees between A and B" → ``add: agreements`` (the
  parties named);
* ``join``: "Iran should join the CSTO" → ``add: memberships``;
* ``leave``: "Moldova should withdraw from the CIS" → ``remove: memberships``;
* ``negotiations``: "open and inclusive negotiations on the rules of …" → no patch (``secarch negotiate``);
* ``exclusion``: "exclude the influence of off-region players" → no patch (the regional-ownership check).

The patch is in the architecture-file format (``extends`` the architecture the text was checked against,
with ``add``/``remove``; docs/architecture-files.md). New elements start on the parent's reference date, so
they are in force when the result is shown or checked. Agreement credibility is the bundled default for the
agreement type (``data/tables/credibility_defaults.csv``), labelled as an estimate. Every edit is validated
by loading the patch onto its parent; an edit that does not validate is listed without a patch, with the
reason. The edits are suggestions read off the wording: the user decides what, if anything, to model.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from secarch.claims.gazetteer import Mention
from secarch.claims.text import Sentence

if TYPE_CHECKING:
    from secarch.model import Architecture

PROPOSAL_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(regex, re.IGNORECASE))
    for name, regex in (
        (
            "we_propose",
            r"\b(?:propos(?:e|es|ed|ing)|suggest(?:s|ed)?|advocat(?:e|es|ed)|urg(?:e|es|ed)|"
            r"call(?:s|ed)?\s+(?:for|on)|insist(?:s|ed)?\s+on|favou?r(?:s|ed)?)\b",
        ),
        ("proposal_noun", r"\b(?:proposal|initiative|idea|plan|concept)\s+(?:to|for|of|on)\b"),
        (
            "should",
            r"\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:be\s+)?(?:\w+\s+)?"
            r"(?:establish|create|set\s+up|form|launch|build|develop|conclude|sign|join|admit|invite|leave|"
            r"withdraw|extend|provide|give|grant|include|expand|open|convene|exclude)",
        ),
        ("it_is_necessary", r"\bit\s+is\s+(?:necessary|essential|important|high\s+time|time|vital)\s+to\b"),
        ("let_us", r"\blet\s+us\b"),
        (
            "is_to_be",
            r"\b(?:is|are)\s+to\s+be\s+(?:established|created|set\s+up|formed|launched|concluded|"
            r"admitted)\b",
        ),
        ("will_create", r"\bwill\s+(?:establish|create|set\s+up|form|launch|conclude|admit)\b"),
        ("in_favour", r"\bin\s+favou?r\s+of\b|\bstand\s+for\b"),
    )
)

_FORUM_NOUNS = (
    r"forum|platform|mechanism|organi[sz]ation|structure|conference|dialogue|council|format|centre|center|"
    r"architecture|system|framework|institution|body|secretariat|group"
)

ACTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(regex, re.IGNORECASE))
    for name, regex in (
        (
            "guarantees",
            r"\b(?P<what>(?:(?:a|the)\s+)?(?:system\s+of\s+)?(?:(?:mutual|collective|legally\s+binding|"
            r"reliable)\s+(?:and\s+(?:mutual|collective)\s+)?)*(?:security\s+guarantees|guarantees\s+of\s+"
            r"security|mutual\s+(?:military\s+)?assistance|collective\s+defen[cs]e|non-aggression|"
            r"guarantees))\b",
        ),
        (
            "leave",
            r"\b(?:leave|leaving|withdraw(?:al)?\s+from|withdrawing\s+from|exit\s+from|expel(?:led)?\s+from|"
            r"quit)\b",
        ),
        (
            "join",
            r"\b(?:join|joining|admit|admission|admitting|accession|accede|invite\w*|membership\s+(?:of|in)|"
            r"become\s+(?:a\s+)?(?:full\s+)?members?|enlarge\w*|expan(?:d|sion)\s+of)\b",
        ),
        (
            "new_forum",
            r"\b(?:establish\w*|creat\w*|set(?:ting)?\s+up|form(?:ing|ation)?|launch\w*|build\w*|conven\w*|"
            r"institutionali[sz]\w*|develop\w*|shap\w*|construct\w*)\s+(?:of\s+)?(?:(?:a|an|the)\s+)?"
            r"(?P<what>(?:[\w-]+\s+){0,6}?(?:" + _FORUM_NOUNS + r"))\b",
        ),
        ("negotiations", r"\b(?:negotiations?|talks|consultations|dialogue)\b"),
        (
            "exclusion",
            r"\b(?:exclu\w+|withdrawal\s+of\s+(?:foreign|\w+)\s+(?:troops|forces|bases)|off-?region|"
            r"extra-?regional|non-?regional)\b",
        ),
    )
)
"""Actions in the order they are tried; the first that applies classifies the sentence."""

_KIND_OF_THING = {
    "forum": "dialogue_forum",
    "platform": "dialogue_forum",
    "conference": "dialogue_forum",
    "dialogue": "dialogue_forum",
    "format": "dialogue_forum",
    "group": "dialogue_forum",
}


@dataclass(frozen=True)
class CandidateEdit:
    """A sentence that proposes a change, what it proposes, and the suggested patch (if it maps onto the
    model)."""

    id: str
    sentence: int
    start: int
    end: int
    text: str
    cue: str
    action: str
    summary: str
    states: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    patch: dict[str, Any] | None = None
    reason: str | None = None
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "cue": self.cue,
            "action": self.action,
            "summary": self.summary,
            "states": list(self.states),
            "organisations": list(self.organisations),
            "patch": self.patch,
            "reason": self.reason,
            "notes": list(self.notes),
        }


def _credibility_default(agreement_type: str) -> tuple[float, str] | None:
    """The bundled default credibility of ``agreement_type`` and its rationale, if the table is bundled."""
    from secarch.data._paths import table_path

    path = table_path("credibility_defaults.csv")
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["type"] == agreement_type:
                return float(row["default"]), row["rationale"]
    return None


def _quote(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def find_proposals(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    architecture: Architecture,
    statement_name: str = "the statement",
) -> list[CandidateEdit]:
    """Candidate edits for every sentence that proposes a change, numbered P1, P2, …"""
    edits: list[CandidateEdit] = []
    for sentence in sentences:
        cue = next((name for name, pattern in PROPOSAL_CUES if pattern.search(sentence.text)), None)
        if cue is None:
            continue
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end and m.code]
        states = tuple(
            dict.fromkeys(m.code for m in inside if m.kind == "state" and m.via != "adjective" and m.code)
        )
        orgs = tuple(dict.fromkeys(m.code for m in inside if m.kind == "organisation" and m.code))
        edit = _classify(f"P{len(edits) + 1}", sentence, cue, states, orgs, architecture, statement_name)
        if edit is not None:
            edits.append(edit)
    return edits


def _classify(
    edit_id: str,
    sentence: Sentence,
    cue: str,
    states: tuple[str, ...],
    orgs: tuple[str, ...],
    arch: Architecture,
    statement_name: str,
) -> CandidateEdit | None:
    source = f"proposal in {statement_name}, sentence {sentence.index + 1}: “{_quote(sentence.text)}”"
    base: dict[str, Any] = {
        "id": edit_id,
        "sentence": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "cue": cue,
        "states": states,
        "organisations": orgs,
    }
    start = arch.date.isoformat()
    for action, pattern in ACTION_PATTERNS:
        match = pattern.search(sentence.text)
        if match is None:
            continue
        if action == "guarantees":
            return _guarantees(base, match.group("what"), states, orgs, arch, source, start)
        if action in ("join", "leave") and states and orgs:
            return _membership_change(base, action, states, orgs[-1], arch, source, start)
        if action == "new_forum":
            return _new_forum(base, match.group("what"), states, arch, source, start)
        if action == "negotiations":
            return CandidateEdit(
                **base,
                action=action,
                summary="Negotiations or talks are proposed.",
                reason="negotiation forums are inputs of `secarch negotiate`, not elements of an "
                "architecture file",
            )
        if action == "exclusion":
            return CandidateEdit(
                **base,
                action=action,
                summary="Excluding the influence or presence of off-region states is proposed.",
                reason="a principle rather than an element: it "
                "is tested by the regional_ownership check (`secarch check`)",
            )
    return None


def _participants_to_add(states: Sequence[str], arch: Architecture) -> list[str]:
    return [code for code in states if code not in arch.participants]


def _guarantees(
    base: dict[str, Any],
    what: str,
    states: tuple[str, ...],
    orgs: tuple[str, ...],
    arch: Architecture,
    source: str,
    start: str,
) -> CandidateEdit:
    lower = what.lower()
    kind = (
        "non_aggression"
        if "non-aggression" in lower
        else "collective_defence"
        if "collective" in lower
        else "mutual_assistance"
    )
    summary = f"A {kind.replace('_', ' ')} commitment is proposed ({what.strip()})."
    default = _credibility_default(kind)
    if default is None:
        return CandidateEdit(
            **base,
            action="guarantees",
            summary=summary,
            reason="no bundled default credibility for this agreement type",
        )
    if len(states) < 2 and not orgs:
        return CandidateEdit(
            **base,
            action="guarantees",
            summary=summary,
            reason="the sentence names fewer than two parties and no organisation",
        )
    agreement: dict[str, Any] = {
        "id": f"{base['id'].lower()}-{kind.replace('_', '-')}",
        "name": f"Proposed {kind.replace('_', ' ')} ({what.strip()})",
        "type": kind,
        "credibility": default[0],
        "credibility_rationale": f"estimate: bundled default for {kind} ({default[1]})",
        "start": start,
        "source": source,
    }
    if len(states) >= 2:
        agreement["parties"] = list(states)
    else:
        agreement["organisation"] = orgs[-1]
    patch: dict[str, Any] = {"agreements": [agreement]}
    if agreement.get("parties"):
        extra = _participants_to_add(states, arch)
        if extra:
            patch["participants"] = extra
    return CandidateEdit(
        **base,
        action="guarantees",
        summary=summary,
        patch={"add": patch},
        notes=("credibility is the bundled default for the type: an estimate to review",),
    )


def _membership_change(
    base: dict[str, Any],
    action: str,
    states: tuple[str, ...],
    org: str,
    arch: Architecture,
    source: str,
    start: str,
) -> CandidateEdit:
    names = ", ".join(states)
    if action == "leave":
        selectors = [{"organisation": org, "state": code, "status": "member"} for code in states]
        return CandidateEdit(
            **base,
            action="leave",
            summary=f"{names} leaving {org} is proposed.",
            patch={"remove": {"memberships": selectors}},
            notes=(
                "removing the spells models the alternative in which the state was never a "
                "member; add an `end` with `modify` to keep its history",
            ),
        )
    summary = f"Membership of {names} in {org} is proposed."
    day = dt.date.fromisoformat(start)
    ended: list[dict[str, Any]] = []
    notes: list[str] = []
    for code in states:
        for spell in arch.memberships:
            if spell.organisation != org or spell.state != code or not spell.in_force(day):
                continue
            if spell.status == "member":
                return CandidateEdit(
                    **base,
                    action="join",
                    summary=summary,
                    reason=f"the suggested patch does not validate: {code} is already a member of {org} on "
                    f"{start} (spell from {spell.start}; source: {spell.source}), so a new spell would "
                    "overlap it",
                )
            if spell.start == day:
                return CandidateEdit(
                    **base,
                    action="join",
                    summary=summary,
                    reason=f"{code}'s {spell.status} spell in {org} starts on {start}, the day the "
                    "membership would start: edit that spell's status instead",
                )
            # Spells of one state in one organisation must not overlap: the current spell (a partnership,
            # observer status, a frozen or suspended membership) ends on the day the membership starts.
            ended.append({"organisation": org, "state": code, "start": spell.start.isoformat(), "end": start})
            notes.append(
                f"the {spell.status} spell of {code} in {org} (from {spell.start}) ends on {start}, the day "
                "the proposed membership starts"
            )
    members = [{"organisation": org, "state": code, "start": start, "source": source} for code in states]
    patch: dict[str, Any] = {"memberships": members}
    extra = _participants_to_add(states, arch)
    if extra:
        patch["participants"] = extra
    edit: dict[str, Any] = {"add": patch}
    if ended:
        edit = {"modify": {"memberships": ended}, **edit}
    return CandidateEdit(**base, action="join", summary=summary, patch=edit, notes=tuple(notes))


def _new_forum(
    base: dict[str, Any], what: str, states: tuple[str, ...], arch: Architecture, source: str, start: str
) -> CandidateEdit:
    thing = " ".join(what.split())
    noun = thing.rsplit(" ", 1)[-1].lower()
    kind = _KIND_OF_THING.get(noun, "security_cooperation")
    org_id = f"{base['id']}-{re.sub(r'[^A-Za-z0-9]+', '-', thing).strip('-').lower()}"[:60].rstrip("-")
    organisation = {
        "id": org_id,
        "name": thing[:1].upper() + thing[1:],
        "kind": kind,
        "founded": start,
        "source": source,
    }
    add: dict[str, Any] = {"organisations": [organisation]}
    notes = []
    if states:
        add["memberships"] = [
            {"organisation": org_id, "state": code, "start": start, "source": source} for code in states
        ]
        extra = _participants_to_add(states, arch)
        if extra:
            add["participants"] = extra
        notes.append("the states named in the sentence are entered as founding members: review")
    else:
        notes.append("the sentence names no members: add them under `memberships`")
    # "a new Eurasian security dialogue" already says it is new: no "A new new …"
    summary = f"A {thing} is proposed." if noun_phrase_is_new(thing) else f"A new {thing} is proposed."
    return CandidateEdit(
        **base,
        action="new_forum",
        summary=summary,
        patch={"add": add},
        notes=tuple(notes),
    )


def noun_phrase_is_new(thing: str) -> bool:
    """Whether ``thing`` already starts with "new" (so that the summary does not say "a new new …").

    >>> noun_phrase_is_new("new Eurasian security dialogue"), noun_phrase_is_new("Eurasian forum")
    (True, False)
    """
    return thing.split(" ", 1)[0].casefold() == "new"


def combined_patch(
    edits: Sequence[CandidateEdit], parent: str, arch: Architecture, statement_name: str
) -> dict[str, Any] | None:
    """One architecture file (as a mapping) with every edit that has a patch, extending ``parent``."""
    with_patch = [e for e in edits if e.patch]
    if not with_patch:
        return None
    document: dict[str, Any] = {
        "extends": parent,
        "name": f"{arch.name}-statement-edits"[:60],
        "title": f"Candidate edits read from {statement_name} (for review)",
        "description": (
            "Suggested by `secarch claims` from sentences that propose changes; each element's source "
            f"quotes the sentence. New elements start on the parent's reference date ({arch.date}). Review "
            "before use."
        ),
    }
    for edit in with_patch:
        assert edit.patch is not None
        for section, parts in edit.patch.items():
            target = document.setdefault(section, {})
            for key, items in parts.items():
                bucket = target.setdefault(key, [])
                for item in items:
                    if _identity(item) not in {_identity(other) for other in bucket}:
                        bucket.append(item)
    return document


def _identity(item: Any) -> Any:
    """What makes two patch items the same edit (a repeated proposal adds one element, not two)."""
    if isinstance(item, dict):
        if "organisation" in item and "state" in item:
            return ("membership", item["organisation"], item["state"], item.get("status"), item.get("start"))
        if "id" in item:
            return ("element", item["id"])
    return item


def apply_patch(arch: Architecture, patch: dict[str, Any]) -> Architecture:
    """Apply ``patch`` (add/remove) to a copy of ``arch`` and validate the result; raise on a problem.

    The same merge as the file loader's (docs/architecture-files.md), done in memory so that many edits can
    be tried quickly; the combined patch is checked with the loader itself.
    """
    from secarch.model import Architecture as ArchitectureModel

    data = arch.model_dump(mode="json", exclude_none=True)
    for selector in patch.get("remove", {}).get("memberships", []):
        data["memberships"] = [
            m
            for m in data["memberships"]
            if not (
                m["organisation"] == selector["organisation"]
                and m["state"] == selector["state"]
                and m.get("status", "member") == selector.get("status", m.get("status", "member"))
            )
        ]
    for section, items in patch.get("modify", {}).items():
        for change in items:
            data[section] = [_modified(section, element, change) for element in data.get(section, [])]
    for section, items in patch.get("add", {}).items():
        data.setdefault(section, []).extend(items)
    return ArchitectureModel.model_validate(data)


def _modified(section: str, element: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """``element`` with the fields of ``change`` if ``change`` selects it (as the file loader's ``modify``:
    memberships by organisation, state and start; other elements by id)."""
    if section == "memberships":
        keys: list[str] = [k for k in ("organisation", "state", "start") if k in change]
        if any(str(element.get(k)) != str(change[k]) for k in keys):
            return element
        fixed = keys
    else:
        if str(element.get("id")) != str(change.get("id")):
            return element
        fixed = ["id"]
    return {**element, **{k: v for k, v in change.items() if k not in fixed}}


def validate_edits(
    edits: Sequence[CandidateEdit], parent: str, base_dir: str, arch: Architecture, statement_name: str
) -> list[CandidateEdit]:
    """Keep each edit's patch only if it loads onto the parent architecture; otherwise give the reason."""
    from dataclasses import replace
    from pathlib import Path

    from pydantic import ValidationError

    from secarch.errors import InputError
    from secarch.spec import dump_yaml, load_architecture

    def problems(document: dict[str, Any]) -> str | None:
        try:
            load_architecture(Path(base_dir) / "statement-edits.yaml", text=dump_yaml(document))
        except InputError as error:
            return error.format()
        return None

    combined = combined_patch(edits, parent, arch, statement_name)
    if combined is None or problems(combined) is None:
        return list(edits)
    checked = []
    for edit in edits:
        if edit.patch is None:
            checked.append(edit)
            continue
        try:
            apply_patch(arch, edit.patch)
        except (InputError, ValidationError) as error:
            reason = error.format() if isinstance(error, InputError) else str(error).splitlines()[0]
            checked.append(
                replace(edit, patch=None, reason=f"the suggested patch does not validate: {reason}")
            )
        else:
            checked.append(edit)
    return checked

"""The file form of an architecture: either complete, or ``extends:`` another one with ``add:``,
``remove:`` and ``modify:`` sections. These models validate the sections of such a file and generate the
published JSON Schema."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from secarch.model import (
    Agreement,
    Dispute,
    Invocation,
    Membership,
    MembershipStatus,
    Organisation,
    Period,
    Recognition,
    Region,
    Rivalry,
    StateCode,
)
from secarch.model.types import NAME_PATTERN, Date, ElementId, Strict


class AddSection(Strict):
    """Elements appended to the parent's sections."""

    participants: list[StateCode] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    rivalries: list[Rivalry] = Field(default_factory=list)
    recognitions: list[Recognition] = Field(default_factory=list)
    invocations: list[Invocation] = Field(default_factory=list)


class MembershipSelector(Strict):
    """Selects membership spells by organisation and state (and optionally status or start date)."""

    organisation: ElementId = Field(description="The organisation's id, e.g. CSTO.")
    state: StateCode = Field(description="The member state's code, e.g. ARM.")
    status: MembershipStatus | None = Field(default=None, description="Only the spells with this status.")
    start: Date | None = Field(default=None, description="Only the spell that starts on this date.")


REMOVAL_EXPECTED = (
    "a membership to remove: its key ORGANISATION:STATE:START (e.g. CSTO:ARM:1994-04-20), or "
    "{organisation, state[, status][, start]} (e.g. {organisation: CSTO, state: ARM})"
)
"""What an entry of ``remove: memberships:`` is, for error messages."""


def _removal_form(value: Any) -> str | None:
    if isinstance(value, str):
        return "key"
    if isinstance(value, dict | MembershipSelector):
        return "selector"
    return None


MembershipRemoval = Annotated[
    Annotated[ElementId, Tag("key")] | Annotated[MembershipSelector, Tag("selector")],
    Discriminator(
        _removal_form,
        custom_error_type="membership_removal",
        custom_error_message="a membership to remove is its key or a mapping",
        custom_error_context={
            "expected": REMOVAL_EXPECTED,
            "hint": "write the key as text, or a mapping with `organisation` and `state`; "
            "see docs/architecture-files.md, `extends`",
        },
    ),
]
"""An entry of ``remove: memberships:``: a membership key, or a selector of spells."""


class RemoveSection(Strict):
    """Elements removed from the parent, by id (memberships also by selector). Removing an organisation also
    removes its memberships and the agreements tied to it."""

    participants: list[StateCode] = Field(default_factory=list)
    organisations: list[ElementId] = Field(default_factory=list)
    memberships: list[MembershipRemoval] = Field(default_factory=list)
    agreements: list[ElementId] = Field(default_factory=list)
    disputes: list[ElementId] = Field(default_factory=list)
    rivalries: list[ElementId] = Field(default_factory=list)
    recognitions: list[ElementId] = Field(default_factory=list)
    invocations: list[ElementId] = Field(default_factory=list)


class ModifyEntry(BaseModel):
    """Fields to change in one element, chosen by ``id`` (memberships: by ``id`` or by ``organisation`` and
    ``state``, plus ``start`` when the state has several spells). The other keys are the new values."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: ElementId | None = None


class ModifySection(Strict):
    organisations: list[ModifyEntry] = Field(default_factory=list)
    memberships: list[ModifyEntry] = Field(default_factory=list)
    agreements: list[ModifyEntry] = Field(default_factory=list)
    disputes: list[ModifyEntry] = Field(default_factory=list)
    rivalries: list[ModifyEntry] = Field(default_factory=list)
    recognitions: list[ModifyEntry] = Field(default_factory=list)
    invocations: list[ModifyEntry] = Field(default_factory=list)


class ArchitectureFile(Strict):
    """An architecture file that ``extends`` another: every field of the architecture is optional (a given
    one replaces the parent's), and element sections change only through add, remove and modify."""

    extends: str = Field(description="Path of the parent file (relative to this one) or a bundled name.")
    name: str | None = Field(default=None, pattern=NAME_PATTERN)
    title: str | None = None
    description: str | None = None
    date: Date | None = None
    period: Period | None = None
    region: Region | None = None
    participants: list[StateCode] | None = None
    principles: list[str] | None = None
    remove: RemoveSection | None = None
    modify: ModifySection | None = None
    add: AddSection | None = None


def architecture_file_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for architecture files: a complete architecture or an extending file."""
    from secarch.model import Architecture

    full = Architecture.model_json_schema()
    extending = ArchitectureFile.model_json_schema()
    definitions: dict[str, Any] = {}
    for part in (full, extending):
        definitions.update(part.pop("$defs", {}))
    definitions["Architecture"] = full
    definitions["ArchitectureFile"] = extending
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://secarch.invalid/schema/architecture.json",
        "title": "secarch architecture file",
        "description": (
            "A security architecture for secarch: either complete, or `extends` another architecture "
            "with add/remove/modify sections."
        ),
        "oneOf": [{"$ref": "#/$defs/Architecture"}, {"$ref": "#/$defs/ArchitectureFile"}],
        "$defs": definitions,
    }

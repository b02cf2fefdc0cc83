"""Vocabulary shared by the domain types: codes, statuses, kinds and the half-open date interval.

Every list of allowed values lives here, so that the schema, the API and the docs say the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

STATE_CODE_PATTERN = r"^[A-Z]{3}$"
ELEMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$"
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""Pattern of an architecture's short name (lower case, digits, ``-`` and ``_``)."""

StateCode = Annotated[
    str,
    StringConstraints(pattern=STATE_CODE_PATTERN),
    Field(
        description="ISO 3166-1 alpha-3 code of a state (`secarch data show states` lists them), e.g. RUS."
    ),
]
"""A state's ISO 3166-1 alpha-3 code (former codes such as SUN or YUG for states that no longer exist)."""

ElementId = Annotated[
    str,
    StringConstraints(pattern=ELEMENT_ID_PATTERN, max_length=120),
    Field(description="Identifier: letters, digits and _ . : / + - (no spaces), e.g. NATO or csto-art4."),
]


def input_error(kind: str, message: str, expected: str, hint: str) -> PydanticCustomError:
    """A validation error that carries what was expected and a hint; the spec loader
    (:mod:`secarch.spec.problems`) shows both next to the file, line and column.

    >>> input_error("example", "two sides share RUS", "disjoint sides", "remove RUS from one side").type
    'example'
    """
    return PydanticCustomError(kind, "{message}", {"message": message, "expected": expected, "hint": hint})


def _no_number(value: Any) -> Any:
    # Lax pydantic reads a number as seconds since 1970 (``founded: 0`` would be 1 January 1970), and the
    # JSON Schema takes only text here: refuse numbers, so that the YAML, the API and the schema agree.
    if isinstance(value, bool | int | float):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


Date = Annotated[dt.date, BeforeValidator(_no_number)]
"""A calendar date: a ``datetime.date`` or ISO text ``YYYY-MM-DD``; numbers (e.g. a bare year) are refused."""

Probability = Annotated[float, Field(ge=0.0, le=1.0, strict=True, allow_inf_nan=False)]
"""A number in [0, 1]. Strict: ``true`` or the text ``"0.5"`` are refused (as the JSON Schema refuses them),
integers 0 and 1 are taken."""

Source = Annotated[
    str,
    StringConstraints(min_length=3, strip_whitespace=True),
    Field(description="Where this fact comes from: a dataset, a treaty, an official page, a statement."),
]

MembershipStatus = Literal[
    "member", "associate", "observer", "partner", "dialogue_partner", "suspended", "frozen"
]
"""Status of a state in an organisation. ``suspended`` and ``frozen`` keep formal membership but not
participation (e.g. Armenia in the CSTO from February 2024)."""

MEMBERSHIP_STATUSES: tuple[str, ...] = get_args(MembershipStatus)
"""All statuses in the order of their codes in a :class:`~secarch.model.Snapshot` (code = index + 1)."""

OrganisationKind = Literal[
    "collective_defence",
    "security_cooperation",
    "economic_integration",
    "political_union",
    "dialogue_forum",
    "universal",
]

AgreementType = Literal[
    "collective_defence",
    "mutual_assistance",
    "non_aggression",
    "neutrality",
    "consultation",
    "confidence_building",
    "arms_limitation",
]

GUARANTEE_TYPES: frozenset[str] = frozenset({"collective_defence", "mutual_assistance"})
"""Agreement types that oblige parties to aid the beneficiaries: they form the guarantee network."""

IssueKind = Literal["territory", "status", "policy", "regime"]
"""Kinds of disputed issue, after the MID revision types (territory, policy, regime) plus ``status``
(recognition of an entity's status, e.g. Kosovo)."""

DisputeIntensity = Literal["latent", "militarized", "armed_conflict", "war"]
"""``latent``: a standing claim without militarized action in the period; ``militarized``: threats, displays
or uses of force below 25 battle-related deaths a year (MID hostility levels 2–4); ``armed_conflict``:
25–999 battle-related deaths in a year (UCDP minor); ``war``: 1,000 or more (UCDP war, CoW war)."""

DISPUTE_INTENSITIES: tuple[str, ...] = get_args(DisputeIntensity)

InvocationOutcome = Literal["honoured", "partly_honoured", "not_honoured", "pending"]
"""What happened when a state invoked a guarantee: ``honoured`` (the assistance the text promises was given),
``partly_honoured`` (some of it, e.g. observers or statements only), ``not_honoured`` (the request was
declined or left without the promised assistance), ``pending`` (no response yet)."""

ThreatKind = Literal[
    "terrorism",
    "extremism",
    "drug_trafficking",
    "illegal_migration",
    "cross_border_crime",
    "biological_security",
    "cyber_security",
    "wmd_proliferation",
]
"""Items of the threat agenda named in the statements (the first six) plus two that organisations' mandates
commonly list."""

THREAT_KINDS: tuple[str, ...] = get_args(ThreatKind)


class Strict(BaseModel):
    """Base of every domain type: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Dated(Strict):
    """Something in force on the half-open interval ``[start, end)``; ``end`` None means still in force.

    A membership that ends on 18 Aug 2009 is no longer in force on that day.
    """

    start: Date = Field(description="First day in force (ISO date, YYYY-MM-DD).")
    end: Date | None = Field(default=None, description="First day no longer in force; empty if ongoing.")

    def in_force(self, on: dt.date) -> bool:
        """Whether this element is in force on date ``on``.

        >>> from secarch.model.types import Dated
        >>> import datetime as dt
        >>> Dated(start=dt.date(2000, 1, 1), end=dt.date(2001, 1, 1)).in_force(dt.date(2001, 1, 1))
        False
        """
        return self.start <= on and (self.end is None or on < self.end)

"""The elements an architecture is made of: organisations and their memberships, agreements, disputes,
rivalries and recognitions. Each carries its ``source``; see DESIGN §2."""

from __future__ import annotations

from pydantic import Field, model_validator

from secarch.model.types import (
    AgreementType,
    Date,
    Dated,
    DisputeIntensity,
    ElementId,
    InvocationOutcome,
    IssueKind,
    MembershipStatus,
    OrganisationKind,
    Probability,
    Source,
    StateCode,
    Strict,
    ThreatKind,
    input_error,
)


class Provision(Strict):
    """A provision of an organisation's founding texts, e.g. Article 5 of the North Atlantic Treaty."""

    reference: str = Field(description="Article and text, e.g. 'North Atlantic Treaty, Art. 5'.")
    summary: str | None = Field(default=None, description="What the provision obliges, in neutral words.")
    binding: bool = Field(
        default=True, strict=True, description="Whether the text states a legal obligation."
    )
    source: Source


class ThreatItem(Strict):
    """An item of an organisation's threat agenda, with the text that puts it there."""

    item: ThreatKind
    source: Source


class Mandate(Strict):
    """What an organisation is for: a defence clause, a conflict-settlement mechanism, a threat agenda."""

    defence_clause: Provision | None = None
    conflict_settlement: Provision | None = None
    threat_agenda: list[ThreatItem] = Field(default_factory=list)


class Organisation(Strict):
    """An international organisation or structure (e.g. NATO, CSTO, SCO, the Union State)."""

    id: ElementId = Field(description="Short identifier, usually the acronym, e.g. CSTO.")
    name: str = Field(description="Full name, e.g. Collective Security Treaty Organization.")
    kind: OrganisationKind
    founded: Date | None = None
    dissolved: Date | None = None
    accession: str | None = Field(
        default=None,
        description="What accession requires (e.g. unanimity of members), for the inclusiveness check.",
    )
    mandate: Mandate = Field(default_factory=Mandate)
    source: Source
    note: str | None = None


class Membership(Dated):
    """A spell of one state in one organisation with one status.

    Status changes are consecutive spells: a spell as ``member`` that ends on the day a spell as ``frozen``
    starts. Spells of the same state in the same organisation must not overlap.
    """

    id: ElementId | None = Field(
        default=None, description="Optional; defaults to ORGANISATION:STATE:START, e.g. NATO:POL:1999-03-12."
    )
    organisation: ElementId
    state: StateCode
    status: MembershipStatus = "member"
    source: Source
    note: str | None = None

    @property
    def key(self) -> str:
        """The membership's identifier (given or derived)."""
        return self.id or f"{self.organisation}:{self.state}:{self.start.isoformat()}"


class Agreement(Dated):
    """A security commitment among states.

    Parties either are listed or are the members of ``organisation`` on each date (an organisation's defence
    clause is an agreement among its members). For guarantee types (collective defence, mutual assistance)
    each party commits to the ``beneficiaries`` (by default, the parties themselves) with probability
    ``credibility`` of honouring it.
    """

    id: ElementId
    name: str
    type: AgreementType
    organisation: ElementId | None = Field(
        default=None, description="If set, the parties are this organisation's members (status member)."
    )
    parties: list[StateCode] = Field(default_factory=list)
    beneficiaries: list[StateCode] | None = Field(
        default=None, description="States the commitment protects; empty means the parties themselves."
    )
    targets: list[StateCode] = Field(
        default_factory=list, description="States the agreement is directed against, if it names any."
    )
    scope: str | None = Field(
        default=None, description="Where the commitment applies, e.g. 'Euro-Atlantic area'."
    )
    territories: list[str] = Field(
        default_factory=list, description="Contested territories the agreement covers or depends on."
    )
    credibility: Probability = Field(description="Probability that the commitment is honoured, in [0, 1].")
    credibility_rationale: str | None = None
    source: Source
    note: str | None = None

    @model_validator(mode="after")
    def _needs_parties(self) -> Agreement:
        if self.organisation is None and len(set(self.parties)) < 2 and not self.beneficiaries:
            raise input_error(
                "agreement_parties",
                "an agreement needs an organisation, at least two parties, or a party and beneficiaries",
                "`organisation: ID` (its members are the parties), two or more `parties`, or one party and "
                "`beneficiaries`",
                "for an organisation's clause add `organisation:`; otherwise list the parties, "
                "e.g. `parties: [RUS, BLR]`",
            )
        return self


class Dispute(Dated):
    """A dispute between two sides over an issue, possibly over a contested territory."""

    id: ElementId
    name: str
    side_a: list[StateCode] = Field(min_length=1)
    side_b: list[StateCode] = Field(min_length=1)
    issue: IssueKind
    territory: str | None = Field(
        default=None, description="The contested territory, if the issue is territory."
    )
    intensity: DisputeIntensity = "militarized"
    source: Source
    note: str | None = None

    @model_validator(mode="after")
    def _sides_disjoint(self) -> Dispute:
        both = sorted(set(self.side_a) & set(self.side_b))
        if both:
            raise input_error(
                "dispute_sides",
                f"a state cannot be on both sides of a dispute: {', '.join(both)}",
                "two sides with no state in common",
                f"remove {', '.join(both)} from `side_a` or from `side_b`",
            )
        return self


class Rivalry(Dated):
    """A strategic rivalry between two states (Thompson & Dreyer's definition: states that regard each other
    as competitors, a source of threat, and enemies)."""

    id: ElementId
    states: list[StateCode] = Field(min_length=2, max_length=2)
    kind: list[str] = Field(default_factory=list, description="e.g. spatial, positional, ideological.")
    source: Source
    note: str | None = None

    @model_validator(mode="after")
    def _two_states(self) -> Rivalry:
        if self.states[0] == self.states[1]:
            raise input_error(
                "rivalry_states",
                f"a rivalry needs two different states, not {self.states[0]} twice",
                "two different state codes",
                "name the other state, e.g. `states: [IND, PAK]`",
            )
        return self


class Recognition(Dated):
    """A state's recognition of an entity whose status is contested (e.g. of Abkhazia as a state)."""

    id: ElementId
    by: StateCode
    entity: str = Field(description="The entity recognised, e.g. 'Abkhazia'.")
    territory: str = Field(description="The contested territory the recognition concerns.")
    source: Source
    note: str | None = None


class Invocation(Strict):
    """A documented request by a state for the assistance an agreement promises, and what came of it
    (e.g. Armenia's request to the CSTO of 13 September 2022)."""

    id: ElementId
    agreement: ElementId = Field(description="The agreement invoked.")
    requested_by: StateCode
    date: Date = Field(description="Date of the request.")
    outcome: InvocationOutcome
    source: Source
    note: str | None = None

"""Domain types of secarch (DESIGN §2): the single source of truth for files, API and JSON Schema.

>>> from secarch.model import Architecture, Agreement, Membership
"""

from __future__ import annotations

from secarch.model.architecture import (
    SECTIONS,
    Architecture,
    ArchitectureError,
    Period,
    Region,
    consistency_problems,
)
from secarch.model.elements import (
    Agreement,
    Dispute,
    Invocation,
    Mandate,
    Membership,
    Organisation,
    Provision,
    Recognition,
    Rivalry,
    ThreatItem,
)
from secarch.model.forum import Forum
from secarch.model.snapshot import Snapshot, status_code
from secarch.model.types import (
    DISPUTE_INTENSITIES,
    GUARANTEE_TYPES,
    MEMBERSHIP_STATUSES,
    THREAT_KINDS,
    AgreementType,
    DisputeIntensity,
    IssueKind,
    MembershipStatus,
    OrganisationKind,
    StateCode,
    ThreatKind,
)

__all__ = [
    "DISPUTE_INTENSITIES",
    "GUARANTEE_TYPES",
    "MEMBERSHIP_STATUSES",
    "SECTIONS",
    "THREAT_KINDS",
    "Agreement",
    "AgreementType",
    "Architecture",
    "ArchitectureError",
    "Dispute",
    "DisputeIntensity",
    "Forum",
    "Invocation",
    "IssueKind",
    "Mandate",
    "Membership",
    "MembershipStatus",
    "Organisation",
    "OrganisationKind",
    "Period",
    "Provision",
    "Recognition",
    "Region",
    "Rivalry",
    "Snapshot",
    "StateCode",
    "ThreatItem",
    "ThreatKind",
    "consistency_problems",
    "status_code",
]

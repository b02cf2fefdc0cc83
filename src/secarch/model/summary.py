"""A plain, JSON-ready description of an architecture on one date (what ``secarch show`` prints).

The structure of :func:`describe` is the documented ``secarch show --json`` output (docs/cli.md); keep it
stable: add keys, do not rename or remove them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from secarch.model.architecture import Architecture
from secarch.model.types import MEMBERSHIP_STATUSES


def describe(arch: Architecture, when: dt.date | int | str | None = None) -> dict[str, Any]:
    """Who belongs to what, which agreements are in force and which disputes are active, on a date.

    ``when`` is a date, an ISO date, a year (its 1 July) or None (the architecture's reference date).
    """
    snap = arch.at(when)
    organisations = {o.id: o for o in arch.organisations}
    agreements = {a.id: a for a in arch.agreements}
    disputes = {d.id: d for d in arch.disputes}
    org_rows = []
    for k, org_id in enumerate(snap.organisations):
        column = snap.membership[:, k]
        by_status = {
            status: [snap.states[i] for i in np.flatnonzero(column == code + 1)]
            for code, status in enumerate(MEMBERSHIP_STATUSES)
        }
        org = organisations[org_id]
        org_rows.append(
            {
                "id": org_id,
                "name": org.name,
                "kind": org.kind,
                "members": by_status["member"],
                "other_statuses": {s: codes for s, codes in by_status.items() if codes and s != "member"},
                "defence_clause": org.mandate.defence_clause.reference
                if org.mandate.defence_clause
                else None,
                "conflict_settlement": (
                    org.mandate.conflict_settlement.reference if org.mandate.conflict_settlement else None
                ),
                "threat_agenda": [item.item for item in org.mandate.threat_agenda],
            }
        )
    agreement_rows = [
        {
            "id": agr_id,
            "name": agreements[agr_id].name,
            "type": snap.agreement_types[k],
            "organisation": snap.agreement_organisations[k],
            "parties": [snap.states[i] for i in np.flatnonzero(snap.parties[k])],
            "beneficiaries": [snap.states[i] for i in np.flatnonzero(snap.beneficiaries[k])],
            "targets": [snap.states[i] for i in np.flatnonzero(snap.targets[k])],
            "credibility": float(snap.credibility[k]),
        }
        for k, agr_id in enumerate(snap.agreements)
    ]
    dispute_rows = [
        {
            "id": d_id,
            "name": disputes[d_id].name,
            "side_a": list(disputes[d_id].side_a),
            "side_b": list(disputes[d_id].side_b),
            "issue": disputes[d_id].issue,
            "territory": disputes[d_id].territory,
            "intensity": disputes[d_id].intensity,
        }
        for d_id in snap.disputes
    ]
    upper = np.triu(snap.rivalry, k=1)
    rivalries = [[snap.states[i], snap.states[j]] for i, j in zip(*np.nonzero(upper), strict=True)]
    return {
        "architecture": arch.name,
        "title": arch.title,
        "date": snap.date.isoformat(),
        "period": {"start": arch.period.start.isoformat(), "end": arch.period.end.isoformat()},
        "region": {"name": arch.region.name, "states": list(arch.region.states)},
        "states": list(snap.states),
        "organisations": org_rows,
        "agreements": agreement_rows,
        "disputes": dispute_rows,
        "rivalries": rivalries,
        "recognitions": [
            {"id": r.id, "by": r.by, "entity": r.entity, "territory": r.territory} for r in snap.recognitions
        ],
        "invocations": [
            {
                "id": i.id,
                "agreement": i.agreement,
                "requested_by": i.requested_by,
                "date": i.date.isoformat(),
                "outcome": i.outcome,
            }
            for i in snap.invocations
        ],
        "not_states": list(snap.not_states),
    }

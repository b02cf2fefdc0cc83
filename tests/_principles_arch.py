"""Small hand-made architectures for the principle-check tests.

``clean()`` is an architecture in which no check should find anything: four states of one region, all
members of one organisation with a binding settlement mechanism, the full threat agenda and a credible,
reciprocal collective-defence clause; no disputes, targets, recognitions or off-region participants. Each
test changes one thing and states the finding it expects.
"""

from __future__ import annotations

import copy
from typing import Any

from secarch.model import Architecture

STATES = ["AAA", "BBB", "CCC", "DDD"]
KNOWN = {"AAA", "BBB", "CCC", "DDD", "EEE", "OFF", "FAR"}
SIX = [
    "terrorism",
    "extremism",
    "drug_trafficking",
    "illegal_migration",
    "cross_border_crime",
    "biological_security",
]
SRC = "hand-made test architecture"


def organisation(
    oid: str,
    *,
    kind: str = "collective_defence",
    binding: bool | None = True,
    threats: list[str] | None = None,
    accession: str | None = "unanimous decision of members",
) -> dict:
    mandate: dict[str, Any] = {"threat_agenda": [{"item": t, "source": SRC} for t in (threats or [])]}
    if binding is not None:
        mandate["conflict_settlement"] = {
            "reference": f"{oid} Charter, Art. 9",
            "binding": binding,
            "source": SRC,
        }
    if kind == "collective_defence":
        mandate["defence_clause"] = {"reference": f"{oid} Treaty, Art. 5", "source": SRC}
    return {
        "id": oid,
        "name": oid,
        "kind": kind,
        "founded": "2000-01-01",
        "accession": accession,
        "mandate": mandate,
        "source": SRC,
    }


def members(oid: str, states: list[str], status: str = "member") -> list[dict]:
    return [
        {"organisation": oid, "state": s, "status": status, "start": "2000-01-01", "source": SRC}
        for s in states
    ]


def agreement(aid: str, atype: str = "collective_defence", credibility: float = 0.8, **fields: Any) -> dict:
    return {
        "id": aid,
        "name": aid,
        "type": atype,
        "credibility": credibility,
        "start": "2000-01-01",
        "source": SRC,
        **fields,
    }


def clean_spec() -> dict:
    return {
        "name": "clean",
        "title": "Nothing to find",
        "date": "2010-07-01",
        "period": {"start": "2000-01-01", "end": "2020-12-31"},
        "region": {"name": "Testland", "states": list(STATES)},
        "participants": list(STATES),
        "organisations": [organisation("PACT", threats=SIX)],
        "memberships": members("PACT", STATES),
        "agreements": [agreement("pact-art5", organisation="PACT")],
    }


def build(spec: dict) -> Architecture:
    return Architecture.model_validate(spec, context={"known_states": KNOWN})


def clean() -> Architecture:
    return build(clean_spec())


def variant(**changes: Any) -> dict:
    """A deep copy of the clean spec with top-level keys replaced or, for ``add_<section>``, extended."""
    spec = copy.deepcopy(clean_spec())
    for key, value in changes.items():
        if key.startswith("add_"):
            spec.setdefault(key[4:], []).extend(value)
        else:
            spec[key] = value
    return spec

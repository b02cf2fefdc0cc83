"""Integrity of the bundled organisation tables (secarch.data.orgs).

Oracle: the vocabularies of the domain model (secarch.model.types), the bundled states table, and the
conventions written in docs/data.md (half-open spells, precision values, a source on every row).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from typing import get_args

import pytest

from secarch.data import state_codes
from secarch.data.orgs import (
    CASE_OUTCOMES,
    MANDATE_ELEMENTS,
    ORG_TABLES,
    PRECISIONS,
    all_agreements,
    table_rows,
)
from secarch.model.types import (
    MEMBERSHIP_STATUSES,
    AgreementType,
    DisputeIntensity,
    IssueKind,
    OrganisationKind,
    ThreatKind,
)

KNOWN = state_codes()
ORG_IDS = {row["id"] for row in table_rows("organisations")}


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize("name", sorted(ORG_TABLES))
def test_columns_and_sources(name):
    """Every table has its documented columns and every row a source of at least a few words."""
    rows = table_rows(name)
    assert rows, name
    assert tuple(rows[0]) == ORG_TABLES[name]
    for i, row in enumerate(rows):
        assert len(row["source"].strip()) >= 10, (name, i, row)


@pytest.mark.parametrize("name", sorted(ORG_TABLES))
def test_dates_are_iso_and_ordered(name):
    """Start/end are ISO dates, end after start, precisions from the documented list."""
    for row in table_rows(name):
        for column in ("start", "end", "founded", "dissolved", "date"):
            if row.get(column):
                _date(row[column])
        for column in ("start_precision", "end_precision", "date_precision"):
            if row.get(column):
                assert row[column] in PRECISIONS, (name, row)
        if row.get("start") and row.get("end"):
            assert row["end"] > row["start"], (name, row)
        if row.get("end_precision"):
            assert row["end"], (name, row)


def test_membership_vocabulary_and_references():
    """Statuses are the model's; organisations and states exist; a precision is given for every start."""
    for row in table_rows("memberships"):
        assert row["organisation"] in ORG_IDS, row
        assert row["state"] in KNOWN, row
        assert row["status"] in MEMBERSHIP_STATUSES, row
        assert row["start_precision"] in PRECISIONS, row


def test_membership_spells_do_not_overlap():
    """Spells of one state in one organisation follow each other (the model rejects overlaps)."""
    spells = defaultdict(list)
    for row in table_rows("memberships"):
        spells[(row["organisation"], row["state"])].append(row)
    for key, rows in spells.items():
        ordered = sorted(rows, key=lambda r: r["start"])
        for earlier, later in itertools.pairwise(ordered):
            assert earlier["end"] and earlier["end"] <= later["start"], (key, earlier, later)


def test_organisations_use_model_vocabulary():
    """Kinds are the model's OrganisationKind; predecessors are bundled organisations."""
    for row in table_rows("organisations"):
        assert row["kind"] in get_args(OrganisationKind), row
        assert not row["predecessor"] or row["predecessor"] in ORG_IDS, row
    for row in table_rows("organisation_names"):
        assert row["organisation"] in ORG_IDS, row


def test_mandates_vocabulary():
    """Elements from the documented list; threat items from the model's ThreatKind; binding yes/no."""
    for row in table_rows("mandates"):
        assert row["organisation"] in ORG_IDS, row
        assert row["element"] in MANDATE_ELEMENTS, row
        assert row["binding"] in ("yes", "no"), row
        if row["element"] == "threat":
            assert row["item"] in get_args(ThreatKind), row
    defence = [r for r in table_rows("mandates") if r["element"] == "defence_clause"]
    assert {r["organisation"] for r in defence} >= {"NATO", "CSTO", "EU", "WEU", "GCC", "USRB"}


def test_agreements_vocabulary_and_credibility():
    """Types are the model's; parties are known states or an organisation; credibility is the type's
    default from credibility_defaults.csv and lies in [0, 1]."""
    defaults = {row["type"]: float(row["default"]) for row in table_rows("credibility_defaults")}
    assert set(defaults) == set(get_args(AgreementType))
    frame = all_agreements()
    assert frame["id"].is_unique
    for row in frame.to_dict("records"):
        assert row["type"] in defaults, row
        assert 0.0 <= float(row["credibility"]) <= 1.0
        assert float(row["credibility"]) == defaults[row["type"]], row
        assert row["credibility_basis"] == f"default:{row['type']}"
        assert row["organisation"] in ORG_IDS | {""}, row
        assert row["organisation"] or row["parties"], row
        for column in ("parties", "guarantors", "beneficiaries", "targets"):
            for code in filter(None, str(row.get(column, "")).split(";")):
                if code.startswith("@"):
                    assert code.split(":")[0][1:] in ORG_IDS, row
                else:
                    assert code in KNOWN, (column, row)


def test_credibility_cases_reference_agreements():
    """Each case cites a bundled agreement, known states and an outcome from the documented list."""
    ids = set(all_agreements()["id"])
    for row in table_rows("credibility_cases"):
        assert row["agreement"] in ids, row
        assert row["outcome"] in CASE_OUTCOMES, row
        for code in row["requester"].split(";"):
            assert code in KNOWN, row


def test_disputes_vocabulary_and_sides():
    """Issues and intensities are the model's; side A has states; a state is never on both sides."""
    ids = [row["id"] for row in table_rows("disputes")]
    assert len(ids) == len(set(ids))
    for row in table_rows("disputes"):
        assert row["issue"] in get_args(IssueKind), row
        assert row["intensity"] in get_args(DisputeIntensity), row
        side_a = row["side_a"].split(";")
        side_b = [s for s in row["side_b"].split(";") if s]
        assert all(s in KNOWN for s in side_a + side_b), row
        assert not set(side_a) & set(side_b), row
        assert side_b or row["non_state_parties"], row


def test_recognitions_reference_known_states():
    """Recognising states are known states."""
    for row in table_rows("recognitions"):
        assert row["by"] in KNOWN, row


def test_docs_list_the_row_counts():
    """docs/data.md states each table's row count; the counts must match the files (oracle: the files)."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "data.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `(\w+)\.csv` \| (\d+) \|", text, flags=re.MULTILINE))
    assert set(stated) == set(ORG_TABLES)
    for name, count in stated.items():
        assert len(table_rows(name)) == int(count), name

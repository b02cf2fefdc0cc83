"""Generate the bundled architectures ``history`` (1991 to 30 Jun 2025) and ``today`` (30 Jun 2025) from
the organisation tables of :mod:`secarch.data.orgs`.

Run ``python -m secarch.data.orgs_history`` after changing a table; a test checks that the bundled YAML
files are what this module generates. The files are written in flow style, one element per line, with
JSON-quoted strings (valid YAML), so that diffs stay readable.

What goes in: every organisation with its mandate (the defence clause, the first conflict-settlement
provision and the threat agenda of ``mandates.csv``), every membership spell, every agreement (hand-written
and ATOP-derived; the Partnership for Peace consultation clause becomes one agreement per partner spell),
every dispute with a state on each side, every rivalry and recognition, and the documented invocations of
guarantees (``credibility_cases.csv``); elements that end before 1 Jan 1991 are left out. ``today`` keeps
the elements in force on 30 Jun 2025 and the invocations of the agreements it keeps.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from secarch.data.orgs import PERIOD_END, PERIOD_START, eurasia, in_force, name_on, table_rows
from secarch.model import SECTIONS

ARCH_DIR = Path(__file__).resolve().parent.parent / "architectures"
#: credibility_cases.csv outcomes -> the model's InvocationOutcome (``not_invoked`` cases are context only)
OUTCOMES = {
    "honoured": "honoured",
    "partly_honoured": "partly_honoured",
    "not_honoured": "not_honoured",
    "consultation_held": "honoured",
}
PFP_BENEFICIARIES = "@NATO:partner:Partnership for Peace"


def _split(text: str) -> list[str]:
    """State ids of a ``;``-separated cell; ``@ORG`` references (the organisation's members) are dropped,
    because an agreement with an ``organisation`` already has them as parties."""
    return [part for part in text.split(";") if part and not part.startswith("@")]


def _note(*parts: str) -> str | None:
    text = "; ".join(p for p in parts if p)
    return text or None


def _spell(row: dict[str, str]) -> dict[str, str]:
    """``start``, and ``end`` unless the row is still in force (an empty end)."""
    return {"start": row["start"], "end": row["end"]} if row["end"] else {"start": row["start"]}


def _precision_note(row: dict[str, str]) -> str:
    notes = []
    if row.get("start_precision") and row["start_precision"] != "day":
        notes.append(f"start precision: {row['start_precision']}")
    if row.get("end_precision") and row["end_precision"] != "day":
        notes.append(f"end precision: {row['end_precision']}")
    return ", ".join(notes)


def organisations() -> list[dict[str, Any]]:
    """The organisations with their mandates, in table order."""
    mandates = table_rows("mandates")
    out = []
    for row in table_rows("organisations"):
        own = [m for m in mandates if m["organisation"] == row["id"]]
        mandate: dict[str, Any] = {}
        for element in ("defence_clause", "conflict_settlement"):
            first = next((m for m in own if m["element"] == element), None)
            if first is not None:
                mandate[element] = {
                    "reference": first["provision"].split(":")[0],
                    "summary": first["provision"],
                    "binding": first["binding"] == "yes",
                    "source": first["source"],
                }
        threats: dict[str, str] = {}
        for m in own:
            if m["element"] == "threat" and m["item"] not in threats:
                threats[m["item"]] = f"{m['provision']} ({m['source']})"
        if threats:
            mandate["threat_agenda"] = [{"item": k, "source": v} for k, v in threats.items()]
        names = [n for n in table_rows("organisation_names") if n["organisation"] == row["id"]]
        former = ", ".join(f"{n['acronym']} {n['start']} to {n['end']}" for n in names if n["end"])
        item: dict[str, Any] = {"id": row["id"], "name": row["name"], "kind": row["kind"]}
        item["founded"] = row["founded"]
        if row["dissolved"]:
            item["dissolved"] = row["dissolved"]
        if row["accession"]:
            item["accession"] = row["accession"]
        if mandate:
            item["mandate"] = mandate
        item["source"] = row["source"]
        note = _note(
            f"former names: {former}" if former else "",
            f"CoW IGO: {row['cow_igo']}" if row["cow_igo"] else "",
        )
        if note:
            item["note"] = note
        out.append(item)
    return out


def memberships() -> list[dict[str, Any]]:
    """Every membership spell as a model ``Membership`` dict."""
    out = []
    for row in table_rows("memberships"):
        item: dict[str, Any] = {
            "organisation": row["organisation"],
            "state": row["state"],
            "status": row["status"],
        }
        item.update(_spell(row))
        item["source"] = row["source"]
        note = _note(row["detail"], _precision_note(row))
        if note:
            item["note"] = note
        out.append(item)
    return out


def _rationale(kind: str) -> str:
    row = next(r for r in table_rows("credibility_defaults") if r["type"] == kind)
    return f"default for {kind}, an estimate (range {row['low']}-{row['high']}; credibility_defaults.csv)"


def _agreement(row: dict[str, str], **override: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"id": row["id"], "name": row["name"], "type": row["type"]}
    if row.get("organisation"):
        item["organisation"] = row["organisation"]
    parties = _split(row.get("guarantors", "")) or _split(row.get("parties", ""))
    if parties:
        item["parties"] = parties
    beneficiaries = _split(row.get("beneficiaries", ""))
    if beneficiaries:
        item["beneficiaries"] = beneficiaries
    if row.get("scope"):
        item["scope"] = row["scope"]
    item.update(_spell(row))
    item["credibility"] = float(row["credibility"])
    item["credibility_rationale"] = _rationale(row["type"])
    item["source"] = row["source"]
    note = _precision_note(row)
    if note:
        item["note"] = note
    item.update(override)
    return item


def agreements() -> list[dict[str, Any]]:
    """Hand-written agreements, then the ATOP-derived ones; PfP para. 8 expanded per partner spell."""
    out = []
    for row in table_rows("agreements"):
        if row["beneficiaries"] != PFP_BENEFICIARIES:
            out.append(_agreement(row))
            continue
        for spell in table_rows("memberships"):
            if spell["organisation"] != "NATO" or spell["status"] != "partner":
                continue
            if spell["detail"] != "Partnership for Peace":
                continue
            start = max(row["start"], spell["start"])
            item = _agreement(
                {**row, "beneficiaries": spell["state"]},
                id=f"{row['id']}:{spell['state']}:{start}",
                start=start,
            )
            if spell["end"]:
                item["end"] = spell["end"]
            out.append(item)
    out.extend(_agreement(row) for row in table_rows("atop_obligations"))
    return out


def disputes() -> list[dict[str, Any]]:
    """Disputes with a state on each side (phases fought only against non-state actors stay in the table)."""
    out = []
    for row in table_rows("disputes"):
        if not row["side_b"]:
            continue
        item: dict[str, Any] = {"id": row["id"], "name": row["name"]}
        item["side_a"] = _split(row["side_a"])
        item["side_b"] = _split(row["side_b"])
        item["issue"] = row["issue"]
        if row["territory"]:
            item["territory"] = row["territory"]
        item["intensity"] = row["intensity"]
        item.update(_spell(row))
        item["source"] = row["source"]
        refs = []
        if row["ucdp_conflict_id"]:
            refs.append(f"UCDP conflict {row['ucdp_conflict_id']}")
        if row["mid_dispnums"]:
            refs.append(f"MID {row['mid_dispnums'].replace(';', ', ')}")
        note = _note(
            f"non-state parties: {row['non_state_parties']}" if row["non_state_parties"] else "",
            "; ".join(refs),
            _precision_note(row),
        )
        if note:
            item["note"] = note
        out.append(item)
    return out


def rivalries() -> list[dict[str, Any]]:
    """Strategic rivalries (Thompson & Dreyer) derived by :mod:`secarch.data.build_orgs`."""
    out = []
    for row in table_rows("rivalries"):
        item: dict[str, Any] = {"id": row["id"], "states": _split(row["states"]), "kind": _split(row["kind"])}
        item.update(_spell(row))
        item["source"] = row["source"]
        out.append(item)
    return out


def recognitions() -> list[dict[str, Any]]:
    """Recognitions of entities whose status is contested."""
    out = []
    for row in table_rows("recognitions"):
        item: dict[str, Any] = {"id": row["id"], "by": row["by"], "entity": row["entity"]}
        item["territory"] = row["territory"]
        item.update(_spell(row))
        item["source"] = row["source"]
        out.append(item)
    return out


def invocations() -> list[dict[str, Any]]:
    """Documented requests under a guarantee (``credibility_cases.csv``), one per requesting state; cases
    where nothing was invoked stay in the table only. ``consultation_held`` becomes ``honoured``: the
    consultation requested took place."""
    out = []
    for row in table_rows("credibility_cases"):
        outcome = OUTCOMES.get(row["outcome"])
        if outcome is None:
            continue
        requesters = _split(row["requester"])
        for state in requesters:
            ident = row["id"] if len(requesters) == 1 else f"{row['id']}:{state}"
            item: dict[str, Any] = {"id": ident, "agreement": row["agreement"], "requested_by": state}
            item["date"] = row["date"]
            item["outcome"] = outcome
            item["source"] = row["source"]
            item["note"] = (
                f"addressed to {row['addressed_to']}. Request: {row['request']}. Response: {row['response']}"
            )
            out.append(item)
    return out


def _states_used(sections: dict[str, list[dict[str, Any]]]) -> set[str]:
    used: set[str] = set()
    for item in sections["memberships"]:
        used.add(item["state"])
    for item in sections["agreements"]:
        used.update(item.get("parties", []), item.get("beneficiaries", []), item.get("targets", []))
    for item in sections["disputes"]:
        used.update(item["side_a"], item["side_b"])
    for item in sections["rivalries"]:
        used.update(item["states"])
    for item in sections["recognitions"]:
        used.add(item["by"])
    for item in sections["invocations"]:
        used.add(item["requested_by"])
    return used


def _ends_after(item: dict[str, Any], day: str) -> bool:
    return "end" not in item or item["end"] > day


def history() -> dict[str, Any]:
    """The ``history`` architecture as plain data."""
    sections = {
        "organisations": organisations(),
        "memberships": memberships(),
        "agreements": agreements(),
        "disputes": disputes(),
        "rivalries": rivalries(),
        "recognitions": recognitions(),
        "invocations": invocations(),
    }
    for name in SECTIONS[1:-1]:
        sections[name] = [item for item in sections[name] if _ends_after(item, PERIOD_START)]
    years = range(int(PERIOD_START[:4]), int(PERIOD_END[:4]) + 1)
    region = sorted(
        {code for year in years for code in eurasia(f"{year}-07-01")} | set(eurasia(PERIOD_START))
    )
    return {
        "name": "history",
        "title": "Security architecture of Eurasia, 1991 to mid-2025",
        "description": (
            "The organisations, membership spells, mandates, agreements, disputes, rivalries and "
            "recognitions bundled with secarch (docs/data.md), from 1 Jan 1991 to 30 Jun 2025. Every "
            "element carries its source; credibility values are the documented defaults (estimates). Any "
            "year is a slice: "
            "`secarch show history --year 2008`. Generated by secarch.data.orgs_history from the tables."
        ),
        "date": PERIOD_END,
        "period": {"start": PERIOD_START, "end": PERIOD_END},
        "region": {
            "name": "Eurasia",
            "states": region,
            "note": "UN M49 regions Europe and Asia, CoW system states at some time 1991-2025, plus PSE",
        },
        "participants": sorted(_states_used(sections) | set(region)),
        "principles": [],
        **sections,
    }


def today() -> dict[str, Any]:
    """The ``today`` architecture: what ``history`` has in force on 30 Jun 2025."""
    arch = history()
    on = PERIOD_END
    sections: dict[str, list[dict[str, Any]]] = {}
    sections["organisations"] = [
        o for o in arch["organisations"] if "dissolved" not in o or o["dissolved"] > on
    ]
    for name in SECTIONS[1:-1]:
        sections[name] = [
            item for item in arch[name] if in_force({"start": item["start"], "end": item.get("end", "")}, on)
        ]
    # the record of invocations is history that bears on credibility today: kept when the agreement is
    agreement_ids = {item["id"] for item in sections["agreements"]}
    sections["invocations"] = [item for item in arch["invocations"] if item["agreement"] in agreement_ids]
    region = eurasia(on)
    renamed = {o["id"]: name_on(o["id"], on) for o in sections["organisations"]}
    assert all(renamed.values())
    return {
        "name": "today",
        "title": "Security architecture of Eurasia on 30 June 2025",
        "description": (
            "The elements of the bundled history in force on 30 Jun 2025: organisations with their "
            "members and partners, the organisations' clauses and other agreements (credibility: "
            "documented defaults, estimates), active disputes, rivalries and recognitions. Generated by "
            "secarch.data.orgs_history; the alternative architectures extend this file."
        ),
        "date": on,
        "period": {"start": on, "end": on},
        "region": {
            "name": "Eurasia",
            "states": region,
            "note": "UN M49 regions Europe and Asia, plus PSE (secarch.data.orgs.eurasia)",
        },
        "participants": sorted(_states_used(sections) | set(region)),
        "principles": [],
        **sections,
    }


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return text  # an ISO date, read back as a date
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def render(arch: dict[str, Any], header: Iterable[str]) -> str:
    """YAML text of ``arch``: header comments, top-level fields, then one flow-style line per element."""
    lines = [f"# {line}" if line else "#" for line in header]
    for key in ("name", "title", "description", "date"):
        lines.append(f"{key}: {_scalar(arch[key])}")
    lines.append(f"period: {_flow(arch['period'])}")
    lines.append(f"region: {_flow(arch['region'])}")
    lines.append(f"participants: {_flow(arch['participants'])}")
    lines.append(f"principles: {_flow(arch['principles'])}")
    for section in SECTIONS:
        lines.append(f"{section}:" if arch[section] else f"{section}: []")
        lines.extend(f"  - {_flow(item)}" for item in arch[section])
    return "\n".join(lines) + "\n"


HEADER = (
    "Generated by `python -m secarch.data.orgs_history` from the tables in src/secarch/data/tables/",
    "(docs/data.md). Do not edit by hand: change the tables and regenerate; a test checks this file.",
)


def generated() -> Iterator[tuple[str, str]]:
    """(file name, text) of each generated architecture."""
    yield "history.yaml", render(history(), HEADER)
    yield "today.yaml", render(today(), HEADER)


def main(argv: list[str] | None = None) -> int:
    """Write ``history.yaml`` and ``today.yaml`` into the bundled architectures folder (or ``--out``)."""
    parser = argparse.ArgumentParser(
        prog="python -m secarch.data.orgs_history", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", default=str(ARCH_DIR), help="folder to write to")
    args = parser.parse_args(argv)
    for name, text in generated():
        path = Path(args.out) / name
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {path} ({text.count(chr(10))} lines)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

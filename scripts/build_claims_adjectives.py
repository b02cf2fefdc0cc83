"""Build ``src/secarch/claims/tables/adjectives.csv``: the adjectives (demonyms) that the claims gazetteer
links to states.

Inputs: the ``demonym`` field of the country files shipped with the ``countryinfo`` package (v1.0.1, MIT
licence; a development dependency), keyed by their ISO 3166-1 alpha-3 code, for every state of the bundled
states table that is in the state system on or after 1 Jan 1991; and the hand-written rows of
``src/secarch/claims/tables/adjectives_hand.csv`` (forms in current English usage that countryinfo lacks,
e.g. "Kazakh", "Kyrgyz", "Soviet"), each with its source. Hand rows whose ``adjective`` is prefixed with
``-`` remove a countryinfo form.

Run: ``python scripts/build_claims_adjectives.py`` (writes the table); ``--check`` compares instead and exits
1 on a difference. ``tests/test_claims_gazetteer.py`` runs the comparison when countryinfo is installed.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TABLES = REPO / "src" / "secarch" / "claims" / "tables"
STATES = REPO / "src" / "secarch" / "data" / "tables" / "states.csv"
COUNTRYINFO_SOURCE = "countryinfo 1.0.1 (MIT), field demonym"


def in_system_since_1991(row: dict[str, str]) -> bool:
    """Whether a states-table row is a state or entity on some day from 1 Jan 1991 on."""
    if row["kind"] != "cow_state":
        return True
    return any(spell.split("/")[1] >= "1991-01-01" for spell in row["cow_spells"].split(";") if spell)


def countryinfo_demonyms() -> dict[str, list[str]]:
    """ISO alpha-3 code → demonyms, from the JSON files of the countryinfo package."""
    found: dict[str, list[str]] = {}
    data = resources.files("countryinfo") / "data"
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text(encoding="utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        demonym = record.get("demonym")
        if iso3 and isinstance(demonym, str) and demonym.strip():
            found.setdefault(iso3, []).append(demonym.strip())
    return found


def build() -> str:
    with STATES.open(encoding="utf-8", newline="") as handle:
        states = [row for row in csv.DictReader(handle) if in_system_since_1991(row)]
    codes = {row["iso3"] for row in states}
    rows: dict[tuple[str, str], str] = {}
    demonyms = countryinfo_demonyms()
    for iso3 in sorted(codes):
        for adjective in demonyms.get(iso3, []):
            rows[(iso3, adjective)] = COUNTRYINFO_SOURCE
    with (TABLES / "adjectives_hand.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["iso3"] not in codes:
                raise SystemExit(f"adjectives_hand.csv: {row['iso3']} is not a state since 1991")
            if row["adjective"].startswith("-"):
                rows.pop((row["iso3"], row["adjective"][1:]), None)
            else:
                rows[(row["iso3"], row["adjective"])] = row["source"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["iso3", "adjective", "source"])
    for (iso3, adjective), source in sorted(rows.items()):
        writer.writerow([iso3, adjective, source])
    return out.getvalue()


def main(argv: list[str]) -> int:
    text = build()
    target = TABLES / "adjectives.csv"
    if "--check" in argv:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print("adjectives.csv is up to date" if same else "adjectives.csv differs from a rebuild")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

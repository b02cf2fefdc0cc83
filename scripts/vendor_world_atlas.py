"""Vendor the country shapes of the report's map from the npm package ``world-atlas`` and build the table
that maps its country ids to secarch's state codes.

What it does (run from the repository root, needs ``npm`` and the dev extra for ``pycountry``)::

    python scripts/vendor_world_atlas.py            # fetch with `npm pack`, check, copy, build the id table
    python scripts/vendor_world_atlas.py --ids-only # only rebuild country_ids.csv from the vendored file

1. ``npm pack world-atlas@2.0.2`` (the ordinary npm client, into a temporary folder), and a check of the
   tarball against the integrity hash pinned below;
2. copy ``countries-50m.json`` (Natural Earth 1:50m admin-0 countries, v4.1.0, as TopoJSON) and the
   package's ``LICENSE`` verbatim into ``src/secarch/report/geodata/``;
3. write ``country_ids.csv``: each country object of the atlas with its ISO 3166-1 numeric id, the name the
   atlas gives it, the secarch state code (ISO 3166-1 alpha-3 through pycountry, or a hand assignment for
   the objects without an ISO id), its kind, and the source of the assignment.

Nothing is downloaded at run time: the report reads the vendored files only. ``tests/test_report_geodata.py``
checks the vendored file against the hash recorded in ``PROVENANCE.md`` and rebuilds the id table.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas"
VERSION = "2.0.2"
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
"""The npm registry's integrity string of world-atlas 2.0.2 (``npm view world-atlas@2.0.2
dist.integrity``)."""

FILES = {"package/countries-50m.json": "countries-50m.json", "package/LICENSE": "LICENSE.world-atlas"}
GEODATA = Path(__file__).resolve().parents[1] / "src" / "secarch" / "report" / "geodata"

# Atlas objects without an ISO 3166-1 numeric id. Kosovo has a secarch state code (XKX, the code the
# European Commission and others use; the states table's id); the others are not states of the table.
NO_ISO_ID = {
    "Kosovo": ("XKX", "state", "secarch states table (XKX, CoW 347)"),
    "N. Cyprus": ("", "unassigned", "not an entity of the secarch states table"),
    "Somaliland": ("", "unassigned", "not an entity of the secarch states table"),
    "Siachen Glacier": ("", "unassigned", "not an entity of the secarch states table"),
    "Indian Ocean Ter.": ("", "unassigned", "not an entity of the secarch states table"),
    "Ashmore and Cartier Is.": ("", "unassigned", "not an entity of the secarch states table"),
}


def fetch(destination: Path) -> Path:
    """Run ``npm pack`` for the pinned version into ``destination``; return the tarball after checking it."""
    result = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--pack-destination", str(destination)],
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(result.stdout)[0]
    tarball = destination / info["filename"]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"integrity mismatch for {tarball.name}: sha512-{digest}")
    return tarball


def extract(tarball: Path) -> None:
    """Copy the vendored files out of the tarball, byte for byte."""
    GEODATA.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball, "r:gz") as archive:
        for member, target in FILES.items():
            handle = archive.extractfile(member)
            if handle is None:
                raise SystemExit(f"{member} missing from {tarball.name}")
            (GEODATA / target).write_bytes(handle.read())


def country_rows(topology: dict[str, object], known_states: set[str]) -> list[dict[str, str]]:
    """One row per country object of the atlas: id, atlas name, secarch code, kind, source."""
    import pycountry

    objects = topology["objects"]
    assert isinstance(objects, dict)
    rows = []
    for geometry in objects["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        atlas_id = geometry.get("id", "")
        if not atlas_id:
            iso3, kind, source = NO_ISO_ID[name]
        else:
            record = pycountry.countries.get(numeric=atlas_id)
            if record is None:
                raise SystemExit(f"ISO 3166-1 numeric {atlas_id} ({name}) unknown to pycountry")
            iso3 = record.alpha_3
            kind = "state" if iso3 in known_states else "territory"
            source = f"ISO 3166-1 numeric {atlas_id} = {iso3} (pycountry)"
        rows.append({"atlas_id": atlas_id, "atlas_name": name, "iso3": iso3, "kind": kind, "source": source})
    return rows


def ids_table_text(topology: dict[str, object], known_states: set[str]) -> str:
    """The text of country_ids.csv (what the test compares with the vendored table)."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["atlas_id", "atlas_name", "iso3", "kind", "source"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(country_rows(topology, known_states))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids-only", action="store_true", help="only rebuild country_ids.csv")
    args = parser.parse_args(argv)
    if not args.ids_only:
        if shutil.which("npm") is None:
            raise SystemExit("npm is needed to fetch world-atlas (or pass --ids-only)")
        with tempfile.TemporaryDirectory() as tmp:
            extract(fetch(Path(tmp)))
    from secarch.data import state_codes

    topology = json.loads((GEODATA / "countries-50m.json").read_text(encoding="utf-8"))
    text = ids_table_text(topology, set(state_codes()))
    (GEODATA / "country_ids.csv").write_text(text, encoding="utf-8")
    digest = hashlib.sha256((GEODATA / "countries-50m.json").read_bytes()).hexdigest()
    print(f"countries-50m.json sha256 {digest}; {text.count(chr(10)) - 1} country rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

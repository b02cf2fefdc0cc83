"""Rebuild the capabilities of the bundled negotiation forum from the Correlates of War data.

Each state's capability is its CINC score (Correlates of War National Material Capabilities v7.0; Singer,
Bremer & Stuckey 1972; Greig & Enterline) in the latest year of the data (2022). An organisation's
capability is the sum of the CINC scores of the member states it ``represents`` in the forum file (its
members that are not actors of their own), so that no state is counted twice.

    python scripts/build_forum_capabilities.py --from ../shared/data           # check, exit 1 on differences
    python scripts/build_forum_capabilities.py --from ../shared/data --write   # update the YAML values
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from ruamel.yaml import YAML

from secarch.data import iso3_to_ccode

REPO = Path(__file__).resolve().parents[1]
FORUM = REPO / "src" / "secarch" / "negotiation" / "forums" / "rules-of-coexistence.yaml"
YEAR = 2022
DIGITS = 6


def cinc_scores(data: Path, year: int = YEAR) -> dict[int, float]:
    """CINC score of every state in ``year`` from ``cow/cow_nmc.csv``."""
    scores = {}
    with (data / "cow" / "cow_nmc.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            if int(float(row["year"])) == year and row["cinc"] not in ("", "-9"):
                scores[int(float(row["ccode"]))] = float(row["cinc"])
    return scores


def expected_capabilities(data: Path, forum_path: Path = FORUM) -> dict[str, float]:
    """Actor id → capability rebuilt from the data, for every actor of the forum file."""
    scores = cinc_scores(data)
    to_cow = iso3_to_ccode()  # secarch's ISO3 → CoW crosswalk (src/secarch/data/tables/states.csv)
    document = YAML(typ="safe").load(forum_path.read_text(encoding="utf-8"))
    result = {}
    for actor in document["actors"]:
        members = [actor["id"]] if actor.get("kind") == "state" else list(actor.get("represents", []))
        result[actor["id"]] = round(sum(scores[to_cow[m]] for m in members), DIGITS)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--write", action="store_true", help="update the values in the forum file")
    args = parser.parse_args(argv)
    expected = expected_capabilities(args.data)
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 110
    document = yaml.load(FORUM.read_text(encoding="utf-8"))
    differences = 0
    for actor in document["actors"]:
        value = expected[actor["id"]]
        if actor["capability"]["value"] != value:
            differences += 1
            print(f"{actor['id']}: file {actor['capability']['value']} data {value}")
            actor["capability"]["value"] = value
    if args.write and differences:
        with FORUM.open("w", encoding="utf-8") as handle:
            yaml.dump(document, handle)
    print(f"{differences} capability value(s) differ from the data")
    return 1 if differences and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())

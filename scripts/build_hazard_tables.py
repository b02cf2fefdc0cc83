"""Rebuild the bundled tables of the dispute-onset hazard model from the original datasets.

Usage: python scripts/build_hazard_tables.py [--from ../shared/data] [--check]

Writes src/secarch/data/tables/{hazard_coefficients,democracy,major_powers,dispute_onsets}.csv.
With --check, compares instead of writing and exits 1 on a difference. See docs/hazard.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="root", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--check", action="store_true", help="compare with the bundled tables, write nothing")
    args = parser.parse_args(argv)

    from secarch.crisis.fit import build_tables, compare_tables, write_tables
    from secarch.crisis.hazard import TABLES_DIR

    tables = build_tables(args.root)
    if args.check:
        problems = compare_tables(tables, TABLES_DIR)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for path in write_tables(tables, TABLES_DIR):
        print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

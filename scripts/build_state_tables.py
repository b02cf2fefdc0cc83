"""Rebuild the bundled state tables from the original datasets (same as `secarch data build`).

Usage: python scripts/build_state_tables.py [--from ../shared/data] [--in-place | --out DIR]

Without --in-place the tables go to ./secarch-tables, so the bundled ones are never overwritten by
accident. The build is deterministic: tests/test_data_build.py rebuilds and compares byte for byte.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from secarch.data._paths import TABLES_DIR
from secarch.data.build import build_all

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, default=REPO.parent / "shared" / "data")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--in-place", action="store_true", help="overwrite src/secarch/data/tables")
    where.add_argument("--out", type=Path, default=Path("secarch-tables"))
    args = parser.parse_args()
    target = TABLES_DIR if args.in_place else args.out
    for path in build_all(args.source, target).values():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

"""Refit the crisis simulation's escalation logit and recalibrate its offence-dominance parameter.

Usage: python scripts/calibrate_crisis.py [--from ../shared/data] [--runs 64] [--check]

1. Fits the escalation logit on the 2,174 GML disputes 1816–2010 (secarch.crisis.calibration).
2. Simulates the CoW state system 1816–2010 with those coefficients and finds, by bisection on common
   random numbers, the offence dominance at which 60% of simulated wars are two-state wars (CoW inter-state
   wars 1823–2003: 57 of 95).
3. Writes src/secarch/data/tables/escalation_coefficients.csv, and prints the calibration check at the
   result (share of disputes that become wars, share of two-state wars, mean war size).

With --check, compares with the bundled table instead of writing (exit 1 on a difference beyond the
tolerances of docs/crisis.md). The CrisisParams defaults in src/secarch/crisis/params.py must equal the
table (tests/test_crisis_calibration.py checks it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "src" / "secarch" / "data" / "tables" / "escalation_coefficients.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="root", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=64, help="runs per bisection step")
    parser.add_argument("--seed", type=int, default=2010)
    parser.add_argument("--check", action="store_true", help="compare with the bundled table, write nothing")
    args = parser.parse_args(argv)

    import pandas as pd

    from secarch.crisis import calibration

    system = calibration.HistoricalSystem(args.root)
    sample = calibration.dispute_sample(system)
    fit = calibration.fit_escalation(sample)
    print(fit.to_frame().to_string(index=False))
    sizes = calibration.observed_war_sizes(args.root)
    target = float((sizes["size"] == 2).mean())
    print(f"observed two-state share (CoW inter-state wars): {target:.4f} of {len(sizes)} wars")
    world = calibration.historical_world(system, 1816, 2010)
    params = fit.params()
    omega = calibration.calibrate_offence_dominance(world, params, target, runs=args.runs, seed=args.seed)
    two, esc, size = calibration.simulated_two_state_share(
        world, params.replace(offence_dominance=omega), args.runs, args.seed + 1
    )
    print(
        f"offence_dominance = {omega}: two-state share {two:.4f}, escalation share {esc:.4f}, "
        f"mean war size {size:.2f}"
    )
    # source keys of the registry (src/secarch/data/tables/sources*.csv, `secarch data sources`)
    source_fit = (
        "secarch-escalation-fit;gml-mid;atop;leeds-long-mitchell-2000;berkemeier-fuhrmann-2018;cow-nmc;"
        "cow-contiguity;peacesciencer;cow-igo;secarch-settlement-mechanisms"
    )
    rows = [
        {
            "term": k,
            "estimate": round(v, 6),
            "std_error": round(fit.std_error[k], 6),
            "disputes": fit.disputes,
            "wars": fit.wars,
            "method": "maximum likelihood",
            "source": source_fit,
        }
        for k, v in fit.coef.items()
    ]
    rows.append(
        {
            "term": "offence_dominance",
            "estimate": omega,
            "std_error": None,
            "disputes": None,
            "wars": len(sizes),
            "method": f"bisection to a {target:.3f} two-state share, {args.runs} runs of 1816-2010, "
            f"seed {args.seed}",
            "source": "CoW Inter-State War data v4.0 (Sarkees & Wayman 2010), wars 1823-2003",
        }
    )
    table = pd.DataFrame(rows).astype({"disputes": "Int64", "wars": "Int64"})
    if args.check:
        stored = pd.read_csv(TABLE).set_index("term")
        problems = []
        for row in rows:
            old = float(stored.loc[row["term"], "estimate"])
            tolerance = 0.02 if row["term"] == "offence_dominance" else 1e-4
            if abs(old - float(row["estimate"])) > tolerance:
                problems.append(f"{row['term']}: bundled {old}, refit {row['estimate']}")
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    table.to_csv(TABLE, index=False, lineterminator="\n")
    print(f"wrote {TABLE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

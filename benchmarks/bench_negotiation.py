"""Benchmark: KTAB's SMP on the 40-, 80- and 160-actor data sets shipped with KTAB.

Baseline: KTAB's own program (``smpc``, default options) built and timed on a 2-core machine of this
project's kind (issue 9): 40 actors 11.5 s in 20 steps, 80 actors 129 s in 17 steps, 160 actors still
unconverged after 790 s. Prints steps, seconds (best of ``--repeat`` runs) and KTAB's time over ours.

    python benchmarks/bench_negotiation.py [--data ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

KTAB_BASELINE = {  # actors: (steps, seconds, converged)
    40: (20, 11.5, True),
    80: (17, 129.0, True),
    160: (None, 790.0, False),
}


def main(argv: list[str] | None = None) -> int:
    from secarch.negotiation import SMPOptions, read_ktab_csv, run_smp

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    folder = args.data / "ktab"
    if not folder.is_dir():
        print(f"skipped: KTAB data not found at {folder}")
        return 0
    columns = ("actors", "steps", "conv.", "seconds", "KTAB steps", "KTAB s", "ratio")
    widths = (6, 5, 5, 8, 10, 8, 10)
    header = " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    print(header)
    print("-" * len(header))
    for n, (ktab_steps, ktab_seconds, ktab_converged) in KTAB_BASELINE.items():
        spec = read_ktab_csv(folder / f"dummyData-a{n:03d}.csv")
        best = float("inf")
        run = None
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            run = run_smp(spec.unit_position(), spec.salience, spec.capability, SMPOptions())
            best = min(best, time.perf_counter() - start)
        assert run is not None
        ratio = ktab_seconds / best
        ktab_steps_text = str(ktab_steps) if ktab_converged else "unconv."
        bound = "" if ktab_converged else ">"
        cells = (
            n,
            run.steps,
            "yes" if run.converged else "no",
            f"{best:.2f}",
            ktab_steps_text,
            f"{bound}{ktab_seconds:.1f}",
            f"{bound}{ratio:.0f}x",
        )
        print(" ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    print("ratio = KTAB's seconds / ours (KTAB's 160-actor run was stopped unconverged: a lower bound).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

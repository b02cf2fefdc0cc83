"""Estimate the security model's threat weights on 1946–1991 (see secarch.security.calibration).

    python scripts/calibrate_security.py [--data ../shared/data]

Prints the maximum-likelihood weights with standard errors, for S weighted equally and by capability, and
the defaults of SecurityParams they set (docs/security.md, "Parameters").
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from secarch.security.calibration import dyad_panel, fit_threat_weights
from secarch.security.history import HISTORICAL_CREDIBILITY, HistoryTables
from secarch.security.params import SecurityParams

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="the original datasets")
    parser.add_argument("--first", type=int, default=1946)
    parser.add_argument("--last", type=int, default=1991)
    parser.add_argument("--credibility", type=float, default=HISTORICAL_CREDIBILITY)
    args = parser.parse_args()
    tables = HistoryTables.from_directory(args.data)
    print(f"Threat weights, directed dyad-years {args.first}–{args.last}, onsets in the following year")
    print(f"ATOP defence obligations at credibility {args.credibility}\n")
    print("| S weighting | rivalry | dispute | extended | restraint | recent dispute | log-lik | null |")
    print("|---|---|---|---|---|---|---|---|")
    fits = {}
    for weighting in ("unweighted", "capability"):
        started = time.perf_counter()
        panel = dyad_panel(tables, range(args.first, args.last + 1), weighting, args.credibility)  # type: ignore[arg-type]
        fit = fit_threat_weights(panel, weighting, args.credibility)
        fits[weighting] = fit
        e = fit.std_errors

        def cell(value: float, se: float) -> str:
            return f"{value:.3g} ({se:.2g})" if se == se else f"{value:.3g} (bound)"

        cells = [
            cell(getattr(fit, name), e[name])
            for name in ("rival_weight", "dispute_weight", "extended_weight", "restraint_weight")
        ]
        cells.append(cell(fit.recent_dispute_weight, e["recent_dispute_weight"]))
        print(f"| {weighting} | {' | '.join(cells)} | {fit.loglik:.1f} | {fit.null_loglik:.1f} |")
        seconds = time.perf_counter() - started
        print(f"<!-- {weighting}: {fit.dyad_years} dyad-years, {fit.onsets} onsets, {seconds:.1f} s -->")
    best = max(fits.values(), key=lambda f: f.loglik)
    latent = best.recent_dispute_weight / best.dispute_weight
    params = best.params()
    print(f"\nBest fit: S {best.similarity_weighting}. Defaults it sets (2 significant digits):")
    print(
        f"rival_weight={params.rival_weight}, dispute_weight={params.dispute_weight}, "
        f"extended_weight={params.extended_weight}, restraint_weight={params.restraint_weight}, "
        f"latent_dispute_value={float(f'{latent:.2g}')}, similarity_weighting={params.similarity_weighting}"
    )
    current = SecurityParams()
    same = (
        params.rival_weight == current.rival_weight
        and params.dispute_weight == current.dispute_weight
        and params.extended_weight == current.extended_weight
        and params.restraint_weight == current.restraint_weight
        and float(f"{latent:.2g}") == current.latent_dispute_value
    )
    print("SecurityParams defaults: " + ("identical" if same else f"DIFFERENT: {current}"))


if __name__ == "__main__":
    main()

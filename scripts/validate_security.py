"""Out-of-sample validation of the security model on MID 5.0, 1992–2014 (secarch.security.validation).

    python scripts/validate_security.py [--data ../shared/data] [--architecture history]

Prints the tables of docs/validation.md. With ``--architecture``, the inputs are taken from that
architecture (a bundled name or a file) and the bundled data instead of the raw datasets.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from secarch.security.history import HistoryTables
from secarch.security.params import SecurityParams
from secarch.security.validation import COMPARED_SCORES, architecture_panel, state_panel, validate_scores

ROOT = Path(__file__).resolve().parents[1]


def within_capability_deciles(panel: pd.DataFrame) -> tuple[float, list[tuple[int, int, float, float]]]:
    """Spearman's rho of security and disputes targeted within deciles of capability share."""
    deciles = pd.qcut(panel["cinc_share"].rank(method="first"), 10, labels=False)
    rows = []
    for d, group in panel.groupby(deciles):
        rho = spearmanr(group["security"], group["targeted"])[0]
        rows.append((int(d) + 1, len(group), float((group["targeted"] > 0).mean()), float(rho)))
    mean = float(np.average([r[3] for r in rows], weights=[r[1] for r in rows]))
    return mean, rows


def architecture_tables(architecture: str, tables: HistoryTables, years: range) -> None:
    """The validation table with inputs from an architecture (t+1 … t+3)."""
    panel = architecture_panel(architecture, tables, years, 3)
    scores = {k: v for k, v in COMPARED_SCORES.items() if v[0] in panel.columns}
    print(f"\n### Architecture {architecture}: targeted in t+1 … t+3\n")
    print(f"{len(panel)} state-years, {int((panel['targeted'] > 0).sum())} targeted at least once.\n")
    print("| score | Spearman rho (pooled) | rho by year: mean [min, max] | AUC |")
    print("|---|---|---|---|")
    for r in validate_scores(panel, scores):
        by_year = (
            f"{r.spearman_by_year_mean:.3f} [{r.spearman_by_year_min:.2f}, {r.spearman_by_year_max:.2f}]"
        )
        print(f"| {r.score} | {r.spearman_pooled:.3f} | {by_year} | {r.auc:.3f} |")
    mean, _ = within_capability_deciles(panel)
    print(f"\nWithin deciles of capability share: weighted mean rho {mean:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="the original datasets")
    parser.add_argument("--architecture", default=None, help="take the inputs from this architecture")
    args = parser.parse_args()
    tables = HistoryTables.from_directory(args.data)
    years = range(1992, 2014)
    if args.architecture is not None:
        architecture_tables(args.architecture, tables, years)
        return
    for horizon in (1, 3, 5):
        panel = state_panel(tables, years, horizon)
        first, last = int(panel["year"].min()), int(panel["year"].max())
        print(f"\n### Targeted in t+1 … t+{horizon} (t = {first}–{last}; outcomes to {last + horizon})\n")
        print(
            f"{len(panel)} state-years, {int((panel['targeted'] > 0).sum())} targeted at least once; "
            "lower score = predicted more at risk.\n"
        )
        print("| score | Spearman rho (pooled) | p | rho by year: mean [min, max] | AUC |")
        print("|---|---|---|---|---|")
        for r in validate_scores(panel, COMPARED_SCORES):
            by_year = (
                f"{r.spearman_by_year_mean:.3f} [{r.spearman_by_year_min:.2f}, {r.spearman_by_year_max:.2f}]"
            )
            print(
                f"| {r.score} | {r.spearman_pooled:.3f} | {r.spearman_p_value:.1g} | {by_year} "
                f"| {r.auc:.3f} |"
            )
        if horizon == 3:
            mean, rows = within_capability_deciles(panel)
            print(f"\nWithin deciles of capability share (t+1 … t+3): weighted mean rho {mean:.3f}\n")
            print("| decile | state-years | share targeted | rho |")
            print("|---|---|---|---|")
            for d, n, share, rho in rows:
                print(f"| {d} | {n} | {share:.2f} | {rho:.3f} |")
    print("\n### Sensitivity (t+1 … t+3)\n")
    print("| variant | rho security | rho threat |")
    print("|---|---|---|")
    for label, params, credibility in (
        ("defaults (credibility 0.22, S unweighted)", SecurityParams(), 0.22),
        ("ATOP credibility 0.75 (Leeds et al. 2000)", SecurityParams(), 0.75),
        ("S weighted by capability", SecurityParams(similarity_weighting="capability"), 0.22),
        ("no extended deterrence", SecurityParams(extended_weight=0.0), 0.22),
    ):
        panel = state_panel(tables, years, 3, params, credibility)
        rho_s = spearmanr(panel["security"], panel["targeted"])[0]
        rho_t = spearmanr(-panel["threat"], panel["targeted"])[0]
        print(f"| {label} | {rho_s:.3f} | {rho_t:.3f} |")


if __name__ == "__main__":
    main()

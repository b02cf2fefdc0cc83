"""``secarch hazard``: refit, validate and query the dyadic dispute-onset hazard model (docs/hazard.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from secarch.cli import _common

DEFAULT_DATA = "../shared/data"

hazard_app = typer.Typer(
    name="hazard",
    help="Dispute-onset hazard model: refit it, validate it out of sample, list the riskiest dyads.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(hazard_app, name="hazard")


def _parse_years(text: str) -> tuple[int, int]:
    from secarch.errors import InputError

    parts = text.split(":")
    try:
        first, last = (int(parts[0]), int(parts[-1])) if len(parts) in (1, 2) else (0, -1)
    except ValueError:
        first, last = 0, -1
    if not 1817 <= first <= last <= 2014:
        raise InputError.single(
            f"bad year range {text!r}",
            field="--years",
            expected="FIRST:LAST with 1817 ≤ FIRST ≤ LAST ≤ 2014 (e.g. 2000:2010)",
            hint="the outcomes come from GML MID v2.2.1 (to 2010) and CoW MID 5.0 (2011–2014)",
        )
    return first, last


@hazard_app.command("fit")
def fit_command(
    data: Annotated[str, typer.Option("--from", help="folder of the original datasets")] = DEFAULT_DATA,
    until: Annotated[
        int | None, typer.Option("--until", help="last year of the fit (default: the bundled fits)")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="write the coefficient table (CSV) here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Refit the baseline and hazard logits on 1816–UNTIL from the original datasets.

    Without --until, fits what is bundled: both models on 1816–1999 and the shipped model on 1816–2010.
    """
    from secarch.crisis import fit
    from secarch.errors import InputError

    if until is not None and not 1850 <= until <= 2010:
        raise InputError.single(f"bad --until {until}", field="--until", expected="a year in 1850…2010")
    world = fit.HistoricalWorld(fit.load_sources(data))
    last = until if until is not None else 2010
    panel = fit.build_panel(world, fit.FIRST_YEAR, last)
    fits = fit.BUNDLED_FITS if until is None else (("baseline", until), ("hazard", until))
    table = fit.coefficient_table(panel, fits)
    if out is not None:
        fit.write_tables({out.name: table}, out.parent)
    if as_json:
        _common.print_json(table.drop(columns=["source"]).to_dict(orient="records"))
        return
    for (model, end), rows in table.groupby(["model", "fit_until"], sort=False):
        first = rows.iloc[0]
        typer.echo(
            f"{model} {int(first['fit_from'])}–{end}: {int(first['n_dyad_years']):,} dyad-years, "
            f"{int(first['n_onsets']):,} onsets, log-likelihood {first['log_likelihood']:.1f}"
        )
        for row in rows.itertuples():
            typer.echo(f"  {row.term:<17} {row.estimate:>10.4f}  (s.e. {row.std_error:.4f})")
    if out is not None:
        typer.echo(f"wrote {out}")


def format_validation(results: list[Any]) -> str:
    """The validation summary printed by ``secarch hazard validate`` (docs/validation.md quotes it)."""
    first = results[0]
    lines = [
        f"Out-of-sample validation {first.years[0]}–{first.years[1]}: {first.dyad_years:,} dyad-years, "
        f"{first.observed} onsets observed",
        f"{'model':<9} {'fitted on':<10} {'AUC':>6} {'Brier':>9} {'log-lik':>8} {'predicted':>9} "
        f"{'observed':>8} {'ratio':>6}",
    ]
    for r in results:
        lines.append(
            f"{r.model:<9} {f'1816–{r.fit_until}':<10} {r.auc:>6.4f} {r.brier:>9.6f} "
            f"{r.log_likelihood:>8.1f} {r.predicted:>9.1f} {r.observed:>8d} {r.predicted / r.observed:>6.3f}"
        )
    lines.append("")
    lines.append("onsets per year (predicted by " + ", ".join(r.model for r in results) + " / observed)")
    merged = results[0].by_year[["year", "observed"]].copy()
    for r in results:
        merged[r.model] = r.by_year["predicted"].to_numpy()
    for row in merged.itertuples(index=False):
        predicted = "  ".join(f"{getattr(row, r.model):6.1f}" for r in results)
        lines.append(f"  {row.year}  {predicted}  / {row.observed}")
    return "\n".join(lines)


@hazard_app.command("validate")
def validate_command(
    years: Annotated[str, typer.Option("--years", help="FIRST:LAST, e.g. 2000:2010")] = "2000:2010",
    data: Annotated[str, typer.Option("--from", help="folder of the original datasets")] = DEFAULT_DATA,
    coefficients: Annotated[
        Path | None, typer.Option("--coefficients", help="coefficient table (default: bundled)")
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="calibration plot PNG (default: hazard-calibration-FIRST-LAST.png)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Score the fits ending the year before FIRST on FIRST…LAST: AUC, Brier, predicted vs observed onsets.

    Uses the bundled fits when they end the year before FIRST; otherwise refits both models first.
    """
    from secarch.crisis import fit, hazard

    first, last = _parse_years(years)
    world = fit.HistoricalWorld(fit.load_sources(data))
    table = hazard.load_coefficients(coefficients)
    have = set(zip(table["model"], table["fit_until"], strict=True))
    if not {("baseline", first - 1), ("hazard", first - 1)} <= have:
        typer.echo(f"no bundled fit ends in {first - 1}: refitting both models on 1816–{first - 1}", err=True)
        panel = fit.build_panel(world, fit.FIRST_YEAR, last)
        table = fit.coefficient_table(panel, (("baseline", first - 1), ("hazard", first - 1)))
    else:
        panel = fit.build_panel(world, first, last)
    results = fit.validate_models(panel, table, first, last)
    plot_path = plot if plot is not None else Path(f"hazard-calibration-{first}-{last}.png")
    fit.plot_calibration(results, plot_path)
    if as_json:
        _common.print_json({"results": [r.as_dict() for r in results], "plot": str(plot_path)})
        return
    typer.echo(format_validation(results))
    typer.echo(f"\ncalibration plot: {plot_path}")


@hazard_app.command("show")
def show_command(
    file: Annotated[
        str | None,
        typer.Argument(help="architecture YAML file or bundled name (default: the historical system)"),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="year to score (default: the architecture's date, or 2014)")
    ] = None,
    data: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="folder of the original datasets (needed without FILE; with FILE, use them instead of the "
            "bundled tables)",
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="how many dyads to list")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """List the riskiest dyads of a year under the shipped hazard model.

    With FILE, the pairs are the architecture's participants, its defence agreements replace the historical
    pacts and its militarized disputes join the dispute history; the state inputs are the bundled tables
    (or the original datasets with --from). Without FILE, all system members of the year with their
    historical pacts, from the original datasets (--from, default ../shared/data).
    """
    from secarch.crisis import fit, hazard, risk
    from secarch.errors import InputError

    if top < 1:
        raise InputError.single(f"bad --top {top}", field="--top", expected="a positive number")
    if year is not None and not 1816 <= year <= 2100:
        raise InputError.single(f"bad --year {year}", field="--year", expected="a year in 1816…2100")
    model = hazard.load_model("hazard")
    if file is not None:
        from secarch.spec import load_architecture

        arch = load_architecture(file)
        when = year if year is not None else arch.date.year
        world = fit.HistoricalWorld(fit.load_sources(data)) if data is not None else None
        risks = risk.architecture_risk(arch, when, world, model)
        name, date = arch.name, risks.attrs["date"]
        inputs = risk.BUNDLED_INPUTS if data is None else f"{risk.ORIGINAL_INPUTS} in {data}"
        title = f"Riskiest dyads of {arch.name} on {date} ({inputs})"
        note = risks.attrs["unscored"]
    else:
        when = year if year is not None else 2014
        folder = data if data is not None else DEFAULT_DATA
        world = fit.HistoricalWorld(fit.load_sources(folder))
        risks = risk.risk_table(world, when, model)
        name, date = None, None
        inputs = f"{risk.ORIGINAL_INPUTS} in {folder}"
        title = f"Riskiest dyads in {when} (historical system, {inputs})"
        note = []
    carried = risks.attrs["notes"]
    risks = risks.head(top)
    if as_json:
        _common.print_json(
            {
                "architecture": name,
                "date": date,
                "year": when,
                "inputs": inputs,
                "model_fit_until": model.fit_until,
                "notes": carried,
                "unscored": note,
                "dyads": risks.to_dict("records"),
            }
        )
        return
    # As `secarch score` does, the notes on inputs that are carried forward go to standard error.
    for line in carried:
        typer.echo(f"note: {line}", err=True)
    typer.echo(f"{title}; hazard model fitted on 1816–{model.fit_until} (docs/hazard.md)")
    typer.echo(
        f"{'dyad':<9} {'P(onset)':>9} {'contig':>6} {'km':>6} {'peace-yrs':>9} {'prior':>5} {'pact':>5}"
    )
    for r in risks.itertuples():
        prior = "yes" if r.prior_dispute else "no"
        pact = "yes" if r.defence_pact else "no"
        typer.echo(
            f"{r.state1}-{r.state2:<5} {r.probability:>9.4f} {r.conttype:>6d} {r.capdist_km:>6.0f} "
            f"{r.peace_years:>9d} {prior:>5} {pact:>5}"
        )
    if note:
        typer.echo(f"not scored (no Correlates of War code): {', '.join(note)}")

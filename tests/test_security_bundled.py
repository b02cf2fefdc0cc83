"""The security model on a bundled architecture with the bundled data, end to end."""

from __future__ import annotations

import json

import numpy as np

from secarch import data
from secarch.cli import main
from secarch.principles import Severity
from secarch.security.adapter import build_case
from secarch.security.model import Geography, Relations, security_scores
from secarch.spec import load_architecture


def test_adapter_equals_the_model_on_the_snapshot_arrays():
    """Oracle: the model applied by hand to the arrays of secarch.model.Snapshot and secarch.data (CINC
    shares, capital distances in miles, land contiguity, the snapshot's guarantee and opponents matrices)."""
    arch = load_architecture("example")
    snap = arch.at(2021)
    states = list(snap.states)
    cinc = np.nan_to_num(data.capability_vector(states, 2021))
    geo = Geography.build(
        states,
        cinc,
        data.capital_distance_matrix(states, "miles", 2021),
        data.contiguity_matrix(states, 2021),
        2021,
        capability_total=max(1.0, cinc.sum()),
        system_size=len(data.states(2021, include_other=False)),
    )
    rel = Relations.of(len(states), guarantee=snap.guarantee, dispute=snap.opponents.astype(float))
    expected = security_scores(geo, rel).security
    case = build_case(arch, 2021)
    np.testing.assert_allclose(case.scores().security, expected, rtol=1e-12)
    assert case.geography.system_size > 150


def test_score_cli_with_bundled_data(capsys):
    """`secarch score example --json` runs on the bundled data and says what is carried forward."""
    try:
        main(["score", "example", "--json"])
    except SystemExit as stop:
        assert stop.code in (0, None)
    payload = json.loads(capsys.readouterr().out)
    assert payload["date"] == "2025-06-30"
    assert any("repeat the last observed year" in note for note in payload["notes"])
    assert len(payload["states"]) == 7


def test_run_checks_with_the_security_hooks():
    """The indivisibility check reports the zero-sum elements of the bundled example (oracle: the
    adapter's classification with the bundled data)."""
    from secarch.principles import run_checks
    from secarch.security import hooks
    from secarch.security.adapter import classify

    arch = load_architecture("example")
    report = run_checks(
        arch,
        2021,
        principles=["indivisibility", "equality"],
        zero_sum=hooks.zero_sum,
        security=hooks.security,
    )
    reported = {
        f.elements[0]
        for f in report.findings
        if f.principle == "indivisibility" and f.severity != Severity.INFO
    }
    expected = {e.element for e in classify(arch, 2021).effects if e.effect_class == "zero-sum"}
    assert reported == expected and "csto-art4" in reported
    assert not any("not evaluated" in note for note in report.notes.get("indivisibility", ()))


def test_indivisibility_on_today_reports_every_zero_sum_element():
    """On the bundled `today`: the indivisibility check, given the security hooks, reports exactly the
    elements the model classifies as zero-sum (oracle: classify()), each with its losers."""
    from secarch.principles import run_checks
    from secarch.security import hooks
    from secarch.security.adapter import classify

    arch = load_architecture("today")
    report = run_checks(arch, principles=["indivisibility"], zero_sum=hooks.zero_sum)
    model = [f for f in report.findings if "losers" in f.evidence]
    reported = {f.elements[0] for f in model}
    effects = classify(arch).by_id()
    expected = {e for e, effect in effects.items() if effect.effect_class == "zero-sum"}
    assert reported == expected and "nato-art5" in reported
    assert all(f.evidence["losers"] for f in model)
    # Losers named are never parties (property of the rule); parties that lose are listed apart.
    for f in model:
        parties = set(effects[f.elements[0]].parties)
        assert not set(f.evidence["losers"]) & parties and set(f.evidence["parties_losing"]) <= parties
        assert f.evidence["parties_mean_change"] > 0.001
    # The info finding classifies every agreement and membership, nothing else.
    (summary,) = [f for f in report.findings if f.severity == Severity.INFO]
    classified = {e: x.effect_class for e, x in effects.items() if x.kind in ("agreement", "membership")}
    assert {r["element"]: r["class"] for r in summary.evidence["elements"]} == classified
    counts = summary.evidence["counts"]
    assert sum(counts.values()) == len(classified) and counts["zero-sum"] == len(expected)
    assert counts["negative-sum"] > 0 and counts["positive-sum"] > 0

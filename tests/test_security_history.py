"""Historical inputs, calibration and validation of the security model on the original datasets
(../shared/data; skipped where absent)."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.security.calibration import dyad_panel, fit_threat_weights
from secarch.security.history import HistoryTables, great_circle_miles, system_year, targeted_onsets
from secarch.security.params import SecurityParams
from secarch.security.validation import COMPARED_SCORES, auc_lower_is_riskier, state_panel, validate_scores


@pytest.fixture(scope="module")
def tables(shared_data):
    return HistoryTables.from_directory(shared_data)


def test_great_circle_distance():
    """Oracle: published great-circle distances, Washington–Moscow 7,840 km (4,870 mi) ± 0.5%, and
    London–Paris 344 km (214 mi) ± 1%."""
    d = great_circle_miles([38.8951, 55.7558, 51.5074, 48.8566], [-77.0364, 37.6173, -0.1278, 2.3522])
    assert d[0, 1] == pytest.approx(4870, rel=0.005)
    assert d[2, 3] == pytest.approx(214, rel=0.01)
    assert np.allclose(d, d.T) and np.all(np.diag(d) == 0)


def test_system_year_2000(tables):
    """Oracle: facts of the datasets read by hand for 2000: the USA and Canada share a land border, the USA
    has an ATOP defence obligation to the UK (NATO), CINC shares of the system sum to 1, and the USA and
    China are Thompson–Dreyer strategic rivals."""
    sy = system_year(tables, 2000)
    pos = {int(c): k for k, c in enumerate(sy.ccodes)}
    usa, can, uk, chn = pos[2], pos[20], pos[200], pos[710]
    assert sy.geography.shares.sum() == pytest.approx(1.0, abs=1e-5)
    assert sy.geography.projection[can, usa] == pytest.approx(
        sy.geography.shares[can] ** np.log10(10 - np.e), rel=1e-12
    )  # contiguous: distance 0
    assert sy.relations.guarantee[usa, uk] == pytest.approx(0.22)
    assert sy.relations.rivalry[usa, chn] == 1.0
    assert 185 <= len(sy.ccodes) <= 195


def test_targeted_onsets_are_originator_pairs(tables):
    """Oracle: MID 5.0, directed dyad-years: every onset row has side A on ccode1 and side B on ccode2."""
    onsets = targeted_onsets(tables)
    m = tables.mid_dyads
    joined = onsets.merge(m, on=["dispnum", "ccode1", "ccode2", "year"])
    assert (joined["sidea1"] == 1).all() and (joined["sidea2"] == 0).all() and (joined["onset"] == 1).all()


@pytest.mark.slow
def test_calibration_reproduces_the_default_weights(tables):
    """Oracle: the defaults of SecurityParams are the 1946–1991 maximum-likelihood estimates rounded to two
    significant digits (scripts/calibrate_security.py); rebuilding them must give the same numbers."""
    panel = dyad_panel(tables, range(1946, 1992), "unweighted")
    fit = fit_threat_weights(panel, "unweighted", 0.22)
    fitted = fit.params()
    defaults = SecurityParams()
    assert fitted.rival_weight == defaults.rival_weight
    assert fitted.dispute_weight == defaults.dispute_weight
    assert fitted.extended_weight == defaults.extended_weight
    assert fitted.restraint_weight == defaults.restraint_weight
    assert float(f"{fit.recent_dispute_weight / fit.dispute_weight:.2g}") == defaults.latent_dispute_value
    assert fit.loglik > fit.null_loglik + 1000  # the relations explain onsets far better than S alone


@pytest.mark.slow
def test_validation_numbers_of_the_docs(tables):
    """Oracle: the numbers reported in docs/validation.md (t+1 … t+3, 1992–2011), recomputed."""
    panel = state_panel(tables, range(1992, 2014), horizon=3)
    results = {r.score: r for r in validate_scores(panel, COMPARED_SCORES)}
    assert len(panel) == 3797 and int((panel["targeted"] > 0).sum()) == 1070
    assert round(results["security (model)"].spearman_pooled, 3) == -0.061
    assert round(results["threat (model)"].spearman_pooled, 3) == -0.456
    assert round(results["capability share"].spearman_pooled, 3) == 0.412
    assert round(results["security (model)"].auc, 3) == 0.534


def test_auc_matches_pairwise_definition():
    """Oracle: the AUC counted over all (event, non-event) pairs by brute force."""
    rng = np.random.default_rng(7)
    score = rng.integers(0, 5, 60).astype(float)
    event = rng.random(60) < 0.3
    pairs = [(a, b) for a in score[event] for b in score[~event]]
    brute = np.mean([1.0 if a < b else 0.5 if a == b else 0.0 for a, b in pairs])
    assert auc_lower_is_riskier(score, event) == pytest.approx(brute)


@pytest.mark.slow
def test_validation_numbers_on_the_history_architecture(tables):
    """Oracle: the numbers reported in docs/validation.md for the bundled history architecture."""
    from secarch.security.validation import architecture_panel

    panel = architecture_panel("history", tables, range(1992, 2012), horizon=3)
    scores = {k: v for k, v in COMPARED_SCORES.items() if v[0] in panel.columns}
    results = {r.score: r for r in validate_scores(panel, scores)}
    assert len(panel) == 3797 and int((panel["targeted"] > 0).sum()) == 1070
    assert round(results["security (model)"].spearman_pooled, 3) == 0.202
    assert round(results["threat (model)"].spearman_pooled, 3) == -0.307
    assert round(results["threat (model)"].auc, 3) == 0.682

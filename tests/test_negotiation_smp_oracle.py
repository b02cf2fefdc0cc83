"""SMP against KTAB's own reference runs (the oracle): ``../shared/data/ktab/20170530_ref-*.txt.gz``.

KTAB's program (KAPSARC, default options, deterministic) logged every actor's position at every state, the
winning probabilities, every actor's inferred risk attitude and every challenge it chose. Our run of the
same input files must reproduce all of them to the precision the log prints.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from secarch.negotiation.ktab_csv import read_ktab_csv
from secarch.negotiation.smp import SMPRun, _assess, _best_challenges, run_smp

CASES = ["dummyData_3Dim", "SOE-Pol-Comp"]


@dataclass
class ReferenceLog:
    positions: dict[tuple[str, str], list[float]]
    win_probability: dict[str, list[float]]
    risk: list[list[float]]
    challenges: dict[tuple[int, int], tuple[int, float, float]]  # (turn, i) -> (j, worth, prob)
    idle: set[tuple[int, int]]  # (turn, i) with no advantageous target
    states: int


def parse_reference_log(path: Path) -> ReferenceLog:
    with gzip.open(path, "rt") as handle:
        lines = handle.read().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("History of actor positions over time"))
    middle = next(n for n, line in enumerate(lines) if line.startswith("History of actors' winning prob"))
    positions = {}
    for line in lines[start + 1 : middle]:
        head, values = line.rsplit(":", 1)
        actor, dimension = head.split(", ", 1)
        positions[(actor.strip(), dimension.strip())] = [float(v) for v in values.split()]
    wins = {}
    for line in lines[middle + 1 :]:
        match = re.match(r"^(.*?), prob :(.*)$", line)
        if not match:
            break
        wins[match.group(1)] = [float(v) for v in match.group(2).split()]
    risk = []
    for n, line in enumerate(lines[:start]):
        if line.startswith("Inferred risk attitudes"):
            block = []
            for follow in lines[n + 1 :]:
                if not re.match(r"^\s*[+-]\d", follow):
                    break
                block.append(float(follow))
            risk.append(block)
    challenges = {}
    idle = set()
    for n, line in enumerate(lines[:start]):
        match = re.match(r"In turn (\d+) actor (\d+) has most advantageous target (\d+) worth ([\d.]+)", line)
        if match:
            turn, i, j = int(match.group(1)), int(match.group(2)), int(match.group(3))
            # the next "Est by" line is i's own estimate (a note on counter-intuitive cases may come first)
            prob = next(
                m for m in (re.match(r"Est by\s+\d+ of prob ([\d.]+)", x) for x in lines[n + 1 :]) if m
            )
            challenges[(turn, i)] = (j, float(match.group(4)), float(prob.group(1)))
        match = re.match(r"In turn (\d+) Actor (\d+) has no advantageous targets", line)
        if match:
            idle.add((int(match.group(1)), int(match.group(2))))
    states = int(re.search(r"There were (\d+) states", "\n".join(lines)).group(1))  # type: ignore[union-attr]
    return ReferenceLog(positions, wins, risk, challenges, idle, states)


@pytest.fixture(scope="module", params=CASES)
def case(request, shared_data: Path) -> tuple[ReferenceLog, object, SMPRun]:
    name = request.param
    log = parse_reference_log(shared_data / "ktab" / f"20170530_ref-{name}.txt.gz")
    spec = read_ktab_csv(shared_data / "ktab" / f"{name}.csv")
    run = run_smp(spec.unit_position(), spec.salience, spec.capability)
    return log, spec, run


def test_same_number_of_steps(case):
    """Oracle: KTAB's log ("There were N states"); the stopping rule fires at the same step."""
    log, _spec, run = case
    assert run.positions.shape[0] == log.states
    assert run.converged


def test_position_history_matches_reference_log(case):
    """Oracle: "History of actor positions over time" (one decimal on 0–100): every actor, dimension and
    state within 0.1 — in fact within the 0.05 of the log's rounding."""
    log, spec, run = case
    for i, actor in enumerate(spec.actors):
        for k, issue in enumerate(spec.issues):
            reference = np.array(log.positions[(actor, issue)])
            assert reference.shape == (run.positions.shape[0],)
            ours = 100.0 * run.positions[:, i, k]
            assert np.max(np.abs(ours - reference)) <= 0.05 + 1e-9, (actor, issue)


def test_winning_probabilities_match_reference_log(case):
    """Oracle: "History of actors' winning probabilities" (four decimals), every actor and state."""
    log, spec, run = case
    for i, actor in enumerate(spec.actors):
        reference = np.array(log.win_probability[actor])
        assert np.max(np.abs(run.win_probability[:, i] - reference)) <= 5e-5 + 1e-9, actor


def test_risk_attitudes_match_reference_log(case):
    """Oracle: the "Inferred risk attitudes" block of every state (three decimals)."""
    log, _spec, run = case
    reference = np.array(log.risk)
    assert reference.shape == run.risk.shape
    assert np.max(np.abs(run.risk - reference)) <= 5e-4 + 1e-9


def test_every_challenge_matches_reference_log(case):
    """Oracle: each "actor i has most advantageous target j worth w" line and the probability i gives itself
    of winning (KTAB's challenge search), for every actor and turn; and the actors with no target."""
    log, spec, run = case
    weight = spec.salience.sum(axis=1) * spec.capability
    for turn in range(run.steps):
        assessment = _assess(run.positions[turn], spec.salience, spec.capability, run.options)
        target, prob, gain = _best_challenges(assessment, weight, spec.salience.sum(axis=1), run.options)
        np.testing.assert_array_equal(target, run.target[turn])
        for i in range(spec.n_actors):
            if (turn, i) in log.idle:
                assert target[i] == -1
                continue
            j, worth, p = log.challenges[(turn, i)]
            assert target[i] == j
            assert abs(gain[i] - worth) <= 5e-4 + 1e-9
            assert abs(prob[i] - p) <= 5e-5 + 1e-9

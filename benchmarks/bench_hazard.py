"""Speed of scoring one year of dyads with the hazard model: vectorised builder vs a per-dyad Python loop.

Run: python benchmarks/bench_hazard.py. Synthetic states (no dataset needed): n states, random capitals,
capabilities, democracy scores, contiguity, pacts and a dispute record. The baseline loops over pairs in
Python, computing the same covariates and the same probability; both results are checked to agree.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd

from secarch.crisis import dyads, hazard
from secarch.data.geo import EARTH_RADIUS_KM


def synthetic(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    codes = np.arange(1, n + 1) * 2
    states = dyads.StateArrays(
        codes=codes,
        lat=rng.uniform(-60, 70, n),
        lon=rng.uniform(-180, 180, n),
        cinc=rng.dirichlet(np.ones(n)),
        polity2=rng.integers(-10, 11, n).astype(float),
        polyarchy=rng.random(n),
        major=rng.random(n) < 0.03,
    )
    cont = np.triu(rng.choice(6, size=(n, n), p=[0.95, 0.03, 0.005, 0.005, 0.005, 0.005]), 1)
    pact = np.triu(rng.random((n, n)) < 0.05, 1)
    k = 3 * n
    onsets = pd.DataFrame(
        {"ccode1": rng.choice(codes, k), "ccode2": rng.choice(codes, k), "year": rng.integers(1900, 2020, k)}
    )
    onsets = onsets[onsets["ccode1"] != onsets["ccode2"]]
    return states, cont + cont.T, pact | pact.T, onsets


def vectorised(states, cont, pact, onsets, model, year=2020):
    history = dyads.dispute_history(onsets, states.codes, year, np.full(cont.shape, 1900))
    return model.predict(dyads.dyad_covariates(states, cont, pact, history), year)


def looped(states, cont, pact, onsets, model, year=2020):
    coef = dict(zip(model.terms, model.coef, strict=True))
    knots = tuple(np.log1p(hazard.PEACE_YEAR_KNOTS))
    pairs = {}
    for a, b, t in onsets.itertuples(index=False):
        if t < year:
            pairs.setdefault(frozenset((a, b)), []).append(t)
    out = []
    n = len(states.codes)
    for i in range(n):
        for j in range(i + 1, n):
            past = pairs.get(frozenset((states.codes[i], states.codes[j])), [])
            peace = year - max(max(past) + 1, 1900) if past else year - 1900
            disc = sum(math.exp(-(year - t) / 10) for t in past)
            p1, l1 = math.radians(states.lat[i]), math.radians(states.lon[i])
            p2, l2 = math.radians(states.lat[j]), math.radians(states.lon[j])
            h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
            km = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))
            c = states.cinc
            eta = coef["const"] + (coef[f"cont{cont[i, j]}"] if cont[i, j] else 0.0)
            eta += coef["log_capdist"] * math.log1p(km)
            eta += coef["log_capratio"] * math.log(max(c[i], c[j]) / min(c[i], c[j]))
            eta += coef["joint_dem_vdem"] * float(states.polyarchy[i] >= 0.5 and states.polyarchy[j] >= 0.5)
            eta += coef["defence"] * float(pact[i, j]) + coef["major"] * float(
                states.major[i] or states.major[j]
            )
            basis = hazard.restricted_cubic_spline(np.array([math.log1p(peace)]), knots)[0]
            eta += sum(coef[f"py_s{q}"] * basis[q] for q in range(len(basis)))
            eta += coef["log_discounted"] * math.log1p(disc)
            if not past:
                eta += (
                    coef["no_prior"]
                    + coef["no_prior_trend"] * (min(year, model.trend_cap or year) - 1945) / 10
                )
            out.append(1 / (1 + math.exp(-eta)))
    return np.array(out)


def timed(fn, *args, repeat=3):
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    model = hazard.load_model("hazard")
    print(f"{'states':>6} {'dyads':>7} {'vectorised s':>13} {'loop s':>9} {'speed-up':>9}")
    for n in (50, 100, 200):
        data = synthetic(n)
        fast_t, fast = timed(vectorised, *data, model)
        slow_t, slow = timed(looped, *data, model, repeat=1)
        assert np.allclose(fast, slow, rtol=1e-9), "vectorised and looped results differ"
        print(f"{n:>6} {n * (n - 1) // 2:>7} {fast_t:>13.4f} {slow_t:>9.3f} {slow_t / fast_t:>8.0f}×")


if __name__ == "__main__":
    main()

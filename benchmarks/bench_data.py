"""Speed of the vectorised state-data API against a plain-Python baseline (per-pair loops).

Run: python benchmarks/bench_data.py. Prints, for the ~197 states of 2020, the time of each matrix
function and of a straightforward per-dyad Python loop computing the same matrix, and their ratio.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

import secarch.data as data
from secarch.data import tables_api
from secarch.data.geo import EARTH_RADIUS_KM


def _best(func: Callable[[], object], repeat: int = 5) -> float:
    func()  # warm the caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _loop_capital_distances(lats: list[float], lons: list[float]) -> list[list[float]]:
    n = len(lats)
    out = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            p1, p2 = math.radians(lats[i]), math.radians(lats[j])
            dp, dl = p2 - p1, math.radians(lons[j] - lons[i])
            h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
            out[i][j] = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))
    return out


def _loop_contiguity(codes: list[str], year: int) -> list[list[bool]]:
    spells = tables_api._read("contiguity.csv").to_dict(orient="records")
    out = [[False] * len(codes) for _ in codes]
    for i, a in enumerate(codes):
        for j, b in enumerate(codes):
            for s in spells:
                pair = {s["iso3_1"], s["iso3_2"]} == {a, b}
                ongoing = int(s["end"][:4]) >= year or (year > 2016 and s["ongoing_at_end"] == 1)
                if pair and s["conttype"] == 1 and int(s["start"][:4]) <= year and ongoing:
                    out[i][j] = True
    return out


def main() -> None:
    states = data.states(2020, include_other=False)
    codes = list(states["iso3"])
    lats, lons = states["lat"].tolist(), states["lon"].tolist()
    sample = codes[:40]
    rows = [
        (
            f"capital_distance_matrix, {len(codes)} states",
            _best(lambda: data.capital_distance_matrix(codes)),
            _best(lambda: _loop_capital_distances(lats, lons), repeat=1),
        ),
        (
            f"contiguity_matrix, {len(sample)} states",
            _best(lambda: data.contiguity_matrix(sample, 2010)),
            _best(lambda: _loop_contiguity(sample, 2010), repeat=1),
        ),
        (
            f"minimum_distance_matrix, {len(codes)} states",
            _best(lambda: data.minimum_distance_matrix(codes, 2010)),
            None,
        ),
        (f"capability_vector, {len(codes)} states", _best(lambda: data.capability_vector(codes, 2010)), None),
        ("state_codes() (cached)", _best(lambda: data.state_codes(), repeat=50), None),
    ]
    # the vectorised and loop results agree (a benchmark that computes something else proves nothing)
    assert np.allclose(data.capital_distance_matrix(codes), np.array(_loop_capital_distances(lats, lons)))
    assert np.array_equal(data.contiguity_matrix(sample, 2010), np.array(_loop_contiguity(sample, 2010)))
    print(f"{'operation':45s} {'secarch ms':>11s} {'loop ms':>10s} {'speed-up':>9s}")
    for name, fast, slow in rows:
        ratio = f"{slow / fast:9.0f}x" if slow else f"{'':>9s}"
        slow_text = f"{slow * 1e3:10.1f}" if slow else f"{'':>10s}"
        print(f"{name:45s} {fast * 1e3:11.3f} {slow_text} {ratio}")


if __name__ == "__main__":
    main()

"""Speed of the claims reader: the gazetteer's trie pattern against a plain alternation of the same forms
(the baseline), and the whole ledger per thousand characters.

Run: ``python benchmarks/bench_claims.py``. Prints a table; the ratio column is baseline / secarch.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from secarch.claims import read_statement
from secarch.claims.gazetteer import Gazetteer

TEXTS = Path(__file__).resolve().parents[1] / "tests" / "claims_texts"


def best_of(function, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(TEXTS.glob("*.txt"))) * 20
    gazetteer = Gazetteer.build()
    forms = sorted(gazetteer.forms, key=len, reverse=True)
    plain = re.compile(r"(?<![\w#@])(?=(" + "|".join(re.escape(f) for f in forms) + r")(?![\w]))")
    trie_time = best_of(lambda: gazetteer.find(text))
    plain_time = best_of(lambda: [m.group(1) for m in plain.finditer(text)])
    read_statement("warm-up", "example")
    ledger_time = best_of(lambda: read_statement(text, "example"), repeat=3)
    kchars = len(text) / 1000
    print(f"text: {len(text):,} characters, {len(forms):,} gazetteer forms")
    print(f"{'task':<42}{'secarch (s)':>12}{'baseline (s)':>14}{'ratio':>8}")
    ratio = plain_time / trie_time
    print(f"{'gazetteer: find all mentions':<42}{trie_time:>12.4f}{plain_time:>14.4f}{ratio:>8.1f}")
    print(f"{'ledger per 1,000 characters (example)':<42}{ledger_time / kchars:>12.4f}{'—':>14}{'—':>8}")


if __name__ == "__main__":
    main()

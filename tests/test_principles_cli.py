"""``secarch check`` on the command line: formats, exit codes, the metric table over years."""

from __future__ import annotations

import csv
import io
import json

import pytest

from _principles_arch import clean_spec
from clikit import run_cli
from secarch.metrics.summary import METRIC_COLUMNS

# The hand-made clean architecture with real ISO codes, so that the file loader accepts it.
REAL = {"AAA": "FRA", "BBB": "DEU", "CCC": "ITA", "DDD": "ESP"}


@pytest.fixture
def clean_file(tmp_path):
    text = json.dumps(clean_spec())
    for fake, real in REAL.items():
        text = text.replace(fake, real)
    path = tmp_path / "clean.yaml"  # JSON is YAML
    path.write_text(text)
    return str(path)


def test_json_report_of_bundled_example(capsys):
    """Oracle: the example's CSTO clause has credibility 0.22 (its file says so), below .25 → a high
    guarantee-credibility finding naming csto-art4."""
    code, out, _ = run_cli(capsys, "check", "example", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["architecture"] == "example" and report["date"] == "2025-06-30"
    credibility = [f for f in report["findings"] if f["principle"] == "guarantee_credibility"]
    assert credibility[0]["severity"] == "high" and credibility[0]["elements"] == ["csto-art4"]


def test_fail_on_sets_the_exit_code(capsys, clean_file):
    """Exit 1 when a finding reaches --fail-on, 0 otherwise (the clean file has no finding)."""
    assert run_cli(capsys, "check", "example", "--fail-on", "high")[0] == 1
    assert run_cli(capsys, "check", clean_file, "--fail-on", "low")[0] == 0


def test_markdown_and_principle_filter(capsys):
    """--md gives Markdown; --principle restricts the checks. Oracle: in 2021 the Kyrgyz–Tajik armed
    conflict is active and both states are CIS members, whose settlement provision the example file marks
    as not binding → one low, non-binding-coverage finding."""
    code, out, _ = run_cli(
        capsys, "check", "example", "--year", "2021", "--principle", "conflict_settlement", "--md"
    )
    assert code == 0
    assert out.startswith("# Principle checks: example on 2021-07-01")
    assert "conflict_settlement" in out and "non-binding" in out


def test_set_overrides_a_parameter(capsys):
    """--set guarantee_credibility.threshold=0.1 puts the 0.22 clause above the threshold: no finding."""
    _, out, _ = run_cli(
        capsys,
        "check",
        "example",
        "--principle",
        "guarantee_credibility",
        "--json",
        "--set",
        "guarantee_credibility.threshold=0.1",
    )
    assert json.loads(out)["findings"] == []


def test_years_table_csv_and_json(capsys):
    """--years FIRST:LAST gives one row per year with every metric column."""
    code, out, _ = run_cli(capsys, "check", "example", "--years", "2020:2025")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["year"] for r in rows] == [str(y) for y in range(2020, 2026)]
    assert list(rows[0]) == ["year", "date", *METRIC_COLUMNS]
    code, out, _ = run_cli(capsys, "check", "example", "--years", "2024:2025", "--json")
    assert [r["year"] for r in json.loads(out)["rows"]] == [2024, 2025]


def test_years_table_has_shortest_alliance_paths(capsys):
    """Oracle: the example's guarantee digraph (its file): KAZ, KGZ, TJK and RUS guarantee one another (12
    ordered pairs, each one link) and UZB, TKM and CHN guarantee no one: 12 of the 7·6 = 42 ordered pairs
    are reachable, at a mean of 1 link."""
    _, out, _ = run_cli(capsys, "check", "example", "--years", "2025:2025", "--json")
    (row,) = json.loads(out)["rows"]
    assert row["guarantee_path_length"] == pytest.approx(1.0)
    assert row["guarantee_reachability"] == pytest.approx(12 / 42)


def test_path_gives_the_most_credible_chain(capsys):
    """Oracle: the example's CSTO clause binds KAZ to RUS with credibility 0.22 (its file says so); China is
    party to no guarantee, so no chain reaches it."""
    code, out, _ = run_cli(capsys, "check", "example", "--path", "kaz", "RUS", "--json")
    assert code == 0
    got = json.loads(out)
    assert (got["chain"], got["credibility"], got["links"], got["fewest_links"]) == (
        ["KAZ", "RUS"],
        0.22,
        1,
        1,
    )
    code, out, _ = run_cli(capsys, "check", "example", "--path", "KAZ", "RUS")
    assert code == 0 and "KAZ → RUS: credibility 0.220, 1 link" in out
    code, out, _ = run_cli(capsys, "check", "example", "--path", "RUS", "CHN", "--year", "2020")
    assert code == 0 and "no chain of guarantees runs from RUS to CHN" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--years", "2025:2020"], "ends before"),
        (["--years", "1900:1901"], "outside the period"),
        (["--principle", "equalty"], "did you mean equality"),
        (["--fail-on", "severe"], "unknown severity"),
        (["--set", "threshold=0.1"], "CHECK.NAME=VALUE"),
        (["--json", "--md"], "one output format"),
        (["--path", "RUS", "USA"], "USA is not a state of example"),
        (["--path", "RUS", "KAZ", "--years", "2020:2021"], "drop --years"),
    ],
)
def test_bad_options_exit_2_with_a_message(capsys, args, message):
    """Bad input: exit code 2 and a message saying what was expected, no traceback."""
    code, _, err = run_cli(capsys, "check", "example", *args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_list_checks(capsys):
    """--list names every registered check."""
    _, out, _ = run_cli(capsys, "check", "--list", "--json")
    assert [c["name"] for c in json.loads(out)][:2] == ["equality", "indivisibility"]


def test_check_cli_reports_zero_sum_agreements_of_the_example():
    """Oracle: a property of the security model's classification on the bundled example — the CSTO clause
    raises its parties' security; with the hooks wired into `secarch check` the indivisibility check reports
    a zero-sum finding only with the security model, never with --structural-only."""
    import json as json_module
    import subprocess
    import sys

    def findings(*extra: str) -> list[dict]:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "from secarch.cli import main; main()",
                "check",
                "example",
                "--json",
                "-p",
                "indivisibility",
                *extra,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json_module.loads(out)["findings"]

    assert findings("--structural-only") == []
    from secarch.security import hooks
    from secarch.spec import load_architecture

    arch = load_architecture("example")
    expected = {e.element for e in hooks.zero_sum(arch, arch.at()) if e.effect_class == "zero-sum"}
    assert "csto-art4" in expected
    assert {f["elements"][0] for f in findings()} == expected

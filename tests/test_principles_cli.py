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


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("nope.x=1", "unknown principle check 'nope'"),
        ("threat_agenda.typo=1", "no parameter 'typo'"),
        ("guarantee_credibility.treshold=0.4", "did you mean guarantee_credibility.threshold?"),
        ("guarantee_credibility.threshold=5", "between 0 and 1"),
        ("indivisibilty.large_loss=0.1", "did you mean indivisibility?"),
    ],
)
def test_check_set_is_validated(capsys, setting, expected):
    """Bad input: an unknown check or parameter, or a value out of range, given with --set is exit 2 with
    the setting's name and a hint, never accepted silently."""
    code, out, err = run_cli(capsys, "check", "example", "--structural-only", "--set", setting)
    assert code == 2 and out == ""
    assert expected in err and f"field {setting.partition('=')[0]}" in err


def test_list_checks(capsys):
    """--list names every registered check."""
    _, out, _ = run_cli(capsys, "check", "--list", "--json")
    assert [c["name"] for c in json.loads(out)][:2] == ["equality", "indivisibility"]


def _check_example(*extra: str) -> str:
    """Standard output of `secarch check example -p indivisibility …` in a fresh process."""
    import subprocess
    import sys

    command = [sys.executable, "-c", "from secarch.cli import main; main()", "check", "example"]
    return subprocess.run(
        [*command, "-p", "indivisibility", *extra], capture_output=True, text=True, check=True
    ).stdout


def test_check_cli_reports_zero_sum_agreements_of_the_example():
    """Oracle: the security model's classification on the bundled example (the hook called directly) — the
    CSTO clause raises its parties' security; with the hooks wired into `secarch check` the indivisibility
    check reports its zero-sum findings and the class of every agreement and membership (the info finding)
    only with the security model, never with --structural-only; no state named as a loser is a party."""
    import json as json_module

    def findings(*extra: str) -> list[dict]:
        return json_module.loads(_check_example("--json", *extra))["findings"]

    assert findings("--structural-only") == []
    from secarch.security import hooks
    from secarch.spec import load_architecture

    arch = load_architecture("example")
    effects = [e for e in hooks.zero_sum(arch, arch.at()) if e.kind in ("agreement", "membership")]
    expected = {e.element for e in effects if e.effect_class == "zero-sum"}
    assert "csto-art4" in expected
    found = findings()
    (summary,) = [f for f in found if f["severity"] == "info"]
    zero_sum = [f for f in found if f["severity"] != "info"]
    assert {f["elements"][0] for f in zero_sum} == expected
    assert {r["element"]: r["class"] for r in summary["evidence"]["elements"]} == {
        e.element: e.effect_class for e in effects
    }
    assert sum(summary["evidence"]["counts"].values()) == len(effects)
    parties = {e.element: set(e.parties) for e in effects}
    for f in zero_sum:
        assert not set(f["elements"][1:]) & parties[f["elements"][0]]
        assert not set(f["evidence"]["losers"]) & parties[f["elements"][0]]
    # csto-art4 lowers Russia's modelled security (a party): reported apart, not among the losers.
    csto = next(f for f in zero_sum if f["elements"][0] == "csto-art4")
    assert "RUS" in csto["evidence"]["parties_losing"] and "RUS" not in csto["title"]


def test_check_cli_markdown_has_the_classification_table():
    """Property: --md renders the classification as a Markdown table with one row per agreement and
    membership of the example (18: oracle, the row count of the JSON output's table)."""
    import json as json_module

    rows = next(
        f["evidence"]["elements"]
        for f in json_module.loads(_check_example("--json"))["findings"]
        if f["severity"] == "info"
    )
    text = _check_example("--md")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| element | kind | class | parties | parties_mean_change |")
    assert len(table) - 1 == len(rows) == 18
    assert any(line.startswith("| csto-art4 | agreement | zero-sum |") for line in table)

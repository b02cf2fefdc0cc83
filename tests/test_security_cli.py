"""`secarch score` and `secarch whatif`: output formats and exit codes (geography from the hand-made table
of test_security_adapter, so that the tests do not depend on the bundled capability data)."""

from __future__ import annotations

import json

import pytest

from clikit import run_cli
from secarch.security import adapter
from test_security_adapter import geography


@pytest.fixture(autouse=True)
def hand_geography(monkeypatch):
    monkeypatch.setattr(
        adapter,
        "geography_from_data",
        lambda states, year, params=None: (geography(states, year), ("a note",)),
    )


def test_score_json_lists_every_participant(capsys):
    """The JSON payload: architecture, date, notes, params and one record per participant."""
    code, out, _ = run_cli(capsys, "score", "example", "--year", "2021", "--json", "--elements")
    assert code == 0
    payload = json.loads(out)
    assert payload["architecture"] == "example" and payload["date"] == "2021-07-01"
    assert payload["notes"] == ["a note"]
    assert sorted(s["state"] for s in payload["states"]) == sorted(
        ["KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "CHN"]
    )
    assert all(0 <= s["security"] <= 1 for s in payload["states"])
    classes = {e["element"]: e["class"] for e in payload["elements"]}
    assert classes["csto-art4"] == "zero-sum"


def test_score_csv_and_text(capsys):
    code, out, err = run_cli(capsys, "score", "example", "--csv")
    assert (
        code == 0
        and out.splitlines()[0] == "state,security,own,support,threat"
        and len(out.splitlines()) == 8
    )
    code, out, err = run_cli(capsys, "score", "example")
    assert code == 0 and "KAZ" in out and "note: a note" in err
    code, _, err = run_cli(capsys, "score", "example", "--csv", "--json")
    assert code == 2 and "exclude each other" in err


@pytest.mark.parametrize("bad", ["-1", "nan", "inf", "2"])
def test_score_threshold_is_checked(capsys, bad):
    """Bad input: a negative, non-finite or above-1 --threshold is exit 2 with the field and what is expected,
    never an internal error."""
    code, out, err = run_cli(capsys, "score", "example", "--elements", "--threshold", bad)
    assert code == 2 and out == ""
    assert "--threshold" in err and "between 0 and 1" in err and "internal error" not in err


def test_score_elements_csv_has_the_class(capsys):
    """Oracle: the JSON output of the same run: with --elements the CSV has one row per element with its
    class, parties' mean change and net change, as in the JSON."""
    import csv
    import io

    code, out, _ = run_cli(capsys, "score", "example", "--year", "2021", "--elements", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:5] == ["element", "kind", "class", "parties", "parties_mean_change"]
    _, out, _ = run_cli(capsys, "score", "example", "--year", "2021", "--elements", "--json")
    elements = json.loads(out)["elements"]
    assert {r["element"]: r["class"] for r in rows} == {e["element"]: e["class"] for e in elements}
    by_id = {e["element"]: e for e in elements}
    for row in rows:
        assert float(row["net"]) == pytest.approx(by_id[row["element"]]["net"], rel=1e-5, abs=1e-9)
        assert float(row["parties_mean_change"]) == pytest.approx(
            by_id[row["element"]]["parties_mean_change"], rel=1e-5, abs=1e-9
        )


def test_whatif_json_and_plot(capsys, tmp_path):
    """whatif reports every state's before, after and change; --plot writes an image."""
    png = tmp_path / "changes.png"
    code, out, err = run_cli(
        capsys,
        "whatif",
        "example",
        "-y",
        "2023",
        "--remove",
        "CSTO:KAZ,kgz-tjk-claim",
        "--json",
        "--plot",
        str(png),
    )
    assert code == 0, err
    payload = json.loads(out)
    assert payload["removed"] == ["CSTO:KAZ:2002-10-07", "kgz-tjk-claim"]
    assert len(payload["states"]) == 7
    for row in payload["states"]:
        assert row["change"] == pytest.approx(row["after"] - row["before"])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_whatif_bad_input_exits_2(capsys, tmp_path):
    code, _, err = run_cli(capsys, "whatif", "example", "--remove", "NOPE")
    assert code == 2 and "no element with id 'NOPE'" in err
    code, _, err = run_cli(capsys, "whatif", "example")
    assert code == 2 and "nothing to change" in err
    code, _, err = run_cli(capsys, "whatif", "example", "--add", str(tmp_path / "missing.yaml"))
    assert code == 2 and "missing.yaml" in err
    code, _, err = run_cli(capsys, "whatif", "example", "-r", "CSTO:KAZ", "--plot", str(tmp_path / "x.txt"))
    assert code == 2 and ".png" in err


def test_param_settings(capsys):
    """--param changes a model parameter (reported in the JSON); an unknown name is bad input."""
    code, out, _ = run_cli(
        capsys, "score", "example", "--json", "-p", "restraint_weight=0.5", "-p", "rival_weight=3"
    )
    assert code == 0
    params = json.loads(out)["params"]
    assert params["restraint_weight"] == 0.5 and params["rival_weight"] == 3.0
    code, _, err = run_cli(capsys, "whatif", "example", "-r", "CSTO:KAZ", "-p", "restraint_weight=2")
    assert code == 2 and "restraint_weight" in err
    code, _, err = run_cli(capsys, "score", "example", "-p", "nonsense=1")
    assert code == 2 and "unknown security parameter" in err

"""``secarch negotiate``: KTAB CSV, forum files and the bundled forum; JSON and plots; located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clikit import run_cli

FORUM = """\
name: small forum
issues:
  - {id: x, name: X, low: none, high: all}
actors:
  - id: A
    name: Alpha
    capability: {value: 1.0, basis: given, rationale: an estimate for the test, source: test}
  - id: B
    name: Beta
    capability: {value: 3.0, basis: given, rationale: an estimate for the test, source: test}
positions:
  - {actor: A, issue: x, position: 10, salience: 1.0, rationale: according to statement A, source: stmt A}
  - {actor: B, issue: x, position: 90, salience: 0.5, rationale: according to statement B, source: stmt B}
"""


def test_ktab_csv_json_matches_reference_step_count(shared_data: Path, capsys):
    """Oracle: KTAB's reference log for dummyData_3Dim has 11 states (10 steps)."""
    code, out, _ = run_cli(capsys, "negotiate", str(shared_data / "ktab" / "dummyData_3Dim.csv"), "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["model"] == "smp" and payload["steps"] == 10 and payload["converged"]
    assert set(payload["outcome"]) == {"Pstn1", "Pstn2", "Pstn3"}
    assert len(payload["actors"]) == 7 and len(payload["trajectory"]) == 11


def test_forum_file_with_every_model(tmp_path, capsys):
    """Oracle (NBS): the weighted mean (1·1·10 + 3·0.5·90) / (1 + 1.5) = 58."""
    path = tmp_path / "forum.yaml"
    path.write_text(FORUM)
    for model in ("smp", "bdm", "nbs"):
        code, out, _ = run_cli(capsys, "negotiate", str(path), "--model", model, "--json")
        assert code == 0, model
        payload = json.loads(out)
        if model == "nbs":
            assert payload["outcome"]["x"] == pytest.approx(58.0)


def test_capabilities_from_data_complete_state_actors(tmp_path, capsys):
    """Oracle (analytic, NBS): with CINC scores from the bundled data, the outcome is the capability ×
    salience weighted mean of the positions, recomputed here from ``secarch.data.capability_vector``."""
    from secarch.data import capability_vector

    text = FORUM.replace("id: A\n", "id: RUS\n").replace("actor: A,", "actor: RUS,")
    text = text.replace(
        "    capability: {value: 1.0, basis: given, rationale: an estimate for the test, source: test}\n",
        "",
        1,
    )
    path = tmp_path / "forum.yaml"
    path.write_text(text)
    code, _, err = run_cli(capsys, "negotiate", str(path), "-m", "nbs")
    assert code == 2 and "--capabilities-year" in err
    code, out, err = run_cli(
        capsys, "negotiate", str(path), "-m", "nbs", "--capabilities-year", "2020", "--json"
    )
    assert code == 0, err
    rus = float(capability_vector(["RUS"], 2020)[0])
    expected = (rus * 1.0 * 10 + 3.0 * 0.5 * 90) / (rus * 1.0 + 3.0 * 0.5)
    assert json.loads(out)["outcome"]["x"] == pytest.approx(expected)


def test_bundled_forum_text_and_plot(tmp_path, capsys):
    png = tmp_path / "trajectories.png"
    code, out, _ = run_cli(
        capsys, "negotiate", "rules-of-coexistence", "-m", "bdm", "--plot", str(png), "-o", "rounds=3"
    )
    assert code == 0
    assert "Rules of coexistence in Eurasia" in out and "BDM: 3 step(s)" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_forum_error_is_located(tmp_path, capsys):
    """Oracle: the line and field of the deliberate error (position 150 on line 12)."""
    path = tmp_path / "bad.yaml"
    path.write_text(FORUM.replace("position: 10,", "position: 150,"))
    code, _, err = run_cli(capsys, "negotiate", str(path))
    assert code == 2
    assert f"{path}:12" in err and "positions[0].position" in err


def test_unknown_actor_in_forum_is_located(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(FORUM.replace("{actor: B, issue: x", "{actor: C, issue: x"))
    code, _, err = run_cli(capsys, "negotiate", str(path))
    assert code == 2
    assert f"{path}:13" in err and "unknown actor 'C'" in err


@pytest.mark.parametrize(
    "args",
    [
        ["negotiate", "no-such-file.yaml"],
        ["negotiate", "rules-of-coexistence", "--model", "xyz"],
        ["negotiate", "rules-of-coexistence", "-o", "max_turns"],
        ["negotiate", "rules-of-coexistence", "-o", "no_such_option=3"],
        ["negotiate", "rules-of-coexistence", "-o", "max_turns=abc"],
        ["negotiate", "rules-of-coexistence", "-o", "min_delta_ratio=-1"],
        ["negotiate", "rules-of-coexistence", "-m", "bdm", "-o", "rounds=2.5"],
        ["negotiate", "rules-of-coexistence", "--capabilities-year", "1700"],
    ],
)
def test_bad_input_exits_2(args, capsys):
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and err.startswith("error:")

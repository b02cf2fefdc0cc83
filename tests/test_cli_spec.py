"""`secarch validate`, `show` and `schema` from the command line: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from clikit import run_cli_process
from secarch.spec import bundled_names, load_architecture


def test_bundled_example_validates_and_slices():
    """Oracle: the example file read by hand (CSTO members in mid-2025; the Kyrgyz–Tajik armed phase)."""
    assert "example" in bundled_names()
    arch = load_architecture("example")
    assert arch.at(2025).members("CSTO") == ("KAZ", "KGZ", "TJK", "RUS")
    assert arch.at("2022-01-01").disputes == ("kgz-tjk-2021",)
    assert arch.at(2025).disputes == ()
    result = run_cli_process("validate", "example")
    assert result.returncode == 0 and result.stdout.startswith("ok: example")


def test_validate_exit_codes_and_located_message(tmp_path: Path):
    from secarch.spec import bundled_path

    text = bundled_path("example").read_text(encoding="utf-8")
    text = text.replace("states: [KAZ, KGZ, TJK, TKM, UZB]", "states: [KAZ, KGZ, TJK, TKM, UZX]")
    line, column = next(
        (i, row.index("UZX") + 1) for i, row in enumerate(text.splitlines(), 1) if "UZX" in row
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run_cli_process("validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}:{line}:{column}, field region.states[4]: unknown state code 'UZX'" in result.stderr
    assert "did you mean UZB" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run_cli_process("validate", str(tmp_path / "missing.yaml"))
    assert (
        missing.returncode == 2 and "file not found" in missing.stderr and "Traceback" not in missing.stderr
    )


def test_validate_json_lists_problems(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n", encoding="utf-8")
    result = run_cli_process("validate", "--json", str(bad), "example")
    assert result.returncode == 2
    payload = json.loads(result.stdout)
    assert [r["valid"] for r in payload] == [False, True]
    assert {p["field"] for p in payload[0]["problems"]} >= {"title", "date", "period"}
    assert payload[0]["problems"][0]["line"] == 1


def test_show_json_is_stable():
    result = run_cli_process("show", "example", "--year", "2022", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert list(payload) == [
        "architecture",
        "title",
        "date",
        "period",
        "region",
        "states",
        "organisations",
        "agreements",
        "disputes",
        "rivalries",
        "recognitions",
        "invocations",
        "not_states",
    ]
    assert payload["date"] == "2022-07-01"
    cis = next(o for o in payload["organisations"] if o["id"] == "CIS")
    assert cis["other_statuses"] == {"associate": ["TKM"]}
    assert payload["disputes"][0]["side_a"] == ["KGZ"]


def _keys(value, skip=("other_statuses",)):
    """Every key of a JSON value's objects, at any depth, except the data keys under ``skip``."""
    if isinstance(value, dict):
        return set(value) | {k for key, item in value.items() if key not in skip for k in _keys(item)}
    if isinstance(value, list):
        return {k for item in value for k in _keys(item)}
    return set()


def test_show_json_layout_is_the_documented_one():
    """Oracle: the `secarch show --json` layout in docs/cli.md. Every key of the output (of the bundled
    `today`, which has invocations, and of `example`) is in the documented layout, and every documented key
    is in the output."""
    import re

    doc = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    block = doc.split("### `secarch show --json`", 1)[1].split("```", 2)[1]
    documented = set(re.findall(r'"(\w+)"', block))
    seen: set[str] = set()
    for name in ("today", "example"):
        result = run_cli_process("show", name, "--json")
        assert result.returncode == 0, result.stderr
        payload = json.loads(result.stdout)
        assert _keys(payload) <= documented, _keys(payload) - documented
        seen |= _keys(payload)
        if name == "today":
            assert payload["invocations"], "today records invocations (e.g. Armenia's request of 2022)"
    assert documented == seen, documented - seen


def test_show_outside_period_is_bad_input():
    result = run_cli_process("show", "example", "--year", "1990")
    assert result.returncode == 2 and "outside the period" in result.stderr


def test_schema_is_json():
    result = run_cli_process("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "secarch architecture file"

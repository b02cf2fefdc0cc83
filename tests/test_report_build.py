"""The JSON report: every section's content on small hand-made architectures, differences in comparisons,
rendering to HTML and Markdown, and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from report_cases import comparison_report, small_report
from secarch.errors import InputError
from secarch.report import ReportOptions, available_sections, build_report, render_html, render_markdown

HERE = Path(__file__).resolve().parent / "data" / "report"
SMALL, VARIANT = HERE / "small.yaml", HERE / "small-variant.yaml"


@pytest.fixture(scope="module")
def single():
    return small_report()


@pytest.fixture(scope="module")
def pair():
    return comparison_report()


def _section(report, section_id):
    return next(s for s in report["sections"] if s["id"] == section_id)


def _result(report, section_id, name="small"):
    return _section(report, section_id)["by_architecture"][name]


def test_report_layout_and_section_order(single):
    """Property: an assessment has every registered section once, the summary first, and is plain JSON."""
    assert single["kind"] == "assessment" and single["format"] == "secarch-report"
    ids = [s["id"] for s in single["sections"]]
    assert ids[0] == "summary" and sorted(ids) == sorted(available_sections())
    assert json.loads(json.dumps(single)) == single
    assert single["architectures"][0]["date"] == "2022-06-30"


def test_structures_match_the_file(single):
    """Oracle: the fixture file read by hand — PACT has RUS and ARM, FORUM has ARM, AZE, GEO as members and
    TUR as observer; two agreements and one dispute are in force on 2022-06-30."""
    result = _result(single, "structures")
    orgs = {o["id"]: o for o in result["organisations"]}
    assert sorted(orgs["PACT"]["members"]) == ["ARM", "RUS"]
    assert sorted(orgs["FORUM"]["members"]) == ["ARM", "AZE", "GEO"]
    assert orgs["FORUM"]["other_statuses"] == {"observer": ["TUR"]}
    assert [a["id"] for a in result["agreements"]] == ["pact-art4", "tur-aze"]
    assert result["agreements"][0]["credibility_rationale"] == "test value"
    assert [d["id"] for d in result["disputes"]] == ["arm-aze"]


def test_map_colours_by_defence_guarantee(single):
    """Oracle: by hand — ARM and RUS are members of the defence organisation PACT (credibility 0.2); AZE and
    TUR guarantee each other bilaterally (0.6); GEO has neither."""
    states = {row["code"]: row for row in _result(single, "map")["states"]}
    assert states["ARM"]["defence"] == ["PACT"] and states["RUS"]["defence"] == ["PACT"]
    assert states["AZE"]["defence"] == [] and states["TUR"]["defence"] == []
    assert states["GEO"]["defence"] == [] and states["GEO"]["guarantors"] == 0
    assert states["ARM"]["max_guarantee"] == 0.2 and states["ARM"]["guarantors"] == 1
    assert states["ARM"]["memberships"] == {"PACT": "member", "FORUM": "member"}
    assert states["AZE"]["max_guarantee"] == 0.6


def test_network_nodes_and_edges(single):
    """Oracle: by hand — 5 states and 2 organisations; 6 membership ties, one bilateral guarantee, one dispute
    tie; every node has a position in the unit square."""
    result = _result(single, "network")
    kinds = [n["kind"] for n in result["nodes"]]
    assert kinds.count("state") == 5 and kinds.count("organisation") == 2
    edges = result["edges"]
    assert sum(e["kind"] == "membership" for e in edges) == 6
    assert [e["id"] for e in edges if e["kind"] == "agreement"] == ["tur-aze"]
    assert [(e["source"], e["target"]) for e in edges if e["kind"] == "dispute"] == [("s:ARM", "s:AZE")]
    assert all(0.0 <= n["x"] <= 1.0 and 0.0 <= n["y"] <= 1.0 for n in result["nodes"])
    assert result["metrics"]["states"] == 5 and result["metrics"]["organisations"] == 2


def test_findings_are_the_principle_checks(single):
    """Oracle: the report's findings are exactly what secarch.principles.run_checks returns for the same
    architecture, date and capabilities (the section only regroups them)."""
    from secarch.principles import run_checks
    from secarch.spec import load_architecture

    arch = load_architecture(SMALL)
    result = _result(single, "findings")
    regrouped = [f for p in result["principles"] for f in p["findings"]]
    from secarch.report.subject import Subject

    subject = Subject(arch, str(SMALL), arch.date, ReportOptions())
    hooks = {}
    if "security" in available_sections():  # its engine is installed: the checks get its hooks too
        from secarch.security import hooks as security_hooks

        hooks = {"zero_sum": security_hooks.zero_sum, "security": security_hooks.security}
    direct = run_checks(
        arch,
        arch.date,
        capabilities=subject.capabilities,
        negotiation=lambda a, s: subject.negotiation(),
        **hooks,
    )
    assert regrouped == [f.as_dict() for f in direct.findings]
    assert result["counts"]["high"] == sum(f.severity.name == "HIGH" for f in direct.findings)


def test_negotiation_runs_the_forum_among_present_actors(single):
    """Oracle: secarch.negotiation run directly on the bundled forum restricted to the architecture's actors;
    property: distances lie in [0, 1] and the farthest actor is the one with the largest distance."""
    from secarch.negotiation import negotiate
    from secarch.negotiation.forum import forum_for_snapshot, forum_to_spec, load_forum
    from secarch.spec import load_architecture

    arch = load_architecture(SMALL)
    snap = arch.at(arch.date)
    direct = negotiate(forum_to_spec(forum_for_snapshot(load_forum("rules-of-coexistence"), snap)))
    result = _result(single, "negotiation")
    assert result["evaluated"]
    assert {a["actor"] for a in result["actors"]} == set(direct.spec.actors)
    for issue, value in zip(direct.spec.issues, direct.outcome, strict=True):
        assert result["outcome"][issue] == pytest.approx(value, abs=0.01)
    distances = [a["distance"] for a in result["actors"]]
    assert all(0.0 <= d <= 1.0 for d in distances)
    assert result["actors"][0]["actor"] == result["consideration"]["farthest_actor"]


def test_summary_numbers_come_from_the_sections(single):
    """Property: every key number of the summary equals the count in the section it summarises."""
    numbers = _result(single, "summary")["numbers"]
    structures = _result(single, "structures")
    assert numbers["organisations"] == len(structures["organisations"])
    assert numbers["agreements"] == len(structures["agreements"])
    assert numbers["disputes"] == len(structures["disputes"]) == 1
    assert numbers["states"] == 5 and numbers["states_in_region"] == 4
    assert numbers["findings_high"] == _result(single, "findings")["counts"]["high"]
    text = " ".join(_result(single, "summary")["sentences"])
    assert "estimate" in text


def test_comparison_differences(pair):
    """Oracle: the variant file — ARM leaves PACT and GEO joins; the dispute is removed; a non-aggression pact
    is added; PACT's credibility goes from 0.2 to 0.4."""
    assert pair["kind"] == "comparison"
    diff = _section(pair, "structures")["differences"]
    pact = next(o for o in diff["organisations"] if o["id"] == "PACT")
    assert pact["by_architecture"]["small-variant"]["joined"] == ["GEO"]
    assert pact["by_architecture"]["small-variant"]["left"] == ["ARM"]
    assert pact["changed"]
    agreements = {a["id"]: a for a in diff["agreements"]}
    assert agreements["arm-aze-nonaggression"]["present"] == {"small": False, "small-variant": True}
    disputes = {d["id"]: d for d in diff["disputes"]}
    assert disputes["arm-aze"]["present"] == {"small": True, "small-variant": False}
    changes = _section(pair, "map")["differences"]["defence_changes"]
    assert changes == {
        "ARM": {"small": "PACT", "small-variant": "no defence organisation"},
        "GEO": {"small": "no defence organisation", "small-variant": "PACT"},
    }
    summary = _section(pair, "summary")["differences"]
    disputes_row = next(r for r in summary["numbers"] if r["key"] == "disputes")
    assert disputes_row["deltas"]["small-variant"] == -1 and disputes_row["changed"]
    network = _section(pair, "network")["differences"]
    assert set(network["shared_layout"]) >= {"s:ARM", "o:PACT", "s:GEO"}


def test_summary_lists_only_changes_a_reader_can_see(pair):
    """Property: each change the comparison summary lists reads differently before and after the arrow
    (with more decimals where two decimals would show the same number), and a difference too small to show
    is not listed as a change."""
    from secarch.report.sections.summary import NUMBER_LABELS, compare

    sentence = _section(pair, "summary")["differences"]["sentences"][0]
    for change in sentence.split(": ", 1)[1].rstrip(".").split("; "):
        before, after = change.rsplit(" ", 3)[1::2]
        assert before != after, change
    numbers = {"p_any_war": 1.0, "security_min": 0.0012, "disputes": 3}
    results = [
        {"numbers": numbers},
        {"numbers": {**numbers, "p_any_war": 1.0 - 1e-9, "security_min": 0.0008}},
    ]
    (text,) = compare(["a", "b"], results)["sentences"]
    assert NUMBER_LABELS["p_any_war"] not in text  # 1.00 → 1.00 is not a change anyone can see
    assert f"{NUMBER_LABELS['security_min']} 0.0012 → 0.0008" in text


def test_provenance_lists_every_bundled_dataset(single):
    """Property: every key of the bundled source registries (data/tables/sources_*.csv) and the map's shapes
    are cited, each with a citation."""
    import csv

    from secarch.data._paths import TABLES_DIR

    keys = set()
    for path in TABLES_DIR.glob("sources_*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            keys |= {row["key"] for row in csv.DictReader(handle)}
    cited = _result(single, "provenance")["bundled_sources"]
    assert {s["key"] for s in cited} == keys | {"natural-earth-world-atlas"}
    assert all(s["citation"] for s in cited)


def test_seed_and_options_are_recorded():
    """Property: the seed given is the seed recorded, in the report and in its provenance section."""
    report = build_report([SMALL], ReportOptions(seed=7, sections=("structures", "provenance")))
    assert report["seed"] == 7
    assert _result(report, "provenance")["seed"] == 7
    assert [s["id"] for s in report["sections"]] == ["structures", "provenance"]


def test_bad_requests_are_input_errors():
    """Property: unknown sections, duplicate architectures and missing files are InputErrors with a field."""
    with pytest.raises(InputError, match="unknown report section"):
        build_report([SMALL], ReportOptions(sections=("sumary",)))
    with pytest.raises(InputError, match="more than once"):
        build_report([SMALL, SMALL])
    with pytest.raises(InputError):
        build_report([HERE / "missing.yaml"])


def test_html_is_self_contained(pair):
    """Property: one page with inline style and script, a CSP that forbids external loads, and no reference to
    any external resource (no src/href to http, https or protocol-relative URLs)."""
    page = render_html(pair)
    assert page.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    for section_id in ("summary", "map", "network", "findings", "negotiation", "provenance"):
        assert f'id="sec-{section_id}"' in page
    assert page.count('<figure class="map"') == 2 and page.count('<figure class="network"') == 2


def test_markdown_has_every_section(pair):
    """Property: the Markdown has one heading per section and the membership-change table."""
    text = render_markdown(pair)
    for entry in pair["sections"]:
        assert f"## {entry['title']}" in text
    assert "| PACT |" in text


def test_cli_assess_and_compare(tmp_path):
    """The CLI writes the three files; compare with one architecture or a missing default is exit code 2."""
    from secarch.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["assess", str(SMALL), "--out", str(tmp_path / "a"), "--section", "structures"])
    assert stop.value.code in (0, None)
    assert {p.name for p in (tmp_path / "a").iterdir()} == {"report.html", "report.json", "report.md"}
    with pytest.raises(SystemExit) as stop:
        main(["compare", str(SMALL), "--out", str(tmp_path / "b")])
    assert stop.value.code == 2


def test_cli_compare_writes_comparison(tmp_path, capsys):
    from secarch.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["compare", str(SMALL), str(VARIANT), "--json", "--section", "structures"])
    assert stop.value.code in (0, None)
    payload = json.loads(capsys.readouterr().out)
    assert payload["kind"] == "comparison" and [a["name"] for a in payload["architectures"]] == [
        "small",
        "small-variant",
    ]


def test_cli_set_parameters(capsys):
    """Property: --set reaches the sections — a negotiation model and a check threshold are recorded and
    used; a malformed --set is an input error (exit 2)."""
    from secarch.cli import main

    with pytest.raises(SystemExit) as stop:
        main(
            [
                "assess",
                str(SMALL),
                "--json",
                "--section",
                "negotiation",
                "--section",
                "findings",
                "--set",
                "negotiation.model=nbs",
                "--set",
                "findings.guarantee_credibility.threshold=0.1",
            ]
        )
    assert stop.value.code in (0, None)
    payload = json.loads(capsys.readouterr().out)
    assert payload["options"]["parameters"] == {
        "negotiation": {"model": "nbs"},
        "findings": {"guarantee_credibility.threshold": 0.1},
    }
    negotiation = next(s for s in payload["sections"] if s["id"] == "negotiation")
    assert negotiation["by_architecture"]["small"]["model"] == "nbs"
    findings = next(s for s in payload["sections"] if s["id"] == "findings")["by_architecture"]["small"]
    credibility = next(p for p in findings["principles"] if p["name"] == "guarantee_credibility")
    # pact-art4 (0.2) is above a 0.1 threshold: the "below the threshold" finding of the default run is gone.
    assert not any("pact-art4 has credibility" in f["title"] for f in credibility["findings"])
    with pytest.raises(SystemExit) as stop:
        main(["assess", str(SMALL), "--json", "--set", "crisis-runs"])
    assert stop.value.code == 2


@pytest.mark.parametrize(
    ("setting", "field", "says"),
    [
        ("crisis.runs=0", "--set crisis.runs", "from 1 to 10,000,000"),
        ("crisis.runs=abc", "--set crisis.runs", "a whole number"),
        ("crisis.years=0.5", "--set crisis.years", "from 1 to 200"),
        ("crisis.bogus=1", "--set crisis.bogus", "crisis.runs, crisis.years"),
        ("crisis.run=5", "--set crisis.run", "did you mean crisis.runs?"),
        ("crisi.runs=5", "--set crisi", "did you mean crisis?"),
        ("security.foo=1", "--set security", "takes no parameters"),
        ("negotiation.model=foo", "--set negotiation.model", "one of smp, bdm, nbs"),
        ("negotiation.model=bmd", "--set negotiation.model", "did you mean bdm?"),
        ("negotiation.forum=no-such-forum", "--set negotiation.forum", "rules-of-coexistence"),
        ("findings.nosuchcheck.x=1", "--set findings.nosuchcheck.x", "secarch check --list"),
        ("findings.guarantee_credibility.treshold=0.3", "--set findings.guarantee_credibility.treshold",
         "did you mean findings.guarantee_credibility.threshold?"),
        ("findings.guarantee_credibility.threshold=2", "--set findings.guarantee_credibility.threshold",
         "between 0 and 1"),
    ],
)  # fmt: skip
def test_every_set_is_checked_before_anything_runs(capsys, setting, field, says):
    """Convention (docs/dev.md): a bad --set group, name or value is an input error with the field, what was
    expected and a hint — exit 2, never "internal error", never silently ignored. Oracle: the bounds of
    `secarch simulate` (1–10,000,000 runs, 1–200 years), the negotiation models (smp, bdm, nbs) and the
    check parameters of `secarch check --list`."""
    from secarch.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["assess", str(SMALL), "--json", "--set", setting])
    err = capsys.readouterr().err
    assert stop.value.code == 2, err
    assert f"field {field}" in err and says in err
    assert "internal error" not in err and "Traceback" not in err


def test_set_values_are_typed_and_recorded():
    """The API checks the parameters too, and records the typed values in the report's options."""
    report = build_report(
        [SMALL],
        ReportOptions(sections=("crisis",), parameters={"crisis": {"runs": "64", "years": 2.0}}),
    )
    assert report["options"]["parameters"] == {"crisis": {"runs": 64, "years": 2}}
    crisis = _result(report, "crisis")
    assert crisis["runs"] == 64 and len(crisis["years"]) == 2
    with pytest.raises(InputError, match=r"crisis\.runs"):
        build_report([SMALL], ReportOptions(parameters={"crisis": {"runs": -3}}))


def test_check_parameter_ranges_hold_the_defaults():
    """Property: the default of every check parameter (`secarch check --list`) lies in the range the
    findings section accepts for it, so the defaults can always be given back with --set."""
    from secarch.report.sections.findings import parameters

    for parameter in parameters():
        parameter.convert(parameter.default, "findings")  # raises InputError if out of range

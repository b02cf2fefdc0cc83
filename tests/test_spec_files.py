"""Architecture files: located errors for every kind of bad input, extends, round trip, schema, saving."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archfixtures import BASE, KNOWN
from secarch.errors import InputError
from secarch.spec import architecture_file_schema, dump_yaml, load_architecture, parse_yaml, save_text


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(path_or_name, text=None):
    with pytest.raises(InputError) as caught:
        load_architecture(path_or_name, text=text, known_states=KNOWN)
    return caught.value.problems[0]


# --- one test per kind of bad input (issue 2): file, line, column, field, expected, hint ---
# Oracle for the positions: the line and column of the edited text in archfixtures.BASE, counted by hand.


def assert_actionable(p):
    """Every problem says what was expected and gives a hint, both short and in words (no pydantic jargon)."""
    assert p.expected and p.hint, p
    for text in (p.message, p.expected, p.hint):
        assert "Input should" not in text and "pydantic" not in text and "\n" not in text, p
        assert len(text) < 300, p


def test_yaml_syntax_error(tmp_path):
    """Oracle: BASE with an unclosed bracket on line 7; the parser stops within a line or two of it."""
    path = write(tmp_path, "bad.yaml", BASE.replace("  name: Test region", "  name: [Test region"))
    p = only_problem(path)
    assert p.kind == "yaml_syntax"
    assert p.location.file == str(path)
    assert p.location.line is not None and 7 <= p.location.line <= 9
    assert p.location.column is not None
    assert_actionable(p)


def test_wrong_type(tmp_path):
    """Oracle: `credibility: high` is on line 35, its value at column 18; credibility is a number in
    [0, 1]."""
    path = write(tmp_path, "t.yaml", BASE.replace("credibility: 0.4", "credibility: high"))
    p = only_problem(path)
    assert (p.location.line, p.location.column, p.location.field) == (35, 18, "agreements[0].credibility")
    assert p.kind == "wrong_type"
    assert p.message == "invalid value 'high'"
    assert p.expected == "a number from 0 to 1"
    assert "write a number" in p.hint and "probability that the commitment is honoured" in p.hint
    assert_actionable(p)


# (edit of BASE, field, kind, text the expectation must contain, text the hint must contain)
BAD_VALUES = [
    pytest.param(
        ("credibility: 0.4", "credibility: 1.4"),
        "agreements[0].credibility",
        "less_than_equal",
        "a number from 0 to 1",
        "0 never, 1 always",
        id="credibility-above-1",
    ),
    pytest.param(
        ("credibility: 0.4", "credibility: -0.1"),
        "agreements[0].credibility",
        "greater_than_equal",
        "a number from 0 to 1",
        "probability",
        id="credibility-below-0",
    ),
    pytest.param(
        ("type: collective_defence", "type: colective_defence"),
        "agreements[0].type",
        "literal_error",
        "one of: collective_defence, mutual_assistance",
        "did you mean 'collective_defence'?",
        id="enum-misspelt",
    ),
    pytest.param(
        ("type: collective_defence", "type: Collective Defence"),
        "agreements[0].type",
        "literal_error",
        "one of: collective_defence",
        "write it as 'collective_defence'",
        id="enum-spelt-for-people",
    ),
    pytest.param(
        ("status: frozen", "status: banana"),
        "memberships[2].status",
        "literal_error",
        "one of: member, associate, observer",
        "write one of the listed values",
        id="enum-far-off",
    ),
    pytest.param(
        ("participants: [AAA, BBB, CCC, DDD]", "participants: KAZ"),
        "participants",
        "wrong_type",
        "a list",
        "`participants: [KAZ]`",
        id="string-for-list",
    ),
    pytest.param(
        ("side_b: [CCC]", "side_b: []"),
        "disputes[0].side_b",
        "too_short",
        "a list of at least 1 item",
        "`side_b: [",
        id="empty-side",
    ),
    pytest.param(
        ("date: 2020-06-30", "date: 2021-06-30"),
        "date",
        "date_outside_period",
        "a date from 2000-01-01 to 2020-12-31",
        "widen `period`",
        id="reference-date-outside-period",
    ),
    pytest.param(
        ("side_b: [CCC]", "side_b: [ccc]"),
        "disputes[0].side_b[0]",
        "string_pattern_mismatch",
        "three-letter ISO 3166-1 alpha-3 state code",
        "write it in capitals: CCC",
        id="state-code-in-lower-case",
    ),
    pytest.param(
        ("id: aaa-ccc", "id: aaa ccc"),
        "disputes[0].id",
        "string_pattern_mismatch",
        "(no spaces)",
        "'aaa-ccc'",
        id="id-with-a-space",
    ),
    pytest.param(
        ("name: tiny", "name: Tiny One"),
        "name",
        "string_pattern_mismatch",
        "lower-case letters",
        "'tiny-one'",
        id="name-pattern",
    ),
    pytest.param(
        ("source: test report", "source: ab"),
        "disputes[0].source",
        "string_too_short",
        "at least 3 characters",
        "dataset, treaty",
        id="source-too-short",
    ),
    pytest.param(
        ("states: [AAA, DDD]", "states: [AAA, DDD, BBB]"),
        "rivalries[0].states",
        "too_long",
        "exactly 2 items",
        "exactly two states",
        id="rivalry-of-three",
    ),
    pytest.param(
        ("states: [AAA, DDD]", "states: [AAA, AAA]"),
        "rivalries[0]",
        "rivalry_states",
        "two different state codes",
        "name the other state",
        id="rivalry-with-itself",
    ),
    pytest.param(
        ("side_b: [CCC]", "side_b: [CCC, AAA]"),
        "disputes[0]",
        "dispute_sides",
        "no state in common",
        "remove AAA from",
        id="state-on-both-sides",
    ),
    pytest.param(
        ("    parties: [DDD]\n    beneficiaries: [CCC]\n", "    parties: [DDD]\n"),
        "agreements[1]",
        "agreement_parties",
        "two or more `parties`",
        "`parties: [",
        id="agreement-without-parties",
    ),
    pytest.param(
        ("period: {start: 2000-01-01, end: 2020-12-31}", "period: {start: 2021-01-01, end: 2020-12-31}"),
        "period",
        "dates_order",
        "`end` on or after `start`",
        "swap",
        id="period-reversed",
    ),
    pytest.param(
        ("period: {start: 2000-01-01, end: 2020-12-31}", "period: [2000, 2020]"),
        "period",
        "wrong_type",
        "a mapping with the keys start, end",
        "period: {start: YYYY-MM-DD",
        id="list-for-mapping",
    ),
    pytest.param(
        ("title: Tiny test architecture", "title: [a, b]"),
        "title",
        "wrong_type",
        "text",
        "single text",
        id="list-for-text",
    ),
    pytest.param(
        ("title: Tiny test architecture", "title:"),
        "title",
        "wrong_type",
        "text",
        "the value is empty",
        id="empty-value",
    ),
    pytest.param(
        ("founded: 2001-01-01", "founded: 2001"),
        "organisations[0].founded",
        "invalid_date",
        "YYYY-MM-DD",
        "e.g. 2001-01-01",
        id="year-for-date",
    ),
    pytest.param(
        ('source: "test treaty"}', 'source: "test treaty", binding: "yes"}'),
        "organisations[0].mandate.defence_clause.binding",
        "wrong_type",
        "true or false",
        "without quotes",
        id="text-for-boolean",
    ),
    pytest.param(
        ("founded: 2001-01-01", "founded: 2001-01-01\n    dissolved: 2000-06-01"),
        "organisations[0].dissolved",
        "dates_order",
        "a `dissolved` date after `founded`",
        "check both dates",
        id="dissolved-before-founded",
    ),
]


@pytest.mark.parametrize(("edit", "field", "kind", "expected", "hint"), BAD_VALUES)
def test_every_kind_of_bad_value_says_what_was_expected_and_how_to_fix_it(
    tmp_path, edit, field, kind, expected, hint
):
    """Oracle: each edit of BASE breaks exactly one rule of docs/architecture-files.md; the problem is
    located on the edited line and names that rule (expected) and a fix (hint)."""
    old, new = edit
    assert BASE.count(old) == 1
    text = BASE.replace(old, new)
    path = write(tmp_path, "t.yaml", text)
    problems = _problems(path)
    assert len(problems) == 1, problems
    p = problems[0]
    assert (p.kind, p.location.field, p.location.file) == (kind, field, str(path))
    marker = [line for line in new.split("\n") if line.strip()][-1]
    assert text.count(marker) == 1
    edited_line = text[: text.index(marker)].count("\n") + 1
    assert p.location.line is not None and p.location.column is not None
    if kind not in ("rivalry_states", "dispute_sides", "agreement_parties"):  # these point at the element
        assert p.location.line == edited_line, p
    assert expected in p.expected, p.expected
    assert hint in p.hint, p.hint
    assert_actionable(p)


def test_json_output_has_expected_and_hint(tmp_path):
    """Oracle: the audit's case — `validate --json` on `credibility: high` gave `"hint": null`."""
    from clikit import run_cli_process

    path = write(tmp_path, "t.yaml", BASE.replace("credibility: 0.4", "credibility: high"))
    result = run_cli_process("validate", "--json", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (problem,) = json.loads(result.stdout)[0]["problems"]
    assert problem["expected"] == "a number from 0 to 1"
    assert problem["hint"] and "probability" in problem["hint"]


@pytest.mark.parametrize(
    "value", ["true", "false", '"0.5"', "'1'", "yes", "[0.5]", "{p: 0.5}", ".nan", ".inf", "high", "~"]
)
def test_credibility_must_be_written_as_a_number(tmp_path, value):
    """Oracle: the published JSON Schema (type number, 0..1), which refuses booleans, text, lists, mappings
    and non-finite numbers; before, pydantic's lax mode read `true` as 1.0 and "0.5" as 0.5."""
    path = write(tmp_path, "t.yaml", BASE.replace("credibility: 0.4", f"credibility: {value}"))
    p = only_problem(path)
    assert p.location.field == "agreements[0].credibility"
    assert p.kind == "wrong_type", p
    assert_actionable(p)


@pytest.mark.parametrize(("value", "read"), [("0", 0.0), ("1", 1.0), ("0.25", 0.25), ("1e-1", 0.1)])
def test_credibility_takes_integers_and_decimals(tmp_path, value, read):
    """Oracle: the JSON Schema's `number` takes integers too; 0 and 1 are the ends of the scale."""
    arch = load_architecture(
        write(tmp_path, "t.yaml", BASE.replace("credibility: 0.4", f"credibility: {value}")),
        known_states=KNOWN,
    )
    assert arch.agreements[0].credibility == read and isinstance(arch.agreements[0].credibility, float)


def test_missing_required_field(tmp_path):
    """Oracle: the agreement that lacks `type` starts on line 31 (BASE minus the removed line)."""
    path = write(
        tmp_path, "t.yaml", BASE.replace("    type: collective_defence\n    organisation", "    organisation")
    )
    p = only_problem(path)
    assert p.kind == "missing"
    assert p.location.field == "agreements[0].type"
    assert p.location.line == 31  # the agreement that lacks it
    assert p.expected.startswith("one of: collective_defence, mutual_assistance")
    assert p.hint == "add `type:` here, e.g. `type: collective_defence`"


@pytest.mark.parametrize(
    ("removed", "field", "expected"),
    [
        ("    name: Pact defence clause\n", "agreements[0].name", "text"),
        ("    issue: territory\n", "disputes[0].issue", "one of: territory, status, policy, regime"),
        ("    name: Test Pact\n", "organisations[0].name", "text (full name"),
        ("    source: test report\n", "disputes[0].source", "text of at least 3 characters"),
        ("    start: 2008-01-01\n", "disputes[0].start", "a date written YYYY-MM-DD"),
        (
            "participants: [AAA, BBB, CCC, DDD]\n",
            "participants",
            "a list of at least 1 item; each item a three",
        ),
    ],
)
def test_missing_field_without_description_says_what_it_takes(tmp_path, removed, field, expected):
    """Oracle: the field's declared type in secarch.model (str, a Literal, a constrained list, a date), read
    by hand; before, a field without a description gave no `expected` at all."""
    p = next(
        p for p in _problems(write(tmp_path, "t.yaml", BASE.replace(removed, ""))) if p.kind == "missing"
    )
    assert p.location.field == field
    assert p.expected.startswith(expected), p.expected
    assert p.hint.startswith(f"add `{field.rsplit('.', 1)[-1]}:` here")


def test_unknown_state_code(tmp_path):
    """Oracle: CCD is at line 51, column 14 of the edited BASE; CCC is one letter away."""
    path = write(tmp_path, "t.yaml", BASE.replace("side_b: [CCC]", "side_b: [CCD]"))
    p = only_problem(path)
    assert p.kind == "unknown_state"
    assert p.location.field == "disputes[0].side_b[0]"
    assert p.location.line == 51 and p.location.column == 14
    assert "did you mean" in (p.hint or "")
    assert_actionable(p)


def test_impossible_date(tmp_path):
    """Oracle: 30 February does not exist; the date is on line 55."""
    path = write(tmp_path, "t.yaml", BASE.replace("start: 2008-01-01", "start: 2008-02-30"))
    p = only_problem(path)
    assert p.kind == "invalid_date"
    assert p.location.field == "disputes[0].start"
    assert p.location.line == 55
    assert "YYYY-MM-DD" in (p.expected or "")
    assert "30 February" in p.hint
    assert_actionable(p)


def test_overlapping_spells(tmp_path):
    """Oracle: BBB's frozen spell (line 27) now starts in 2005, inside its member spell (2001-2010)."""
    path = write(tmp_path, "t.yaml", BASE.replace("frozen, start: 2010-01-01", "frozen, start: 2005-01-01"))
    p = only_problem(path)
    assert p.kind == "overlapping_spells"
    assert (p.location.file, p.location.line) == (str(path), 27)
    assert_actionable(p)


def test_missing_file(tmp_path):
    """Oracle: the file does not exist."""
    p = only_problem(tmp_path / "nowhere.yaml")
    assert p.kind == "missing_file"
    assert p.location.file.endswith("nowhere.yaml")
    assert_actionable(p)


def test_circular_extends(tmp_path):
    """Oracle: a.yaml extends b.yaml extends a.yaml, written on line 1 of each."""
    write(tmp_path, "a.yaml", "extends: b.yaml\ntitle: A\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\ntitle: B\n")
    p = only_problem(tmp_path / "a.yaml")
    assert p.kind == "circular_extends"
    assert "a.yaml -> b.yaml -> a.yaml" in p.message
    assert p.location.line == 1 and p.location.field == "extends"
    assert_actionable(p)


def test_unknown_key_with_did_you_mean(tmp_path):
    """Oracle: the misspelt key `credibilty` starts at line 43, column 5 (its value at column 17)."""
    path = write(tmp_path, "t.yaml", BASE.replace("    credibility: 0.7", "    credibilty: 0.7"))
    problems = _problems(path)
    unknown = [p for p in problems if p.kind == "unknown_key"]
    assert unknown, problems
    p = unknown[0]
    assert p.location.field == "agreements[1].credibilty"
    assert (p.location.line, p.location.column) == (43, 5)
    assert p.hint == "did you mean 'credibility'?"
    for problem in problems:
        assert_actionable(problem)


def test_unknown_key_in_a_flow_mapping_points_at_the_key(tmp_path):
    """Oracle: in `  - {organisation: PACT, stat: AAA, …}` on line 25 the key `stat` starts at column 26."""
    text = BASE.replace("{organisation: PACT, state: AAA,", "{organisation: PACT, stat: AAA,")
    p = next(p for p in _problems(write(tmp_path, "t.yaml", text)) if p.kind == "unknown_key")
    assert (p.location.line, p.location.column) == (25, 26)
    assert p.hint == "did you mean 'state'?"


def test_unknown_top_level_key(tmp_path):
    """Oracle: `participant` is one letter short of the field `participants`."""
    path = write(tmp_path, "t.yaml", BASE.replace("participants:", "participant:"))
    kinds = {(p.kind, p.hint) for p in _problems(path)}
    assert ("unknown_key", "did you mean 'participants'?") in kinds


def test_all_problems_reported_at_once(tmp_path):
    """Oracle: two independent consistency errors put in by hand; both are reported."""
    text = BASE.replace("credibility: 0.4", "credibility: 2").replace("side_b: [CCC]", "side_b: [QQQ]")
    text = text.replace("credibility: 2", "credibility: 0.2")  # keep structure valid, one consistency error
    text = text.replace("start: 2008-01-01", "start: 2008-01-01\n    end: 2007-01-01")
    kinds = sorted(p.kind for p in _problems(write(tmp_path, "t.yaml", text)))
    assert kinds == ["dates_order", "unknown_state"]


def _problems(path):
    with pytest.raises(InputError) as caught:
        load_architecture(path, known_states=KNOWN)
    return caught.value.problems


# --- extends ---


def test_extends_add_remove_modify(tmp_path):
    """Oracle: the child, applied by hand to BASE."""
    write(tmp_path, "base.yaml", BASE)
    child = write(
        tmp_path,
        "child.yaml",
        "extends: base.yaml\n"
        "name: child\n"
        "title: Child\n"
        "remove:\n"
        "  agreements: [ddd-guarantee]\n"
        "  memberships:\n"
        "    - {organisation: FORUM, state: CCC}\n"
        "modify:\n"
        "  agreements:\n"
        "    - {id: pact-art1, credibility: 0.9}\n"
        "add:\n"
        "  memberships:\n"
        "    - {organisation: FORUM, state: BBB, start: 2012-01-01, source: child assumption}\n",
    )
    arch = load_architecture(child, known_states=KNOWN)
    assert arch.name == "child" and arch.title == "Child"
    assert [a.id for a in arch.agreements] == ["pact-art1"]
    assert arch.agreements[0].credibility == 0.9
    assert arch.at(2015).members("FORUM") == ("AAA", "BBB")


def test_extends_errors_point_into_the_right_file(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    child = write(
        tmp_path,
        "child.yaml",
        "extends: base.yaml\nadd:\n  memberships:\n    - {organisation: FORUM, state: QQQ, "
        "start: 2012-01-01, "
        "source: typo}\nmodify:\n  agreements:\n    - {id: pact-art1, credibility: 3}\n",
    )
    problems = _problems(child)
    assert {p.location.file for p in problems} == {str(child)}
    by_field = {p.location.field: p for p in problems}
    assert by_field["agreements[0].credibility"].location.line == 7
    with pytest.raises(InputError) as caught:
        load_architecture(write(tmp_path, "c2.yaml", "extends: base.yaml\nremove:\n  agreements: [nope]\n"))
    p = caught.value.problems[0]
    assert p.kind == "unknown_id" and p.location.line == 3


@pytest.mark.parametrize(
    ("entry", "field", "kind", "hint"),
    [
        ("{organisation: PACT}", "remove.memberships[0].state", "missing", "add `state:` here"),
        ("5", "remove.memberships[0]", "membership_removal", "write the membership's key as text"),
        (
            "PACT AAA",
            "remove.memberships[0]",
            "string_pattern_mismatch",
            "write the membership's key as text",
        ),
    ],
)
def test_a_bad_membership_removal_says_what_a_removal_entry_is(tmp_path, entry, field, kind, hint):
    """Oracle: docs/architecture-files.md — `remove: memberships:` takes a key ORGANISATION:STATE:START or
    {organisation, state[, status][, start]}; before, the field read
    `remove.memberships[0].constrained-str`."""
    write(tmp_path, "base.yaml", BASE)
    child = write(tmp_path, "c.yaml", f"extends: base.yaml\nremove:\n  memberships:\n    - {entry}\n")
    p = only_problem(child)
    assert (p.kind, p.location.field, p.location.line, p.location.column) == (kind, field, 4, 7)
    assert "constrained" not in str(p.location) and "Selector" not in str(p.location)
    assert "ORGANISATION:STATE:START" in p.expected and "{organisation, state" in p.expected
    assert p.hint.startswith(hint)
    assert_actionable(p)


def test_a_membership_removal_by_key_or_selector_works(tmp_path):
    """Oracle: BASE by hand — BBB's two PACT spells go with the selector, FORUM:CCC:2000-01-01 with its
    key."""
    write(tmp_path, "base.yaml", BASE)
    child = write(
        tmp_path,
        "c.yaml",
        "extends: base.yaml\nremove:\n  memberships:\n    - {organisation: PACT, state: BBB}\n"
        "    - FORUM:CCC:2000-01-01\n",
    )
    arch = load_architecture(child, known_states=KNOWN)
    assert [m.key for m in arch.memberships] == ["PACT:AAA:2001-01-01", "FORUM:AAA:2000-01-01"]


def test_extends_missing_parent(tmp_path):
    p = only_problem(write(tmp_path, "c.yaml", "extends: missing.yaml\n"))
    assert p.kind == "missing_file" and p.location.field == "extends" and p.location.line == 1


def test_removing_an_organisation_removes_its_memberships_and_clause(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    child = write(tmp_path, "c.yaml", "extends: base.yaml\nremove:\n  organisations: [PACT]\n")
    arch = load_architecture(child, known_states=KNOWN)
    assert [o.id for o in arch.organisations] == ["FORUM"]
    assert all(m.organisation == "FORUM" for m in arch.memberships)
    assert [a.id for a in arch.agreements] == ["ddd-guarantee"]


# --- round trip, saving, schema ---


def test_round_trip_keeps_comments_order_and_dates():
    assert dump_yaml(parse_yaml(BASE, "t.yaml")) == BASE


def test_failed_save_leaves_the_file_untouched(tmp_path):
    path = write(tmp_path, "t.yaml", BASE)
    with pytest.raises(InputError):
        save_text(path, BASE.replace("credibility: 0.4", "credibility: 7"))
    assert path.read_text(encoding="utf-8") == BASE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.yaml"]  # no temporary file left behind


def test_schema_accepts_valid_files_and_rejects_broken_ones():
    """Oracle: the jsonschema reference validator applied to the generated schema."""
    jsonschema = pytest.importorskip("jsonschema")
    from secarch.spec.yamlio import to_plain

    schema = architecture_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    good = to_plain(parse_yaml(BASE, "t"))
    assert not list(validator.iter_errors(good))
    assert not list(validator.iter_errors({"extends": "today", "add": {"participants": ["AAA"]}}))
    bad = dict(good, period={"start": "2000-01-01"})
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors(dict(good, colour="red")))

"""Architecture files: located errors for every kind of bad input, extends, round trip, schema, saving."""

from __future__ import annotations

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


def test_yaml_syntax_error(tmp_path):
    path = write(tmp_path, "bad.yaml", BASE.replace("  name: Test region", "  name: [Test region"))
    p = only_problem(path)
    assert p.kind == "yaml_syntax"
    assert p.location.file == str(path)
    assert p.location.line is not None and 7 <= p.location.line <= 9
    assert p.location.column is not None
    assert p.expected and p.hint


def test_wrong_type(tmp_path):
    path = write(tmp_path, "t.yaml", BASE.replace("credibility: 0.4", "credibility: high"))
    p = only_problem(path)
    assert (p.location.line, p.location.column, p.location.field) == (35, 18, "agreements[0].credibility")
    assert "number" in (p.expected or "")
    assert p.message == "invalid value 'high'"


def test_missing_required_field(tmp_path):
    path = write(
        tmp_path, "t.yaml", BASE.replace("    type: collective_defence\n    organisation", "    organisation")
    )
    p = only_problem(path)
    assert p.kind == "missing"
    assert p.location.field == "agreements[0].type"
    assert p.location.line == 31  # the agreement that lacks it
    assert p.hint == "add `type:` here"


def test_unknown_state_code(tmp_path):
    path = write(tmp_path, "t.yaml", BASE.replace("side_b: [CCC]", "side_b: [CCD]"))
    p = only_problem(path)
    assert p.kind == "unknown_state"
    assert p.location.field == "disputes[0].side_b[0]"
    assert p.location.line == 51 and p.location.column == 14
    assert "did you mean" in (p.hint or "")


def test_impossible_date(tmp_path):
    path = write(tmp_path, "t.yaml", BASE.replace("start: 2008-01-01", "start: 2008-02-30"))
    p = only_problem(path)
    assert p.kind == "invalid_date"
    assert p.location.field == "disputes[0].start"
    assert p.location.line == 55
    assert "YYYY-MM-DD" in (p.expected or "")


def test_overlapping_spells(tmp_path):
    path = write(tmp_path, "t.yaml", BASE.replace("frozen, start: 2010-01-01", "frozen, start: 2005-01-01"))
    p = only_problem(path)
    assert p.kind == "overlapping_spells"
    assert (p.location.file, p.location.line) == (str(path), 27)
    assert p.hint


def test_missing_file(tmp_path):
    p = only_problem(tmp_path / "nowhere.yaml")
    assert p.kind == "missing_file"
    assert p.location.file.endswith("nowhere.yaml")
    assert p.hint


def test_circular_extends(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\ntitle: A\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\ntitle: B\n")
    p = only_problem(tmp_path / "a.yaml")
    assert p.kind == "circular_extends"
    assert "a.yaml -> b.yaml -> a.yaml" in p.message
    assert p.location.line == 1 and p.location.field == "extends"


def test_unknown_key_with_did_you_mean(tmp_path):
    path = write(tmp_path, "t.yaml", BASE.replace("    credibility: 0.7", "    credibilty: 0.7"))
    problems = _problems(path)
    unknown = [p for p in problems if p.kind == "unknown_key"]
    assert unknown, problems
    p = unknown[0]
    assert p.location.field == "agreements[1].credibilty"
    assert p.location.line == 43
    assert p.hint == "did you mean 'credibility'?"


def test_unknown_top_level_key(tmp_path):
    path = write(tmp_path, "t.yaml", BASE.replace("participants:", "participant:"))
    kinds = {(p.kind, p.hint) for p in _problems(path)}
    assert ("unknown_key", "did you mean 'participants'?") in kinds


def test_all_problems_reported_at_once(tmp_path):
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

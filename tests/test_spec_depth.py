"""Nesting depth: a YAML document whose lists and mappings nest deeper than ``MAX_DEPTH`` is refused with a
located InputError before anything recurses over it (ruamel.yaml's composer recurses in Python, libyaml's in
C, where a few hundred kilobytes of ``[[[[`` used to crash the process).

Oracles: the line and column where the test's text opens the level beyond the limit (computed from the
text the test builds); the exit code 2 and the message of the command line; and a property (hypothesis):
whatever mix of brackets and indentation, a document deeper than the limit gives exactly this error, one
within it never does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clikit import run_cli_process
from secarch.errors import InputError
from secarch.spec import load_architecture
from secarch.spec.yamlio import MAX_DEPTH, fast_parse, nesting_depth, parse_yaml, to_plain

HEAD = "name: deep\ntitle: Deep\n"


def flow(count: int, opener: str = "[") -> str:
    """``notes:`` followed by ``count`` flow lists (or mappings) opened on line 3; with the top-level
    mapping, ``count + 1`` levels."""
    if opener == "{":
        return HEAD + "notes: " + "{a: " * count + "1" + "}" * count + "\n"
    return HEAD + "notes: " + "[" * count + "x" + "]" * count + "\n"


def block(levels: int) -> str:
    """``levels`` block mappings nested by indentation (the top-level one included): level L begins on
    line L + 2, at column 2 L - 1."""
    lines = [HEAD.rstrip("\n")]
    lines += ["  " * level + "k:" for level in range(levels - 1)]
    lines.append("  " * (levels - 1) + "k: leaf")
    return "\n".join(lines) + "\n"


def expected_position(text: str) -> tuple[int, int]:
    """Line and column (1-based) of the bracket that opens level ``MAX_DEPTH + 1`` (the top-level mapping
    being level 1)."""
    level = 0
    for number, line in enumerate(text.splitlines(), 1):
        for column, char in enumerate(line, 1):
            if char in "[{":
                level += 1
                if level == MAX_DEPTH:  # the top-level mapping is level 1
                    return number, column
    raise AssertionError("the text is not that deep")


def assert_too_deep(error: InputError, line: int | None = None, column: int | None = None) -> None:
    problem = error.problems[0]
    assert problem.kind == "too_deep"
    assert f"nesting deeper than {MAX_DEPTH} levels" in problem.message
    assert problem.hint and problem.expected
    if line is not None:
        assert (problem.location.line, problem.location.column) == (line, column)


@pytest.mark.parametrize("depth", [MAX_DEPTH, MAX_DEPTH + 1, 400, 900, 5_000, 100_000, 400_000])
@pytest.mark.parametrize("opener", ["[", "{"])
def test_flow_nesting_is_refused_at_the_limit(depth: int, opener: str) -> None:
    """Oracle: the position of the bracket that opens level MAX_DEPTH + 1 (the test's own count); a file
    exactly MAX_DEPTH deep is not refused for its depth."""
    text = flow(depth - 1, opener)
    with pytest.raises(InputError) as caught:
        load_architecture("deep.yaml", text=text)
    if depth <= MAX_DEPTH:
        assert all(p.kind != "too_deep" for p in caught.value.problems)
        assert nesting_depth(text) == depth
    else:
        assert_too_deep(caught.value, *expected_position(text))
        assert caught.value.problems[0].location.file == "deep.yaml"
        assert fast_parse(text) is None  # libyaml's composer never sees it


def test_block_nesting_is_refused() -> None:
    """Oracle: where the first mapping beyond the limit begins (nested by indentation, no brackets): line
    MAX_DEPTH + 3, column 2 MAX_DEPTH + 1 (see :func:`block`)."""
    with pytest.raises(InputError) as caught:
        load_architecture("deep.yaml", text=block(MAX_DEPTH))
    assert all(p.kind != "too_deep" for p in caught.value.problems)
    with pytest.raises(InputError) as caught:
        load_architecture("deep.yaml", text=block(MAX_DEPTH + 5))
    assert_too_deep(caught.value, MAX_DEPTH + 3, 2 * MAX_DEPTH + 1)


def test_aliases_count_towards_the_depth() -> None:
    """Oracle: a chain of aliases, each one list deeper than the one before: the alias that makes level
    MAX_DEPTH + 1 is on line MAX_DEPTH (the top-level mapping is level 1, `x0`'s list level 2)."""
    lines = ["x0: &a0 [1]"] + [f"x{i}: &a{i} [*a{i - 1}]" for i in range(1, MAX_DEPTH + 20)]
    text = "\n".join(lines) + "\n"
    assert nesting_depth(text) == MAX_DEPTH + 1
    with pytest.raises(InputError) as caught:
        load_architecture("deep.yaml", text=text)
    assert_too_deep(caught.value)
    assert caught.value.problems[0].location.line == MAX_DEPTH


def test_each_reader_stops_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Property: without libyaml's quick check, ruamel.yaml's composer stops at the limit itself (located),
    and converting a round-trip document deeper than the limit (possible only through aliases) is refused
    too, instead of recursing until the stack gives out."""
    from secarch.spec import yamlio

    monkeypatch.setattr(yamlio, "_refuse_deep", lambda text, file: None)
    text = flow(2_000)
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "deep.yaml")
    assert_too_deep(caught.value, *expected_position(text))

    nested: list[object] = []
    for _ in range(MAX_DEPTH + 10):
        nested = [nested]
    with pytest.raises(InputError) as caught:
        to_plain({"notes": nested}, "deep.yaml")
    assert_too_deep(caught.value)
    assert caught.value.problems[0].location.field == "notes"


def test_bundled_architectures_are_far_from_the_limit() -> None:
    """Oracle: the bundled files themselves; the limit must leave them (and files like them) alone."""
    from secarch.spec import bundled_names, bundled_path

    for name in bundled_names():
        path = bundled_path(name)
        assert path is not None
        assert nesting_depth(path.read_text(encoding="utf-8")) <= 10, name


@pytest.mark.parametrize("depth", [400, 900, 100_000])
def test_cli_validate_reports_the_depth(tmp_path: Path, depth: int) -> None:
    """Oracle: the CLI's contract for bad input (exit code 2, the located message on standard error, no
    traceback). In a fresh process, so that a crash of the YAML library could not take the tests down."""
    path = tmp_path / "deep.yaml"
    text = flow(depth)
    path.write_text(text, encoding="utf-8")
    result = run_cli_process("validate", str(path))
    line, column = expected_position(text)
    assert result.returncode == 2, result.stderr[-2000:]
    assert f"deep.yaml:{line}:{column}" in result.stderr
    assert f"nesting deeper than {MAX_DEPTH} levels" in result.stderr
    assert "Traceback" not in result.stderr


@st.composite
def nested_text(draw: st.DrawFn) -> tuple[str, int]:
    """A document nested by block mappings (indentation), then by a random mix of flow lists and mappings,
    with its depth: the top-level mapping, one level per block mapping, one per flow collection."""
    blocks = draw(st.integers(0, MAX_DEPTH + 30))
    flows = draw(st.lists(st.sampled_from("[{"), max_size=MAX_DEPTH + 30))
    lines = [HEAD.rstrip("\n")]
    key = "notes"
    for index in range(blocks):
        lines.append("  " * index + f"{key}:")
        key = "k"
    opened = "".join("[" if kind == "[" else "{a: " for kind in flows)
    closed = "".join("]" if kind == "[" else "}" for kind in reversed(flows))
    lines.append("  " * blocks + f"{key}: {opened}x{closed}")
    return "\n".join(lines) + "\n", 1 + blocks + len(flows)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(nested_text())
def test_depth_property(case: tuple[str, int]) -> None:
    """Property: the error is `too_deep` exactly when the depth passes the limit; never a RecursionError."""
    text, depth = case
    assert nesting_depth(text) == min(depth, MAX_DEPTH + 1)
    try:
        load_architecture("deep.yaml", text=text)
    except InputError as error:
        assert any(p.kind == "too_deep" for p in error.problems) == (depth > MAX_DEPTH)
    else:
        raise AssertionError("a file of only `notes` cannot be a valid architecture")

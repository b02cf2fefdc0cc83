"""Fuzzing the architecture loader: whatever the user's file looks like, the only error is InputError.

Oracle: a property. Mutations of a valid file (character edits, line shuffles, value swaps, truncation)
either load or raise :class:`secarch.errors.InputError` with at least one located problem.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archfixtures import BASE, KNOWN
from secarch.errors import InputError
from secarch.spec import load_architecture

LINES = BASE.splitlines(keepends=True)
SNIPPETS = [
    "",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "#",
    "\t",
    "  ",
    "null",
    "2020-13-45",
    "-1",
    "1e999",
    "AAA",
    "ZZZ",
    "&a",
    "*a",
    "!!python/object:os.system",
    "~",
    "true",
    "id: x",
    "\n",
    "end: 1999-01-01",
]


def _check(text: str) -> None:
    try:
        load_architecture("fuzz.yaml", text=text, known_states=KNOWN)
    except InputError as error:
        assert error.problems
        for p in error.problems:
            # Every problem says where (this file), what was expected and what to do (issue 2).
            assert p.message and p.expected and p.hint, p
            assert p.location.file == "fuzz.yaml", p
            assert "Input should" not in p.format(), p


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_character_edits(data):
    text = BASE
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        length = data.draw(st.integers(0, 6))
        insert = data.draw(st.sampled_from(SNIPPETS) | st.text(max_size=4))
        text = text[:position] + insert + text[position + length :]
    _check(text)


@settings(max_examples=150, deadline=None)
@given(st.permutations(range(len(LINES))), st.integers(0, len(LINES)))
def test_line_shuffles_and_truncation(order, keep):
    _check("".join(LINES[i] for i in order[:keep]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(SNIPPETS)), min_size=1, max_size=3))
def test_value_replacements(edits):
    lines = list(LINES)
    for index, value in edits:
        head, sep, _ = lines[index].partition(": ")
        lines[index] = f"{head}{sep}{value}\n" if sep else f"{value}\n"
    _check("".join(lines))


VALUES = st.one_of(
    st.sampled_from(
        ["true", "false", "yes", "~", "", "[]", "{}", "[AAA]", "{a: 1}", '"0.5"', "'x'", "0", "1", "-1"]
    ),
    st.sampled_from(["1.5", "2020", "2020-02-30", "2020-1-1", "AAA", "aaa", "A B", "high", "x" * 130]),
    st.integers(-5, 3000).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), VALUES), min_size=1, max_size=3))
def test_every_wrong_value_is_located_with_expected_and_hint(edits):
    """Oracle: a property — whatever well-formed YAML value replaces any value of BASE, every problem carries
    the file, a line and column, the field, what was expected and a hint."""
    lines = list(LINES)
    for index, value in edits:
        head, sep, _ = lines[index].rstrip("\n").partition(": ")
        if sep and not head.lstrip().startswith(("-", "#")) and "{" not in head:
            lines[index] = f"{head}: {value}\n"
    text = "".join(lines)
    try:
        load_architecture("fuzz.yaml", text=text, known_states=KNOWN)
    except InputError as error:
        for p in error.problems:
            assert p.message and p.expected and p.hint, p
            assert p.location.line is not None and p.location.column is not None, p
            assert p.location.field or p.kind == "yaml_syntax", p


def test_alias_bomb_is_refused():
    """Oracle: a property — nine levels of nine-fold aliases (9**9 values) are refused, not expanded."""
    levels = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for i in range(8):
        name, previous = chr(98 + i), chr(97 + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    try:
        load_architecture("bomb.yaml", text="\n".join(levels) + "\n", known_states=KNOWN)
    except InputError as error:
        assert error.problems[0].kind == "too_large"
    else:
        raise AssertionError("the alias bomb was accepted")


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_quick_and_located_readers_agree(data):
    """Oracle: the round-trip reader (ruamel.yaml). Whenever the quick libyaml reader accepts a text, it must
    read exactly what the located reader reads (YAML 1.2 core scalars, dates as text)."""
    from secarch.spec.yamlio import fast_parse, parse_yaml, to_plain

    scalar = data.draw(
        st.sampled_from(
            [
                "yes",
                "no",
                "on",
                "off",
                "true",
                "False",
                "null",
                "~",
                "0o17",
                "0x1f",
                "017",
                "1e3",
                "1.5",
                ".5",
                "-.inf",
                ".nan",
                "2020-02-30",
                "2020-1-2",
                "1:20",
                "+1",
                "1_000",
                "Y",
                "n",
            ]
        )
        | st.text(alphabet="0123456789.-+eE:_xo", max_size=6)
    )
    text = f"key: {scalar}\nlist: [{scalar}, a]\n"
    quick = fast_parse(text)
    if quick is None:
        return
    try:
        located = to_plain(parse_yaml(text, "t"))
    except InputError:
        raise AssertionError(f"quick reader accepted what the located reader refuses: {text!r}") from None
    assert repr(quick) == repr(located)


def test_bundled_files_read_the_same_both_ways():
    """Oracle: the round-trip reader, on every bundled architecture file."""
    from secarch.spec import bundled_names, bundled_path
    from secarch.spec.yamlio import fast_parse, parse_yaml, to_plain

    for name in bundled_names():
        text = bundled_path(name).read_text(encoding="utf-8")
        assert fast_parse(text) == to_plain(parse_yaml(text, name)), name

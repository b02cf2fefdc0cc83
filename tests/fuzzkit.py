"""Hypothesis strategies shared by the fuzz tests of the file parsers."""

from __future__ import annotations

from hypothesis import strategies as st


def edited_text(text: str, alphabet: str, max_edits: int) -> st.SearchStrategy[str]:
    """``text`` with 1 to ``max_edits`` characters of ``alphabet`` inserted or written over, one at a time at
    drawn positions (a valid file slightly broken, so that the parser gets past its first checks)."""

    def apply(edits: list[tuple[int, str, bool]]) -> str:
        chars = list(text)
        for position, char, insert in edits:
            position = min(position, len(chars) - 1)
            if insert:
                chars.insert(position, char)
            else:
                chars[position] = char
        return "".join(chars)

    edit = st.tuples(st.integers(0, len(text) - 1), st.sampled_from(list(alphabet)), st.booleans())
    return st.lists(edit, min_size=1, max_size=max_edits).map(apply)

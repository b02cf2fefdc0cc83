"""Sentences with their character spans, and *templates*: a sentence in which every linked mention and every
number word is replaced by a placeholder, so that claim patterns can be written over placeholders
(``⟦O0⟧ has 32 members``) while every match still maps back to the characters of the original text.

Sentence splitting is rule-based: a sentence ends at ``.``, ``!`` or ``?`` followed by white space and an
upper-case letter, digit, quote or bullet, unless the word before the full stop is a known abbreviation
(``U.S.``, ``Art.``, ``Mr.``, ``No.``, month abbreviations); a blank line or a bulleted line always starts a
new sentence.

>>> [s.text for s in split_sentences("NATO has 32 members. The U.S. joined in 1949.")]
['NATO has 32 members.', 'The U.S. joined in 1949.']
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

#: words that end with a full stop without ending the sentence (compared without the full stop)
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "U.S", "U.K", "U.N", "E.U", "U.S.A", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Nos", "Art",
        "Arts", "para", "Para", "cf", "e.g", "i.e", "etc", "vs", "approx", "Gen", "Col", "Lt", "Sen", "Rep",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Ltd",
        "Co", "Corp", "Fig", "Vol", "pp", "p",
    }
)  # fmt: skip

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[A-Z0-9#•\-–—*])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*•–—]|\d+[.)])\s)")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its position in the text (0-based index, character span) and its text."""

    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with spans; ``text[s.start:s.end] == s.text`` for every sentence."""
    cuts: set[int] = {0, len(text)}
    for match in _PARAGRAPH_BREAK.finditer(text):
        cuts.add(match.start())
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"(\S+?)[.!?]*$", text[max(0, match.start() - 12) : match.start() + 1])
        before = word.group(1) if word else ""
        before = before.rsplit(" ", 1)[-1].lstrip("(\"'“‘")
        if match.group(0).startswith(".") and (before in ABBREVIATIONS or _is_initial(before)):
            continue
        cuts.add(match.end())
    sentences: list[Sentence] = []
    ordered = sorted(cuts)
    for start, end in itertools.pairwise(ordered):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            sentences.append(Sentence(len(sentences), start + lead, start + trail, piece[lead:trail]))
    return sentences


def _is_initial(word: str) -> bool:
    # A single capital letter before a full stop is an initial ("J. Stoltenberg"), not a sentence end.
    return len(word) == 1 and word.isupper()


@dataclass(frozen=True)
class Replacement:
    """A stretch of a sentence (absolute character span) shown as ``placeholder`` in the template."""

    start: int
    end: int
    placeholder: str


class Template:
    """A sentence with replacements applied, keeping a map from template positions to text positions.

    >>> t = Template("NATO has thirty-two members.", 0, [Replacement(0, 4, "⟦O0⟧"), Replacement(9, 19, "32")])
    >>> t.text
    '⟦O0⟧ has 32 members.'
    >>> t.span(0, len(t.text))
    (0, 28)
    """

    def __init__(self, sentence: str, offset: int, replacements: list[Replacement]) -> None:
        pieces: list[str] = []
        starts: list[int] = []  # text position of each template character
        ends: list[int] = []  # text position just after each template character
        cursor = offset
        for rep in sorted(replacements, key=lambda r: r.start):
            if rep.start < cursor:  # overlapping replacement: the earlier one wins
                continue
            for k in range(cursor, rep.start):
                pieces.append(sentence[k - offset])
                starts.append(k)
                ends.append(k + 1)
            pieces.append(rep.placeholder)
            starts.extend([rep.start] * len(rep.placeholder))
            ends.extend([rep.end] * len(rep.placeholder))
            cursor = rep.end
        for k in range(cursor, offset + len(sentence)):
            pieces.append(sentence[k - offset])
            starts.append(k)
            ends.append(k + 1)
        self.text = "".join(pieces)
        self._starts = starts
        self._ends = ends
        self._offset = offset

    def position(self, offset: int) -> int:
        """The template position of the first character at or after text position ``offset``.

        >>> t = Template("NATO has thirty-two members.", 0, [Replacement(9, 19, "32")])
        >>> t.text[t.position(20):]
        'members.'
        """
        return bisect.bisect_left(self._starts, offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text span of template span ``[start, end)``."""
        if end <= start or not self._starts:
            position = self._starts[start] if start < len(self._starts) else self._offset
            return position, position
        return self._starts[start], self._ends[end - 1]

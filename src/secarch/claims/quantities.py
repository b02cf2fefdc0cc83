"""Numbers, counts and dates as they are written in English statements.

* :func:`number_words` finds number words ("sixteen", "thirty-two", "a dozen") so that the template shows
  them as digits.
* :class:`Count` is a number with its qualifier ("more than 30", "nearly 20") and :meth:`Count.admits`
  says whether a value from the data agrees with it.
* :func:`find_dates` finds dates ("12 March 1999", "March 1999", "1999", "2024-07-04") and the relative
  words that refer to the statement's own date ("now", "today", "currently").

A date is a :class:`DateRef`: the first and the last day it can mean, at its precision (a year means any
day of that year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip

_NUMBER_WORD = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_TENS) + r")(?:[- ](?P<unit>" + "|".join(k for k in _UNITS if _UNITS[k])
    + r"))?|(?P<single>" + "|".join(_UNITS) + r")|(?P<dozen>a dozen))\b",
    re.IGNORECASE,
)  # fmt: skip


def number_words(text: str) -> list[tuple[int, int, int]]:
    """Spans and values of the number words in ``text``.

    >>> number_words("from sixteen to thirty-two members")
    [(5, 12, 16), (16, 26, 32)]
    """
    found = []
    for match in _NUMBER_WORD.finditer(text):
        if match.group("tens"):
            value = _TENS[match.group("tens").lower()]
            if match.group("unit"):
                value += _UNITS[match.group("unit").lower()]
        elif match.group("single"):
            value = _UNITS[match.group("single").lower()]
        else:
            value = 12
        found.append((match.start(), match.end(), value))
    return found


Qualifier = Literal["exactly", "more_than", "at_least", "fewer_than", "at_most", "about", "nearly"]

#: how qualifier words map to :data:`Qualifier`
QUALIFIER_WORDS: dict[str, Qualifier] = {
    "more than": "more_than", "over": "more_than", "above": "more_than", "upwards of": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than", "below": "fewer_than",
    "at most": "at_most", "up to": "at_most", "no more than": "at_most",
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "exactly": "exactly", "precisely": "exactly",
}  # fmt: skip

QUALIFIER_PATTERN = "|".join(sorted((re.escape(w) for w in QUALIFIER_WORDS), key=len, reverse=True))
"""Regex alternation of the qualifier words, longest first."""

APPROXIMATION = 0.1
"""Relative tolerance of "about N" and "nearly N": ``max(1, round(0.1 N))``. A convention of this module
(ten per cent is the usual reading of "about" for small counts), stated beside every verdict it affects."""


@dataclass(frozen=True)
class Count:
    """A claimed number with its qualifier.

    >>> Count(30, "more_than").admits(32), Count(30, "nearly").admits(30), Count(20, "about").admits(22)
    (True, False, True)
    """

    value: int
    qualifier: Qualifier = "exactly"

    @property
    def tolerance(self) -> int:
        return max(1, round(APPROXIMATION * self.value))

    def admits(self, observed: int) -> bool:
        """Whether ``observed`` agrees with the claimed count."""
        n = self.value
        match self.qualifier:
            case "exactly":
                return observed == n
            case "more_than":
                return observed > n
            case "at_least":
                return observed >= n
            case "fewer_than":
                return observed < n
            case "at_most":
                return observed <= n
            case "about":
                return abs(observed - n) <= self.tolerance
            case "nearly":
                return n - self.tolerance <= observed < n
        return False  # pragma: no cover - every qualifier is handled above

    def describe(self) -> str:
        words = {
            "exactly": "",
            "more_than": "more than ",
            "at_least": "at least ",
            "fewer_than": "fewer than ",
            "at_most": "at most ",
            "about": "about ",
            "nearly": "nearly ",
        }
        return f"{words[self.qualifier]}{self.value}"

    def as_dict(self) -> dict[str, object]:
        return {"value": self.value, "qualifier": self.qualifier}


def parse_qualifier(words: str | None) -> Qualifier:
    """The :data:`Qualifier` of a qualifier phrase (None or unknown: ``exactly``)."""
    if not words:
        return "exactly"
    return QUALIFIER_WORDS.get(" ".join(words.lower().split()), "exactly")


Precision = Literal["day", "month", "year", "now"]


@dataclass(frozen=True)
class DateRef:
    """A date as written: the first and last day it can mean, its precision and its span in the text.

    ``now`` is a relative reference to the statement's own date; its ``first``/``last`` are filled in
    by :meth:`resolve` with the as-of date.
    """

    text: str
    start: int
    end: int
    precision: Precision
    first: dt.date | None
    last: dt.date | None

    def resolve(self, as_of: dt.date) -> tuple[dt.date, dt.date]:
        """The interval this reference means, reading ``now`` as ``as_of``."""
        if self.precision == "now" or self.first is None or self.last is None:
            return as_of, as_of
        return self.first, self.last

    def describe(self) -> str:
        if self.precision == "now":
            return f"“{self.text}” (the statement's date)"
        if self.precision == "day" and self.first is not None:
            return self.first.isoformat()
        if self.precision == "month" and self.first is not None:
            return self.first.strftime("%B %Y")
        return str(self.first.year) if self.first is not None else self.text

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

#: named date patterns, most precise first; each names its groups
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso_date", re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b")),
    ("day_month_year", re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE
    )),
    ("month_day_year", re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b", re.IGNORECASE
    )),
    ("month_year", re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b", re.IGNORECASE)),
    ("year", re.compile(
        r"(?<![\d.,/-])\b" + _YEAR + r"\b(?![\d/]|-\d|\s*(?:members|states|countries|km)\b)"
    )),
    ("now", re.compile(r"\b(?:now|today|currently|at present|presently|at the moment|these days|"
                       r"as of today|to date|so far)\b", re.IGNORECASE)),
)  # fmt: skip


def find_dates(text: str) -> list[DateRef]:
    """Every date and "now"-word in ``text``, without overlaps (the more precise pattern wins).

    >>> [(d.precision, str(d.first)) for d in find_dates("On 12 March 1999 and in 2004; now.")]
    [('day', '1999-03-12'), ('year', '2004-01-01'), ('now', 'None')]
    """
    taken: list[tuple[int, int]] = []
    found: list[DateRef] = []
    for name, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            ref = _to_date_ref(name, match)
            if ref is not None:
                taken.append((match.start(), match.end()))
                found.append(ref)
    return sorted(found, key=lambda d: d.start)


def _to_date_ref(name: str, match: re.Match[str]) -> DateRef | None:
    text, start, end = match.group(0), match.start(), match.end()
    if name == "now":
        return DateRef(text, start, end, "now", None, None)
    year = int(match.group("year"))
    groups = match.groupdict()
    month = (
        int(groups["mnum"])
        if groups.get("mnum")
        else _MONTHS.get(groups["month"].lower().rstrip("."), 0)
        if groups.get("month")
        else 0
    )
    try:
        if groups.get("day"):
            day = dt.date(year, month, int(groups["day"]))
            return DateRef(text, start, end, "day", day, day)
        if month:
            last_day = calendar.monthrange(year, month)[1]
            return DateRef(text, start, end, "month", dt.date(year, month, 1), dt.date(year, month, last_day))
        return DateRef(text, start, end, "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:  # 31 February and the like: not a date
        return None

"""The gazetteer: states and organisations named in a text, each mention linked to its code with its span.

Built from the bundled data, not from a list written for the claims module:

* states: ``name``, ``cow_name`` and ``aliases`` of the states table (``secarch.data``), capitals (for states
  in the system on or after 1 Jan 1991), adjectives (``claims/tables/adjectives.csv``, derived from
  countryinfo's demonyms plus hand rows, each with its source);
* organisations: id, acronym and name from the bundled organisations table and its former names
  (``data/tables/organisations.csv``, ``organisation_names.csv``) where present, the organisations of the
  architecture the text is checked against, and the spelling variants and foreign acronyms of
  ``claims/tables/gazetteer_extra.csv``;
* hashtags: ``#`` followed by any acronym or any name written without spaces (``#CSTO``, ``#UnionState``),
  case-insensitive.

How ambiguity is handled (each rule is visible in the mention's ``note``):

* the longest form wins ("Union State of Russia and Belarus" over "Russia"; "Latin American" is a blocking
  form, so "American" inside it is not a mention of the United States);
* a form shared by several states links to the one that exists on the as-of date (e.g. "Prague" after 1992
  is Czechia, not Czechoslovakia); if several or none exist it is reported with its candidates and no code;
* the name "Georgia" is read as the U.S. state when the sentence has a U.S. cue ("Atlanta", "U.S. state",
  "Georgia, USA", …) and is then left unlinked; the rule applies to that name only, so "Tbilisi" and
  "Georgian" still link to GEO;
* anaphors ("the Alliance", "the Union", "the Organisation", "the Commonwealth") link to the nearest
  preceding organisation that fits (a collective-defence organisation; a name containing "Union"; …); with
  none before them they stay unlinked;
* forms listed as ambiguous in ``gazetteer_extra.csv`` ("Brussels", "Korea", "Congo") are reported with
  their candidates and no code.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from secarch.model import Architecture

TABLES = Path(__file__).resolve().parent / "tables"

EntityKind = Literal["state", "organisation"]
Via = Literal["name", "alias", "adjective", "capital", "acronym", "former_name", "hashtag", "anaphor", "id"]


@dataclass(frozen=True)
class Mention:
    """A state or organisation named in the text, at ``text[start:end]``.

    ``code`` is the ISO3 code of a state or the id of an organisation; it is None when the mention could
    not be linked (then ``candidates`` lists the possible codes, if any, and ``note`` says why).
    """

    start: int
    end: int
    text: str
    kind: EntityKind
    code: str | None
    via: Via
    name: str | None = None
    candidates: tuple[str, ...] = ()
    note: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "code": self.code,
            "name": self.name,
            "via": self.via,
            "candidates": list(self.candidates),
            "note": self.note,
        }


@dataclass(frozen=True)
class _Form:
    """What one surface form stands for."""

    kind: Literal["state", "organisation", "block", "ambiguous", "anaphor"]
    codes: tuple[str, ...]
    via: Via
    note: str | None = None


@dataclass(frozen=True)
class StateInfo:
    code: str
    name: str
    spells: tuple[tuple[dt.date, dt.date | None], ...]  # CoW system spells; end None = continuing
    always: bool  # an entity outside the CoW system (PSE, VAT, XKX): treated as existing throughout

    def exists_on(self, on: dt.date) -> bool:
        return self.always or any(start <= on and (end is None or on <= end) for start, end in self.spells)


@dataclass(frozen=True)
class OrgInfo:
    code: str
    name: str
    kind: str | None


_SINCE = dt.date(1991, 1, 1)
_US_GEORGIA_CUES = re.compile(
    r"\bAtlanta\b|\bSavannah\b|\bU\.?S\.? state\b|\bstate of Georgia\b|\bGeorgia,?\s+(?:USA|U\.S\.A?\.?)"
    r"|\bGeorgia\s+(?:Tech|State University|Bulldogs|voters|Senate|legislature|primary|governor)\b"
    r"|\bgovernor of Georgia\b|\bPeach State\b"
)


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _bundled_table(name: str) -> list[dict[str, str]]:
    from secarch.data._paths import table_path

    return _read_csv(table_path(name))


@lru_cache(maxsize=1)
def _state_infos() -> dict[str, StateInfo]:
    from secarch.data import state_system_spells

    spells = state_system_spells()
    infos = {}
    for row in _bundled_table("states.csv"):
        infos[row["iso3"]] = StateInfo(
            row["iso3"], row["name"], spells.get(row["iso3"], ()), row["kind"] != "cow_state"
        )
    return infos


def _since_1991(info: StateInfo) -> bool:
    return info.always or any(end is None or end >= _SINCE for _, end in info.spells)


@lru_cache(maxsize=1)
def _state_forms() -> tuple[tuple[str, _Form], ...]:
    """Surface forms of states from the states table, the capitals and the adjectives table."""
    infos = _state_infos()
    forms: list[tuple[str, _Form]] = []
    for row in _bundled_table("states.csv"):
        code = row["iso3"]
        forms.append((row["name"], _Form("state", (code,), "name")))
        if row["cow_name"] and row["cow_name"] != row["name"]:
            forms.append((row["cow_name"], _Form("state", (code,), "alias")))
        for alias in filter(None, row["aliases"].split("|")):
            forms.append((alias, _Form("state", (code,), "alias")))
        if row["capital"] and _since_1991(infos[code]):
            forms.append((row["capital"], _Form("state", (code,), "capital")))
    for row in _read_csv(TABLES / "adjectives.csv"):
        forms.append((row["adjective"], _Form("state", (row["iso3"],), "adjective")))
    return tuple(forms)


def _organisation_infos(architecture: Architecture | None) -> dict[str, OrgInfo]:
    infos = {
        row["id"]: OrgInfo(row["id"], row["name"], row.get("kind") or None)
        for row in _bundled_table("organisations.csv")
    }
    if architecture is not None:
        for org in architecture.organisations:
            infos.setdefault(org.id, OrgInfo(org.id, org.name, org.kind))
    return infos


def _organisation_forms(orgs: dict[str, OrgInfo]) -> list[tuple[str, _Form]]:
    forms: list[tuple[str, _Form]] = []
    for info in orgs.values():
        forms.append((info.code, _Form("organisation", (info.code,), "id")))
        forms.append((info.name, _Form("organisation", (info.code,), "name")))
    for row in _bundled_table("organisations.csv"):
        if row.get("acronym"):
            forms.append((row["acronym"], _Form("organisation", (row["id"],), "acronym")))
    for row in _bundled_table("organisation_names.csv"):
        if row["organisation"] not in orgs:
            continue
        period = f"name used {row['start']} – {row['end'] or 'today'}"
        for text in (row["acronym"], row["name"]):
            if text:
                forms.append((text, _Form("organisation", (row["organisation"],), "former_name", period)))
    return forms


@lru_cache(maxsize=1)
def _extra_rows() -> tuple[dict[str, str], ...]:
    return tuple(_read_csv(TABLES / "gazetteer_extra.csv"))


def _extra_forms(orgs: dict[str, OrgInfo]) -> list[tuple[str, _Form]]:
    forms: list[tuple[str, _Form]] = []
    for row in _extra_rows():
        kind, text, code, note = row["kind"], row["text"], row["code"], row["note"] or None
        codes = tuple(filter(None, code.split("|")))
        if kind == "state_alias":
            forms.append((text, _Form("state", codes, "alias")))
        elif kind == "capital":
            forms.append((text, _Form("state", codes, "capital")))
        elif kind == "organisation":
            if code in orgs:
                forms.append((text, _Form("organisation", codes, "alias")))
        elif kind == "block" or (kind == "ambiguous" and not codes):
            forms.append((text, _Form("block", (), "name", note)))
        elif kind == "ambiguous":
            forms.append((text, _Form("ambiguous", codes, "name", note)))
        elif kind == "anaphor":
            forms.append((text, _Form("anaphor", (code,), "anaphor", note)))
            if text.startswith("the "):  # the same anaphor at the start of a sentence
                forms.append(("The " + text[4:], _Form("anaphor", (code,), "anaphor", note)))
    return forms


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a trie, so that matching does not try every word in turn.

    >>> re.fullmatch(_trie_pattern(["NATO", "NAM", "N"]), "NAM") is not None
    True
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return render(trie)


@dataclass
class Gazetteer:
    """Finds and links the states and organisations named in a text.

    >>> g = Gazetteer.build()
    >>> [(m.text, m.code, m.via) for m in g.find("Moscow and Minsk signed it; #CSTO reacted.")]
    [('Moscow', 'RUS', 'capital'), ('Minsk', 'BLR', 'capital'), ('#CSTO', 'CSTO', 'hashtag')]
    """

    forms: dict[str, list[_Form]]
    states: dict[str, StateInfo]
    organisations: dict[str, OrgInfo]
    _pattern: re.Pattern[str] = field(repr=False)
    _hashtags: dict[str, list[_Form]] = field(repr=False)

    @classmethod
    def build(cls, architecture: Architecture | None = None) -> Gazetteer:
        """The gazetteer of the bundled data, plus the organisations of ``architecture`` if given."""
        orgs = _organisation_infos(architecture)
        forms: dict[str, list[_Form]] = {}
        extras = _extra_forms(orgs)
        overriding = {text for text, form in extras if form.kind in ("block", "ambiguous", "anaphor")}
        for text, form in [*_state_forms(), *_organisation_forms(orgs), *extras]:
            text = text.strip()
            if len(text) < 2 or (text in overriding and form.kind in ("state", "organisation")):
                continue
            bucket = forms.setdefault(text, [])
            if form not in bucket:
                bucket.append(form)
        hashtags: dict[str, list[_Form]] = {}
        for text, bucket in forms.items():
            key = re.sub(r"[\s.\-']", "", text).lower()
            if key.isalnum() and all(f.kind in ("state", "organisation") for f in bucket):
                for form in bucket:
                    tagged = _Form(form.kind, form.codes, "hashtag", form.note)
                    if tagged not in hashtags.setdefault(key, []):
                        hashtags[key].append(tagged)
        ordered = sorted(forms, key=len, reverse=True)
        # A lookahead finds the longest form at every position, overlapping ones included.
        pattern = re.compile(r"(?<![\w#@])(?=(" + _trie_pattern(ordered) + r")(?![\w]))")
        return cls(forms, _state_infos(), orgs, pattern, hashtags)

    def name_of(self, code: str) -> str | None:
        if code in self.states:
            return self.states[code].name
        if code in self.organisations:
            return self.organisations[code].name
        return None

    def find(self, text: str, as_of: dt.date | None = None) -> list[Mention]:
        """Every mention in ``text``, in order, without overlaps (blocked forms are left out).

        ``as_of`` (default: today's date) decides between states that share a form.
        """
        on = as_of or dt.date.today()
        raw: list[tuple[int, int, str, list[_Form]]] = []
        for match in self._pattern.finditer(text):  # the longest form starting at each position
            found = self._longest(text, match.start(), match.start() + len(match.group(1)))
            if found is not None:
                raw.append(found)
        for match in re.finditer(r"(?<![\w#])#(\w+)", text):
            bucket = self._hashtags.get(match.group(1).lower())
            if bucket:
                raw.append((match.start(), match.end(), match.group(0), bucket))
        # Overlapping forms: the longest wins ("Union State of Russia and Belarus" over "the Union").
        chosen: list[tuple[int, int, str, list[_Form]]] = []
        taken = bytearray(len(text))
        for item in sorted(raw, key=lambda item: (-(item[1] - item[0]), item[0])):
            if not any(taken[item[0] : item[1]]):
                chosen.append(item)
                taken[item[0] : item[1]] = b"\x01" * (item[1] - item[0])
        mentions: list[Mention] = []
        for start, end, surface, bucket in sorted(chosen):
            mention = self._link(text, start, end, surface, bucket, on, mentions)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _longest(self, text: str, start: int, end: int) -> tuple[int, int, str, list[_Form]] | None:
        # The trie regex is greedy per branch, so the match is the longest form at this position.
        surface = text[start:end]
        bucket = self.forms.get(surface)
        return (start, end, surface, bucket) if bucket else None

    def _link(
        self,
        text: str,
        start: int,
        end: int,
        surface: str,
        bucket: Sequence[_Form],
        on: dt.date,
        earlier: Sequence[Mention],
    ) -> Mention | None:
        kinds = {form.kind for form in bucket}
        if "block" in kinds:
            return None
        if "anaphor" in kinds:
            return self._anaphor(start, end, surface, bucket[0], earlier)
        if "ambiguous" in kinds:
            form = next(f for f in bucket if f.kind == "ambiguous")
            kind: EntityKind = "organisation" if all(c in self.organisations for c in form.codes) else "state"
            return Mention(start, end, surface, kind, None, "name", None, form.codes, form.note)
        org_forms = [f for f in bucket if f.kind == "organisation"]
        if org_forms:
            codes = tuple(dict.fromkeys(c for f in org_forms for c in f.codes))
            form = org_forms[0]
            if len(codes) == 1:
                return Mention(
                    start,
                    end,
                    surface,
                    "organisation",
                    codes[0],
                    form.via,
                    self.name_of(codes[0]),
                    note=form.note,
                )
            return Mention(
                start,
                end,
                surface,
                "organisation",
                None,
                form.via,
                None,
                codes,
                "the form names several organisations",
            )
        codes = tuple(dict.fromkeys(c for f in bucket for c in f.codes))
        via = bucket[0].via
        # Only the name "Georgia" is shared with the U.S. state: "Tbilisi" or "Georgian" in the same sentence
        # as "Atlanta" still name the country.
        if "GEO" in codes and surface.lstrip("#").casefold() == "georgia" and _us_georgia(text, start):
            return Mention(
                start,
                end,
                surface,
                "state",
                None,
                via,
                None,
                ("GEO",),
                "read as the U.S. state of Georgia (a U.S. cue in the sentence)",
            )
        if len(codes) == 1:
            return Mention(start, end, surface, "state", codes[0], via, self.name_of(codes[0]))
        existing = tuple(c for c in codes if c in self.states and self.states[c].exists_on(on))
        if len(existing) == 1:
            note = f"form shared by {', '.join(codes)}; {existing[0]} is the one that exists on {on}"
            return Mention(
                start, end, surface, "state", existing[0], via, self.name_of(existing[0]), codes, note
            )
        return Mention(
            start, end, surface, "state", None, via, None, codes, f"form shared by {', '.join(codes)}"
        )

    def _anaphor(
        self, start: int, end: int, surface: str, form: _Form, earlier: Sequence[Mention]
    ) -> Mention | None:
        rule = form.codes[0] if form.codes else "any"
        for previous in reversed(earlier):
            if previous.kind != "organisation" or previous.code is None:
                continue
            info = self.organisations.get(previous.code)
            if info is None:
                continue
            if (
                rule == "any"
                or (rule.startswith("kind:") and info.kind == rule[5:])
                or (rule.startswith("name:") and rule[5:] in info.name)
                or (rule.startswith("id:") and info.code == rule[3:])
            ):
                note = f"refers back to {previous.text!r} at {previous.start}"
                return Mention(
                    start, end, surface, "organisation", info.code, "anaphor", info.name, note=note
                )
        return None


def _us_georgia(text: str, position: int) -> bool:
    """Whether the sentence around ``position`` reads "Georgia" as the U.S. state."""
    left = max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1
    right_candidates = [i for i in (text.find(". ", position), text.find("\n", position)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return bool(_US_GEORGIA_CUES.search(text[left:right]))

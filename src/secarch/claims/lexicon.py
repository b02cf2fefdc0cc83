"""The principle lexicon: phrases by which a statement invokes a principle of a security architecture, with
the check of the principle registry (:mod:`secarch.principles`) that tests each principle.

Each principle has named patterns (case-insensitive regular expressions over the sentence). A match is a
:class:`PrincipleMention` with its span. The lexicon records an invocation, not an endorsement or a
rejection: "NATO's eastward expansion" and "the Alliance's open door" both invoke *bloc enlargement*.

Principles without a check of their own (bloc enlargement, sanctions) say so in ``checks``: the claims
about enlargement are evaluated against the membership data instead (:mod:`secarch.claims.evaluate`).

>>> [(m.principle, m.text) for m in find_principles("No zero-sum games: security must be indivisible.")]
[('zero_sum', 'zero-sum games'), ('indivisible_security', 'security must be indivisible')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Principle:
    """A principle the lexicon recognises."""

    id: str
    label: str
    checks: tuple[str, ...]
    """Names of the checks in :func:`secarch.principles.checks` that test this principle (may be empty)."""
    patterns: tuple[tuple[str, str], ...]
    """(pattern name, regular expression) pairs; matched case-insensitively."""
    note: str = ""
    needs_context: frozenset[str] = frozenset()
    """Names of the patterns whose words are also everyday words ("a zero-sum answer on football", "a win-win
    deal"): they count only in a sentence with a security context (see :data:`SECURITY_CONTEXT`)."""


PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        "equal_security",
        "Equal security",
        ("equality",),
        (
            ("equal_security", r"\bequal(?:\s+and\s+indivisible)?\s+security\b"),
            ("equality_of_security", r"\bequality\s+(?:of|in)\s+security\b"),
            ("equal_rights_to_security", r"\bequal\s+rights?\s+to\s+security\b"),
            (
                "security_on_equal_basis",
                r"\bsecurity\s+(?:for\s+all\s+)?on\s+an?\s+equal\s+(?:basis|footing)\b",
            ),
            ("sovereign_equality", r"\bsovereign\s+equality\b"),
        ),
    ),
    Principle(
        "indivisible_security",
        "Indivisible security",
        ("indivisibility",),
        (
            ("indivisible_security", r"\bindivisib(?:le|ility\s+of)\s+security\b"),
            ("security_is_indivisible", r"\bsecurity\s+(?:is|must\s+be|should\s+be|remains)\s+indivisible\b"),
            (
                "at_the_expense",
                r"\bat\s+the\s+expense\s+of\s+(?:the\s+)?(?:security\s+of\s+)?(?:others|other\s+"
                r"states|another\s+state|its\s+neighbou?rs|anyone)\b",
            ),
            ("indivisible_and_equal", r"\bindivisible\s+and\s+equal\s+security\b"),
        ),
    ),
    Principle(
        "zero_sum",
        "No zero-sum games",
        ("indivisibility",),
        (
            ("zero_sum_games", r"\bzero[- ]sum\s+(?:games|logic|mentality)\b"),
            ("zero_sum", r"\bzero[- ]sum(?:\s+(?:game|approach(?:es)?|thinking|competition))?\b"),
            ("win_win", r"\bwin[- ]win\b"),
            ("cold_war_mentality", r"\bcold[- ]war\s+(?:mentality|thinking|logic)\b"),
        ),
        "The indivisibility check flags zero-sum agreements when the security model is available. The "
        "statements' stock phrases ('zero-sum games', 'zero-sum logic', 'Cold War mentality') count on their "
        "own; 'zero-sum' and 'win-win' otherwise only in a security context.",
        frozenset({"zero_sum", "win_win"}),
    ),
    Principle(
        "multipolarity",
        "Multipolarity",
        ("multipolarity",),
        (
            ("multipolar", r"\bmulti-?polar(?:ity)?\b"),
            ("polycentric", r"\bpolycentric(?:ity)?\b"),
            ("unipolar", r"\buni-?polar(?:ity)?\b"),
            (
                "centres_of_power",
                r"\b(?:new\s+)?(?:centres|centers|poles)\s+of\s+(?:power|influence|growth)\b",
            ),
            ("hegemony", r"\bhegemon(?:y|ic|ism)\b"),
        ),
    ),
    Principle(
        "bloc_enlargement",
        "Bloc enlargement",
        (),
        (
            ("eastward_expansion", r"\beastward\s+(?:expansion|enlargement)\b"),
            ("bloc_expansion", r"\b(?:NATO|bloc|alliance|Alliance)(?:'s)?\s+(?:expansion|enlargement)\b"),
            (
                "expansion_of_blocs",
                r"\b(?:expansion|enlargement)\s+of\s+(?:NATO|the\s+Alliance|military(?:-political)?"
                r"\s+blocs?|blocs?|the\s+bloc)\b",
            ),
            ("waves_of_expansion", r"\b(?:waves?|rounds?)\s+of\s+(?:expansion|enlargement)\b"),
            (
                "bloc_politics",
                r"\bbloc\s+(?:politics|thinking|mentality|confrontation|approach|logic|discipline)\b",
            ),
            ("military_blocs", r"\bmilitary(?:-political)?\s+(?:blocs?|alliances)\b"),
            (
                "open_door",
                r"\bopen[- ]door\s+(?:policy|principle)\b|\b(?:NATO|Alliance)(?:'s)?\s+open\s+door\b",
            ),
            ("non_expansion", r"\bnon-?(?:expansion|enlargement)\b"),
        ),
        "No check of its own: claims about enlargement are evaluated against the membership data.",
    ),
    Principle(
        "off_region_influence",
        "Exclusion of off-region players",
        ("regional_ownership",),
        (
            ("off_region", r"\boff-?region(?:al)?\b"),
            ("extra_regional", r"\bextra-?regional\b"),
            ("non_regional", r"\bnon-?regional\s+(?:players|powers|actors|states|forces)\b"),
            ("external_players", r"\b(?:external|outside|foreign)\s+(?:players|powers|actors|forces)\b"),
            ("from_outside_region", r"\b(?:powers?|players?|states?)\s+from\s+outside\s+the\s+region\b"),
            ("destructive_influence", r"\bdestructive\s+influence\b"),
            ("foreign_military_presence", r"\bforeign\s+military\s+(?:presence|bases|infrastructure)\b"),
        ),
    ),
    Principle(
        "inclusiveness",
        "Inclusiveness",
        ("inclusiveness",),
        (
            ("inclusive", r"\binclusive(?:ness)?\b|\binclusivity\b"),
            ("open_to_all", r"\bopen\s+to\s+(?:all|every|any)\b"),
            ("without_exception", r"\bwithout\s+(?:any\s+)?exception\b"),
            ("exclusive_club", r"\bexclusive\s+(?:clubs?|formats?|blocs?)\b"),
            (
                "all_states_of_continent",
                r"\ball\s+(?:states|countries)\s+of\s+the\s+(?:continent|region|Eurasian)\b",
            ),
        ),
    ),
    Principle(
        "network_architecture",
        "A network, not a hierarchy",
        ("network_not_hierarchy",),
        (
            (
                "network",
                r"\bnetwork(?:ed)?\s+(?:of\s+(?:partnerships|structures|organisations|organizations|"
                r"alliances)|architecture|diplomacy|structure|format)\b",
            ),
            ("not_a_hierarchy", r"\b(?:not\s+a\s+)?hierarch(?:y|ies|ical)\b"),
            ("intertwining", r"\b(?:inter-?twin(?:ing|ed)|interlocking|intertwined)\b"),
            ("modular", r"\bmodular\b"),
            (
                "multi_layered",
                r"\bmulti-?(?:layered|level|tier(?:ed)?)\s+(?:architecture|system|structure)\b",
            ),
        ),
    ),
    Principle(
        "conflict_settlement",
        "Conflict settlement",
        ("conflict_settlement",),
        (
            ("settlement_of_conflicts", r"\bsettlement\s+of\s+(?:the\s+)?(?:conflicts?|disputes?|crises)\b"),
            (
                "conflict_settlement",
                r"\b(?:conflict|dispute|crisis)\s+(?:settlement|resolution|prevention)\b",
            ),
            (
                "peaceful_settlement",
                r"\b(?:peaceful|political|negotiated|diplomatic)\s+(?:settlement|solution|"
                r"resolution)\b",
            ),
            ("mediation", r"\bmediat(?:ion|e|ing|or)\b"),
            ("peacekeeping", r"\bpeace-?keep(?:ing|ers?)\b"),
            ("ceasefire", r"\bcease-?fire\b"),
            ("conflict_free_coexistence", r"\bconflict-free\s+coexistence\b"),
        ),
    ),
    Principle(
        "security_guarantees",
        "Security guarantees",
        ("guarantee_credibility",),
        (
            ("security_guarantees", r"\bsecurity\s+guarantees?\b|\bguarantees?\s+of\s+(?:\w+\s+)?security\b"),
            (
                "mutual_collective_guarantees",
                r"\b(?:mutual|collective)(?:\s+and\s+(?:mutual|collective))?\s+"
                r"(?:security\s+)?guarantees?\b",
            ),
            ("collective_defence", r"\bcollective\s+(?:defen[cs]e|security\s+treaty)\b"),
            ("mutual_assistance", r"\bmutual\s+(?:military\s+)?assistance\b"),
            ("article_5", r"\bArticle\s+(?:5|V)\b|\bArt\.\s*5\b"),
            ("article_4_cst", r"\bArticle\s+4\s+of\s+the\s+Collective\s+Security\s+Treaty\b"),
            ("defence_commitment", r"\bdefen[cs]e\s+(?:commitments?|obligations?|pledges?|clause)\b"),
            ("formality", r"\bmore\s+(?:a\s+)?formality\s+than\b|\bpaper\s+guarantees?\b"),
            ("guarantees", r"\bguarantees\b"),
        ),
    ),
    Principle(
        "sanctions",
        "Sanctions",
        (),
        (
            ("sanctions", r"\bsanctions?\b"),
            ("coercive_measures", r"\bunilateral\s+(?:coercive|restrictive)\s+measures\b"),
            ("restrictive_measures", r"\brestrictive\s+measures\b"),
            ("embargo", r"\bembargo(?:es)?\b"),
        ),
        "No check of its own: sanctions are not part of the architecture model.",
    ),
    Principle(
        "threat_agenda",
        "The common threat agenda",
        ("threat_agenda",),
        (
            ("terrorism", r"\b(?:counter-?)?terroris(?:m|t)\b"),
            ("extremism", r"\bextremis(?:m|t)\b"),
            ("separatism", r"\bseparatis(?:m|t)\b"),
            ("drug_trafficking", r"\b(?:drug|narcotics?)\s+traffick(?:ing|ers)\b|\bnarco-?trafficking\b"),
            ("illegal_migration", r"\b(?:illegal|irregular)\s+migration\b"),
            ("cross_border_crime", r"\b(?:cross-?border|transnational|organi[sz]ed)\s+crime\b"),
            ("biological_security", r"\bbio(?:logical)?[- ]?(?:security|safety|threats?|weapons)\b"),
            ("cyber_security", r"\b(?:cyber|information)[- ]?(?:security|threats?|attacks?)\b"),
            ("wmd_proliferation", r"\bproliferation\s+of\s+weapons\s+of\s+mass\s+destruction\b|\bWMD\b"),
        ),
    ),
    Principle(
        "mutual_consideration",
        "Mutual consideration of interests",
        ("mutual_consideration",),
        (
            (
                "mutual_consideration",
                r"\bmutual\s+(?:consideration|respect)\s+(?:of|for)\s+(?:the\s+)?"
                r"(?:legitimate\s+)?(?:security\s+)?interests\b",
            ),
            (
                "interests_of_all",
                r"\b(?:account\s+of|into\s+account)\s+the\s+(?:legitimate\s+)?(?:security\s+)?"
                r"interests\s+of\s+(?:all|each|every)\b",
            ),
            ("legitimate_interests", r"\blegitimate\s+(?:security\s+)?(?:interests|concerns)\b"),
            ("balance_of_interests", r"\bbalance\s+of\s+interests\b"),
        ),
    ),
    Principle(
        "territorial_integrity",
        "Territorial integrity",
        ("territorial_integrity",),
        (
            ("territorial_integrity", r"\bterritorial\s+integrity\b"),
            ("inviolability_of_borders", r"\binviolability\s+of\s+(?:the\s+)?(?:borders|frontiers)\b"),
            ("annexation", r"\bannex(?:ation|ed|ing)\b"),
            ("territorial_changes", r"\bterritorial\s+(?:changes?|realities|claims?)\b"),
            ("new_realities", r"\bnew\s+(?:territorial\s+)?realities\b"),
        ),
    ),
)
"""The principles, in the order of the issue: equal and indivisible security, no zero-sum games,
multipolarity, bloc enlargement, off-region influence, inclusiveness, network architecture, conflict
settlement, security guarantees, sanctions, the threat agenda; plus mutual consideration of interests and
territorial integrity (checks of the registry that the statements and their critics invoke)."""


SECURITY_CONTEXT = re.compile(
    r"\b(?:security|secure|defen[cs]e|military|militar\w+|armed|arms|weapons?|nuclear|wars?|warfare|"
    r"conflicts?|alliances?|allies|blocs?|geopoliti\w*|strateg\w*|deterr\w*|sanctions?|sovereign\w*|"
    r"diplomac\w*|diplomat\w*|foreign\s+polic\w*|international|great\s+powers?|world\s+powers?|"
    r"superpowers?|troops|armed\s+forces|treat(?:y|ies)|border|borders|territor\w*|geography\s+of\s+power|"
    r"world\s+order|global\s+order|rivalr\w*|confrontation|hegemon\w*|multipolar\w*)\b",
    re.IGNORECASE,
)
"""Words that give a sentence a security context, for the patterns of a principle that are everyday words as
well (``Principle.needs_context``). A named state or organisation in the sentence, or another principle
invoked in it, is a security context too."""


@dataclass(frozen=True)
class PrincipleMention:
    """A phrase at ``text[start:end]`` that invokes ``principle`` (pattern ``pattern``)."""

    principle: str
    label: str
    pattern: str
    start: int
    end: int
    text: str
    checks: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "principle": self.principle,
            "label": self.label,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "pattern": self.pattern,
            "checks": list(self.checks),
        }


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Principle, str, re.Pattern[str]], ...]:
    return tuple(
        (principle, name, re.compile(regex, re.IGNORECASE))
        for principle in PRINCIPLES
        for name, regex in principle.patterns
    )


def principle(principle_id: str) -> Principle:
    """The principle with id ``principle_id``."""
    for item in PRINCIPLES:
        if item.id == principle_id:
            return item
    raise KeyError(principle_id)


def find_principles(text: str, entities: Sequence[tuple[int, int]] = ()) -> list[PrincipleMention]:
    """Every principle invoked in ``text``, in text order.

    Overlapping matches of the same principle are merged into the longest; different principles may
    overlap (e.g. "equal and indivisible security" invokes both equality and indivisibility). A pattern in
    a principle's ``needs_context`` counts only in a sentence with a security context: a word of
    :data:`SECURITY_CONTEXT`, another principle invoked, or a named state or organisation (``entities``:
    the character spans of the linked mentions of the text).

    >>> [m.text for m in find_principles("He gave a zero-sum answer on football.")]
    []
    >>> [m.text for m in find_principles("Security is not a zero-sum game.")]
    ['zero-sum game']
    """
    found: list[PrincipleMention] = []
    weak: list[PrincipleMention] = []
    for item, name, pattern in _compiled():
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            mention = PrincipleMention(
                item.id, item.label, name, match.start(), match.end(), match.group(0), item.checks
            )
            (weak if name in item.needs_context else found).append(mention)
    if weak:
        from secarch.claims.text import split_sentences

        sentences = split_sentences(text)
        for mention in weak:
            sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
            if sentence is None:
                continue
            if _security_context(sentence.start, sentence.end, text, found, entities):
                found.append(mention)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[PrincipleMention] = []
    for mention in found:
        if any(
            k.principle == mention.principle and k.start <= mention.start and mention.end <= k.end
            for k in kept
        ):
            continue
        kept = [
            k
            for k in kept
            if not (k.principle == mention.principle and mention.start <= k.start and k.end <= mention.end)
        ]
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.principle))


def _security_context(
    start: int,
    end: int,
    text: str,
    strong: Sequence[PrincipleMention],
    entities: Sequence[tuple[int, int]],
) -> bool:
    """Whether ``text[start:end]`` (a sentence) has a security context."""
    return (
        bool(SECURITY_CONTEXT.search(text, start, end))
        or any(start <= m.start < end for m in strong)
        or any(start <= a < end for a, _ in entities)
    )

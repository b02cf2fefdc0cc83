"""Checkable claims: numbers, dates and comparisons about membership and structure, parsed sentence by
sentence into structured claims.

Each sentence is first turned into a :class:`~secarch.claims.text.Template`: linked organisations become
``⟦O3⟧``, states named by name, alias or capital ``⟦S5⟧``, adjectives ``⟦A2⟧``, dates ``⟦D0⟧`` and number
words digits. The patterns below are written over these placeholders, one group of named patterns per
claim type, and one function per claim type turns their matches into claims:

========================  ==================================================================================
claim type                example
========================  ==================================================================================
``member_count``          "NATO now has 32 members"; "the 32 members of NATO"; "the SCO's ten member states"
``growth``                "NATO has doubled from 16 to 32 members"; "the EAEU grew by two members since 2015"
``rounds``                "in seven waves of expansion"; "NATO has enlarged ten times"
``accession``             "Finland joined NATO in 2023"; "the accession of Belarus to the SCO in 2024"
``withdrawal``            "Georgia left the CIS in 2009"; "Armenia froze its membership in the CSTO in 2024"
``membership``            "Armenia is a member of the CSTO"; "the CSTO comprises Armenia, Belarus, …"
``founding``              "the SCO was founded in 2001"
``comparison``            "the SCO has more members than the CSTO"
``principle``             "the principle of indivisible security is enshrined in the CSTO, the CIS and …"
========================  ==================================================================================

Anything the patterns do not cover is not a claim for this module: the ledger lists the sentences with
figures that matched no pattern, so that a reader sees what was not checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from secarch.claims.gazetteer import Mention
from secarch.claims.quantities import (
    QUALIFIER_PATTERN,
    Count,
    DateRef,
    find_dates,
    number_words,
    parse_qualifier,
)
from secarch.claims.text import Replacement, Sentence, Template

ClaimKind = Literal[
    "member_count",
    "growth",
    "rounds",
    "accession",
    "withdrawal",
    "membership",
    "founding",
    "comparison",
    "principle",
]
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)

Tense = Literal["present", "past", "none"]


@dataclass(frozen=True)
class Claim:
    """A checkable claim found in the text.

    ``kind`` says which fields of ``details`` are set (see the module docstring); ``start``/``end`` is the
    span of the words that make the claim, ``sentence`` the index of its sentence.
    """

    id: str
    kind: ClaimKind
    sentence: int
    start: int
    end: int
    text: str
    pattern: str
    organisation: str | None = None
    other_organisation: str | None = None
    states: tuple[str, ...] = ()
    count: Count | None = None
    from_count: Count | None = None
    to_count: Count | None = None
    factor: float | None = None
    factor_qualifier: str = "exactly"
    when: DateRef | None = None
    from_when: DateRef | None = None
    to_when: DateRef | None = None
    since: bool = False
    tense: Tense = "none"
    status: str = "member"
    active_only: bool = False
    negated: bool = False
    exhaustive: bool = False
    mode: str | None = None
    relation: str | None = None
    linked_to: str | None = None
    principle: str | None = None
    """``principle`` claims: the id of the lexicon's principle (:mod:`secarch.claims.lexicon`), if the
    words name one."""
    principle_text: str | None = None
    """``principle`` claims: the words of the text that name the principle."""
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "pattern": self.pattern,
        }
        for name in (
            "organisation",
            "other_organisation",
            "states",
            "count",
            "from_count",
            "to_count",
            "factor",
            "when",
            "from_when",
            "to_when",
            "since",
            "tense",
            "status",
            "active_only",
            "negated",
            "exhaustive",
            "mode",
            "relation",
            "linked_to",
            "principle",
            "principle_text",
        ):
            value = getattr(self, name)
            if value in (None, (), False) or (name == "status" and value == "member"):
                continue
            if name == "tense" and value == "none":
                continue
            out[name] = (
                value.as_dict()
                if hasattr(value, "as_dict")
                else list(value)
                if isinstance(value, tuple)
                else value
            )
        if self.factor is not None and self.factor_qualifier != "exactly":
            out["factor_qualifier"] = self.factor_qualifier
        if self.notes:
            out["notes"] = list(self.notes)
        return out


# --- the sentence context -----------------------------------------------------------------------------


@dataclass
class SentenceContext:
    """A sentence prepared for matching: its template and what each placeholder stands for."""

    sentence: Sentence
    template: Template
    mentions: dict[str, Mention]  # placeholder index ("O3", "S5") → mention
    dates: dict[str, DateRef]  # "D0" → date


def prepare(sentence: Sentence, mentions: Sequence[Mention]) -> SentenceContext:
    """Build the template of ``sentence`` from the mentions inside it, its dates and its number words."""
    replacements: list[Replacement] = []
    by_key: dict[str, Mention] = {}
    inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
    for i, mention in enumerate(inside):
        if mention.code is None:
            letter = "U"
        elif mention.kind == "organisation":
            letter = "O"
        elif mention.via == "adjective":
            letter = "A"
        else:
            letter = "S"
        key = f"{letter}{i}"
        by_key[key] = mention
        replacements.append(Replacement(mention.start, mention.end, f"⟦{key}⟧"))
    taken = [(m.start, m.end) for m in inside]
    dates: dict[str, DateRef] = {}
    for k, date in enumerate(find_dates(sentence.text)):
        start, end = sentence.start + date.start, sentence.start + date.end
        if any(a < end and start < b for a, b in taken):
            continue
        absolute = DateRef(date.text, start, end, date.precision, date.first, date.last)
        dates[f"D{k}"] = absolute
        replacements.append(Replacement(start, end, f"⟦D{k}⟧"))
        taken.append((start, end))
    for start, end, value in number_words(sentence.text):
        start, end = sentence.start + start, sentence.start + end
        if not any(a < end and start < b for a, b in taken):
            replacements.append(Replacement(start, end, str(value)))
    template = Template(sentence.text, sentence.start, replacements)
    return SentenceContext(sentence, template, by_key, dates)


# --- pattern building blocks ----------------------------------------------------------------------------

_MEMBER_NOUNS = (
    r"member[- ]states?|members|member[- ]countries|member[- ]nations|countries|states|nations|"
    r"participating\s+states|allies|observers?|observer\s+states|dialogue\s+partners|partners|participants"
)
_GAP_WORDS = (
    r"which|that|now|today|currently|already|still|also|both|all|together|at\s+present|finally|formally|"
    r"officially|eventually|subsequently|then|later|(?:in|on|by|since)\s+⟦D\d+⟧|⟦D\d+⟧|"
    r"(?:which\s+was\s+)?(?:founded|established|created|set\s+up)\s+(?:in|on)\s+⟦D\d+⟧"
)
_APPOSITIVE_START = (
    r"which|that|whose|who|founded|established|created|set\s+up|formed|launched|based|headquartered|led|"
    r"dominated|signed|born|once|originally|itself|then|a|an|the|its|one|now\s+(?:a|an|the)"
)
_APPOSITIVE = (
    # a clause between commas, brackets or dashes between a subject and its verb ("the CIS, founded in
    # 1991 after the dissolution of the Soviet Union, now has …"); it holds no comma, and it does not start
    # with another organisation or state (that would be a list: "NATO, the CSTO and the SCO have …")
    r"(?:(?:" + _APPOSITIVE_START + r")\b(?!\s*⟦[OS])[^,;:()\[\]—–]{0,160}(?=\s*,)"
    r"|\([^()]{1,200}\)|[—–][^—–;]{1,160}[—–])"
)
_GAP_SEP = r"(?:[\s,]+|(?<=[—–)])(?![\s,]))"  # exclusive alternatives: no exponential backtracking
_GAP = r"(?:" + _GAP_SEP + r"(?:" + _GAP_WORDS + r"|" + _APPOSITIVE + r"))*" + _GAP_SEP
_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"


def _org(group: str = "org") -> str:
    return r"(?:the\s+)?⟦O(?P<" + group + r">\d+)⟧"


def _org_possessive(group: str = "org") -> str:
    return _org(group) + r"(?:'s|’s|')"


def _states(group: str = "states") -> str:
    return r"(?P<" + group + r">(?:the\s+)?⟦S\d+⟧(?:" + _LIST_SEP + r"(?:the\s+)?⟦S\d+⟧)*)"


def _count(suffix: str = "") -> str:
    return r"(?:(?P<qual" + suffix + r">" + QUALIFIER_PATTERN + r")\s+)?(?P<n" + suffix + r">\d{1,3})\b"


def _members(suffix: str = "") -> str:
    return (
        r"(?:(?P<active" + suffix + r">active|participating(?!\s+states)|full(?:-fledged)?|formal)\s+)?"
        r"(?:(?:new|European|Eurasian|Asian|sovereign|independent)\s+)?(?P<noun"
        + suffix
        + r">"
        + _MEMBER_NOUNS
        + r")\b"
    )


def _date(group: str = "date") -> str:
    return r"⟦(?P<" + group + r">D\d+)⟧"


def _compile(template: str) -> re.Pattern[str]:
    expanded = (
        template.replace("{ORG}", _org())
        .replace("{ORG2}", _org("org2"))
        .replace("{ORGPOSS}", _org_possessive())
        .replace("{STATES}", _states())
        .replace("{STATESPOSS}", _states() + r"(?:'s|’s|')")
        .replace("{COUNT}", _count())
        .replace("{COUNT2}", _count("2"))
        .replace("{MEMBERS}", _members())
        .replace("{MEMBERS2}", _members("2"))
        .replace("{DATE}", _date())
        .replace("{DATE2}", _date("date2"))
        .replace("{GAP}", _GAP)
    )
    return re.compile(expanded, re.IGNORECASE)


def _patterns(*pairs: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, _compile(template)) for name, template in pairs)


_PRESENT = r"has|have|now\s+has|comprises|consists\s+of|includes|counts|numbers|unites|brings\s+together|"
_PRESENT += r"is\s+made\s+up\s+of|has\s+grown\s+to|has\s+expanded\s+to|has\s+risen\s+to|has\s+reached|reaches"
_PAST = (
    r"had|comprised|consisted\s+of|included|counted|numbered|united|brought\s+together|was\s+made\s+up\s+of|"
)
_PAST += r"grew\s+to|expanded\s+to|rose\s+to|reached|had\s+grown\s+to|had\s+reached"

MEMBER_COUNT_PATTERNS = _patterns(
    (
        "org_has_n_members",
        r"{ORG}{GAP}(?:(?P<present>" + _PRESENT + r")|(?P<past>" + _PAST + r"))\s+"
        r"(?:a\s+total\s+of\s+|some\s+)?{COUNT}\s+{MEMBERS}",
    ),
    (
        "membership_of_org_is_n",
        r"(?:membership|number\s+of\s+(?:members|member\s+states|participants))\s+of\s+"
        r"{ORG}\s+(?:(?P<present>is|stands\s+at|has\s+reached|has\s+risen\s+to|has\s+grown"
        r"\s+to)|(?P<past>was|stood\s+at|reached|rose\s+to|grew\s+to))\s+{COUNT}",
    ),
    (
        "orgs_membership_is_n",
        r"{ORGPOSS}\s+(?:membership|member\s+count)\s+(?:(?P<present>is|stands\s+at|has\s+"
        r"reached|has\s+risen\s+to|has\s+grown\s+to)|(?P<past>was|stood\s+at|reached|rose\s+to"
        r"|grew\s+to))\s+{COUNT}",
    ),
    ("n_members_of_org", r"\b(?:the|its|all|all\s+the|of\s+the)\s+{COUNT}\s+{MEMBERS}\s+of\s+{ORG}"),
    ("orgs_n_members", r"{ORGPOSS}\s+{COUNT}\s+{MEMBERS}"),
    ("org_with_n_members", r"{ORG}\s*,?\s+(?:with|of)\s+(?:its\s+|their\s+)?{COUNT}\s+{MEMBERS}"),
    ("n_member_org", r"\b(?:the|a|an)\s+{COUNT}-(?:member|nation|country|state)\s+(?:\w+\s+){0,2}?{ORG}"),
    ("org_the_n_member", r"{ORG}\s*,\s*(?:now\s+)?(?:the|a|an)\s+{COUNT}-(?:member|nation|country|state)\b"),
)

_GROWTH_VERB = r"grown|grew|expanded|increased|risen|rose|gone|went|enlarged|swelled|swollen|jumped|climbed"
_FACTOR = (
    r"(?P<fqual>more\s+than\s+|nearly\s+|almost\s+|roughly\s+|about\s+)?"
    r"(?P<factor>doubled|tripled|trebled|quadrupled)"
)
_FROM_TO = (
    r"\s+from\s+{COUNT}(?:\s+{MEMBERS})?(?:\s+(?:in|on)\s+{DATE})?\s+to\s+(?:the\s+current\s+)?{COUNT2}"
    r"(?:\s+{MEMBERS2})?(?:\s+(?:in|on|by)\s+{DATE2})?"
)

GROWTH_PATTERNS = _patterns(
    (
        "org_factor",
        r"{ORG}{GAP}(?:(?P<present>has|have)\s+|(?P<past>had)\s+)?(?:(?:also|now|thus)\s+)?"
        + _FACTOR
        + r"(?:\s+(?:in\s+size|its\s+membership|in\s+membership|the\s+number\s+of\s+(?:its\s+)?members))?"
        + r"(?:"
        + _FROM_TO
        + r")?",
    ),
    (
        "org_grew_from_to",
        r"{ORG}{GAP}(?:membership\s+)?(?:(?P<present>has|have)\s+|(?P<past>had)\s+)?(?:"
        + _GROWTH_VERB
        + r")"
        + _FROM_TO,
    ),
    (
        "membership_of_org_from_to",
        r"(?:membership|number\s+of\s+(?:members|member\s+states|allies))\s+of\s+{ORG}"
        r"\s+(?:(?P<present>has)\s+|(?P<past>had)\s+)?(?:" + _GROWTH_VERB + r"|" + _FACTOR + r")" + _FROM_TO,
    ),
    (
        "orgs_membership_from_to",
        r"{ORGPOSS}\s+(?:membership|member\s+count|ranks)\s+(?:(?P<present>has|have)\s+|"
        r"(?P<past>had)\s+)?(?:" + _GROWTH_VERB + r"|" + _FACTOR + r")" + _FROM_TO,
    ),
    (
        "org_grew_by",
        r"{ORG}{GAP}(?:(?P<present>has|have)\s+|(?P<past>had)\s+)?(?:grown|grew|expanded|increased|"
        r"enlarged)\s+by\s+{COUNT}\s+{MEMBERS}",
    ),
    (
        "org_added_n",
        r"{ORG}{GAP}(?:(?P<present>has|have)\s+|(?P<past>had)\s+)?(?:added|admitted|taken\s+in|took\s+in|"
        r"welcomed|gained|accepted)\s+{COUNT}\s+(?:new\s+)?{MEMBERS}",
    ),
)

ROUNDS_PATTERNS = _patterns(
    (
        "n_waves_of_enlargement",
        r"\b{COUNT}\s+(?:(?:successive|separate|consecutive|distinct|major)\s+)?"
        r"(?P<unit>waves|rounds|stages|phases|tranches)\s+of\s+(?:(?:eastward|further)\s+)?"
        r"(?:{ORG}\s+)?(?:expansion|enlargement|accessions?|growth)",
    ),
    (
        "org_enlarged_in_n_rounds",
        r"{ORG}{GAP}(?:(?P<present>has|have)\s+|(?P<past>had)\s+)?(?:expanded|enlarged|grown)\s+in\s+{COUNT}\s+"
        r"(?:(?:successive|separate|consecutive|distinct|major)\s+)?(?P<unit>waves|rounds|stages|phases|tranches)",
    ),
    (
        "org_enlarged_n_times",
        r"{ORG}{GAP}(?:(?P<present>has|have)\s+|(?P<past>had)\s+)?(?:expanded|enlarged|grown)"
        r"\s+{COUNT}\s+times",
    ),
)

_JOIN_VERB = (
    r"joined|acceded\s+to|entered|became\s+(?:a\s+|the\s+)?(?:full(?:-fledged)?\s+|new\s+|formal\s+)?"
    r"(?:(?P<status>observers?|dialogue\s+partners?|partners?)|members?|member\s+states?|allies)\s+(?:state\s+)?"
    r"(?:of|in)|(?:was|were)\s+(?:formally\s+|officially\s+)?(?:admitted|accepted)\s+(?:to|into|as\s+(?:a\s+)?"
    r"members?\s+of)"
)

ACCESSION_PATTERNS = _patterns(
    (
        "states_joined_org",
        r"{STATES}{GAP}(?:(?:has|have|had)\s+)?(?:formally\s+|officially\s+|finally\s+)?(?:"
        + _JOIN_VERB
        + r")\s+{ORG}(?:\s+(?:in|on)\s+{DATE})?",
    ),
    (
        "accession_of_states_to_org",
        r"(?:accession|admission|entry)\s+of\s+{STATES}\s+(?:to|into)\s+{ORG}"
        r"(?:\s+(?:in|on)\s+{DATE})?",
    ),
    (
        "states_accession_to_org",
        r"{STATESPOSS}\s+(?:accession|admission|entry)\s+(?:to|into)\s+{ORG}"
        r"(?:\s+(?:in|on)\s+{DATE})?",
    ),
    (
        "org_admitted_states",
        r"{ORG}{GAP}(?:(?:has|have|had)\s+)?(?:formally\s+|officially\s+)?(?:admitted|accepted|"
        r"welcomed|took\s+in|taken\s+in)\s+{STATES}(?:\s+as\s+(?:a\s+|its\s+\w+\s+)?(?:full\s+)?"
        r"(?:(?P<status>observers?|dialogue\s+partners?|partners?)|members?))?"
        r"(?:\s+(?:in|on)\s+{DATE})?",
    ),
)

_LEAVE_VERB = (
    r"(?P<left>left|withdrew\s+from|withdrawn\s+from|quit|exited|pulled\s+out\s+of|walked\s+out\s+of)|"
    r"(?P<suspended>suspended\s+(?:its|their)\s+(?:membership|participation)\s+in)|"
    r"(?P<frozen>froze|frozen)\s+(?:its|their)\s+(?:membership|participation)\s+in"
)

WITHDRAWAL_PATTERNS = _patterns(
    (
        "states_left_org",
        r"{STATES}{GAP}(?:(?:has|have|had)\s+)?(?:formally\s+|officially\s+|effectively\s+)?(?:"
        + _LEAVE_VERB
        + r")\s+{ORG}(?:\s+(?:in|on)\s+{DATE})?",
    ),
    (
        "states_withdrawal_from_org",
        r"{STATESPOSS}\s+(?:(?P<left>withdrawal|exit|departure)\s+from|(?P<suspended>"
        r"suspension)\s+of\s+(?:its|their)\s+(?:membership|participation)\s+in|"
        r"(?P<frozen>freezing)\s+of\s+(?:its|their)\s+(?:membership|participation)\s+in)"
        r"\s+{ORG}(?:\s+(?:in|on)\s+{DATE})?",
    ),
    (
        "withdrawal_of_states_from_org",
        r"(?P<left>withdrawal|exit|departure)\s+of\s+{STATES}\s+from\s+{ORG}"
        r"(?:\s+(?:in|on)\s+{DATE})?",
    ),
)

_STATUS_NOUN = (
    r"(?P<status>members?|member\s+states?|member\s+countries|observers?|observer\s+states?|dialogue\s+partners?|"
    r"partners?|participating\s+states?|allies|ally|participants?)"
)

MEMBERSHIP_PATTERNS = _patterns(
    (
        "states_are_members",
        r"{STATES}{GAP}(?:(?P<present>is|are|remains?|has\s+been|have\s+been)|(?P<past>was|were|"
        r"remained|had\s+been))\s+(?P<neg>not\s+|no\s+longer\s+|never\s+)?(?:(?:a|an|the|all|both)"
        r"\s+)?(?:(?:full|founding|formal|permanent|full-fledged)\s+)?"
        + _STATUS_NOUN
        + r"\s+(?:states?\s+)?(?:of|in)\s+{ORG}",
    ),
    (
        "states_belong_to_org",
        r"{STATES}{GAP}(?:(?P<neg>(?:do|does|did)\s+not\s+)(?:belong)|(?P<present>belongs?)|"
        r"(?P<past>belonged))\s+to\s+{ORG}",
    ),
    (
        "org_comprises_states",
        r"{ORG}{GAP}(?:(?P<present>comprises|consists\s+of|is\s+made\s+up\s+of|includes|unites|"
        r"brings\s+together|is\s+composed\s+of)|(?P<past>comprised|consisted\s+of|was\s+made\s+up"
        r"\s+of|included|united|brought\s+together|was\s+composed\s+of))\s+{STATES}"
        r"(?!\s*(?:'s|’s))",
    ),
    (
        "org_members_are",
        r"{ORGPOSS}\s+(?:member\s+states|members|member\s+countries)\s+(?:(?P<present>are|include)|"
        r"(?P<past>were|included))\s+{STATES}",
    ),
    (
        "members_of_org_are",
        r"(?:member\s+states|members|member\s+countries)\s+of\s+{ORG}\s+(?:(?P<present>are|include)"
        r"|(?P<past>were|included))\s+{STATES}",
    ),
    (
        "members_of_org_list",
        r"(?:member\s+states|members|member\s+countries)\s+of\s+{ORG}\s*(?:\(|:|,\s*(?:namely|"
        r"including|such\s+as|i\.e\.)\s*)\s*{STATES}",
    ),
    (
        "org_member_state",
        r"{ORG}\s+(?:member|member\s+state|member\s+country|ally|members|member\s+states)\s+"
        r"{STATES}",
    ),
    ("org_non_member", r"{ORG}\s+(?P<neg>non-?members?)\s+{STATES}"),
)

FOUNDING_PATTERNS = _patterns(
    (
        "org_was_founded",
        r"{ORG}{GAP}(?:was|were|had\s+been|has\s+been)\s+(?:founded|established|created|set\s+up|"
        r"formed|launched|born)\s+(?:(?:in|on)\s+)?{DATE}",
    ),
    (
        "org_founded_in",
        r"{ORG}\s*,\s*(?:which\s+was\s+)?(?:founded|established|created|set\s+up|formed)\s+(?:in|on)"
        r"\s+{DATE}",
    ),
    (
        "founding_of_org_in",
        r"(?:founding|foundation|establishment|creation)\s+of\s+{ORG}\s+(?:in|on)\s+{DATE}",
    ),
    ("orgs_founding_in", r"{ORGPOSS}\s+(?:founding|foundation|establishment|creation)\s+in\s+{DATE}"),
    ("founded_in_date_org", r"(?:founded|established|created)\s+in\s+{DATE}\s*,\s*{ORG}"),
)

COMPARISON_PATTERNS = _patterns(
    (
        "org_more_members_than",
        r"{ORG}{GAP}(?:(?P<present>has|have)|(?P<past>had))\s+(?P<cmp>more|fewer|as\s+many)"
        r"\s+(?:members|member\s+states|member\s+countries)\s+(?:than|as)\s+{ORG2}",
    ),
    (
        "org_larger_than",
        r"{ORG}{GAP}(?:(?P<present>is)|(?P<past>was))\s+(?P<cmp>larger|bigger|smaller)\s+than\s+"
        r"{ORG2}\s+in\s+(?:membership|members|number\s+of\s+members)",
    ),
)

_DOC_NOUN = (
    r"(?:founding\s+|basic\s+|constituent\s+|statutory\s+)?"
    r"(?:documents?|charters?|treat(?:y|ies)|texts?|statutes?|declarations?)"
)
_ORG_LIST = (
    r"(?P<orgs>(?:the\s+)?⟦O\d+⟧(?:(?:'s|’s)?\s+" + _DOC_NOUN + r")?(?:" + _LIST_SEP + r"(?:the\s+)?⟦O\d+⟧"
    r"(?:(?:'s|’s)?\s+" + _DOC_NOUN + r")?)*)"
)
_ENSHRINED = (
    r"enshrined|stated|codified|embodied|laid\s+down|set\s+(?:out|forth)|written\s+(?:down\s+)?|proclaimed|"
    r"(?:re)?affirmed|reflected|recorded|anchored|contained|fixed|declared|spel(?:led|t)\s+out|included"
)
PRINCIPLE_PATTERNS = _patterns(
    (
        "principle_is_enshrined_in_orgs",
        r"\b(?:is|are|was|were|has\s+been|have\s+been|remains?|remained)\s+(?:(?:also|firmly|already|"
        r"explicitly|clearly|formally|legally|solemnly)\s+)?(?:"
        + _ENSHRINED
        + r")\s+in\s+(?:(?:the|their|its|"
        r"both|all)\s+)?(?:" + _DOC_NOUN + r"\s+of\s+)?" + _ORG_LIST,
    ),
    (
        "orgs_enshrine_principle",
        r"(?:(?:the|their|its)\s+)?(?:" + _DOC_NOUN + r"\s+of\s+)?" + _ORG_LIST + r"{GAP}(?:(?:all|both)\s+)?"
        r"(?:(?:have|has|had)\s+)?(?:enshrines?|enshrined|states|codif(?:y|ies|ied)|embod(?:y|ies|ied)|"
        r"proclaims?|proclaimed|(?:re)?affirms?|(?:re)?affirmed|uphold|upholds|upheld|lays?\s+down|laid\s+down|"
        r"sets?\s+(?:out|forth)|spell\s+out|spells\s+out)\b",
    ),
)
"""A principle stated in organisations' founding documents: "the principle of indivisible security is
enshrined in the CSTO, the CIS and the SCO"; "the CSTO Charter enshrines the principle of …"."""

_PRINCIPLE_WORDS = re.compile(r"\bprinciples?\b|\bright\s+(?:of|to)\b|\bnorms?\b|\bcommitments?\b", re.I)

_DATE_PREPOSITION = re.compile(
    r"(?P<prep>\bin|\bon|\bby|\bas\s+of|\bsince|\bfrom|\buntil|\bbetween|\band|\bto|\bat\s+the\s+(?:end|start|"
    r"beginning)\s+of)\s*$",
    re.IGNORECASE,
)


# --- helpers ----------------------------------------------------------------------------------------------


class _Builder:
    """Numbers claims and keeps the sentence context at hand for the claim-type functions."""

    def __init__(self) -> None:
        self.counter = 0

    def make(
        self,
        ctx: SentenceContext,
        kind: ClaimKind,
        match: re.Match[str],
        pattern: str,
        *,
        from_group: str | None = None,
        span: tuple[int, int] | None = None,
        **fields: Any,
    ) -> Claim:
        """The claim of ``match``: its text is the match (from group ``from_group`` on, if given), or the
        text span ``span`` (absolute character positions)."""
        self.counter += 1
        first = match.start(from_group) if from_group and match.start(from_group) >= 0 else match.start()
        start, end = span if span is not None else ctx.template.span(first, match.end())
        text = ctx.sentence.text[start - ctx.sentence.start : end - ctx.sentence.start]
        return Claim(f"C{self.counter}", kind, ctx.sentence.index, start, end, text, pattern, **fields)


def _group(match: re.Match[str], name: str) -> str | None:
    try:
        return match.group(name)
    except IndexError:
        return None


def _org_code(ctx: SentenceContext, match: re.Match[str], group: str = "org") -> str | None:
    index = _group(match, group)
    mention = ctx.mentions.get(f"O{index}") if index is not None else None
    return mention.code if mention else None


def _state_codes(ctx: SentenceContext, text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    codes = [ctx.mentions[f"S{i}"].code for i in re.findall(r"⟦S(\d+)⟧", text)]
    return tuple(dict.fromkeys(code for code in codes if code))


def _count_of(match: re.Match[str], suffix: str = "") -> Count | None:
    number = _group(match, "n" + suffix)
    if number is None:
        return None
    return Count(int(number), parse_qualifier(_group(match, "qual" + suffix)))


def _status_of(noun: str | None) -> str:
    lower = (noun or "").lower()
    if lower.startswith("observer"):
        return "observer"
    if lower.startswith("dialogue"):
        return "dialogue_partner"
    if lower.startswith("partner"):
        return "partner"
    return "member"


def _tense(match: re.Match[str]) -> Tense:
    if _group(match, "present"):
        return "present"
    if _group(match, "past"):
        return "past"
    return "none"


def _date_in_match(ctx: SentenceContext, match: re.Match[str], group: str = "date") -> DateRef | None:
    key = _group(match, group)
    return ctx.dates.get(key) if key else None


def _dates_with_prepositions(ctx: SentenceContext) -> list[tuple[str, str, DateRef, int]]:
    """(key, preposition, date, template position) for every date of the sentence."""
    found = []
    for found_match in re.finditer(r"⟦(D\d+)⟧", ctx.template.text):
        key = found_match.group(1)
        before = ctx.template.text[: found_match.start()]
        prep = _DATE_PREPOSITION.search(before)
        found.append(
            (
                key,
                (prep.group("prep").lower().split()[0] if prep else ""),
                ctx.dates[key],
                found_match.start(),
            )
        )
    return found


def _nearest_date(
    ctx: SentenceContext,
    match: re.Match[str],
    prepositions: tuple[str, ...] = ("in", "on", "", "as", "at", "by"),
    *,
    after_only: bool = False,
) -> DateRef | None:
    """The date of the sentence nearest to the match, introduced by one of ``prepositions``.

    Dates of a founding clause ("the EAEU, founded in 2015, …") are skipped; with ``after_only``, so are
    dates before the end of the match (a present-tense verb is read on a date that follows it, if any).
    """
    best: tuple[int, DateRef] | None = None
    owned = _dates_of_other_counts(ctx, match)
    asides = [(a, b) for a, b in _appositive_spans(ctx) if not a <= match.end() - 1 < b]
    for key, prep, date, position in _dates_with_prepositions(ctx):
        if prep not in prepositions or date.precision == "now" or key in owned:
            continue
        if _FOUNDING_CLAUSE.search(ctx.template.text[:position]) or (after_only and position < match.end()):
            continue
        if any(a <= position < b for a, b in asides):
            continue
        distance = (
            0
            if match.start() <= position < match.end()
            else min(abs(position - match.start()), abs(position - match.end()))
        )
        if best is None or distance < best[0]:
            best = (distance, date)
    return best[1] if best else None


_FOUNDING_CLAUSE = re.compile(r"(?:founded|established|created|set\s+up)\s+(?:in|on)\s*$", re.IGNORECASE)

_DATED_COUNT = re.compile(
    r"(?<![\w⟦])(?P<n>\d{1,3})\b(?:\s+(?:new\s+|full\s+)?(?:" + _MEMBER_NOUNS + r")\b)?\s+"
    r"(?:in|on|by|as\s+of|at\s+the\s+(?:end|start|beginning)\s+of)\s+⟦(?P<date>D\d+)⟧",
    re.IGNORECASE,
)
"""A count with its own date ("16 in 1998", "12 members in 1949"): the date belongs to that count."""

_APPOSITIVE_SPAN = re.compile(
    r"⟦[OS]\d+⟧(?:'s|’s)?\s*(?:,\s*(?P<comma>(?:" + _APPOSITIVE_START + r")\b(?!\s*⟦[OS])"
    r"[^,;:()\[\]—–]{0,160})(?=\s*,)|(?P<paren>\([^()]{1,200}\))|(?P<dash>[—–][^—–;]{1,160}[—–]))",
    re.IGNORECASE,
)


def _dates_of_other_counts(ctx: SentenceContext, match: re.Match[str]) -> set[str]:
    """Keys of the dates that modify a count outside ``match`` ("…, compared with 16 in 1998"): such a date
    is that count's, not the date of the claim matched."""
    return {
        found.group("date")
        for found in _DATED_COUNT.finditer(ctx.template.text)
        if not match.start() <= found.start("n") < match.end()
    }


def _appositive_spans(ctx: SentenceContext) -> list[tuple[int, int]]:
    """Template spans of the clauses set off after a name ("the CIS, founded in 1991 …, now has"): their
    dates describe the name, not the claim made by the sentence's main verb."""
    spans = []
    for found in _APPOSITIVE_SPAN.finditer(ctx.template.text):
        group = next(g for g in ("comma", "paren", "dash") if found.group(g) is not None)
        spans.append((found.start(group), found.end(group)))
    return spans


def _now_in_match(ctx: SentenceContext, match: re.Match[str]) -> DateRef | None:
    """A "now"-word inside the match ("NATO now has …"): the claim is read on the statement's date."""
    for found in re.finditer(r"⟦(D\d+)⟧", match.group(0)):
        date = ctx.dates.get(found.group(1))
        if date is not None and date.precision == "now":
            return date
    return None


def _now_word(ctx: SentenceContext) -> DateRef | None:
    for date in ctx.dates.values():
        if date.precision == "now":
            return date
    return None


def _since(ctx: SentenceContext) -> DateRef | None:
    for _key, prep, date, _position in _dates_with_prepositions(ctx):
        if prep == "since" and date.precision != "now":
            return date
    return None


def _between(ctx: SentenceContext) -> tuple[DateRef, DateRef] | None:
    text = ctx.template.text
    found = re.search(
        r"\b(?:between|from)\s+⟦(D\d+)⟧\s+(?:and|to|until|till)\s+⟦(D\d+)⟧", text, re.IGNORECASE
    )
    if found:
        return ctx.dates[found.group(1)], ctx.dates[found.group(2)]
    return None


def _iterate(
    patterns: Sequence[tuple[str, re.Pattern[str]]], ctx: SentenceContext
) -> Iterator[tuple[str, re.Match[str]]]:
    """Matches of ``patterns`` in the template, earlier patterns first, without overlapping matches."""
    taken: list[tuple[int, int]] = []
    for name, pattern in patterns:
        for match in pattern.finditer(ctx.template.text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            yield name, match


# --- one function per claim type ----------------------------------------------------------------------------


def member_count_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """Counts of members (or observers, partners) of an organisation at a date or at the statement's date."""
    claims = []
    for name, match in _iterate(MEMBER_COUNT_PATTERNS, ctx):
        org = _org_code(ctx, match)
        count = _count_of(match)
        if org is None or count is None:
            continue
        tense = _tense(match)
        active = (_group(match, "active") or "").lower()
        when = (
            _date_in_match(ctx, match)
            or (_now_in_match(ctx, match) if tense != "past" else None)
            or _nearest_date(ctx, match, ("in", "on", "by", "as", "at"), after_only=tense == "present")
        )
        if when is None and (tense == "present" or name in _PRESUPPOSED_COUNTS):
            when = _now_word(ctx) or _implicit_now(ctx, match)
            tense = "present"
        claims.append(
            build.make(
                ctx,
                "member_count",
                match,
                name,
                organisation=org,
                count=count,
                status=_status_of(_group(match, "noun")),
                active_only=active in ("active", "participating"),
                when=when,
                tense=tense,
            )
        )
    return claims


_EARLIER_COUNT = _compile(
    r"(?P<cue>compared\s+(?:with|to)|as\s+against|against|up\s+from|down\s+from|(?:rising|rose|falling|fell|"
    r"grown|grew|risen)\s+from|from|versus|vs\.?)\s+(?:only\s+|just\s+|some\s+)?{COUNT}(?:\s+{MEMBERS})?\s+"
    r"(?:(?:in|on|by|as\s+of|at\s+the\s+(?:end|start|beginning)\s+of)\s+)?{DATE}"
)
"""A count compared with the claim's own count, with its own date: "…, compared with 16 in 1998", "…, up from
16 in 1998", "from 16 in 1998 to 32 in 2024"."""

_FURTHER_COUNT = _compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|to|then)\s+)(?:only\s+|just\s+|some\s+)?{COUNT}(?:\s+{MEMBERS})?\s+"
    r"(?:(?:in|on|by|as\s+of|at\s+the\s+(?:end|start|beginning)\s+of)\s+)?{DATE}"
)
"""A further dated count in the same list: "… up from 16 in 1998 and 12 in 1949", "from 16 in 1998 to 32 in
2024"."""


def compared_count_claims(ctx: SentenceContext, build: _Builder, counts: Sequence[Claim]) -> list[Claim]:
    """Dated counts that a sentence sets beside another count ("NATO now has 32 members, compared with 16 in
    1998"; "NATO had 16 members in 1998 and 26 in 2004"): one ``member_count`` claim each, read on its own
    date, of the organisation (and status) of the count before it in the sentence; the date is the
    count's, not the main verb's."""
    text = ctx.template.text
    chains: list[tuple[list[re.Match[str]], Claim | None, str]] = []
    taken = [(c.start, c.end) for c in counts]
    for first in _EARLIER_COUNT.finditer(text):
        start = ctx.template.span(first.start(), first.end())[0]
        if any(a <= start < b for a, b in taken):
            continue
        before = [c for c in counts if c.end <= start]
        primary = max(before, key=lambda c: c.end) if before else None
        if primary is None and not (_group(first, "noun") and _only_organisation(ctx)):
            continue
        chains.append(([first, *_further_counts(text, first.end())], primary, first.group("cue")))
    for primary in counts:
        # a dated count continued by further dated counts: "… had 16 members in 1998 and 26 in 2004"
        own = _OWN_DATE.match(text, ctx.template.position(primary.end))
        if own is not None:
            chains.append((_further_counts(text, own.end()), primary, "and"))
    claims: list[Claim] = []
    for matches, primary, cue_words in chains:
        org = primary.organisation if primary else _only_organisation(ctx)
        cue = " ".join(cue_words.lower().split())
        for match in matches:
            count = _count_of(match)
            when = _date_in_match(ctx, match)
            if org is None or count is None or when is None:
                continue
            noun = _group(match, "noun")
            status = _status_of(noun) if noun else (primary.status if primary else "member")
            active = (_group(match, "active") or "").lower() in ("active", "participating")
            if not noun and primary is not None:
                active = primary.active_only
            note = f"a count set beside {primary.id} (“{cue}”), read on its own date" if primary else ""
            claims.append(
                build.make(
                    ctx,
                    "member_count",
                    match,
                    "compared_count",
                    organisation=org,
                    count=count,
                    status=status,
                    active_only=active,
                    when=when,
                    tense="present" if when.precision == "now" else "past",
                    linked_to=primary.id if primary else None,
                    notes=(note,) if note else (),
                    from_group=None
                    if "cue" in match.groupdict()
                    else ("qual" if _group(match, "qual") else "n"),
                )
            )
    return claims


_OWN_DATE = re.compile(r"\s+(?:(?:in|on|by|as\s+of)\s+)?⟦D\d+⟧", re.IGNORECASE)


def _further_counts(text: str, position: int) -> list[re.Match[str]]:
    found = []
    while (further := _FURTHER_COUNT.match(text, position)) is not None:
        found.append(further)
        position = further.end()
    return found


#: patterns whose count is presupposed on the statement's date when no date is given ("the 32 members of
#: NATO")
_PRESUPPOSED_COUNTS = frozenset(
    {"n_members_of_org", "orgs_n_members", "org_with_n_members", "n_member_org", "org_the_n_member"}
)


def _implicit_now(ctx: SentenceContext, match: re.Match[str]) -> DateRef:
    start = ctx.template.span(match.start(), match.end())[0]
    return DateRef("", start, start, "now", None, None)


def growth_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """Growth of an organisation's membership: from one count to another, by a factor, or by a number."""
    claims = []
    for name, match in _iterate(GROWTH_PATTERNS, ctx):
        org = _org_code(ctx, match)
        if org is None:
            continue
        factor_word = (_group(match, "factor") or "").lower()
        factor = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0}.get(factor_word)
        fqual = (_group(match, "fqual") or "").strip().lower()
        factor_qualifier = {"more than": "more_than", "nearly": "nearly", "almost": "nearly"}.get(
            fqual, "about" if fqual in ("roughly", "about") else "exactly"
        )
        since = _since(ctx)
        span = _between(ctx)
        from_when = _date_in_match(ctx, match) or (span[0] if span else since)
        to_when = _date_in_match(ctx, match, "date2") or (span[1] if span else None)
        tense = _tense(match)
        if to_when is None and tense != "past":
            to_when = _now_word(ctx) or _implicit_now(ctx, match)
        fields: dict[str, Any] = {
            "organisation": org,
            "factor": factor,
            "factor_qualifier": factor_qualifier,
            "from_when": from_when,
            "to_when": to_when,
            "since": since is not None and from_when is since,
            "tense": tense,
        }
        if name in ("org_grew_by", "org_added_n"):
            fields["count"] = _count_of(match)
        else:
            fields["from_count"] = _count_of(match)
            fields["to_count"] = _count_of(match, "2")
        if factor is None and fields.get("count") is None and fields.get("from_count") is None:
            continue
        claims.append(build.make(ctx, "growth", match, name, **fields))
    return claims


def rounds_claims(ctx: SentenceContext, build: _Builder, growth: Sequence[Claim] = ()) -> list[Claim]:
    """Numbers of enlargement rounds ("in seven waves of expansion"), over a period or during a growth."""
    claims = []
    for name, match in _iterate(ROUNDS_PATTERNS, ctx):
        count = _count_of(match)
        if count is None:
            continue
        org = _org_code(ctx, match)
        linked = next((g for g in growth if g.sentence == ctx.sentence.index), None)
        if org is None and linked is not None:
            org = linked.organisation
        if org is None:
            org = _only_organisation(ctx)
        if org is None:
            continue
        span = _between(ctx)
        since = _since(ctx)
        fields: dict[str, Any] = {"organisation": org, "count": count, "tense": _tense(match)}
        if linked is not None and linked.organisation == org:
            fields["linked_to"] = linked.id
        elif span:
            fields["from_when"], fields["to_when"] = span
        elif since:
            fields["from_when"], fields["since"] = since, True
        claims.append(build.make(ctx, "rounds", match, name, **fields))
    return claims


def _only_organisation(ctx: SentenceContext) -> str | None:
    codes = {m.code for key, m in ctx.mentions.items() if key.startswith("O") and m.code}
    return codes.pop() if len(codes) == 1 else None


def accession_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """Dates on which states joined an organisation (as members, or as observers or partners)."""
    claims = []
    for name, match in _iterate(ACCESSION_PATTERNS, ctx):
        org = _org_code(ctx, match)
        states = _state_codes(ctx, _group(match, "states"))
        if org is None or not states:
            continue
        status = _status_of(_group(match, "status"))
        claims.extend(_dated_per_state(ctx, build, match, name, "accession", org, states, status=status))
    return claims


def withdrawal_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """Dates on which states left an organisation, or suspended or froze their membership."""
    claims = []
    for name, match in _iterate(WITHDRAWAL_PATTERNS, ctx):
        org = _org_code(ctx, match)
        states = _state_codes(ctx, _group(match, "states"))
        if org is None or not states:
            continue
        mode = next(m for m in ("suspended", "frozen", "left") if _group(match, m) or m == "left")
        claims.extend(_dated_per_state(ctx, build, match, name, "withdrawal", org, states, mode=mode))
    return claims


def _dated_per_state(
    ctx: SentenceContext,
    build: _Builder,
    match: re.Match[str],
    name: str,
    kind: ClaimKind,
    org: str,
    states: tuple[str, ...],
    **extra: Any,
) -> list[Claim]:
    """One claim per state; "respectively" pairs the states with the sentence's dates in order."""
    dates = [d for _, _, d, _ in _dates_with_prepositions(ctx) if d.precision != "now"]
    respectively = re.search(r"\brespectively\b", ctx.template.text[match.end() :], re.IGNORECASE)
    if respectively and len(dates) == len(states) and len(states) > 1:
        return [
            build.make(ctx, kind, match, name, organisation=org, states=(code,), when=date, **extra)
            for code, date in zip(states, dates, strict=True)
        ]
    when = _date_in_match(ctx, match) or _nearest_date(ctx, match, ("in", "on", "", "as", "at", "since"))
    return [
        build.make(ctx, kind, match, name, organisation=org, states=(code,), when=when, **extra)
        for code in states
    ]


def membership_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """Who belongs to what: "X is (not) a member of Y", "Y comprises A, B and C" (exhaustive lists)."""
    claims = []
    for name, match in _iterate(MEMBERSHIP_PATTERNS, ctx):
        org = _org_code(ctx, match)
        states = _state_codes(ctx, _group(match, "states"))
        if org is None or not states:
            continue
        tense = _tense(match)
        when = _date_in_match(ctx, match) or _nearest_date(
            ctx, match, ("in", "on", "by", "as", "at", "since")
        )
        if when is None and tense != "past":
            when = _now_word(ctx) or _implicit_now(ctx, match)
        verb = match.group(0).lower()
        exhaustive = name in (
            "org_comprises_states",
            "org_members_are",
            "members_of_org_are",
        ) and not re.search(r"\b(?:includes?|included|including)\b", verb)
        claims.append(
            build.make(
                ctx,
                "membership",
                match,
                name,
                organisation=org,
                states=states,
                when=when,
                tense=tense,
                status=_status_of(_group(match, "status")),
                negated=_group(match, "neg") is not None,
                exhaustive=exhaustive and len(states) > 1,
            )
        )
    return claims


def founding_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """Founding dates of organisations."""
    claims = []
    for name, match in _iterate(FOUNDING_PATTERNS, ctx):
        org = _org_code(ctx, match)
        when = _date_in_match(ctx, match)
        if org is None or when is None or when.precision == "now":
            continue
        org_key = f"O{_group(match, 'org')}"
        claims.append(
            build.make(
                ctx,
                "founding",
                match,
                name,
                organisation=org,
                when=when,
                notes=(f"named as {ctx.mentions[org_key].text!r}",),
            )
        )
    return claims


def comparison_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """Comparisons of two organisations' numbers of members."""
    claims = []
    for name, match in _iterate(COMPARISON_PATTERNS, ctx):
        org, other = _org_code(ctx, match), _org_code(ctx, match, "org2")
        if org is None or other is None or org == other:
            continue
        word = " ".join(match.group("cmp").lower().split())
        relation = {
            "more": "more",
            "larger": "more",
            "bigger": "more",
            "fewer": "fewer",
            "smaller": "fewer",
        }.get(word, "as_many")
        tense = _tense(match)
        when = _nearest_date(ctx, match, ("in", "on", "by", "as", "at"), after_only=tense == "present")
        if when is None and tense != "past":
            when = _now_word(ctx) or _implicit_now(ctx, match)
        claims.append(
            build.make(
                ctx,
                "comparison",
                match,
                name,
                organisation=org,
                other_organisation=other,
                relation=relation,
                when=when,
                tense=tense,
            )
        )
    return claims


def principle_claims(ctx: SentenceContext, build: _Builder) -> list[Claim]:
    """A principle stated in organisations' founding documents: one claim per organisation.

    The principle is the lexicon's principle named just before a passive verb ("… is enshrined in X") or
    just after an active one ("X enshrines …"); words without a lexicon principle make a claim only when
    they say "principle", "right to", "norm" or "commitment" (the claim then keeps the words)."""
    from secarch.claims.lexicon import find_principles

    sentence = ctx.sentence
    entities = [(m.start - sentence.start, m.end - sentence.start) for m in ctx.mentions.values() if m.code]
    invoked = find_principles(sentence.text, entities)
    claims = []
    for name, match in _iterate(PRINCIPLE_PATTERNS, ctx):
        orgs = tuple(
            dict.fromkeys(
                code
                for i in re.findall(r"⟦O(\d+)⟧", match.group("orgs"))
                if (code := ctx.mentions[f"O{i}"].code) is not None
            )
        )
        if not orgs:
            continue
        start, end = (p - sentence.start for p in ctx.template.span(match.start(), match.end()))
        if name == "principle_is_enshrined_in_orgs":
            clause = re.split(r"[;:]|,\s", sentence.text[:start])[-1]
            first, last = _trimmed(sentence.text, start - len(clause), start)
            span = (sentence.start + first, sentence.start + end)
        else:
            rest = re.split(r"[;:.]|,\s", sentence.text[end:])[0]
            first, last = _trimmed(sentence.text, end, end + len(rest))
            span = (sentence.start + start, sentence.start + max(last, end))
        words = sentence.text[first:last]
        inside = [m for m in invoked if first <= m.start and m.end <= last]
        named: list[tuple[str | None, str | None]] = list(
            dict.fromkeys(
                (m.principle, m.pattern if m.principle == "threat_agenda" else None) for m in inside
            )
        )
        if not named and not _PRINCIPLE_WORDS.search(words):
            continue
        for principle, item in named or [(None, None)]:
            for org in orgs:
                claims.append(
                    build.make(
                        ctx,
                        "principle",
                        match,
                        name,
                        organisation=org,
                        principle=principle,
                        principle_text=words or None,
                        mode=item,
                        tense="present",
                        span=span,
                    )
                )
    return claims


def _trimmed(text: str, first: int, last: int) -> tuple[int, int]:
    """``[first, last)`` without surrounding spaces and commas, and without a leading connective."""
    while first < last and text[first] in " ,":
        first += 1
    while last > first and text[last - 1] in " ,":
        last -= 1
    lead = re.match(r"(?:that|which|and|but|thus|so|indeed|moreover)\s+", text[first:last], re.IGNORECASE)
    return (first + lead.end() if lead else first), last


ClaimFinder = Callable[[SentenceContext, _Builder], list[Claim]]


def extract_claims(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Claim]:
    """Every checkable claim of the text, sentence by sentence, numbered C1, C2, … in order."""
    build = _Builder()
    claims: list[Claim] = []
    for sentence in sentences:
        ctx = prepare(sentence, mentions)
        if not any(key.startswith("O") for key in ctx.mentions):
            continue
        growth = growth_claims(ctx, build)
        counts = member_count_claims(ctx, build)
        found = [
            *counts,
            *compared_count_claims(ctx, build, counts),
            *growth,
            *rounds_claims(ctx, build, growth),
            *accession_claims(ctx, build),
            *withdrawal_claims(ctx, build),
            *membership_claims(ctx, build),
            *founding_claims(ctx, build),
            *comparison_claims(ctx, build),
            *principle_claims(ctx, build),
        ]
        claims.extend(_drop_shadowed(found))
    ordered = sorted(claims, key=lambda c: (c.start, c.end))
    renumber = {claim.id: f"C{i + 1}" for i, claim in enumerate(ordered)}
    return [
        _replace(claim, id=renumber[claim.id], linked_to=renumber.get(claim.linked_to or "", claim.linked_to))
        for claim in ordered
    ]


def _drop_shadowed(claims: list[Claim]) -> list[Claim]:
    """Drop a count claim inside a growth claim (the growth claim evaluates its counts itself)."""
    growth = [c for c in claims if c.kind == "growth"]
    return [
        c
        for c in claims
        if not (c.kind == "member_count" and any(g.start <= c.start and c.end <= g.end for g in growth))
    ]


def _replace(claim: Claim, **changes: Any) -> Claim:
    from dataclasses import replace

    return replace(claim, **changes)

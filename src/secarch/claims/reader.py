"""Read a statement and build its ledger: the one entry point of :mod:`secarch.claims`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from secarch.claims.data_view import MembershipData
from secarch.claims.evaluate import evaluate_claims
from secarch.claims.extract import Claim, extract_claims
from secarch.claims.gazetteer import Gazetteer, Mention
from secarch.claims.ledger import ClaimResult, Ledger, Unparsed, scope_statement
from secarch.claims.lexicon import find_principles
from secarch.claims.proposals import combined_patch, find_proposals, validate_edits
from secarch.claims.quantities import DateRef, find_dates, number_words
from secarch.claims.text import split_sentences
from secarch.errors import InputError
from secarch.model import Architecture

MAX_CHARACTERS = 2_000_000
"""Longest text read (about 300 pages): longer input is an error, not a silent truncation."""


def default_architecture() -> str:
    """The bundled architecture claims are checked against: ``history`` (1991 → today) when bundled."""
    from secarch.spec import bundled_path

    return "history" if bundled_path("history") is not None else "example"


def read_statement(
    text: str,
    architecture: str | Architecture | None = None,
    *,
    as_of: dt.date | int | str | None = None,
    name: str = "<text>",
) -> Ledger:
    """Read ``text`` (English) and return its ledger, checked against ``architecture``.

    Parameters
    ----------
    architecture : a bundled name, a file path, or an :class:`~secarch.model.Architecture`; default
        :func:`default_architecture`.
    as_of : the statement's date: present-tense claims ("NATO has 32 members") are read on it. A date, an
        ISO string or a year (its 1 July); default the architecture's reference date.
    name : how the ledger names the statement (e.g. the file name).

    >>> ledger = read_statement("The CSTO now has six members.", "example")
    >>> ledger.claims[0].evaluation.verdict
    'contradicted'
    """
    if not isinstance(text, str):
        raise InputError.single("the statement must be text", field="text", expected="a string")
    if len(text) > MAX_CHARACTERS:
        raise InputError.single(
            f"the statement has {len(text):,} characters",
            file=name,
            expected=f"at most {MAX_CHARACTERS:,} characters",
            hint="split the text into several files",
        )
    arch, reference = _architecture(architecture)
    when = arch.resolve_date(as_of) if as_of is not None else arch.date
    as_of_from = "given as the statement's date" if as_of is not None else "the architecture's reference date"

    gazetteer = _gazetteer(tuple((o.id, o.name, o.kind) for o in arch.organisations), arch)
    mentions = gazetteer.find(text, when)
    sentences = split_sentences(text)
    claims = extract_claims(sentences, mentions)
    data = MembershipData(arch)
    evaluations = evaluate_claims(claims, data, when)
    results = tuple(ClaimResult(c, describe_claim(c, gazetteer, when), evaluations[c.id]) for c in claims)

    proposals = find_proposals(sentences, mentions, arch, name)
    base_dir = str(Path(reference).resolve().parent) if Path(reference).is_file() else "."
    parent = str(Path(reference).resolve()) if Path(reference).is_file() else reference
    proposals = validate_edits(proposals, parent, base_dir, arch, name)
    patch = combined_patch(proposals, parent, arch, name)
    if patch is not None and not _patch_applies(arch, patch):
        patch = None  # the edits validate one by one but not together: the user combines them by hand

    claimed = {c.sentence for c in claims}
    unparsed = []
    for sentence in sentences:
        if sentence.index in claimed:
            continue
        named = [m for m in mentions if sentence.start <= m.start < sentence.end and m.code]
        figures = bool(re.search(r"\d", sentence.text) or number_words(sentence.text)) or any(
            d.precision != "now" for d in find_dates(sentence.text)
        )
        if named and figures:
            unparsed.append(
                Unparsed(
                    sentence.index,
                    sentence.start,
                    sentence.end,
                    sentence.text,
                    "names a state or organisation and has figures or dates, but matched no claim pattern",
                )
            )

    return Ledger(
        statement=name,
        characters=len(text),
        sentences=len(sentences),
        architecture=arch.name,
        architecture_title=arch.title,
        period=(arch.period.start, arch.period.end),
        as_of=when,
        as_of_from=as_of_from,
        scope=scope_statement(arch.name, arch.period.start, arch.period.end),
        entities=tuple(mentions),
        principles=tuple(find_principles(text, [(m.start, m.end) for m in mentions if m.code])),
        claims=results,
        proposals=tuple(proposals),
        patch=patch,
        unparsed=tuple(unparsed),
    )


_GAZETTEERS: dict[tuple[tuple[str, str, str], ...], Gazetteer] = {}


def _gazetteer(key: tuple[tuple[str, str, str], ...], arch: Architecture) -> Gazetteer:
    """The gazetteer for an architecture's organisations (built once per set of organisations)."""
    if key not in _GAZETTEERS:
        if len(_GAZETTEERS) > 16:
            _GAZETTEERS.clear()
        _GAZETTEERS[key] = Gazetteer.build(arch)
    return _GAZETTEERS[key]


def _patch_applies(arch: Architecture, patch: dict[str, object]) -> bool:
    from pydantic import ValidationError

    from secarch.claims.proposals import apply_patch

    try:
        apply_patch(arch, patch)
    except (InputError, ValidationError):
        return False
    return True


def _architecture(architecture: str | Architecture | None) -> tuple[Architecture, str]:
    from secarch.spec import load_architecture

    if isinstance(architecture, Architecture):
        return architecture, architecture.name
    reference = architecture or default_architecture()
    return load_architecture(reference), reference


def _when(date: DateRef | None, as_of: dt.date) -> str:
    if date is None:
        return "at an unstated date"
    if date.precision == "now":
        return f"on the statement's date (read as {as_of})"
    return {"day": "on ", "month": "in ", "year": "in "}[date.precision] + date.describe()


def describe_claim(claim: Claim, gazetteer: Gazetteer, as_of: dt.date) -> str:
    """What the claim asserts, in neutral words (the text's own wording is kept beside it in the ledger)."""
    org = claim.organisation or "?"
    states = ", ".join(claim.states)
    status = claim.status.replace("_", " ")
    match claim.kind:
        case "member_count":
            assert claim.count is not None
            words = "active members" if claim.active_only else f"{status}s"
            verb = "has" if claim.when is not None and claim.when.precision == "now" else "had"
            return f"{org} {verb} {claim.count.describe()} {words} {_when(claim.when, as_of)}."
        case "growth":
            parts = []
            if claim.from_count is not None:
                when = _when(claim.from_when, as_of) if claim.from_when else "(no date given)"
                parts.append(f"from {claim.from_count.describe()} members {when}")
            elif claim.from_when is not None:
                parts.append(f"since {claim.from_when.describe()}")
            if claim.to_count is not None:
                parts.append(f"to {claim.to_count.describe()} members {_when(claim.to_when, as_of)}")
            elif claim.to_when is not None:
                parts.append(f"up to {_when(claim.to_when, as_of).removeprefix('on ').removeprefix('in ')}")
            if claim.factor is not None:
                qualifier = (
                    ""
                    if claim.factor_qualifier == "exactly"
                    else claim.factor_qualifier.replace("_", " ") + " "
                )
                parts.append(f"a growth by a factor of {qualifier}{claim.factor:g}")
            if claim.count is not None:
                parts.append(f"an increase by {claim.count.describe()} members")
            return f"{org}'s membership grew " + ", ".join(parts) + "."
        case "rounds":
            assert claim.count is not None
            if claim.linked_to:
                span = f"during the growth in {claim.linked_to}"
            elif claim.from_when is not None:
                span = f"since {claim.from_when.describe()}"
            else:
                span = "since its founding"
            return f"{org} enlarged in {claim.count.describe()} rounds {span}."
        case "accession":
            role = "joined" if claim.status == "member" else f"became {status} of"
            return f"{states} {role} {org} {_when(claim.when, as_of)}."
        case "withdrawal":
            from secarch.claims.evaluate import EXIT_WORDS

            exit_words = EXIT_WORDS.get(claim.mode or "left", "left")
            return f"{states} {exit_words} {org} {_when(claim.when, as_of)}."
        case "membership":
            negation = "not " if claim.negated else ""
            plural = "s" if len(claim.states) > 1 else ""
            exhaustive = " (the complete list)" if claim.exhaustive else ""
            copula = "are" if plural else "is"
            when = _when(claim.when, as_of)
            return f"{states} {copula} {negation}{status}{plural} of {org}{exhaustive} {when}."
        case "founding":
            return f"{org} was founded {_when(claim.when, as_of)}."
        case "comparison":
            relation = {"more": "more members than", "fewer": "fewer members than"}.get(
                claim.relation or "", "as many members as"
            )
            return f"{org} has {relation} {claim.other_organisation} {_when(claim.when, as_of)}."
        case "principle":
            from secarch.claims.evaluate import principle_words

            return f"The founding documents of {org} state {principle_words(claim)}."
    return claim.text  # pragma: no cover


__all__ = ["MAX_CHARACTERS", "Mention", "default_architecture", "describe_claim", "read_statement"]

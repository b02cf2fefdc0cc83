"""The claims ledger: what a statement names, which principles it invokes, what it claims about membership
and structure and what the bundled data says about each claim, and what it proposes. Rendered as JSON
(:meth:`Ledger.as_dict`), Markdown (:meth:`Ledger.to_markdown`) or plain text (:meth:`Ledger.to_text`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from secarch.claims.evaluate import VERDICTS, Evaluation
from secarch.claims.extract import Claim
from secarch.claims.gazetteer import Mention
from secarch.claims.lexicon import PrincipleMention
from secarch.claims.proposals import CandidateEdit

VERDICT_LABELS = {
    "supported": "supported by the data",
    "contradicted": "contradicted by the data",
    "not_checkable": "not checkable with the bundled data",
}


def scope_statement(architecture: str, start: dt.date, end: dt.date) -> str:
    """What the ledger checks and what it does not, in plain words."""
    return (
        "This ledger checks only the claims about membership and structure that secarch could parse from "
        f"the text, and only against the bundled data (architecture '{architecture}', {start} – {end}). "
        "Other claims, the text's arguments and its characterisations are not assessed. 'Supported' and "
        "'contradicted' describe agreement with this data, with the evidence beside each verdict; "
        "principles are listed where the text invokes them, without judging them; proposals are listed as "
        "candidate edits for review."
    )


@dataclass(frozen=True)
class ClaimResult:
    """A claim, what it asserts in neutral words, and its evaluation."""

    claim: Claim
    asserts: str
    evaluation: Evaluation

    def as_dict(self) -> dict[str, Any]:
        return {**self.claim.as_dict(), "asserts": self.asserts, "evaluation": self.evaluation.as_dict()}


@dataclass(frozen=True)
class Unparsed:
    """A sentence with figures or dates and a named entity from which no claim was parsed."""

    sentence: int
    start: int
    end: int
    text: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Ledger:
    """Everything ``secarch claims`` reports about one statement."""

    statement: str
    characters: int
    sentences: int
    architecture: str
    architecture_title: str
    period: tuple[dt.date, dt.date]
    as_of: dt.date
    as_of_from: str
    scope: str
    entities: tuple[Mention, ...]
    principles: tuple[PrincipleMention, ...]
    claims: tuple[ClaimResult, ...]
    proposals: tuple[CandidateEdit, ...]
    patch: dict[str, Any] | None
    unparsed: tuple[Unparsed, ...]

    def verdict_counts(self) -> dict[str, int]:
        counted = Counter(result.evaluation.verdict for result in self.claims)
        return {verdict: counted.get(verdict, 0) for verdict in VERDICTS}

    def as_dict(self) -> dict[str, Any]:
        return {
            "statement": {"name": self.statement, "characters": self.characters, "sentences": self.sentences},
            "data": {
                "architecture": self.architecture,
                "title": self.architecture_title,
                "period": [self.period[0].isoformat(), self.period[1].isoformat()],
                "as_of": self.as_of.isoformat(),
                "as_of_from": self.as_of_from,
            },
            "scope": self.scope,
            "summary": {
                "entities": len(self.entities),
                "principles": len(self.principles),
                "claims": len(self.claims),
                **self.verdict_counts(),
                "proposals": len(self.proposals),
                "unparsed_sentences_with_figures": len(self.unparsed),
            },
            "entities": [m.as_dict() for m in self.entities],
            "principles": [p.as_dict() for p in self.principles],
            "claims": [c.as_dict() for c in self.claims],
            "proposals": [p.as_dict() for p in self.proposals],
            "patch": self.patch,
            "unparsed": [u.as_dict() for u in self.unparsed],
        }

    # --- Markdown ----------------------------------------------------------------------------------------

    def to_markdown(self) -> str:
        lines = [f"# Claims ledger: {self.statement}", "", f"> {self.scope}", ""]
        lines.append(
            f"Data: architecture `{self.architecture}` ({self.architecture_title}), {self.period[0]} – "
            f"{self.period[1]}. Present-tense claims are read on {self.as_of} ({self.as_of_from})."
        )
        counts = self.verdict_counts()
        lines += [
            "",
            "| claims | supported | contradicted | not checkable | proposals |",
            "|---|---|---|---|---|",
            f"| {len(self.claims)} | {counts['supported']} | {counts['contradicted']} | "
            f"{counts['not_checkable']} | {len(self.proposals)} |",
            "",
        ]
        lines += ["## Claims", ""]
        if not self.claims:
            lines += ["No checkable claim about membership or structure was found in the text.", ""]
        for result in self.claims:
            claim, ev = result.claim, result.evaluation
            lines.append(f"### {claim.id} — {VERDICT_LABELS[ev.verdict]}")
            lines += [
                "",
                f"- **Text** (characters {claim.start}–{claim.end}): “{_md(claim.text)}”",
                f"- **Asserts**: {_md(result.asserts)}",
                f"- **Data**: {_md(ev.data_says)}",
            ]
            for evidence in ev.evidence:
                sources = f" Sources: {_md('; '.join(evidence.sources))}." if evidence.sources else ""
                lines.append(f"  - {_md(evidence.statement)}{sources}")
            if ev.needed:
                lines.append(f"- **Would need**: {_md(ev.needed)}")
            for note in ev.notes:
                lines.append(f"- *Note*: {_md(note)}")
            lines.append("")
        lines += ["## Principles invoked", ""]
        if self.principles:
            lines += ["| principle | text | characters | registry check |", "|---|---|---|---|"]
            for p in self.principles:
                checks = ", ".join(f"`{c}`" for c in p.checks) or "none"
                lines.append(f"| {p.label} | “{_md(p.text)}” | {p.start}–{p.end} | {checks} |")
        else:
            lines.append("None found.")
        lines += ["", "## Proposals (candidate edits for review)", ""]
        if not self.proposals:
            lines.append("None found.")
        for edit in self.proposals:
            lines.append(f"- **{edit.id}** ({edit.action}): {_md(edit.summary)} — “{_md(edit.text)}”")
            if edit.reason:
                lines.append(f"  - no patch: {_md(edit.reason)}")
            for note in edit.notes:
                lines.append(f"  - *Note*: {_md(note)}")
        if self.patch:
            from secarch.spec import dump_yaml

            lines += ["", "Suggested patch:", "", "```yaml", dump_yaml(self.patch).rstrip(), "```"]
        lines += ["", "## Entities", ""]
        if self.entities:
            lines += ["| text | characters | kind | code | via | note |", "|---|---|---|---|---|---|"]
            for m in self.entities:
                code = m.code or ("? " + "/".join(m.candidates) if m.candidates else "—")
                note = _md(m.note or "")
                lines.append(f"| {_md(m.text)} | {m.start}–{m.end} | {m.kind} | {code} | {m.via} | {note} |")
        else:
            lines.append("None found.")
        if self.unparsed:
            lines += ["", "## Sentences with figures that were not parsed", ""]
            for u in self.unparsed:
                lines.append(f"- sentence {u.sentence + 1} (characters {u.start}–{u.end}): “{_md(u.text)}”")
        return "\n".join(lines).rstrip() + "\n"

    # --- plain text ----------------------------------------------------------------------------------------

    def to_text(self) -> str:
        counts = self.verdict_counts()
        lines = [
            f"Claims ledger: {self.statement}",
            self.scope,
            f"Data: {self.architecture} ({self.period[0]} – {self.period[1]}); present tense read on "
            f"{self.as_of} ({self.as_of_from}).",
            f"{len(self.claims)} claims: {counts['supported']} supported, "
            f"{counts['contradicted']} contradicted, "
            f"{counts['not_checkable']} not checkable; {len(self.principles)} principle invocations; "
            f"{len(self.proposals)} proposals; {len(self.entities)} entities.",
            "",
        ]
        for result in self.claims:
            claim, ev = result.claim, result.evaluation
            lines.append(
                f"{claim.id} [{VERDICT_LABELS[ev.verdict]}] “{claim.text}” ({claim.start}–{claim.end})"
            )
            lines.append(f"    asserts: {result.asserts}")
            lines.append(f"    data: {ev.data_says}")
            for evidence in ev.evidence:
                lines.append(f"      - {evidence.statement}")
                for source in evidence.sources:
                    lines.append(f"        source: {source}")
            if ev.needed:
                lines.append(f"    would need: {ev.needed}")
            for note in ev.notes:
                lines.append(f"    note: {note}")
        if self.principles:
            lines += ["", "Principles invoked:"]
            for p in self.principles:
                checks = ", ".join(p.checks) or "no check of its own"
                lines.append(f"  {p.label}: “{p.text}” ({p.start}–{p.end}; {checks})")
        if self.proposals:
            lines += ["", "Proposals (candidate edits for review):"]
            for edit in self.proposals:
                status = "patch suggested" if edit.patch else f"no patch: {edit.reason}"
                lines.append(f"  {edit.id} {edit.action}: {edit.summary} ({status})")
        if self.unparsed:
            lines += ["", "Sentences with figures that were not parsed:"]
            for u in self.unparsed:
                lines.append(f"  sentence {u.sentence + 1}: “{u.text}”")
        return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return " ".join(text.replace("|", "\\|").split())

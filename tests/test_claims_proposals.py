"""Proposals: sentences that propose changes become candidate edits, and every suggested patch loads onto
its parent architecture.

Oracle: the architecture-file loader (`secarch.spec.load_architecture`), which validates the patched
architecture against the model; and a hand reading of each sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from clikit import run_cli
from secarch.claims import read_statement
from secarch.spec import bundled_path, dump_yaml, load_architecture


def proposals(text: str) -> list[tuple[str, bool]]:
    ledger = read_statement(text, "example")
    return [(p.action, p.patch is not None) for p in ledger.proposals]


@pytest.mark.parametrize(
    ("text", "action", "has_patch"),
    [
        (
            "We propose to establish a Eurasian security forum with Russia, China and Kazakhstan.",
            "new_forum",
            True,
        ),
        ("Turkmenistan should join the CSTO.", "join", True),
        ("Iran should join the SCO.", "join", True),
        ("Uzbekistan should withdraw from the CIS.", "leave", True),
        (
            "The parties call for open and inclusive negotiations on the rules of coexistence.",
            "negotiations",
            False,
        ),
        ("We call for the exclusion of off-region players from Central Asia.", "exclusion", False),
    ],
)
def test_proposal_actions(text: str, action: str, has_patch: bool) -> None:
    assert proposals(text) == [(action, has_patch)]


def test_statements_of_fact_are_not_proposals() -> None:
    assert proposals("Kazakhstan joined the SCO in 2001. The CSTO met in Moscow.") == []


def test_patch_loads_onto_the_parent(tmp_path: Path) -> None:
    """The combined patch, written as a file that extends the bundled example, loads and has the edits."""
    text = (
        "We propose to establish a Eurasian security forum with Russia, China and Kazakhstan. "
        "Iran should join the SCO. Uzbekistan should withdraw from the CIS."
    )
    ledger = read_statement(text, "example")
    assert ledger.patch is not None and ledger.patch["extends"] == "example"
    path = tmp_path / "edits.yaml"
    path.write_text(dump_yaml(ledger.patch), encoding="utf-8")
    arch = load_architecture(path)
    when = arch.date
    snapshot = arch.at(when)
    assert "IRN" in arch.participants and "IRN" in snapshot.members("SCO")
    assert "UZB" not in snapshot.members("CIS")
    forum = next(o for o in arch.organisations if o.kind == "dialogue_forum")
    assert set(snapshot.members(forum.id)) == {"RUS", "CHN", "KAZ"}
    assert all("proposal in <text>" in m.source for m in arch.memberships if m.organisation == forum.id)


def test_an_invalid_edit_keeps_its_reason() -> None:
    """Joining an organisation the state already belongs to would overlap its spell: no patch, a reason."""
    ledger = read_statement("Kazakhstan should join the SCO.", "example")
    (edit,) = ledger.proposals
    assert edit.patch is None and edit.reason and "does not validate" in edit.reason
    assert ledger.patch is None


@pytest.mark.skipif(bundled_path("history") is None, reason="the bundled history architecture is not there")
def test_joining_ends_the_overlapping_partner_spell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ukraine has been a NATO partner since 8 Feb 1994 (Partnership for Peace, in the history data): the
    membership spell would overlap it, so the patch ends that spell on the day the membership starts (a
    `modify`) and adds the membership. Oracle: `secarch validate` on the written patch (exit 0) and the
    loaded architecture (UKR a member, no longer a partner, on the reference date)."""
    ledger = read_statement("Ukraine should join NATO.", "history")
    (edit,) = ledger.proposals
    assert edit.action == "join" and edit.patch is not None, edit.reason
    start = load_architecture("history").date.isoformat()
    assert edit.patch["modify"] == {
        "memberships": [{"organisation": "NATO", "state": "UKR", "start": "1994-02-08", "end": start}]
    }
    assert [(m["state"], m["start"]) for m in edit.patch["add"]["memberships"]] == [("UKR", start)]
    assert any("partner spell of UKR in NATO (from 1994-02-08) ends on" in n for n in edit.notes)
    statement, path = tmp_path / "statement.txt", tmp_path / "edits.yaml"
    statement.write_text("Ukraine should join NATO.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "claims", str(statement), "--patch-out", str(path))
    assert code == 0, err
    code, out, err = run_cli(capsys, "validate", str(path))
    assert code == 0 and out.startswith("ok:"), err
    arch = load_architecture(path)
    snapshot = arch.at(arch.date)
    assert "UKR" in snapshot.members("NATO")
    spells = [m for m in arch.memberships if m.organisation == "NATO" and m.state == "UKR"]
    assert [(m.status, str(m.start), str(m.end)) for m in spells] == [
        ("partner", "1994-02-08", start),
        ("member", start, "None"),
    ]


def test_a_new_forum_is_not_new_twice() -> None:
    """The summary does not repeat "new" when the sentence already says it."""
    ledger = read_statement("We propose to establish a new Eurasian security forum.", "example")
    (edit,) = ledger.proposals
    assert edit.summary == "A new Eurasian security forum is proposed."
    assert "new new" not in edit.summary.lower()

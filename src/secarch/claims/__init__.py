"""The claims ledger: read a statement, link the states and organisations it names, find the principles it
invokes and the claims it makes about membership and structure, and check those claims against the bundled
data, with the evidence beside each verdict (DESIGN §3.7; docs/claims.md).

>>> from secarch.claims import read_statement
>>> ledger = read_statement("Kazakhstan joined the SCO in 2001.", "example")
>>> ledger.claims[0].evaluation.verdict
'supported'
"""

from __future__ import annotations

from secarch.claims.evaluate import Evaluation, Evidence
from secarch.claims.extract import Claim
from secarch.claims.gazetteer import Gazetteer, Mention
from secarch.claims.ledger import ClaimResult, Ledger
from secarch.claims.lexicon import PRINCIPLES, PrincipleMention, find_principles
from secarch.claims.proposals import CandidateEdit
from secarch.claims.reader import default_architecture, read_statement

__all__ = [
    "PRINCIPLES",
    "CandidateEdit",
    "Claim",
    "ClaimResult",
    "Evaluation",
    "Evidence",
    "Gazetteer",
    "Ledger",
    "Mention",
    "PrincipleMention",
    "default_architecture",
    "find_principles",
    "read_statement",
]

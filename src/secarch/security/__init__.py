"""The security model and the what-if engine (DESIGN §3.3; docs/security.md).

Security_i = (own_i + support_i) / (own_i + support_i + threat_i), with capabilities projected over distance
by Bueno de Mesquita's (1981) loss-of-strength gradient, support from guarantors weighted by credibility,
and threat from states with dissimilar alliance portfolios (Signorino and Ritter's S), rivals, dispute
opponents and their guarantors. The what-if engine removes, adds or modifies elements incrementally and
classifies each element as positive-, zero- or negative-sum by its leave-one-out effect.

>>> from secarch.security import score, what_if, classify_architecture
"""

from __future__ import annotations

from secarch.security.adapter import build_case, score, what_if
from secarch.security.adapter import classify as classify_architecture
from secarch.security.classify import Classification, ElementEffect, classify_elements
from secarch.security.elements import Element, ElementTable, Link
from secarch.security.model import Geography, Relations, SecurityScores, capability_baseline, security_scores
from secarch.security.params import SecurityParams
from secarch.security.whatif import Change, WhatIfEngine, WhatIfResult

__all__ = [
    "Change",
    "Classification",
    "Element",
    "ElementEffect",
    "ElementTable",
    "Geography",
    "Link",
    "Relations",
    "SecurityParams",
    "SecurityScores",
    "WhatIfEngine",
    "WhatIfResult",
    "build_case",
    "capability_baseline",
    "classify_architecture",
    "classify_elements",
    "score",
    "security_scores",
    "what_if",
]

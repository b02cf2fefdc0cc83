"""Small hand-written architectures for the model and spec tests."""

from __future__ import annotations

KNOWN = frozenset({"AAA", "BBB", "CCC", "DDD", "RUS", "KAZ", "KGZ", "TJK", "TKM", "UZB", "CHN"})

BASE = """\
# A tiny architecture for tests.
name: tiny
title: Tiny test architecture
date: 2020-06-30
period: {start: 2000-01-01, end: 2020-12-31}
region:
  name: Test region
  states: [AAA, BBB, CCC]
participants: [AAA, BBB, CCC, DDD]
organisations:
  - id: PACT
    name: Test Pact
    kind: collective_defence
    founded: 2001-01-01
    mandate:
      defence_clause: {reference: "Pact, Art. 1", source: "test treaty"}
    source: test treaty
  - id: FORUM
    name: Test Forum
    kind: dialogue_forum
    mandate:
      conflict_settlement: {reference: "Forum, Art. 2", source: "test charter"}
    source: test charter
memberships:
  - {organisation: PACT, state: AAA, start: 2001-01-01, source: test treaty}
  - {organisation: PACT, state: BBB, start: 2001-01-01, end: 2010-01-01, source: test treaty}
  - {organisation: PACT, state: BBB, status: frozen, start: 2010-01-01, source: test note}
  - {organisation: FORUM, state: AAA, start: 2000-01-01, source: test charter}
  - {organisation: FORUM, state: CCC, start: 2000-01-01, source: test charter}
agreements:
  - id: pact-art1
    name: Pact defence clause
    type: collective_defence
    organisation: PACT
    credibility: 0.4
    start: 2001-01-01
    source: test treaty
  - id: ddd-guarantee
    name: DDD guarantees CCC
    type: mutual_assistance
    parties: [DDD]
    beneficiaries: [CCC]
    credibility: 0.7
    start: 2005-01-01
    end: 2015-01-01
    source: test exchange of letters
disputes:
  - id: aaa-ccc
    name: AAA–CCC border
    side_a: [AAA]
    side_b: [CCC]
    issue: territory
    territory: the strip
    intensity: militarized
    start: 2008-01-01
    source: test report
rivalries:
  - {id: aaa-ddd, states: [AAA, DDD], start: 2000-01-01, source: test rivalry list}
"""

"""Negotiation engines: KTAB's Spatial Model of Politics, the expected-utility model, the NBS baseline.

Every engine takes a :class:`~secarch.negotiation.spec.NegotiationSpec` and returns a frozen
:class:`~secarch.negotiation.result.NegotiationResult`. See ``docs/negotiation.md``.
"""

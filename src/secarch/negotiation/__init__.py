"""Negotiation engines: KTAB's Spatial Model of Politics, the expected-utility model, the NBS baseline.

Every engine takes a :class:`~secarch.negotiation.spec.NegotiationSpec` and returns a frozen
:class:`~secarch.negotiation.result.NegotiationResult`; :func:`negotiate` picks the engine by name.
See ``docs/negotiation.md``.
"""

from secarch.negotiation.bdm import BDMOptions, run_bdm, solve_bdm
from secarch.negotiation.engines import MODELS, make_options, negotiate
from secarch.negotiation.ktab_csv import parse_ktab_csv, read_ktab_csv
from secarch.negotiation.nbs import NBSOptions, solve_nbs
from secarch.negotiation.result import NegotiationResult
from secarch.negotiation.smp import SMPOptions, run_smp, solve_smp
from secarch.negotiation.spec import NegotiationSpec

__all__ = [
    "MODELS",
    "BDMOptions",
    "NBSOptions",
    "NegotiationResult",
    "NegotiationSpec",
    "SMPOptions",
    "make_options",
    "negotiate",
    "parse_ktab_csv",
    "read_ktab_csv",
    "run_bdm",
    "run_smp",
    "solve_bdm",
    "solve_nbs",
    "solve_smp",
]

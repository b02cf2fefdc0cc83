"""Crisis simulation: the dyadic dispute-onset hazard model (:mod:`secarch.crisis.hazard`), the vectorised
dyad-year covariate builder (:mod:`secarch.crisis.dyads`) and the refit/validation logic
(:mod:`secarch.crisis.fit`). See docs/hazard.md. The Monte Carlo engine (escalation, joining, results):
:mod:`secarch.crisis.simulate`, docs/crisis.md.
"""

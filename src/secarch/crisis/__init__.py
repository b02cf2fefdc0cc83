"""Crisis simulation: the dyadic dispute-onset hazard model (:mod:`secarch.crisis.hazard`), the vectorised
dyad-year covariate builder (:mod:`secarch.crisis.dyads`) and the refit/validation logic
(:mod:`secarch.crisis.fit`). See docs/hazard.md.
"""

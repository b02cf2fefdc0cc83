"""Crisis simulation: the dyadic dispute-onset hazard model (:mod:`secarch.crisis.hazard`), the vectorised
dyad-year covariate builder (:mod:`secarch.crisis.dyads`), the historical record it is fitted on
(:mod:`secarch.crisis.record`, read with :mod:`secarch.data.external`), the refit/validation logic
(:mod:`secarch.crisis.fit`) and the risk of an architecture's pairs (:mod:`secarch.crisis.risk`).
See docs/hazard.md.
"""

"""Parameters of the security model: every weight named, with its default and the reason for it.

The defaults and their sources are listed in ``docs/security.md`` ("Parameters"). The threat weights are
relative to ``dissimilar_weight = 1``: one unit of threat is the projected capability of a state whose
alliance portfolio is completely unlike the target's. The other threat weights were estimated on
1946–1991 data (``scripts/calibrate_security.py``), leaving 1992–2014 for validation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from secarch.errors import InputError
from secarch.params import EngineParams

SimilarityWeighting = Literal["unweighted", "capability"]


@dataclass(frozen=True)
class SecurityParams(EngineParams):
    """Weights of the security model (see ``docs/security.md`` for each default's source).

    Security_i = (own_i + support_i) / (own_i + support_i + threat_i), with

    - own_i = P[i, i], the state's own capability share projected at home;
    - support_i = support_weight * Σ_j G[j, i] P[j, i], G the guarantee credibility (j guarantees i);
    - threat_i = Σ_j W[j, i] P[j, i] with the threat weight
      W = (dissimilar_weight * (1 - S) / 2 + H + extended_weight * G @ H + target_weight * T)
      * (1 - restraint_weight * N), where H = rival_weight * R + dispute_weight * D.

    P is the loss-of-strength projection of capability shares (:mod:`secarch.security.gradient`).
    """

    #: Weight of a fully dissimilar alliance portfolio ((1 - S) / 2 = 1). Sets the unit of threat.
    dissimilar_weight: float = 1.0
    #: Weight of a strategic rivalry (Thompson and Dreyer 2012), relative to a fully dissimilar portfolio.
    rival_weight: float = 2.3
    #: Weight of being on opposite sides of an ongoing dispute, relative to a fully dissimilar portfolio.
    dispute_weight: float = 1.4
    #: Share of an adversary's hostility that passes to the adversary's guarantors (extended deterrence:
    #: j guarantees x and x is hostile to i, so j's capability threatens i), times j's credibility.
    extended_weight: float = 0.064
    #: Weight of being a named target of an agreement (an agreement directed against the state).
    target_weight: float = 1.0
    #: Fraction of the threat removed by a non-aggression or neutrality commitment of full credibility.
    restraint_weight: float = 0.0
    #: Dispute value of a latent dispute (a standing claim without militarized action), relative to a
    #: militarized one (value 1): the estimated weight of a MID in the previous ten years over an ongoing one.
    latent_dispute_value: float = 0.26
    #: Weight of a guarantor's projected capability relative to one's own (times its credibility).
    support_weight: float = 1.0
    #: How Signorino–Ritter S weights the states of a portfolio: equally, or by capability share.
    similarity_weighting: SimilarityWeighting = "unweighted"
    #: Miles a day for the loss-of-strength gradient; None takes EUGene's value for the year.
    miles_per_day: float | None = None

    ENGINE: ClassVar[str] = "security"
    DOC: ClassVar[str] = "docs/security.md"

    def __post_init__(self) -> None:
        problems = []
        for name in (
            "dissimilar_weight",
            "rival_weight",
            "dispute_weight",
            "extended_weight",
            "target_weight",
            "support_weight",
        ):
            value = getattr(self, name)
            if not (
                isinstance(value, int | float) and value >= 0 and value == value and value != float("inf")
            ):
                problems.append((name, value, "a finite number >= 0"))
        if not (0.0 <= self.latent_dispute_value <= 1.0):
            problems.append(("latent_dispute_value", self.latent_dispute_value, "a number in [0, 1]"))
        if not (0.0 <= self.restraint_weight <= 1.0):
            problems.append(("restraint_weight", self.restraint_weight, "a number in [0, 1]"))
        if self.similarity_weighting not in ("unweighted", "capability"):
            problems.append(
                ("similarity_weighting", self.similarity_weighting, "'unweighted' or 'capability'")
            )
        if self.miles_per_day is not None and not self.miles_per_day > 0:
            problems.append(("miles_per_day", self.miles_per_day, "a positive number of miles, or None"))
        self.raise_first(problems)

    def with_settings(self, settings: list[str] | tuple[str, ...]) -> SecurityParams:
        """A copy with ``NAME=VALUE`` settings applied (the ``--param`` option of the CLI).

        >>> SecurityParams().with_settings(["restraint_weight=0.5"]).restraint_weight
        0.5
        """
        names = {f.name for f in dataclasses.fields(self)}
        changes: dict[str, Any] = {}
        for setting in settings:
            name, sep, raw = setting.partition("=")
            name, raw = name.strip(), raw.strip()
            if not sep or name not in names:
                raise InputError.single(
                    f"unknown security parameter setting {setting!r}",
                    field="--param",
                    expected="NAME=VALUE with NAME one of " + ", ".join(sorted(names)),
                    hint="see docs/security.md, section Parameters",
                )
            if name == "similarity_weighting":
                changes[name] = raw
            elif name == "miles_per_day" and raw.lower() in ("", "none", "by-year"):
                changes[name] = None
            else:
                try:
                    changes[name] = float(raw)
                except ValueError:
                    raise InputError.single(
                        f"security parameter {name} = {raw!r} is not a number",
                        field=name,
                        expected="a number",
                    ) from None
        return self.replace(**changes)

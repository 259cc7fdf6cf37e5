"""Priors of the calibration's free parameters (``orgsim calibrate``, docs/calibration.md).

One :class:`Prior` per free parameter: a uniform distribution on a range, and why that
range. Uniform, because no source prefers a value inside the range: the ranges are
plausibility bounds (the search ranges of the earlier point fit, ``scripts/fit_calibration.py``
``FREE``, widened where the hand-refined default lies outside them), not measurements.

Reduced set: ``demands.workload`` (free in the point fit) is *fixed* at its default here. It
is a property of the organisation preset - each sector preset fits its own level to its
CBS occupation group - so an ensemble that set it would overwrite a preset's workload when
applied to it; with workload fixed, the prevalence level is carried by
``params.drain_rate`` (prevalence depends on drain x workload). Everything not listed is set
from the literature or is a stated assumption (docs/ODD.md) and stays at its default.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Prior:
    """A uniform prior on ``[lo, hi]`` for one config key.

    Attributes:
        key: the config key (``params.drain_rate``).
        lo, hi: the range.
        why: the source or stated assumption that justifies the range.
        integer: the value is rounded to an integer when applied.
    """

    key: str
    lo: float
    hi: float
    why: str
    integer: bool = False

    @property
    def sd(self) -> float:
        """Standard deviation of the prior (uniform: width / sqrt(12))."""
        return (self.hi - self.lo) / float(np.sqrt(12.0))

    def value(self, x: float) -> float:
        """``x`` as applied to the config (rounded for integer parameters)."""
        return float(round(x)) if self.integer else float(x)


FIT = "search range of the point fit (scripts/fit_calibration.py FREE)"

PRIORS: tuple[Prior, ...] = (
    Prior("params.drain_rate", 0.016, 0.030,
          f"{FIT}: about 30% either side of the fitted default, wide enough to trade off "
          "against the buffers and the thresholds (assumption)"),
    Prior("params.appraisal_loss", 0.2, 0.7,
          f"{FIT}: the loss spiral (Hobfoll 1989, COR theory) is present but weaker than the "
          "demand itself (assumption)"),
    Prior("params.hindrance_weight", 0.3, 0.9,
          f"{FIT}: hindrance demands drain less than workload per unit but clearly do "
          "(challenge-hindrance meta-analysis, LePine et al. 2005; range an assumption)"),
    Prior("params.clinical_threshold", 0.45, 0.70,
          f"{FIT} (0.55-0.70), lower end widened to 0.45 to cover the hand-refined default "
          "0.52; BAT clinical cut-offs lie in this region of the scale (Schaufeli, De "
          "Witte & Desart 2020, BAT)"),
    Prior("params.onset_hazard", 0.05, 0.60,
          f"{FIT} (0.05-0.35), upper end widened to 0.60 to cover the hand-refined default "
          "0.45; weekly hazard, an assumption"),
    Prior("params.sick_recovery_rate", 0.03, 0.10,
          f"{FIT}: recovery over months, as episodes of 240-300 days imply (ArboNed)"),
    Prior("params.recovery_spread", 0.4, 1.2,
          f"{FIT}: recovery times of burn-out vary several-fold between people "
          "(assumption, cf. the wide spread of episode durations reported by ArboNed)"),
    Prior("params.return_energy", 0.6, 0.85,
          f"{FIT}: a return starts clearly below full energy (graded return, Dutch Wet "
          "verbetering poortwachter practice; assumption)"),
    Prior("params.treatment_rate", 0.01, 0.06,
          f"{FIT}: treatment rebuilds personal resources over months (assumption)"),
    Prior("params.treatment_lasting", 0.0, 1.0,
          "the whole logical range of a share: nothing to everything of the treatment gain "
          "lasts (no source)"),
    Prior("params.min_sick_weeks", 3.5, 13.5,
          f"{FIT} (4-13 weeks, each integer equally likely: the continuous value is "
          "rounded); minimum absence before any return (assumption)", integer=True),
    Prior("people.task_share_sd", 0.15, 0.45,
          f"{FIT}: within-team spread of individual work share (assumption)"),
    Prior("people.job_design_loading", 0.4, 0.85,
          f"{FIT}: job characteristics correlate moderately to strongly (Bowling et al. "
          "2015; the loading is an assumption)"),
    Prior("org.team_variation", 0.04, 0.2,
          f"{FIT}: gives ICC(1) of exhaustion roughly in the published 0.05-0.25 (Galletta "
          "et al. 2019)"),
    Prior("people.autonomy_sd", 0.1, 0.35,
          f"{FIT}: individual spread of autonomy around the team's (assumption)"),
    Prior("people.role_clarity_sd", 0.1, 0.35,
          f"{FIT}: individual spread of role ambiguity around the team's (assumption)"),
    Prior("people.leader_attention_sd", 0.1, 0.5,
          f"{FIT}: spread of leader attention (leader-member exchange differentiation; "
          "assumption)"),
    Prior("params.autonomy_buffer", 0.1, 0.7,
          f"{FIT}: JD-R buffering by autonomy is real but partial (Bakker, Demerouti & "
          "Euwema 2005; range an assumption)"),
    Prior("params.support_buffer", 0.05, 0.5,
          f"{FIT}: buffering by colleague support is smaller than by autonomy in the JD-R "
          "evidence (Bakker, Demerouti & Euwema 2005; range an assumption)"),
)

BY_KEY: dict[str, Prior] = {p.key: p for p in PRIORS}
#: Free in the point fit, fixed here (see the module docstring).
FIXED: dict[str, str] = {
    "demands.workload": "a property of each organisation preset (fitted per preset); kept "
                        "at its default so that an ensemble can be applied to any preset",
}


def overrides_of(values: dict[str, float]) -> list[str]:
    """A parameter set as config overrides (integers rounded; ``repr`` precision)."""
    out = []
    for key, x in values.items():
        v = BY_KEY[key].value(x)
        out.append(f"{key}={int(v)}" if BY_KEY[key].integer else f"{key}={v!r}")
    return out

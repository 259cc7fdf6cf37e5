"""Intervention: leadership training."""

from __future__ import annotations

from orgsim.interventions.base import Intervention


class LeadershipTraining(Intervention):
    """Leadership training: a programme for team leaders.

    Effects: support +0.12, signal detection +0.25, honest conversation +0.20, clarity
    +0.05, built up over 12 weeks. Stated assumptions of plausible order: leadership
    interventions have small-to-moderate effects on resources (docs/domain.md "Leadership").
    Cost basis: leaders (defaults: EUR 3,500 per leader, about 5 days incl. their time, +
    EUR 5,000 set-up; a two-year programme whose effect fades over the two years after).
    """

    name = "leadership_training"
    level = "team"
    summary = "leaders: support, signal detection, honest talk"
    changes = {"lead_support": 0.12, "lead_signal_detection": 0.25,
               "lead_honest_conversation": 0.20, "lead_clarity": 0.05}
    ramp = 12
    basis = "leaders"

"""Intervention: psychological safety."""

from __future__ import annotations

from orgsim.interventions.base import Intervention


class PsychologicalSafety(Intervention):
    """Psychological safety: team sessions and leaders modelling it.

    Effects: psychological safety +0.15, collaboration +0.05, built up over 12 weeks.
    Stated assumptions of plausible order (the inputs: docs/domain.md "Relational and team
    level"). Cost basis: people (defaults: EUR 10,000 facilitation + 8 h per person, two
    half days).
    """

    name = "psychological_safety"
    level = "team"
    summary = "safe to voice doubts and limits; better collaboration"
    changes = {"psychological_safety": 0.15, "collaboration": 0.05}
    ramp = 12

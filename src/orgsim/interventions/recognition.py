"""Intervention: recognition."""

from __future__ import annotations

from orgsim.interventions.base import Intervention


class Recognition(Intervention):
    """Recognition: feedback routines and celebrating what goes well.

    Effects: organisational recognition +0.15, feedback +0.10, leaders' recognition +0.10,
    built up over 4 weeks. Stated assumptions of plausible order (the inputs: docs/domain.md
    "Work resources", "Leadership"). Cost basis: people (defaults: EUR 2,000 set-up + EUR 2
    per position per week).
    """

    name = "recognition"
    level = "team"
    summary = "feedback and celebrating what goes well"
    changes = {"recognition": 0.15, "feedback": 0.10, "lead_recognition": 0.10}
    ramp = 4

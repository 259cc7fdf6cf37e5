"""Intervention: recovery policy."""

from __future__ import annotations

from orgsim.interventions.base import Intervention


class RecoveryPolicy(Intervention):
    """Recovery policy: breaks, no after-hours notifications, flexible hours.

    Effects: the team's recovery policy +0.30, built up over 2 weeks. Stated assumption of
    plausible order (the input: docs/domain.md "Work resources"). Cost basis: people (defaults:
    EUR 5,000 policy and IT settings + EUR 2 per position per week for less after-hours
    responsiveness).
    """

    name = "recovery_policy"
    level = "team"
    summary = "breaks, no after-hours notifications, flexible hours"
    changes = {"recovery_policy": 0.30}
    ramp = 2

"""Intervention: clearer roles."""

from __future__ import annotations

from orgsim.interventions.base import Intervention


class ClearerRoles(Intervention):
    """Clearer roles: role and goal clarification per team.

    Effects: role ambiguity -0.15 and the leader's clarity about the frame +0.15, built up
    over 8 weeks. Stated assumptions of plausible order (the inputs: docs/domain.md "Demands",
    "Leadership"). Cost basis: people (defaults: EUR 10,000 external support + 6 h per
    person).
    """

    name = "clearer_roles"
    level = "team"
    summary = "less role ambiguity, clearer goals and frame"
    changes = {"role_ambiguity": -0.15, "lead_clarity": 0.15}
    ramp = 8

"""Intervention: focus."""

from __future__ import annotations

from orgsim.interventions.base import Intervention


class Focus(Intervention):
    """Focus: management makes portfolio choices (a "stop doing" list).

    Effects: parallel priorities -1.5 (4 -> 2.5 by default) and priority churn -0.12, built
    up over 4 weeks. Stated assumptions of plausible order, small to moderate (the inputs:
    docs/domain.md "Demands"). Cost basis: people (defaults in configs/intervention/focus.yaml:
    EUR 5,000 facilitation of MT portfolio sessions + 4 h of team planning per person).
    """

    name = "focus"
    level = "team"
    summary = "fewer parallel priorities, less churn (portfolio choices)"
    changes = {"parallel_priorities": -1.5, "priority_churn": -0.12}
    ramp = 4

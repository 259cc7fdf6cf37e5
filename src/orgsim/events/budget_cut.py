"""Event: a budget cut."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.events.base import Event, target_teams, where
from orgsim.timeline import Effect, timeline_of

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


class BudgetCut(Event):
    """A budget cut: positions frozen while the work stays, less development and coaching.

    Assumption: the work of about 8% of positions is spread over the rest (team workload
    +8% x strength; equivalent in the load mechanism to cutting positions without cutting
    work), development -0.15 and coaching -0.10; for a year, then restored over 26 weeks.
    """

    name = "budget_cut"
    code = 5
    description = "same work with fewer positions, less development and coaching"

    def fire(self, model: OrgModel, team: int | None, strength: float) -> str:
        teams, s, week = target_teams(model, team), strength, model.week
        tl = timeline_of(model)
        tl.add(Effect(self.name, "team", "workload", teams,
                      0.08 * s * model.teams.workload[teams], week, hold=52, fade=26), model)
        for attr, delta in (("development", -0.15), ("coaching", -0.10)):
            tl.add(Effect(self.name, "team", attr, teams, np.array(s * delta), week,
                          hold=52, fade=26), model)
        return (f"Budget cut in {where(team)}: same work with fewer positions and less "
                f"development and coaching for a year.")

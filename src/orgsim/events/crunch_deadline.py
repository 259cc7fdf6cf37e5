"""Event: a crunch deadline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.events.base import Event, target_teams, where
from orgsim.timeline import Effect, timeline_of

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


class CrunchDeadline(Event):
    """A crunch deadline: 30% more work and less recovery time for 6 weeks, then it ends.

    Assumption: the deadline brings overtime and after-hours messages (recovery policy
    -0.2) on top of the extra work; when it passes, the work returns to normal at once
    (the exhaustion it caused recovers only gradually, through the energy mechanism).
    """

    name = "crunch_deadline"
    code = 2
    description = "30% more work and little recovery time for 6 weeks"

    def fire(self, model: OrgModel, team: int | None, strength: float) -> str:
        teams, s, week = target_teams(model, team), strength, model.week
        tl = timeline_of(model)
        tl.add(Effect(self.name, "team", "workload", teams,
                      0.30 * s * model.teams.workload[teams], week, hold=6), model)
        tl.add(Effect(self.name, "team", "recovery_policy", teams, np.array(-0.2 * s),
                      week, hold=6), model)
        return f"Crunch deadline in {where(team)}: 30% more work for 6 weeks."

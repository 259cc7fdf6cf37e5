"""Event: a new colleague starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.events.base import Event
from orgsim.state import Status
from orgsim.timeline import Effect, timeline_of

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Weeks a temporary extra hand stays when a team has no vacancy (assumption: 6 months).
TEMP_HIRE_WEEKS = 26


class NewHire(Event):
    """A new colleague starts: a vacancy is filled now instead of after the usual wait.

    Where: the given team, else the team with most vacancies. The new hire goes through
    onboarding (starting at ``hiring.new_hire_productivity``), so relief comes gradually.
    If the team has no vacancy, a temporary extra hand joins for 26 weeks: the team's
    staffing buffer grows by one position's share (x strength), ramping up over the
    onboarding period (assumption).
    """

    name = "new_hire"
    code = 4
    description = "a vacancy is filled (or a temporary hand added)"

    def fire(self, model: OrgModel, team: int | None, strength: float) -> str:
        ws, cfg = model.workforce, model.config
        vacant = ws.status == Status.VACANT
        if team is None:
            per_team = np.bincount(ws.team[vacant], minlength=model.teams.size)
            team = int(np.argmax(per_team))
        rows = np.flatnonzero(vacant & (ws.team == team))
        if len(rows):
            model.fill(rows[:1], self.rng(model))
            return f"A new colleague started in team {team} (onboarding for a few months)."
        share = strength / max(int(model.teams.positions[team]), 1)
        timeline_of(model).add(Effect(self.name, "team", "staffing_buffer", np.array([team]),
                                      np.array(share), model.week, hold=TEMP_HIRE_WEEKS,
                                      ramp=cfg.hiring.onboarding_weeks), model)
        return f"A temporary extra colleague joined team {team} for about 6 months."

"""Event: a key colleague drops out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.events.base import Event
from orgsim.state import Role, Status
from orgsim.timeline import Effect, timeline_of

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


class KeyColleagueDropsOut(Event):
    """A key colleague leaves suddenly (another job, long-term leave for other reasons).

    Who: the present, fully working non-leader with the highest person-task fit x
    engagement (the one others lean on); with ``team=None`` a team is drawn by the event's
    own generator. The position becomes vacant and is refilled by the hiring mechanism
    (vacancy time, then onboarding), so the team's work is spread over fewer people
    meanwhile (the domino effect). Assumption: the knowledge that leaves with them adds role
    ambiguity +0.15 x strength for 4 weeks, fading over 8.
    """

    name = "key_colleague_drops_out"
    code = 3
    description = "a key colleague leaves suddenly; the others carry it"

    def fire(self, model: OrgModel, team: int | None, strength: float) -> str:
        ws = model.workforce
        cand = (ws.status == Status.WORKING) & (ws.role != Role.LEADER) & (ws.hours >= 1.0)
        if team is None:
            options = np.unique(ws.team[cand])
            if len(options) == 0:
                return "Nobody could drop out: no colleague is at work."
            team = int(self.rng(model).choice(options))
        cand &= ws.team == team
        if not cand.any():
            return f"Nobody in team {team} could drop out: no colleague is at work."
        score = np.where(cand, ws.fit * ws.engagement, -np.inf)
        row = int(np.argmax(score))
        model.vacate(np.array([row]))
        ws.relief[row] = 0.0
        ws.relief_left[row] = 0
        ws.weeks_in_status[row] = 0
        ws.episode_weeks[row] = -1
        timeline_of(model).add(Effect(self.name, "team", "role_ambiguity", np.array([team]),
                                      np.array(0.15 * strength), model.week, hold=4, fade=8),
                               model)
        return (f"A key colleague in team {team} dropped out; the position is vacant and the "
                f"team carries the work until it is filled.")

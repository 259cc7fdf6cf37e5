"""Event: a reorganisation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.events.base import Event, target_teams, where
from orgsim.timeline import Effect, timeline_of

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


class Reorganisation(Event):
    """A reorganisation: roles, goals and priorities become unclear and shift for months.

    Assumption (order of magnitude; restructuring raises role ambiguity and job insecurity
    and lowers well-being for months - de Jong et al. 2016, systematic review): role
    ambiguity +0.25, priority churn +0.30 and psychological safety -0.10 (uncertainty about
    one's job), full for 13 weeks, then fading over 26 weeks. Raises hindrance demands at
    once; exhaustion and complaints follow within weeks.
    """

    name = "reorganisation"
    code = 1
    description = "roles and priorities unclear and shifting for months"

    def fire(self, model: OrgModel, team: int | None, strength: float) -> str:
        teams, s, week = target_teams(model, team), strength, model.week
        tl = timeline_of(model)
        for attr, delta in (("role_ambiguity", 0.25), ("priority_churn", 0.30),
                            ("psychological_safety", -0.10)):
            tl.add(Effect(self.name, "team", attr, teams, np.array(s * delta), week,
                          hold=13, fade=26), model)
        return (f"Reorganisation in {where(team)}: roles and priorities unclear for "
                f"about 3 months, settling over the next 6.")

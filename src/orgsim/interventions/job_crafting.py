"""Intervention: job crafting (bottom-up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.config import InterventionConfig
from orgsim.interventions.base import Intervention
from orgsim.timeline import Effect

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


class JobCrafting(Intervention):
    """Job crafting (bottom-up): people shape their tasks to their strengths.

    Effects: person-task fit +0.08 of the people there at the start (a new hire in the
    position does not inherit it), and the team's autonomy +0.05 and development +0.05,
    built up over 8 weeks while practised. Stated assumptions of plausible order:
    job-crafting interventions have small-to-moderate effects on resources (docs/domain.md).
    Cost basis: people (defaults: EUR 5,000 + 4 h workshop per person + EUR 1 per position
    per week for follow-up meetings).
    """

    name = "job_crafting"
    level = "person"
    summary = "bottom-up: people shape tasks to their strengths"
    changes = {"fit": 0.08, "autonomy": 0.05, "development": 0.05}
    ramp = 8

    def apply(self, model: OrgModel, label: str, ic: InterventionConfig, teams: np.ndarray,
              rows: np.ndarray, sizes: dict[str, float]) -> None:
        team_sizes = {k: v for k, v in sizes.items() if k != "fit"}
        self.team_effects(model, label, ic, team_sizes, teams)
        ramp = self.ramp_weeks(ic)
        model.timeline.add(Effect(label, "person", "fit", rows, np.array(sizes["fit"]),
                                  model.week, hold=ic.duration_weeks - ramp, ramp=ramp,
                                  fade=ic.fade_weeks), model)

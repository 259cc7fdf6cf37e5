"""Intervention: free capacity (less bureaucracy and meetings), used as ``use`` says."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.config import Config, ConfigError, InterventionConfig
from orgsim.interventions.base import Intervention, Option, kind_of
from orgsim.timeline import Effect

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

USES = ("more_work", "development", "autonomy", "recovery")
#: Share of the freed time that is refilled with core work, per ``use``.
#: more_work: all of it (the gain vanishes); development: half (learning takes time);
#: autonomy, recovery: none (slack stays as room to plan and to recover).
REFILL = {"more_work": 1.0, "development": 0.5, "autonomy": 0.0, "recovery": 0.0}
#: The resource the freed time goes to, per ``use``.
USE_CHANGE = {"development": "development", "autonomy": "autonomy",
              "recovery": "recovery_policy"}


def _window(ic: InterventionConfig) -> tuple[int, int]:
    return ic.start_week, ic.start_week + ic.duration_weeks + ic.fade_weeks


def _overlap(a: InterventionConfig, b: InterventionConfig) -> bool:
    (s1, e1), (s2, e2) = _window(a), _window(b)
    if s1 >= e2 or s2 >= e1:
        return False
    if a.target == "teams" and b.target == "teams":
        return bool(set(a.teams) & set(b.teams))
    return True


class FreeCapacity(Intervention):
    """Free capacity: less bureaucracy and meetings; the freed time goes where ``use`` says.

    Effects: bureaucracy/meetings -0.08 of working time (~3 h a week), built up over 4
    weeks; ``use`` says where the freed time goes: more_work (all refilled with core work,
    team workload x (1 - b') / (1 - b): the gain vanishes), development (half refilled,
    development +0.15), autonomy (autonomy +0.10), recovery (recovery policy +0.15). Stated
    assumptions of plausible order; the refill follows docs/domain.md "use freed capacity
    deliberately". Cost basis: people (defaults: EUR 15,000 meeting/admin audit and process
    redesign + 3 h per person). Two free_capacity with a different ``use`` for the same
    teams at overlapping times conflict.
    """

    name = "free_capacity"
    level = "team"
    summary = "less bureaucracy and meetings; freed time used as `use` says"
    changes = {"bureaucracy": -0.08, "development": 0.15, "autonomy": 0.10,
               "recovery_policy": 0.15}
    ramp = 4
    options = {"use": Option("where the freed time goes: " + " | ".join(USES), choices=USES)}

    def check_together(self, key: str, ic: InterventionConfig, cfg: Config,
                       later: list[tuple[str, InterventionConfig]]) -> None:
        for k2, b in later:
            if kind_of(k2, b) == self.name and ic.use != b.use and _overlap(ic, b):
                raise ConfigError(
                    f"interventions.{key} and interventions.{k2} conflict: free capacity used "
                    f"for {ic.use!r} and {b.use!r} in the same teams at the same time")

    def apply(self, model: OrgModel, label: str, ic: InterventionConfig, teams: np.ndarray,
              rows: np.ndarray, sizes: dict[str, float]) -> None:
        tm = model.teams
        use = self.option(ic, "use")
        freed = -sizes["bureaucracy"]
        before = tm.bureaucracy[teams].copy()
        use_sizes = {"bureaucracy": -freed}
        if use in USE_CHANGE:
            res = USE_CHANGE[use]
            use_sizes[res] = sizes[res]
        self.team_effects(model, label, ic, use_sizes, teams)
        refill = REFILL[use]
        if refill > 0:
            # the freed share of time refilled with core work: workload x (1 - b') / (1 - b)
            b_old = before
            b_new = np.maximum(b_old - freed, 0.0)
            extra = tm.workload[teams] * refill * ((1 - b_new) / (1 - b_old) - 1.0)
            ramp = self.ramp_weeks(ic)
            model.timeline.add(Effect(label, "team", "workload", teams, extra, model.week,
                                      hold=ic.duration_weeks - ramp, ramp=ramp,
                                      fade=ic.fade_weeks), model)

"""Intervention: relational return to work (an organisation-wide policy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.config import Config, ConfigError, InterventionConfig, ReturnToWork
from orgsim.interventions.base import Intervention

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel


class RelationalReturnToWork(Intervention):
    """Relational return to work: leader and team involved in recovery and return.

    Sets ``absence.return_to_work = relational`` while in force and restores the previous
    policy when it ends; the effects are those of the absence mechanism (faster recovery,
    more and longer load relief; absence.py, docs/domain.md "Recovery and return to work").
    Organisation-wide policy: target must be all; it conflicts with a configuration whose
    policy is relational already. Cost basis: people (defaults: EUR 10,000 training of
    leaders and case managers + EUR 1 per position per week for extra case management and
    team time).
    """

    name = "relational_return_to_work"
    level = "policy"
    summary = "leader and team involved in the return to work"

    def check_together(self, key: str, ic: InterventionConfig, cfg: Config,
                       later: list[tuple[str, InterventionConfig]]) -> None:
        if cfg.absence.return_to_work == ReturnToWork.RELATIONAL:
            raise ConfigError(f"interventions.{key} conflicts with absence.return_to_work = "
                              f"relational: the policy is relational already")

    def apply(self, model: OrgModel, label: str, ic: InterventionConfig, teams: np.ndarray,
              rows: np.ndarray, sizes: dict[str, float]) -> None:
        absence = model.config.absence
        previous = absence.return_to_work
        absence.return_to_work = ReturnToWork.RELATIONAL

        def restore(m: OrgModel) -> str:
            m.config.absence.return_to_work = previous
            return "return to work policy restored"

        model.timeline.at(model.week + ic.duration_weeks, f"{label}:end", restore)

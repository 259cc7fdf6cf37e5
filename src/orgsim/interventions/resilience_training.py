"""Intervention: resilience training (an individual course)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.config import InterventionConfig
from orgsim.interventions.base import Intervention
from orgsim.state import PERSONAL_RESOURCES, Status
from orgsim.timeline import holder_key

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Weeks over which a resilience course is given (sessions; the boost builds up).
COURSE_WEEKS = 8


class ResilienceTraining(Intervention):
    """Resilience training (individual only): a course raising the personal resources.

    Each weekly session (over ``COURSE_WEEKS`` = 8 weeks, or the duration if shorter)
    raises the four personal resources a little, towards the maximum: in total
    0.15 x (1 - level). Afterwards it fades through the model's own pull of personal
    resources back to each person's trait level (spirals.py) - nothing in the work changes
    (individual-only trainings fade; domain.md). People who left before a session, or are
    on sick leave, miss it. Stated assumption of plausible order. Targets all, teams or a
    role. Cost basis: people (defaults: EUR 900 per participant, 12 h of their time at
    EUR 60/h + trainer).
    """

    name = "resilience_training"
    level = "person"
    summary = "individual course: personal resources (fades)"
    changes = {"personal_resources": 0.15}

    def apply(self, model: OrgModel, label: str, ic: InterventionConfig, teams: np.ndarray,
              rows: np.ndarray, sizes: dict[str, float]) -> None:
        weeks = min(COURSE_WEEKS, ic.duration_weeks)
        per_week = sizes["personal_resources"] / weeks
        holders = holder_key(model, rows)

        def session(m: OrgModel) -> str:
            ws = m.workforce
            here = rows[holder_key(m, rows) == holders]
            here = here[ws.status[here] != Status.SICK_LEAVE]
            for name in PERSONAL_RESOURCES:
                arr = getattr(ws, name)
                arr[here] = np.clip(arr[here] + per_week * (1.0 - arr[here]), 0.0, 1.0)
            return f"{label}: session for {len(here)} people"

        for w in range(weeks):
            model.timeline.at(model.week + w, f"{label}:session", session)

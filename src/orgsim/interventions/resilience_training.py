"""Intervention: resilience training (an individual course)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from orgsim.config import InterventionConfig
from orgsim.dynamics.training import training_session
from orgsim.interventions.base import Intervention
from orgsim.state import Status
from orgsim.timeline import holder_key

if TYPE_CHECKING:  # pragma: no cover
    from orgsim.model import OrgModel

#: Weeks over which a resilience course is given (sessions; what it teaches builds up).
COURSE_WEEKS = 8


class ResilienceTraining(Intervention):
    """Resilience training (individual only): a course whose lessons are applied, then fade.

    Each weekly session (over ``COURSE_WEEKS`` = 8 weeks, or the duration if shorter)
    raises the person's ``training`` state (dynamics/training.py) by an equal part of
    ``training`` = 0.3 in total; what was taught acts from the first session on - it adds
    to the assertiveness people apply when appraising their load (saying when they are
    full) and to the energy management they apply when detaching after work - and fades
    with a half-life of ``params.training_half_life_weeks`` (13 weeks). Nothing in the work
    changes. Evidence: controlled person-directed programmes reduce exhaustion by about
    d = 0.2 (Maricuțoiu et al. 2016); their effects last about 6 months and fade (Awa et
    al. 2010). The size is a stated assumption of plausible order. People who left before
    a session, or are on sick leave, miss it; a new hire in the position starts at 0.
    Targets all, teams or a role. Cost basis: people (defaults: EUR 900 per participant,
    12 h of their time at EUR 60/h + trainer).
    """

    name = "resilience_training"
    level = "person"
    summary = "individual course: applied at once, fades over months"
    changes = {"training": 0.3}

    def apply(self, model: OrgModel, label: str, ic: InterventionConfig, teams: np.ndarray,
              rows: np.ndarray, sizes: dict[str, float]) -> None:
        weeks = min(COURSE_WEEKS, ic.duration_weeks)
        per_week = sizes["training"] / weeks
        holders = holder_key(model, rows)

        def session(m: OrgModel) -> str:
            ws = m.workforce
            here = rows[holder_key(m, rows) == holders]
            here = here[ws.status[here] != Status.SICK_LEAVE]
            ws.training[here] = training_session(ws.training[here], per_week)
            return f"{label}: session for {len(here)} people"

        for w in range(weeks):
            model.timeline.at(model.week + w, f"{label}:session", session)

"""Replacement of leavers and onboarding of new hires.

Assumptions: a vacancy is filled each week with probability 1 / mean vacancy duration
(geometric waiting time); a new hire starts at ``new_hire_productivity`` and reaches full
productivity linearly over the onboarding period, so colleagues carry part of the work
meanwhile (docs/domain.md domino effect).
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation


@equation
def filled(vacant: np.ndarray, uniform: np.ndarray, mean_weeks: float) -> np.ndarray:
    """Which vacancies are filled this week (bool mask)."""
    return vacant & (uniform < 1.0 / mean_weeks)


def productivity(onboarding_left: np.ndarray, onboarding_weeks: int, start: float) -> np.ndarray:
    """Productivity (0..1) of each person given the onboarding weeks still to go."""
    if onboarding_weeks <= 0:
        return np.ones_like(onboarding_left, dtype=float)
    progress = 1.0 - onboarding_left / onboarding_weeks
    return start + (1.0 - start) * np.clip(progress, 0.0, 1.0)

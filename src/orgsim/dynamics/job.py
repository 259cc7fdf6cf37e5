"""The person's own job: where it differs from the team's.

People in one team do not have the same job: some have more autonomy, clearer roles, a
larger share of the work or more of the leader's attention (individual job design; Hackman
& Oldham 1976; the job-quality factor drawn in :mod:`orgsim.organisation`). Assumption: a
person's level of a team characteristic is the team's level shifted by their own deviation,
kept within 0..1.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import clip, equation


@equation
def own_level(team_level: np.ndarray, own: np.ndarray) -> np.ndarray:
    """The person's own level of a team characteristic (autonomy, role ambiguity): the
    team's level plus their own deviation, within 0..1."""
    return clip(team_level + own, 0.0, 1.0)

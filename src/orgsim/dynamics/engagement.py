"""Motivational process: job and personal resources foster engagement.

Sources: JD-R motivational process (Schaufeli & Bakker 2004); resources matter most for
engagement when demands are high (the boosting hypothesis, Bakker et al. 2007); personal
resources (Xanthopoulou et al. 2007); exhaustion and hindrance demands undermine
engagement (LePine et al. 2005 challenge-hindrance). The logistic target is an assumption.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import clip, equation


@equation
def engagement_target(
    job_resources: np.ndarray,
    personal_resources: np.ndarray,
    demand: np.ndarray,
    exhaustion: np.ndarray,
    hindrance_demand: np.ndarray,
    base: float,
    resources: float,
    personal: float,
    boost: float,
    exhaustion_effect: float,
    hindrance_effect: float,
) -> np.ndarray:
    """The engagement level (0..1) a person's situation pulls them towards."""
    boosting = 1.0 + boost * clip(demand - 1.0, 0.0, 2.0)
    logit = (
        base + resources * job_resources * boosting + personal * personal_resources
        - exhaustion_effect * exhaustion - hindrance_effect * hindrance_demand
    )
    return 1.0 / (1.0 + np.exp(-logit))


@equation
def update_engagement(
    engagement: np.ndarray, target: np.ndarray, noise: np.ndarray, rate: float
) -> np.ndarray:
    """Engagement moves a share ``rate`` of the way to its target each week."""
    return clip(engagement + rate * (target - engagement) + noise, 0.0, 1.0)

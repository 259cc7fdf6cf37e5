"""Motivational process: job and personal resources foster engagement.

Sources: JD-R motivational process (Schaufeli & Bakker 2004); resources matter most for
engagement when demands are high (the boosting hypothesis, Bakker et al. 2007); personal
resources (Xanthopoulou et al. 2007); exhaustion and hindrance demands undermine
engagement (LePine et al. 2005 challenge-hindrance). The logistic target is an assumption.
"""

from __future__ import annotations

import numpy as np


def engagement_target(
    job_resources: np.ndarray,
    personal_resources: np.ndarray,
    demand: np.ndarray,
    exhaustion: np.ndarray,
    hindrance_demand: np.ndarray,
    *,
    base: float,
    resources: float,
    personal: float,
    boost: float,
    exhaustion_effect: float,
    hindrance_effect: float,
) -> np.ndarray:
    """The engagement level (0..1) a person's situation pulls them towards."""
    # Performance: augmented operations on fresh temporaries, same operations and order.
    boosting = boost * np.clip(demand - 1.0, 0.0, 2.0)
    boosting += 1.0
    logit = resources * job_resources
    logit *= boosting
    logit += base  # base + resources x R x boosting
    logit += personal * personal_resources
    logit -= exhaustion_effect * exhaustion
    logit -= hindrance_effect * hindrance_demand
    target = np.exp(-logit)
    target += 1.0
    return 1.0 / target


def update_engagement(
    engagement: np.ndarray, target: np.ndarray, noise: np.ndarray, *, rate: float
) -> np.ndarray:
    """Engagement moves a share ``rate`` of the way to its target each week."""
    moved = target - engagement
    moved *= rate
    moved += engagement  # engagement + rate x (target - engagement)
    moved += noise
    return np.clip(moved, 0.0, 1.0)

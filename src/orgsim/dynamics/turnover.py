"""Leaving the organisation.

Sources: low engagement predicts turnover intention and leaving (Schaufeli & Bakker 2004;
Halbesleben 2010 meta-analysis); in the Netherlands, the employment of someone on sick
leave can end after two years (Wet verbetering poortwachter). Voluntary turnover of ~7% a
year at average engagement is an assumption of Dutch order.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation

#: Engagement at which the quit rate equals its base value.
REFERENCE_ENGAGEMENT = 0.55


@equation
def quit_probability(
    engagement: np.ndarray, rate_per_year: float, engagement_effect: float
) -> np.ndarray:
    """Weekly probability of leaving voluntarily (log-hazard linear in engagement)."""
    weekly = 1.0 - (1.0 - rate_per_year) ** (1.0 / 52.0)
    return np.minimum(
        weekly * np.exp(engagement_effect * (REFERENCE_ENGAGEMENT - engagement)), 0.5
    )

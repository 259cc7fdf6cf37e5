"""Leaving the organisation.

Sources: low engagement predicts turnover intention and leaving (Schaufeli & Bakker 2004;
Halbesleben 2010 meta-analysis); in the Netherlands, the employment of someone on sick
leave can end after two years (Wet verbetering poortwachter). Voluntary turnover of ~7% a
year at average engagement is an assumption of Dutch order.

Attribution (stated assumption, used for the costs, never for the simulation): a quit
beyond the base rate, caused by engagement below :data:`REFERENCE_ENGAGEMENT`, counts as
burn-out-related: in this model low engagement is the mental distance of the Burnout
Assessment Tool (Schaufeli, De Witte & Desart 2020), a core symptom of burn-out. The share
of such a quit attributed to it is the excess fraction ``1 - p0 / p`` of its hazard ``p``
over the base hazard ``p0`` (Greenland & Robins 1988); summed over the leavers it is, in
expectation, the number of quits beyond the base rate.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation

#: Engagement at which the quit rate equals its base value.
REFERENCE_ENGAGEMENT = 0.55


@equation
def base_weekly(rate_per_year: float) -> float:
    """The weekly quit probability at the reference engagement, from the yearly rate."""
    return 1.0 - (1.0 - rate_per_year) ** (1.0 / 52.0)


@equation
def quit_probability(
    engagement: np.ndarray, rate_per_year: float, engagement_effect: float
) -> np.ndarray:
    """Weekly probability of leaving voluntarily (log-hazard linear in engagement)."""
    weekly = base_weekly(rate_per_year)
    return np.minimum(
        weekly * np.exp(engagement_effect * (REFERENCE_ENGAGEMENT - engagement)), 0.5
    )


def excess_share(probability: np.ndarray, *, rate_per_year: float) -> np.ndarray:
    """Share of a quit with weekly ``probability`` due to low engagement: ``1 - p0/p``
    beyond the base weekly probability ``p0`` (0 at or above the reference engagement)."""
    weekly = base_weekly(rate_per_year)
    p = np.asarray(probability, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > weekly, 1.0 - weekly / p, 0.0)

"""Life outside work: informal caregiving and life events that come and go.

Source: NIP (2020): private circumstances such as informal caregiving or grief can add to
burn-out risk but are not decisive. Rates and loads are assumptions of Dutch order
(configurable in PeopleConfig).
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import equation


@equation
def outside_load(caregiving: np.ndarray, life_event: np.ndarray) -> np.ndarray:
    """Total outside-work load (0..1)."""
    return np.minimum(caregiving + life_event, 1.0)


def life_event_countdown(
    weeks_left: np.ndarray, load: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One week passes for running life events: weeks left fall by one; at 0 the load ends.

    Assumption: a life event (illness in the family, moving house, divorce) weighs for a
    limited time (on average ``people.life_event_weeks``) and then ends.
    """
    running = weeks_left > 0
    left = weeks_left - running
    return left, np.where(running & (left == 0), 0.0, load)


@equation
def life_event_starts(
    has_event: np.ndarray, uniform: np.ndarray, events_per_year: float
) -> np.ndarray:
    """Who starts a new life event this week (bool mask)."""
    return ~has_event & (uniform < events_per_year / 52.0)


def life_event_length(uniform: np.ndarray, mean_weeks: float) -> np.ndarray:
    """Weeks a starting life event lasts: geometric with mean ``mean_weeks`` (at least 1),
    by inversion of a U(0, 1) draw per event: ``1 + floor(log(1 - u) / log(1 - 1/mean))``."""
    if mean_weeks <= 1.0:
        return np.ones(len(uniform), dtype=np.int64)
    return 1 + np.floor(np.log1p(-uniform) / np.log1p(-1.0 / mean_weeks)).astype(np.int64)

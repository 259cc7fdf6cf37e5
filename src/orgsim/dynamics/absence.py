"""Burn-out sick leave, recovery over months, graded return and relapse.

Sources: burn-out absence lasts months (ArboNed: 242-300 calendar days); about 37% are
fully back six months after clinical burn-out (Sonnenschein et al. 2008); about 19% have a
new episode of absence for mental complaints within about 3 years (Koopmans et al. 2011);
recovery is faster and lasts when employer and team are involved and the work changes
(docs/domain.md "Recovery and return to work"; Dutch Wet verbetering poortwachter practice of
graded return). Thresholds and rates are calibrated assumptions.
"""

from __future__ import annotations

import numpy as np

from orgsim.dynamics.equation import clip, equation, where


@equation
def persistent_weeks(high_weeks: np.ndarray, above: np.ndarray) -> np.ndarray:
    """Consecutive weeks above the clinical threshold (reset to 0 when below)."""
    return where(above, high_weeks + 1, 0)


@equation
def onset(
    high_weeks: np.ndarray,
    energy: np.ndarray,
    at_work: np.ndarray,
    uniform: np.ndarray,
    onset_weeks: int,
    hazard: float,
) -> np.ndarray:
    """Who drops out on burn-out sick leave this week (bool mask).

    A person whose BAT state stayed above the clinical threshold for ``onset_weeks``
    weeks reports sick with weekly probability ``hazard``; near-total depletion
    (energy < 0.05) always leads to sick leave.
    """
    persistent = high_weeks >= onset_weeks
    return at_work & ((persistent & (uniform < hazard)) | (energy < 0.05))


@equation
def sick_recovery(
    energy: np.ndarray,
    resilience: np.ndarray,
    speed: np.ndarray,
    relational: bool,
    noise: np.ndarray,
    rate: float,
    relational_gain: float,
) -> np.ndarray:
    """Energy of people on sick leave after one more week of recovery.

    Recovery towards full energy at ``rate`` x (0.5 + resilience) x ``speed`` (the
    episode's own pace: recovery times differ widely between people), faster by
    ``relational_gain`` when employer and team are involved.
    """
    pace = rate * (0.5 + resilience) * speed * (1.0 + (relational_gain if relational else 0.0))
    return clip(energy + pace * (1.0 - energy) + noise, 0.0, 1.0)


@equation
def episode_pace(normal: np.ndarray, spread: float) -> np.ndarray:
    """Recovery pace of a new episode: log-normal with median 1 and log-sd ``spread``
    (``normal``: a standard normal draw per episode)."""
    return np.exp(spread * normal)


@equation
def ready_to_return(
    energy: np.ndarray, weeks_on_leave: np.ndarray, return_energy: float, min_weeks: int
) -> np.ndarray:
    """Who starts a graded return this week (bool mask over people on sick leave)."""
    return (energy >= return_energy) & (weeks_on_leave >= min_weeks)


@equation
def graded_hours(hours: np.ndarray, start_hours: float, ramp_weeks: int) -> np.ndarray:
    """Hours of reintegrating people after one more week of build-up (linear to 1).

    Values within 1e-9 of full hours are set to exactly 1.0, so that repeated float
    addition cannot leave someone at 0.9999999 (one week too long in reintegration).
    """
    new = np.minimum(hours + (1.0 - start_hours) / ramp_weeks, 1.0)
    return where(new >= 1.0 - 1e-9, 1.0, new)


@equation
def treatment_gain(resource: np.ndarray, rate: float) -> np.ndarray:
    """Weekly gain of a personal resource during sick leave (individual treatment).

    Source: individual treatment mainly strengthens personal resources (docs/domain.md); the
    work situation it returns to is unchanged unless the return is relational. Applied to
    the current resources at ``rate`` and, at ``rate x params.treatment_lasting``, to the trait
    level they return to (assumption: part of what treatment teaches — boundary setting,
    energy management — lasts, which is one reason most people do not relapse).
    """
    return rate * (1.0 - resource)
